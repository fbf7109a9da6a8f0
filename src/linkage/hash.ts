/**
 * Small, fast 32-bit hashes for the linkage index. Two independent hashes of
 * one string give a 64-bit fingerprint: one picks the slot, the other
 * confirms the key, so the index never keeps the identifier strings.
 */

/** FNV-1a over UTF-16 code units with a seed, finished with a murmur3 mix. */
export function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * hashString(text, seed) and hashString(text, ~seed) in one pass over the
 * text, written to out[at] and out[at + 1] (as Int32: the same 32 bits): the
 * slot and check halves of an identifier's 64-bit fingerprint.
 */
export function hashStringPair(text: string, seed: number, out: Int32Array, at: number): void {
  let a = (0x811c9dc5 ^ seed) >>> 0;
  let b = (0x811c9dc5 ^ ~seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  out[at] = mix32(a);
  out[at + 1] = mix32(b);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Short, stable hex tag of a string (cluster ids). */
export function shortHash(text: string, hexDigits = 6): string {
  return hashString(text, 0x9e3779b9).toString(16).padStart(8, '0').slice(0, hexDigits);
}
