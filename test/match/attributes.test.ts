/** The attribute score used while scoring candidates equals the one the explanation shows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEffects, attributeEffects, scoreWithAttributes } from '../../src/match/attributes.js';
import { DEFAULT_MATCH_CONFIG } from '../../src/match/config.js';
import type { EntryKind, QueryKind } from '../../src/match/types.js';

const entryKinds: EntryKind[] = ['person', 'organization', 'vessel', 'aircraft'];
const queryKinds: (QueryKind | null)[] = ['person', 'organization', null];

describe('scoreWithAttributes', () => {
  it('equals applyEffects(attributeEffects(...)) for any query and listed attributes', () => {
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
