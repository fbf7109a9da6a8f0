import fc from 'fast-check';
import jaroWinklerReference from 'talisman/metrics/jaro-winkler.js';
import { describe, expect, it } from 'vitest';
import { countryCode } from '../../src/match/country-codes.js';
import { describeMatchConfig, DEFAULT_MATCH_CONFIG, matchConfig } from '../../src/match/config.js';
import { editDistance } from '../../src/match/edit-distance.js';
import { jaroWinkler } from '../../src/match/jaro-winkler.js';
import { compareTokens, joinedInfo, unitInfo } from '../../src/match/token-compare.js';
import { tokenClass } from '../../src/match/word-lists.js';
import { romanisationSkeleton } from '../../src/normalise/romanisation.js';

/** Textbook optimal-string-alignment distance, for comparison. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdeo'), maxLength: 10 });

describe('editDistance', () => {
  it('equals the textbook distance, capped at limit + 1', () => {
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => editDistance(a, b, limit) === Math.min(osa(a, b), limit + 1)), { numRuns: 5000 });
    // Two letters and shared prefixes and suffixes: swaps and runs at the edges of what is set aside.
    const ab = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 6 });
    const edged = fc.tuple(ab, ab, ab, ab).map(([p, x, y, s]) => [p + x + s, p + y + s] as const);
    fc.assert(fc.property(edged, fc.integer({ min: 0, max: 3 }), ([a, b], limit) => editDistance(a, b, limit) === Math.min(osa(a, b), limit + 1)), { numRuns: 5000 });
  });
  it.each([
    ['hasan', 'hassan', 1],
    ['tonguhng', 'tonghung', 1],
    ['andrei', 'andrey', 1],
    ['salma', 'salim', 2],
  ])('the edit distance of %s and %s is %i', (a, b, d) => expect(editDistance(a, b, 3)).toBe(d));
});

/** The skeleton as its rules read: each digraph replaced everywhere in turn, then letters mapped, then runs collapsed. */
function skeletonByRules(token: string): string {
  let s = token;
  for (const [from, to] of [['eo', 'o'], ['eu', 'u'], ['oo', 'u'], ['ae', 'e'], ['ch', 'j'], ['sh', 's']] as const) s = s.split(from).join(to);
  const letters: Record<string, string> = { k: 'g', p: 'b', t: 'd', r: 'l' };
  let out = '';
  let last = '';
  for (const ch of s) {
    const mapped = letters[ch] ?? ch;
    if (mapped !== last) out += mapped;
    last = mapped;
  }
  return out;
}

describe('romanisationSkeleton', () => {
  it('equals its rules applied one after another, on romanised letters and on any text', () => {
    const romanised = fc.string({ unit: fc.constantFrom(...'aeouchskptrlgjbdn'), maxLength: 14 });
    fc.assert(fc.property(romanised, (t) => romanisationSkeleton(t) === skeletonByRules(t)), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 10 }), (t) => romanisationSkeleton(t) === skeletonByRules(t)), { numRuns: 2000 });
  });
  it.each([
    ['jeongcheol', 'jongjol'],
    ['choe', 'joe'],
    ['pyongyang', 'byongyang'],
  ])('the skeleton of %s is %s', (token, skeleton) => expect(romanisationSkeleton(token)).toBe(skeleton));
});

describe('jaroWinkler', () => {
  it('agrees with the talisman implementation', () => {
    fc.assert(fc.property(word, word, (a, b) => Math.abs(jaroWinkler(a, b) - jaroWinklerReference(a, b)) < 1e-12), { numRuns: 3000 });
  });
});

describe('compareTokens', () => {
  const c = (a: string, b: string) => compareTokens(unitInfo(a), unitInfo(b), DEFAULT_MATCH_CONFIG);
  it.each([
    ['kim', 'kim', 'exact', 1],
    ['kim', 'gim', 'romanisation', 0.96],
    ['jeong', 'chong', 'romanisation', 0.96],
    ['ri', 'rhee', 'romanisation', 0.96],
    ['ryo', 'ryeo', 'romanisation', 0.96],
    ['choe', 'choi', 'romanisation', 0.96],
    ['zhang', 'chang', 'romanisation', 0.96],
    ['ginahm', 'kinam', 'joined', 0.97],
    ['william', 'bill', 'nickname', 0.88],
    ['j', 'john', 'initial', 0.72],
    ['hassan', 'hasan', 'skeleton', 0.93],
    // A typo pair scores 1 - 0.8 x edits / letters of the longer token: 1 - 0.8 x 1 / 5
    ['hasan', 'hasen', 'typo', 0.84],
    // 1 - 0.8 x 2 / 10
    ['alzawahiri', 'alzawahry', 'typo', 0.84],
  ])('%s and %s pair as %s, scoring %s', (a, b, how, score) => expect(c(a, b)).toEqual({ how, score: expect.closeTo(score, 6) }));

  it.each([['peter', 'bedel'], ['salma', 'salim'], ['kim', 'park'], ['j', 'kim']])('%s and %s are not a pair', (a, b) => expect(c(a, b)).toBeNull());

  it('pairs joined tokens with split ones', () => {
    expect(compareTokens(unitInfo('jongun'), joinedInfo('jong', 'un'), DEFAULT_MATCH_CONFIG)).toEqual({ how: 'joined', score: 0.97 });
    expect(compareTokens(unitInfo('jeongeun'), joinedInfo('jong', 'un'), DEFAULT_MATCH_CONFIG)).toEqual({ how: 'joined', score: 0.97 });
  });
});

describe('tokenClass', () => {
  it.each([
    ['kim', 'person', 'common'],
    ['rhee', 'person', 'common'],
    ['nguyen', 'any', 'common'],
    ['al', 'person', 'particle'],
    ['trading', 'organization', 'generic'],
    ['trading', 'person', 'normal'],
    ['ltd', 'organization', 'legal'],
    ['corporaiton', 'organization', 'legal'],
    ['ltd', 'person', 'normal'],
    ['j', 'person', 'initial'],
    ['sobaeksu', 'organization', 'normal'],
  ] as const)('%s in a name of kind %s is a %s token', (token, kind, cls) => expect(tokenClass(token, kind)).toBe(cls));
});

describe('countryCode', () => {
  it.each([
    ['Korea, North', 'KP'],
    ['North Korea.', 'KP'],
    ['kp', 'KP'],
    ['Man, Isle of', 'IM'],
    ['Burma', 'MM'],
    ['Region: Crimea', null],
    ['XX', null],
  ])('%s reads as the country code %s', (name, code) => expect(countryCode(name)).toBe(code));
});

describe('configuration', () => {
  it('documents every setting from its declaration', () => {
    const lines = describeMatchConfig();
    expect(lines).toContain('threshold = 0.86: Default lowest score a search returns.');
    expect(lines.some((l) => l.startsWith('tokenWeights.common = 0.45: '))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^[\w.]+ = [\d.]+: \S/u);
  });

  it('fills unset settings with their defaults and rejects a bad value naming the field', () => {
    expect(matchConfig({ tokenWeights: { common: 0.3 } }).tokenWeights).toMatchObject({ common: 0.3, normal: 1 });
    expect(() => matchConfig({ threshold: 2 })).toThrow(/threshold/u);
  });
});
