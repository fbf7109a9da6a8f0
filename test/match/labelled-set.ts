/**
 * A labelled set for matching, built deterministically (seeded) from real
 * SDN entries and from decoys that are not on the list.
 *
 * Positives: every DPRK entry plus a sample of other people and
 * organisations; for each, the variants that apply to it: a strong alias as
 * written, the name re-ordered, re-romanised (another spelling from the
 * romanisation tables, given names hyphenated or joined), one typo in its
 * longest token (5+ letters: a typo in a short token makes another name),
 * one middle name dropped (people with 4+ tokens), another legal form
 * (organisations). Decoys: see decoys.ts.
 */
import { romanisationVariants } from '../../src/normalise/romanisation.js';
import { LEGAL_FORMS } from '../../src/match/word-lists.js';
import type { MatchQuery, WatchEntry } from '../../src/match/types.js';
import { buildDecoys } from './decoys.js';
import { prng } from '../helpers/prng.js';

export interface LabelledQuery {
  query: MatchQuery;
  /** The entry the query must find; null for a decoy. */
  expected: string | null;
  variant: string;
}

export interface LabelledSet {
  positives: LabelledQuery[];
  decoys: LabelledQuery[];
  /** Decoys set aside because they may be a listed party (see decoys.ts). */
  listedDecoys: { name: string; listed: string }[];
  sampledEntries: number;
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const title = (t: string): string => (t.length <= 1 ? t.toUpperCase() : t[0]!.toUpperCase() + t.slice(1).toLowerCase());
const words = (name: string): string[] => name.replace(/,/gu, ' ').split(/\s+/u).filter(Boolean);

/** "KIM, Jong Un" -> ["Jong", "Un", "Kim"]: the order people write their own name. */
function naturalOrder(name: string): string[] {
  const [surname, given] = name.split(',', 2);
  return given !== undefined ? [...words(given), ...words(surname!)].map(title) : words(name);
}

function shuffle<T>(rand: Rand, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function reRomanise(rand: Rand, tokens: string[], person: boolean): string | null {
  let changed = false;
  const out = tokens.map((t) => {
    const others = romanisationVariants(t.toLowerCase()).filter((v) => v !== t.toLowerCase() && v.length > 1);
    if (others.length === 0 || rand() < 0.25) return t;
    changed = true;
    return title(pick(rand, others));
  });
  // Given names written joined or hyphenated: "Jong Un" -> "Jongun" / "Jong-un".
  if (person && out.length >= 3 && rand() < 0.6) {
    const joined = rand() < 0.5 ? `${out[0]}${out[1]!.toLowerCase()}` : `${out[0]}-${out[1]!.toLowerCase()}`;
    return [joined, ...out.slice(2)].join(' ');
  }
  return changed ? out.join(' ') : null;
}

function typo(rand: Rand, tokens: string[]): string | null {
  const longest = tokens.reduce((best, t, i) => (t.length > tokens[best]!.length ? i : best), 0);
  const token = tokens[longest]!;
  if (token.length < 5 || !/^\p{L}+$/u.test(token)) return null;
  const at = 1 + Math.floor(rand() * (token.length - 2));
  const letter = pick(rand, [...'aeioulnrst']);
  const ops = [
    () => token.slice(0, at) + token.slice(at + 1),
    () => token.slice(0, at) + letter + token.slice(at),
    () => token.slice(0, at) + letter + token.slice(at + 1),
    () => token.slice(0, at) + token[at + 1] + token[at] + token.slice(at + 2),
  ];
  const changed = pick(rand, ops)();
  if (changed.toLowerCase() === token.toLowerCase()) return null;
  return tokens.map((t, i) => (i === longest ? changed : t)).join(' ');
}

function variantsOf(rand: Rand, entry: WatchEntry): { name: string; variant: string }[] {
  const primary = entry.names[0]!;
  const person = entry.kind === 'person';
  const tokens = person ? naturalOrder(primary) : words(primary);
  const out: { name: string; variant: string }[] = [];
  const aliases = entry.names.slice(1);
  if (aliases.length > 0) out.push({ name: pick(rand, aliases), variant: 'alias' });
  if (tokens.length >= 2) {
    const reordered = person ? (rand() < 0.5 ? tokens : shuffle(rand, tokens)) : [...tokens.slice(1), tokens[0]!];
    out.push({ name: reordered.join(' '), variant: 'reordered' });
  }
  const romanised = reRomanise(rand, tokens, person);
  if (romanised) out.push({ name: romanised, variant: 'romanised' });
  const typoed = typo(rand, tokens);
  if (typoed) out.push({ name: typoed, variant: 'typo' });
  if (person && tokens.length >= 4) {
    const drop = 1 + Math.floor(rand() * (tokens.length - 2));
    out.push({ name: tokens.filter((_, i) => i !== drop).join(' '), variant: 'dropped-middle' });
  }
  if (!person) {
    const bare = tokens.filter((t) => !LEGAL_FORMS.has(t.toLowerCase().replace(/[.,]/gu, '')));
    if (bare.length >= 1 && bare.length < tokens.length) {
      out.push({ name: `${bare.join(' ')} ${pick(rand, ['Co., Ltd.', 'LLC', 'Corporation', 'Limited', 'Inc.'])}`, variant: 'legal-form' });
    }
  }
  return out;
}

export function buildLabelledSet(entries: readonly WatchEntry[], seed = 20251201): LabelledSet {
  const rand = prng(seed);
  const named = entries.filter((e) => e.names.length > 0 && (e.kind === 'person' || e.kind === 'organization'));
  const dprk = named.filter((e) => e.programs.some((p) => p.includes('DPRK')));
  const others = shuffle(rand, named.filter((e) => !dprk.includes(e)));
  const sample = [
    ...dprk,
    ...others.filter((e) => e.kind === 'person').slice(0, 300),
    ...others.filter((e) => e.kind === 'organization').slice(0, 200),
  ];
  const positives: LabelledQuery[] = [];
  for (const entry of sample) {
    for (const { name, variant } of variantsOf(rand, entry)) {
      const kind = rand() < 0.5 ? (entry.kind === 'person' ? 'person' : 'organization') : undefined;
      positives.push({ query: kind ? { name, kind } : { name }, expected: entry.entry, variant });
    }
  }
  const { decoys, listedDecoys } = buildDecoys(entries, rand);
  return { positives, decoys, listedDecoys, sampledEntries: sample.length };
}
