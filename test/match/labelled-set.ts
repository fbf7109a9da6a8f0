/**
 * A labelled set for matching, built deterministically (seeded) from real
 * SDN entries and from decoys that are not on the list.
 *
 * Positives: every DPRK entry plus a sample of other people and
 * organisations; for each, the variants that apply to it: a strong alias as
 * written, the name re-ordered, another spelling of it that OFAC itself
 * lists (see below), one typo in its longest token (5+ letters: a typo in a
 * short token makes another name), one middle name dropped (people with 4+
 * tokens), another legal form (organisations). Decoys: see decoys.ts.
 *
 * Other spellings come from the SDN list, not from the matcher's
 * romanisation table: OFAC lists many people and organisations under several
 * spellings of one name (KIM, Yong Chol a.k.a. KIM, Young-Cheol; CHOE, Pu Il
 * a.k.a. CHOI, Bu-il; SAYDNAYA a.k.a. SAIDNAYA). An a.k.a. counts as a
 * spelling of the primary name when it differs in its letters (not only in
 * case, accents, apostrophes, hyphens or spaces) and has the same words in
 * the same order, each spelled within a third of its letters (Levenshtein,
 * computed here; one letter in a word of up to four), two words of one
 * possibly written as one in the other; organisations are compared without
 * their legal forms (a list written here). Such a spelling would be
 * found trivially if it stayed on the list, so it is held out: the set's
 * `listed` is the list to search, with, for each entry given such a
 * variant, either the a.k.a. spelling removed (the query is that spelling;
 * variant `spelling`) or the primary name removed (the query is the primary
 * name; variant `spelling-reverse`). OFAC's weak a.k.a.s (single-quoted in
 * the Remarks column, never indexed) that are spellings of the primary name
 * are queries as they stand (variant `spelling-weak`). Besides the sample,
 * 300 more entries that OFAC lists under other spellings give those
 * spellings alone.
 */
import type { MatchQuery, WatchEntry } from '../../src/match/types.js';
import type { OfacEntry } from '../../src/reference/ofac.js';
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
  /** Entries outside the sample that give only their a.k.a. spellings. */
  spellingOnlyEntries: number;
  /** The list to search: the entries given, less the spellings held out as queries (see above). */
  listed: WatchEntry[];
}

export interface LabelledSetOptions {
  seed?: number;
  /** OFAC's weak a.k.a.s by entry id (see weakAliases), for the `spelling-weak` variant. */
  weakAliases?: ReadonlyMap<string, readonly string[]>;
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

/**
 * Legal forms, written here (not the matcher's list), for the legal-form
 * variant and for comparing organisation spellings: the common
 * abbreviations and words of company names on the SDN list.
 */
const LEGAL_FORM_WORDS = new Set(
  `co company corp corporation inc incorporated ltd limited llc llp plc jsc ojsc cjsc pjsc oao zao pao ooo gmbh ag sa sal
   sarl srl spa bv nv pte pvt fze fzco fzc bhd sdn doo ood eood`.split(/\s+/u),
);
const legalWord = (token: string): boolean => LEGAL_FORM_WORDS.has(token.toLowerCase().replace(/[.,]/gu, ''));

/** The words of a name, lower case, accents and apostrophes gone (Ku'k-ryo'l -> kuk, ryol), & read as "and", an organisation's legal forms left out. */
function spellingWords(name: string, kind: WatchEntry['kind']): string[] {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['‘’`]/gu, '').replace(/&/gu, ' and ');
  const all = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return kind === 'person' ? all : all.filter((w) => !legalWord(w));
}

/** Names with the same letters in the same order are one spelling (KIM, Il-Nam and KIM, Il Nam). */
const letters = (name: string, kind: WatchEntry['kind']): string => spellingWords(name, kind).join('');

/** Textbook Levenshtein distance (insertions, deletions, substitutions). */
function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** One word spelled two ways: at most a third of its letters changed (one letter in a word of up to four). */
const sameWord = (a: string, b: string): boolean => a === b || levenshtein(a, b) <= Math.max(1, Math.round(Math.max(a.length, b.length) / 3));

/**
 * Whether `alias` is another spelling of `name`: the same words in the same
 * order, each the same or spelled within a third of its letters, two words
 * of one written as one word of the other (Yong Chol / Yongchol, within one
 * letter), and the
 * letters not all the same. A word added, dropped or replaced makes another
 * name, not another spelling.
 */
export function isOtherSpelling(name: string, alias: string, kind: WatchEntry['kind']): boolean {
  const a = spellingWords(name, kind);
  const b = spellingWords(alias, kind);
  if (a.length === 0 || b.length === 0 || a.join('') === b.join('')) return false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (sameWord(a[i]!, b[j]!)) [i, j] = [i + 1, j + 1];
    else if (i + 1 < a.length && levenshtein(a[i]! + a[i + 1]!, b[j]!) <= 1) [i, j] = [i + 2, j + 1];
    else if (j + 1 < b.length && levenshtein(a[i]!, b[j]! + b[j + 1]!) <= 1) [i, j] = [i + 1, j + 2];
    else return false;
  }
  return i === a.length && j === b.length;
}

/** OFAC's weak a.k.a.s (Remarks), by the id ofacWatchEntries gives the entry. */
export function weakAliases(entries: readonly OfacEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const weak = e.aliases.filter((a) => a.strength === 'weak').map((a) => a.name);
    if (weak.length > 0) out.set(`ofac:${e.entNum}`, weak);
  }
  return out;
}

