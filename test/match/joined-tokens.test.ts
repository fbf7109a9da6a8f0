/**
 * Two adjacent query tokens written joined ("jong" + "un"), looked up in a
 * term dictionary of the real SDN list's names: the vocabulary filter in
 * front of the look-up must never drop a term the look-up would find.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG } from '../../src/match/config.js';
import { prepareNameTokens } from '../../src/match/prepare.js';
import { TermDictionary } from '../../src/match/term-dictionary.js';
import { BloomFilter } from '../../src/match/bloom-filter.js';
import { compareTokens, joinedInfo } from '../../src/match/token-compare.js';
import { knownRomanisations } from '../../src/normalise/romanisation.js';
import { loadOfac, ofacWatchEntries } from '../../src/reference/ofac.js';

const names = ofacWatchEntries(loadOfac().entries).flatMap((e) => e.names.map((n) => prepareNameTokens(n, e.kind === 'person' ? 'person' : 'organization')));
const dictionary = new TermDictionary(DEFAULT_MATCH_CONFIG);
names.forEach((tokens, name) => {
  tokens.forEach((t, i) => {
    dictionary.addPosting(dictionary.intern(t), name);
    if (i + 1 < tokens.length) dictionary.addPosting(dictionary.intern(t + tokens[i + 1]!, [t, tokens[i + 1]!]), name);
  });
});
dictionary.finish(names.length);
const vocabulary = [...new Set(names.flat())];

/** What the joined look-up finds, by brute force: single-token terms equal to the joined text or sharing a form with it. */
function bruteForce(a: string, b: string): number[] {
  const joined = joinedInfo(a, b);
  const found: number[] = [];
  dictionary.infos.forEach((info, term) => {
    if (info.joined) return;
    const reachable = info.text === joined.text || info.keys.some((k) => joined.keys.includes(k));
    if (reachable && compareTokens(joined, info, DEFAULT_MATCH_CONFIG)) found.push(term);
  });
  return found;
}

const looked = (a: string, b: string) => Array.from(dictionary.joinedToken(dictionary.queryToken(a), dictionary.queryToken(b)).hits.terms);

describe('joined query tokens', () => {
  it('find a listed single token written apart, in another romanisation ("chang kwang" finds the listed "changgwang")', () => {
    expect(vocabulary).toContain('changgwang');
    expect(looked('chang', 'kwang').map((t) => dictionary.infos[t]!.text)).toContain('changgwang');
    expect(looked('jang', 'gwang').map((t) => dictionary.infos[t]!.text)).toContain('changgwang');
  });

  it('find through the filter every term a full look-up finds: listed tokens split anywhere, table spellings, listed tokens side by side', () => {
    const spellings = [...knownRomanisations()];
    const split = fc.tuple(fc.constantFrom(...vocabulary.filter((t) => t.length >= 3)), fc.nat()).map(([t, at]) => {
      const i = 1 + (at % (t.length - 1));
      return [t.slice(0, i), t.slice(i)] as const;
    });
    const pair = fc.oneof(split, fc.tuple(fc.constantFrom(...spellings), fc.constantFrom(...spellings)), fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...vocabulary)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(looked(a, b)).toEqual(bruteForce(a, b));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('BloomFilter', () => {
  it('holds every text added, and says "maybe" for few texts it never saw', () => {
    const filter = new BloomFilter(vocabulary.length);
    for (const t of vocabulary) filter.add(t);
    const codes = (t: string) => Array.from(t, (c) => c.codePointAt(0)!);
    for (const t of vocabulary) expect(filter.mayHold(codes(t), codes(t).length)).toBe(true);
    const unseen = vocabulary.map((t) => `${t}q`).filter((t) => !vocabulary.includes(t));
    const wrong = unseen.filter((t) => filter.mayHold(codes(t), codes(t).length)).length;
    expect(wrong / unseen.length).toBeLessThan(0.05);
  });
});
