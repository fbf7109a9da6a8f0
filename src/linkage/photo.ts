/**
 * 64-bit perceptual photo hashes compared within a Hamming distance without
 * a scan: split into `maxDistance + 1` bands, two hashes within the distance
 * agree exactly on at least one band (pigeonhole), so each band value is an
 * index key and only the hashes sharing a band are compared bit by bit.
 */
export interface PhotoHash {
  readonly hi: number;
  readonly lo: number;
}

export function parsePhotoHash(hex: string | undefined): PhotoHash | undefined {
  if (!hex || !/^[0-9a-f]{16}$/i.test(hex)) return undefined;
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8), 16) >>> 0 };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming(a: PhotoHash, b: PhotoHash): number {
  return popcount((a.hi ^ b.hi) >>> 0) + popcount((a.lo ^ b.lo) >>> 0);
}

/** The hash cut into `maxDistance + 1` bands, each as "band index:bits". */
export function photoBands(hash: PhotoHash, maxDistance: number): string[] {
  const bits = hash.hi.toString(2).padStart(32, '0') + hash.lo.toString(2).padStart(32, '0');
  const n = maxDistance + 1;
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(`${k}:${bits.slice(Math.floor((k * 64) / n), Math.floor(((k + 1) * 64) / n))}`);
  return out;
}
