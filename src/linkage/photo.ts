/**
 * 64-bit perceptual photo hashes compared within a Hamming distance without
 * a scan: split into `maxDistance + 1` bands, two hashes within the distance
 * agree exactly on at least one band (pigeonhole), so each band value is an
 * index key and only the hashes sharing a band are compared bit by bit.
 */
import { bitCount } from '../match/letter-triples.js';
import { mix32 } from './hash.js';

export interface PhotoHash {
  readonly hi: number;
  readonly lo: number;
}

export function parsePhotoHash(hex: string | undefined): PhotoHash | undefined {
  if (!hex || !/^[0-9a-f]{16}$/i.test(hex)) return undefined;
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8), 16) >>> 0 };
}

export function hamming(a: PhotoHash, b: PhotoHash): number {
  return bitCount((a.hi ^ b.hi) >>> 0) + bitCount((a.lo ^ b.lo) >>> 0);
}

/**
 * The hash cut into `maxDistance + 1` bands, each reduced to an index key:
 * (slot, check) hash pairs side by side in `out`, two per band. A key hashes
 * the band's number and its bits, so equal bands of two photos give equal keys.
 */
export function photoBandKeys(hash: PhotoHash, maxDistance: number, out: Int32Array): Int32Array {
  const n = maxDistance + 1;
  for (let k = 0; k < n; k++) {
    let h1 = Math.imul(0x7a3 ^ k, 0x9e3779b1);
    let h2 = Math.imul(~0x7a3 ^ k, 0x85ebca77);
    for (let bit = Math.floor((k * 64) / n); bit < Math.floor(((k + 1) * 64) / n); bit++) {
      const b = ((bit < 32 ? hash.hi >>> (31 - bit) : hash.lo >>> (63 - bit)) & 1) + 1;
      h1 = Math.imul(h1 ^ b, 0x01000193);
      h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x2545f491) ^ b;
    }
    out[2 * k] = mix32(h1);
    out[2 * k + 1] = mix32(h2);
  }
  return out.subarray(0, 2 * n);
}
