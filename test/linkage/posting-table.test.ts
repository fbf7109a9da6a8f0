import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingTable } from '../../src/linkage/posting-table.js';

const read = (table: PostingTable, slot: number, check: number, limit: number) => {
  const records: number[] = [];
  const more = table.collect(slot, check, limit, records);
  return { records, more };
};

describe('PostingTable', () => {
  it('returns what was filed under a key, newest first, up to the limit (against a plain map)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), { maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (adds, limit) => {
        const table = new PostingTable(16); // small: the adds go through several rehashes
        const model = new Map<string, number[]>();
        adds.forEach(([slot, check], record) => {
          table.add(slot * 0x9e3779b1, check, record);
          model.set(`${slot}/${check}`, [record, ...(model.get(`${slot}/${check}`) ?? [])]);
        });
        for (const [key, records] of model) {
          const [slot, check] = key.split('/').map(Number) as [number, number];
          expect(read(table, slot * 0x9e3779b1, check, limit)).toEqual({ records: records.slice(0, limit), more: records.length > limit });
        }
        expect(read(table, 41 * 0x9e3779b1, 0, limit)).toEqual({ records: [], more: false });
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('keeps every entry across pages and rehashes (300,000 entries)', () => {
    const table = new PostingTable(16);
    for (let r = 0; r < 300_000; r++) table.add(r % 100_000, ~(r % 100_000), r);
    expect(table.size).toBe(300_000);
    for (const key of [0, 65_535, 65_536, 99_999]) expect(read(table, key, ~key, 10)).toEqual({ records: [key + 200_000, key + 100_000, key], more: false });
  });
});
