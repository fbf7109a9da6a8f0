/** Year of birth, country and kind: worked examples, and the score used while scoring candidates equals the one the explanation shows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEffects, attributeEffects, scoreWithAttributes } from '../../src/match/attributes.js';
import { DEFAULT_MATCH_CONFIG } from '../../src/match/config.js';
import type { EntryKind, QueryKind } from '../../src/match/types.js';

const entryKinds: EntryKind[] = ['person', 'organization', 'vessel', 'aircraft'];
const queryKinds: (QueryKind | null)[] = ['person', 'organization', null];

describe('scoreWithAttributes', () => {
  /**
   * Worked by hand from the matcher's documented settings (`hirewatch match
   * --help`, src/match/config.ts): a disagreeing year of birth x0.88, country
   * x0.92, person against organisation x0.75, against a vessel x0.60; an
   * agreeing year (within 1) adds 0.2 of the distance to 1, a country 0.1;
   * factors first, then the additions; missing data changes nothing.
   */
  it.each([
    ['no attributes', 0.9, { kind: null, dobYear: null, country: null }, { kind: 'person' }],
    ['a year the list does not give', 0.9, { kind: null, dobYear: 1990, country: 'US' }, { kind: 'person', dobYears: [], countries: [] }],
    // 0.9 x 0.75
    ['a person against an organisation', 0.675, { kind: 'person', dobYear: null, country: null }, { kind: 'organization' }],
    // 0.9 x 0.60
    ['a person against a vessel', 0.54, { kind: 'person', dobYear: null, country: null }, { kind: 'vessel' }],
    // 0.9 x 0.88
    ['a year of birth six years off', 0.792, { kind: null, dobYear: 1990, country: null }, { kind: 'person', dobYears: [1984] }],
    // 0.9 + 0.2 x (1 - 0.9)
    ['a year of birth one year off', 0.92, { kind: null, dobYear: 1985, country: null }, { kind: 'person', dobYears: [1984] }],
    // 0.9 x 0.92
    ['another country', 0.828, { kind: null, dobYear: null, country: 'US' }, { kind: 'person', countries: ['KP'] }],
    // 0.9 + 0.1 x (1 - 0.9)
    ['the same country', 0.91, { kind: null, dobYear: null, country: 'KP' }, { kind: 'person', countries: ['KP'] }],
    // 0.9 x 0.92 = 0.828, then + 0.2 x (1 - 0.828) = 0.8624
    ['an agreeing year and another country', 0.8624, { kind: null, dobYear: 1984, country: 'US' }, { kind: 'person', dobYears: [1984], countries: ['KP'] }],
    // 0.9 + 0.2 x 0.1 = 0.92, then + 0.1 x 0.08 = 0.928
    ['an agreeing year and country', 0.928, { kind: 'person', dobYear: 1984, country: 'KP' }, { kind: 'person', dobYears: [1984], countries: ['KP'] }],
  ] as const)('turns a name score of 0.9 with %s into %s', (_what, expected, query, listed) => {
    const full = { dobYears: [], countries: [], ...listed };
    expect(scoreWithAttributes(0.9, query, listed, DEFAULT_MATCH_CONFIG)).toBeCloseTo(expected, 10);
    expect(applyEffects(0.9, attributeEffects(query, full, DEFAULT_MATCH_CONFIG))).toBeCloseTo(expected, 10);
  });

  it('scores candidates as the explanation does: equals applyEffects(attributeEffects(...)) for any query and listed attributes (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...queryKinds),
        fc.option(fc.integer({ min: 1930, max: 2010 }), { nil: null }),
        fc.option(fc.constantFrom('KP', 'CN', 'RU', 'US'), { nil: null }),
        fc.constantFrom(...entryKinds),
        fc.array(fc.integer({ min: 1930, max: 2010 }), { maxLength: 4 }),
        fc.array(fc.constantFrom('KP', 'CN', 'RU', 'AE'), { maxLength: 3 }),
        (score, kind, dobYear, country, listedKind, dobYears, countries) => {
          const query = { kind, dobYear, country };
          const listed = { kind: listedKind, dobYears, countries };
          const expected = applyEffects(score, attributeEffects(query, listed, DEFAULT_MATCH_CONFIG));
          expect(scoreWithAttributes(score, query, listed, DEFAULT_MATCH_CONFIG)).toBe(expected);
          if (dobYear === null && country === null) expect(scoreWithAttributes(score, query, { kind: listedKind }, DEFAULT_MATCH_CONFIG)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