/** How a person's name is queried: in natural order ("Young-cheol Kim"); an organisation's as written. */
const asQueried = (name: string, person: boolean): string => (person ? naturalOrder(name).join(' ') : name);

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

/**
 * An entry's spelling variant, if OFAC lists one: the query, and the entry
 * as it stays on the searched list (the query's spelling held out).
 */
function spellingOf(rand: Rand, entry: WatchEntry): { name: string; variant: string; listed: WatchEntry } | null {
  const [primary, ...aliases] = entry.names;
  const spellings = aliases.filter((a) => isOtherSpelling(primary!, a, entry.kind));
  if (spellings.length === 0) return null;
  const alias = pick(rand, spellings);
  const reverse = rand() < 0.5;
  const query = reverse ? primary! : alias;
  // Every name with the query's letters goes (a twin differing in punctuation would be an exact hit).
  const names = entry.names.filter((n) => letters(n, entry.kind) !== letters(query, entry.kind));
  return { name: asQueried(query, entry.kind === 'person'), variant: reverse ? 'spelling-reverse' : 'spelling', listed: { ...entry, names } };
}

/** The variants of an entry as it stays listed (its first name the base of the others). */
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
  const typoed = typo(rand, tokens);
  if (typoed) out.push({ name: typoed, variant: 'typo' });
  if (person && tokens.length >= 4) {
    const drop = 1 + Math.floor(rand() * (tokens.length - 2));
    out.push({ name: tokens.filter((_, i) => i !== drop).join(' '), variant: 'dropped-middle' });
  }
  if (!person) {
    const bare = tokens.filter((t) => !legalWord(t));
    if (bare.length >= 1 && bare.length < tokens.length) {
      out.push({ name: `${bare.join(' ')} ${pick(rand, ['Co., Ltd.', 'LLC', 'Corporation', 'Limited', 'Inc.'])}`, variant: 'legal-form' });
    }
  }
  return out;
}

/** OFAC's weak a.k.a.s of an entry that are spellings of its primary name. */
function weakSpellings(entry: WatchEntry, weak: LabelledSetOptions['weakAliases']): string[] {
  return (weak?.get(entry.entry) ?? []).filter((w) => isOtherSpelling(entry.names[0]!, w, entry.kind));
}

/** How many entries outside the sample are added for their a.k.a. spellings alone (more cases of the hardest kind). */
const SPELLING_EXTRA_ENTRIES = 300;

export function buildLabelledSet(entries: readonly WatchEntry[], options: LabelledSetOptions = {}): LabelledSet {
  const rand = prng(options.seed ?? 20251201);
  const named = entries.filter((e) => e.names.length > 0 && (e.kind === 'person' || e.kind === 'organization'));
  const dprk = named.filter((e) => e.programs.some((p) => p.includes('DPRK')));
  const others = shuffle(rand, named.filter((e) => !dprk.includes(e)));
  const sample = [
    ...dprk,
    ...others.filter((e) => e.kind === 'person').slice(0, 300),
    ...others.filter((e) => e.kind === 'organization').slice(0, 200),
  ];
  const sampled = new Set(sample);
  const hasSpelling = (e: WatchEntry): boolean =>
    e.names.slice(1).some((a) => isOtherSpelling(e.names[0]!, a, e.kind)) || weakSpellings(e, options.weakAliases).length > 0;
  const spellingOnly = others.filter((e) => !sampled.has(e) && hasSpelling(e)).slice(0, SPELLING_EXTRA_ENTRIES);
  const positives: LabelledQuery[] = [];
  const heldOut = new Map<string, WatchEntry>();
  const add = (entry: WatchEntry, name: string, variant: string): void => {
    const kind = rand() < 0.5 ? (entry.kind === 'person' ? 'person' : 'organization') : undefined;
    positives.push({ query: kind ? { name, kind } : { name }, expected: entry.entry, variant });
  };
  /** The spelling variants of an entry; the entry as it stays listed. */
  const spellings = (entry: WatchEntry): WatchEntry => {
    const spelling = spellingOf(rand, entry);
    if (spelling) {
      heldOut.set(entry.entry, spelling.listed);
      add(entry, spelling.name, spelling.variant);
    }
    const weak = weakSpellings(entry, options.weakAliases);
    if (weak.length > 0) add(entry, asQueried(pick(rand, weak), entry.kind === 'person'), 'spelling-weak');
    return spelling?.listed ?? entry;
  };
  for (const entry of sample) {
    const listed = spellings(entry);
    for (const { name, variant } of variantsOf(rand, listed)) add(entry, name, variant);
  }
  for (const entry of spellingOnly) spellings(entry);
  // Decoys draw from their own stream, so that a change to the positives does not draw other decoys.
  const { decoys, listedDecoys } = buildDecoys(entries, prng((options.seed ?? 20251201) + 1));
  const listed = entries.map((e) => heldOut.get(e.entry) ?? e);
  return { positives, decoys, listedDecoys, sampledEntries: sample.length, spellingOnlyEntries: spellingOnly.length, listed };
}
