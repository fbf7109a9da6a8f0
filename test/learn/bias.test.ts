import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditBias, parseDemographics, type Outcome } from '../../src/fairness/bias.js';

const rows = (category: string, clear: number, review: number, hold: number): { category: string; band: Outcome }[] => [
  ...Array.from({ length: clear }, () => ({ category, band: 'clear' as const })),
  ...Array.from({ length: review }, () => ({ category, band: 'review' as const })),
  ...Array.from({ length: hold }, () => ({ category, band: 'hold' as const })),
];

describe('bias audit', () => {
  it('flag and hold rates per category, impact ratios against the most-favoured one, ratios under 0.8 marked', () => {
    // a: 100 applications, 2 flagged (1 held); b: 100, 4 flagged (2 held); c: 50, 1 flagged; d: 2 (under 2 %: not compared)
    const audit = auditBias([...rows('a', 98, 1, 1), ...rows('b', 96, 2, 2), ...rows('c', 49, 1, 0), ...rows('d', 0, 2, 0)], 'g');
    expect(audit.applications).toBe(252);
    expect(audit.favouredForFlags).toBe('a'); // a and c both flag 2 %: the larger category is named
    const byName = Object.fromEntries(audit.categories.map((c) => [c.category, c]));
    expect(byName.a).toMatchObject({ applications: 100, flagged: 2, held: 1, flagRate: 0.02, holdRate: 0.01, flagImpactRatio: 1, holdImpactRatio: 0, small: false });
    expect(byName.b).toMatchObject({ flagRate: 0.04, holdRate: 0.02, flagImpactRatio: 0.5, holdImpactRatio: 0 });
    expect(byName.c).toMatchObject({ flagRate: 0.02, holdRate: 0, flagImpactRatio: 1, holdImpactRatio: 1 });
    expect(byName.d).toMatchObject({ applications: 2, flagRate: 1, flagImpactRatio: null, holdImpactRatio: null, small: true });
    expect(audit.favouredForHolds).toBe('c');
    expect(audit.marked).toEqual([
      { category: 'a', measure: 'hold', ratio: 0 },
      { category: 'b', measure: 'flag', ratio: 0.5 },
      { category: 'b', measure: 'hold', ratio: 0 },
    ]);
    // Local Law 144's own ratio on the favourable outcome (left clear): b 0.96 / 0.98
    expect(byName.b!.clearSelectionRatio).toBeCloseTo(0.96 / 0.98, 10);
  });

  it('reads the demographics CSV: an id column and the group column; a missing column is named', () => {
    const map = parseDemographics('\uFEFFapplication_id,origin,other\ngh-1,x,1\ngh-2,,2\n\ngh-3,"y, z",3\n', 'origin');
    expect([...map]).toEqual([['gh-1', 'x'], ['gh-2', 'unknown'], ['gh-3', 'y, z']]);
    expect(() => parseDemographics('id,a\n1,2\n', 'origin')).toThrow("no column 'origin'; the header is id,a");
    expect(() => parseDemographics('who,origin\n1,2\n', 'origin')).toThrow('no id column (id, applicationId or application_id); the header is who,origin');
  });

  it('property: any CSV text either reads or throws a DemographicsError, never anything else', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        try {
          parseDemographics(`id,g\n${body}`, 'g');
        } catch (err) {
          expect((err as Error).name).toBe('DemographicsError');
        }
      }),
    );
  });
});
