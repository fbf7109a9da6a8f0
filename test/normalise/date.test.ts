import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMonth, monthIndex, parseEndMonth, parseMonth } from '../../src/normalise/date.js';

describe('month dates', () => {
  it('reads month, day and time precision to the month', () => {
    expect(parseMonth('2015-05')).toBe(monthIndex(2015, 5));
    expect(parseMonth('2015-05-31')).toBe(monthIndex(2015, 5));
    expect(parseMonth('2025-11-03T14:22:05Z')).toBe(monthIndex(2025, 11));
    expect(parseMonth('2015')).toBe(monthIndex(2015, 1));
    expect(parseMonth('2015-13')).toBeUndefined();
    expect(parseMonth('May 2015')).toBeUndefined();
  });

  it('takes an open end as the present (the submission month)', () => {
    const now = monthIndex(2025, 11);
    expect(parseEndMonth(undefined, now)).toBe(now);
    expect(parseEndMonth(null, now)).toBe(now);
    expect(parseEndMonth('Present', now)).toBe(now);
    expect(parseEndMonth('2019-03', now)).toBe(monthIndex(2019, 3));
  });

  it('never throws and round-trips', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const m = parseMonth(s);
      if (m !== undefined) expect(parseMonth(formatMonth(m))).toBe(m);
    }), { numRuns: 3000 });
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, mo) => {
      expect(parseMonth(formatMonth(monthIndex(y, mo)))).toBe(monthIndex(y, mo));
    }));
  });
});
