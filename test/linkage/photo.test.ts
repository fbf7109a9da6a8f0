import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hamming, photoBandKeys, type PhotoHash } from '../../src/linkage/photo.js';

const keysOf = (hash: PhotoHash, d: number): string[] => {
  const k = photoBandKeys(hash, d, new Int32Array(32));
  return Array.from({ length: k.length / 2 }, (_, b) => `${k[2 * b]}/${k[2 * b + 1]}`);
};

/** The hash with the given bit positions (0 = the highest of `hi`) flipped. */
function flip(hash: PhotoHash, bits: readonly number[]): PhotoHash {
  let { hi, lo } = hash;
  for (const bit of bits) {
    if (bit < 32) hi = (hi ^ (1 << (31 - bit))) >>> 0;
    else lo = (lo ^ (1 << (63 - bit))) >>> 0;
  }
  return { hi, lo };
}

const hashes = fc.record({ hi: fc.nat({ max: 0xffffffff }), lo: fc.nat({ max: 0xffffffff }) });

describe('photo band keys', () => {
  it('two photos within the distance always share a band key (no near photo is missed)', () => {
    fc.assert(
      fc.property(hashes, fc.integer({ min: 0, max: 15 }), fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 15 }), (hash, d, bits) => {
        const other = flip(hash, bits.slice(0, d));
        expect(hamming(hash, other)).toBe(Math.min(d, bits.length));
        const mine = new Set(keysOf(hash, d));
        expect(keysOf(other, d).some((k) => mine.has(k))).toBe(true);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('a flipped bit changes the key of its band only', () => {
    const hash = { hi: 0xf0e1d2c3, lo: 0xb4a59687 };
    const a = keysOf(hash, 6);
    const b = keysOf(flip(hash, [40]), 6); // bit 40 is in band 4 of 7 (bits 36 to 45)
    expect(a.map((k, i) => k === b[i])).toEqual([true, true, true, true, false, true, true]);
  });
});
