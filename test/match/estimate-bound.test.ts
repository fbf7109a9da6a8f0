/**
 * The candidate estimate must be an upper bound on the score: a name is
 * scored in full only if its estimate reaches threshold x slack, so an
 * estimate below the real score drops a true match at a high threshold that
 * a lower threshold returns. Then the results at a threshold t are the
 * results at a lower threshold filtered to score >= t, whatever the query:
 * checked here on queries drawn from real SDN names (the labelled set's
 * list, its held-out a.k.a. spellings among them) with typos, reordering,
 * a dropped middle name, and a year of birth or country.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchQuery, NameMatch, WatchEntry } from '../../src/match/types.js';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';
import { loadOfac, ofacWatchEntries } from '../../src/reference/ofac.js';
import { buildLabelledSet, weakAliases } from './labelled-set.js';

const ofac = loadOfac().entries;
const entries = ofacWatchEntries(ofac);
const set = buildLabelledSet(entries, { weakAliases: weakAliases(ofac) });
const index = WatchlistIndex.build(set.listed);
/** Names to draw queries from: every listed name, and OFAC's other spellings held out as queries. */
const sources: { name: string; entry: WatchEntry | undefined }[] = [
  ...set.listed.filter((e) => e.kind === 'person' || e.kind === 'organization').flatMap((e) => e.names.map((name) => ({ name, entry: e }))),
  ...set.positives.map((p) => ({ name: typeof p.query.name === 'string' ? p.query.name : '', entry: index.entry(p.expected ?? '') })),
];

const words = (name: string): string[] => name.replace(/,/gu, ' ').split(/\s+/u).filter(Boolean);
const LETTERS = 'aeiouybcdghjklmnrstvz';

function typo(word: string, at: number, kind: number, letter: number): string {
  if (word.length < 2) return word;
  const i = at % word.length;
  const l = LETTERS[letter % LETTERS.length]!;
  switch (kind % 4) {
    case 0:
      return word.slice(0, i) + l + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + l + word.slice(i);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2) : word;
  }
}

const perturbation = fc.record({
  typos: fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 }),
  order: fc.constantFrom('as-listed', 'surname-last', 'shuffled'),
  shuffle: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
  dropMiddle: fc.boolean(),
  attributes: fc.constantFrom('none', 'dob', 'country', 'both'),
});

function queryOf(pick: number, p: typeof perturbation extends fc.Arbitrary<infer T> ? T : never): MatchQuery {
  const source = sources[pick % sources.length]!;
  let tokens = words(source.name);
  if (p.order === 'surname-last' && source.name.includes(',')) tokens = [...tokens.slice(1), tokens[0]!];
  else if (p.order === 'shuffled') tokens = tokens.map((t, i) => ({ t, k: p.shuffle[i % 24]! })).sort((a, b) => a.k - b.k).map((x) => x.t);
  if (p.dropMiddle && tokens.length >= 3) tokens = tokens.filter((_, i) => i !== 1);
  for (const [w, at, kind, letter] of p.typos) {
    const i = w % tokens.length;
    tokens[i] = typo(tokens[i]!, at, kind, letter);
  }
  const query: MatchQuery = { name: tokens.join(' ') };
  const entry = source.entry;
  if ((p.attributes === 'dob' || p.attributes === 'both') && entry?.dobYears[0] !== undefined) query.dob = `${entry.dobYears[0]}-01-01`;
  if ((p.attributes === 'country' || p.attributes === 'both') && entry?.countries[0] !== undefined) query.country = entry.countries[0];
  return query;
}

const key = (m: NameMatch): string => `${m.entry} ${m.score}`;

/** Results at t, and the results at `lower` that score t or more (same limit, so the best of both). */
function bothWays(query: MatchQuery, t: number, lower: number): { atT: string[]; filtered: string[] } {
  const limit = 25;
  const atT = index.search(query, { threshold: t, limit }).map(key);
  const filtered = index
    .search(query, { threshold: lower, limit })
    .filter((m) => m.score >= t)
    .map(key);
  return { atT, filtered };
}

/**
 * Both cases fail today (it.fails): the estimate leaves out pairs that only the full comparison finds
 * (two edits between long tokens, nicknames, listed initials), tokens not looked up, the agreement
 * bonuses of a year of birth or country, and counts the listed side at the query's token weights.
 * They pass, and so fail here, once the estimate is an upper bound.
 */
describe('the candidate estimate bounds the score', () => {
  it.fails('finds at threshold t every result a lower threshold finds scoring t or more', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        perturbation,
        fc.double({ min: 0.75, max: 0.97, noNaN: true }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        (pick, p, t, drop) => {
          const query = queryOf(pick, p);
          const { atT, filtered } = bothWays(query, t, Math.max(0.3, t - drop));
          for (const m of filtered) expect(atT, JSON.stringify(query)).toContain(m);
        },
      ),
      { numRuns: 6000, seed: 20261203 },
    );
  });

  it.fails('finds "Gennadiy Aleksandrovich Garkusha" on the full SDN list without that a.k.a. at the default threshold', () => {
    const listed = entries.map((e) => (e.entry === 'ofac:40255' ? { ...e, names: e.names.filter((n) => n !== 'GARKUSHA, Gennadiy Aleksandrovich') } : e));
    expect(listed.find((e) => e.entry === 'ofac:40255')!.names).toEqual(['GARKUSHA, Gennadiy Oleksandrovych', 'HARKUSHA, Hennadiy']);
    const full = WatchlistIndex.build(listed);
    const query = { name: 'Gennadiy Aleksandrovich Garkusha' };
    const lower = full.search(query, { threshold: 0.8 }).find((m) => m.entry === 'ofac:40255');
    expect(lower?.score).toBeGreaterThanOrEqual(0.86);
    expect(full.search(query).map((m) => m.entry)).toContain('ofac:40255');
  });
});
