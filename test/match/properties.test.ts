import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseDomain } from '../../src/match/domains.js';
import { prepareName, normaliseForIndex } from '../../src/match/prepare.js';
import type { MatchQuery, WatchEntry } from '../../src/match/types.js';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';

/** Strings that look like names (letters of several scripts, punctuation, particles) and any string at all. */
const nameLike = fc.array(
  fc.oneof(
    fc.constantFrom('Kim', 'Jong-un', 'PAK', "O'Brien", 'al-Zawahiri', 'Müller', 'Nguyễn', '김정은', '張偉', 'Иван', 'Co.', 'Ltd', 'S.A.', '&', '(Ahmed)', ',', 'Dr.', 'İsmail', 'ß'),
    fc.string({ minLength: 1, maxLength: 8 }),
  ),
  { maxLength: 6 },
).map((parts) => parts.join(' '));
const anyString = fc.oneof(nameLike, fc.string({ unit: 'binary', maxLength: 40 }));
const kind = fc.constantFrom<'person' | 'organization' | 'any'>('person', 'organization', 'any');

const index = WatchlistIndex.build([
  { entry: 'a', list: 'ofac-sdn', kind: 'person', names: ['KIM, Jong Un', 'KIM, Jong-un'], dobYears: [1984], countries: ['KP'], programs: [], domains: ['x.example'], source: 'a' },
  { entry: 'b', list: 'custom', kind: 'organization', names: ['KOREA SOBAEKSU TRADING COMPANY', '(KSTC)'], dobYears: [], countries: [], programs: [], domains: [], source: 'b' },
] satisfies WatchEntry[]);

describe('name preparation', () => {
  it('is idempotent: preparing a prepared name gives it back', () => {
    fc.assert(fc.property(anyString, kind, (raw, k) => normaliseForIndex(normaliseForIndex(raw, k), k) === normaliseForIndex(raw, k)), { numRuns: 3000 });
  });

  it('never throws and yields non-empty tokens of letters and digits only', () => {
    fc.assert(
      fc.property(anyString, kind, (raw, k) => {
        const { tokens, classes } = prepareName(raw, k);
        expect(classes).toHaveLength(tokens.length);
        for (const t of tokens) expect(t).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
      }),
      { numRuns: 3000 },
    );
  });

  it('ignores case, accents, punctuation and token order up to a rotation', () => {
    expect(normaliseForIndex('KIM, Jong-Un')).toBe(normaliseForIndex('jong un kim'));
    expect(normaliseForIndex('Müller-Lüdenscheidt')).toBe('muller ludenscheidt');
    expect(normaliseForIndex('ANGLO-CARIBBEAN CO., LTD.', 'organization')).toBe('anglo caribbean co ltd');
  });
});

describe('search', () => {
  const query = fc.record(
    {
      name: anyString,
      kind: fc.constantFrom<MatchQuery['kind']>('person', 'organization'),
      dob: fc.oneof(fc.constant('1984'), fc.string({ maxLength: 12 })),
      country: fc.oneof(fc.constant('KP'), fc.string({ maxLength: 4 })),
    },
    { requiredKeys: ['name'] },
  );

  it('never throws, returns scores in [0, 1] at or above the threshold, strongest first', () => {
    fc.assert(
      fc.property(query, fc.double({ min: 0, max: 1, noNaN: true }), (q, threshold) => {
        const found = index.search(q, { threshold });
        for (const m of found) {
          expect(m.score).toBeGreaterThanOrEqual(threshold);
          expect(m.score).toBeLessThanOrEqual(1);
        }
        expect(found.map((m) => m.score)).toEqual([...found.map((m) => m.score)].sort((a, b) => b - a));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every listed name as written, with score 1', () => {
    for (const name of ['KIM, Jong Un', 'KIM, Jong-un', 'KOREA SOBAEKSU TRADING COMPANY']) {
      expect(index.search({ name })[0]?.score).toBe(1);
    }
  });

  it('normaliseDomain never throws', () => {
    fc.assert(fc.property(anyString, (s) => normaliseDomain(s) === null || typeof normaliseDomain(s) === 'string'), { numRuns: 2000 });
  });
});
