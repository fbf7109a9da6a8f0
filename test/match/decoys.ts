/**
 * Decoys: common full names of many origins and ordinary company names,
 * generated from decoy-names.ts. A decoy that may be a listed party is set
 * aside (and reported), since a hit on it is right, not false:
 * - a person decoy that the project's own same-person comparison
 *   (src/match/same-person.ts: reordering, romanisation, nicknames, one typo
 *   in a long token, initials, a name left out) finds compatible with a
 *   listed person's name ("Raul Castro" for "CASTRO RODRIGUEZ, Raul"); it is
 *   run on the listed names that hold all the decoy's tokens but one;
 * - a company decoy with exactly the tokens of a listed name, legal forms aside.
 */
import { normaliseName, type NormalName } from '../../src/normalise/name.js';
import { romanisationKey } from '../../src/normalise/romanisation.js';
import { samePerson } from '../../src/match/same-person.js';
import { prepareName } from '../../src/match/prepare.js';
import { LEGAL_FORMS } from '../../src/match/word-lists.js';
import type { WatchEntry } from '../../src/match/types.js';
import { COMPANY_WORDS, NAME_POOLS } from './decoy-names.js';
import { pick, type LabelledQuery, type Rand } from './labelled-set.js';

function companyKey(name: string): string {
  return prepareName(name, 'organization').tokens.filter((t) => !LEGAL_FORMS.has(t)).map(romanisationKey).sort().join(' ');
}

function decoyNames(rand: Rand): { people: string[]; companies: string[] } {
  const people = new Set<string>();
  for (const [origin, pool] of Object.entries(NAME_POOLS)) {
    for (let i = 0; i < 230; i++) {
      const given = pick(rand, pool.given);
      const family = pick(rand, pool.family);
      const roll = rand();
      if (roll < 0.15) people.add(`${given} ${pick(rand, pool.given)} ${family}`);
      else if (roll < 0.25 && origin === 'hispanic') people.add(`${given} ${family} ${pick(rand, pool.family)}`);
      else if (roll < 0.3) people.add(`${family}, ${given}`);
      else people.add(`${given} ${family}`);
    }
  }
  const companies = new Set<string>();
  for (let i = 0; i < 320; i++) {
    companies.add(`${pick(rand, COMPANY_WORDS.first)} ${pick(rand, COMPANY_WORDS.second)} ${pick(rand, COMPANY_WORDS.legal)}`);
  }
  return { people: [...people], companies: [...companies] };
}

/** Listed person names by each of their (romanisation-canonical) tokens. */
function personNamesByToken(entries: readonly WatchEntry[]): Map<string, { raw: string; name: NormalName }[]> {
  const byToken = new Map<string, { raw: string; name: NormalName }[]>();
  for (const e of entries) {
    if (e.kind !== 'person') continue;
    for (const raw of e.names) {
      const listed = { raw, name: normaliseName(raw) };
      for (const t of new Set(listed.name.tokens.map(romanisationKey))) {
        const list = byToken.get(t) ?? [];
        list.push(listed);
        byToken.set(t, list);
      }
    }
  }
  return byToken;
}

export function buildDecoys(entries: readonly WatchEntry[], rand: Rand): { decoys: LabelledQuery[]; listedDecoys: { name: string; listed: string }[] } {
  const { people, companies } = decoyNames(rand);
  const decoys: LabelledQuery[] = [];
  const listedDecoys: { name: string; listed: string }[] = [];
  const byToken = personNamesByToken(entries);
  for (const name of people) {
    const normal = normaliseName(name);
    // Listed names holding all the decoy's tokens but one (that one may be a typo, nickname or other spelling).
    const shared = new Map<{ raw: string; name: NormalName }, number>();
    for (const t of new Set(normal.tokens.map(romanisationKey))) for (const c of byToken.get(t) ?? []) shared.set(c, (shared.get(c) ?? 0) + 1);
    const needed = Math.max(1, new Set(normal.tokens.map(romanisationKey)).size - 1);
    const same = [...shared].find(([c, n]) => n >= needed && samePerson(normal, c.name).same)?.[0];
    if (same) listedDecoys.push({ name, listed: same.raw });
    else decoys.push({ query: { name }, expected: null, variant: 'person' });
  }
  const companyKeys = new Map(entries.flatMap((e) => (e.kind === 'person' ? [] : e.names.map((n) => [companyKey(n), n] as const))));
  for (const name of companies) {
    const listed = companyKeys.get(companyKey(name));
    if (listed) listedDecoys.push({ name, listed });
    else decoys.push({ query: { name }, expected: null, variant: 'company' });
  }
  return { decoys, listedDecoys };
}
