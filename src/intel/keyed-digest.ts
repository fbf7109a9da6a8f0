import { createHash } from 'node:crypto';
import { HASH_SCHEME } from './sharing.js';

/**
 * HMAC-SHA256 of `scheme NUL class NUL value` (sharing.ts's keyedHash, bit
 * for bit), computed for the screening hot path: the key's inner and outer
 * blocks are compressed once, so a short identifier costs two SHA-256
 * compressions in place, with no object, buffer or hex string made. The
 * digest is left as eight 32-bit words (big-endian, as the hex reads) in
 * `out`. Without a key, plain SHA-256 of the same bytes: used only for clear
 * indicators, which are compared in memory and never leave the process.
 * Pure.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** One SHA-256 compression of the 16 words w[0..15] into state h (w is scratch for the schedule). */
function compress(h: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!, b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0; h[1] = (h[1]! + b) | 0; h[2] = (h[2]! + c) | 0; h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0; h[5] = (h[5]! + f) | 0; h[6] = (h[6]! + g) | 0; h[7] = (h[7]! + k) | 0;
}

export class KeyedDigest {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly h = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private bytes = new Uint8Array(256);
  private readonly prefixes = new Map<string, Uint8Array>();
  readonly keyed: boolean;

  constructor(key?: Buffer) {
    this.keyed = key !== undefined;
    if (!key) return;
    const k = key.length > 64 ? createHash('sha256').update(key).digest() : key;
    for (const [state, pad] of [[this.inner, 0x36], [this.outer, 0x5c]] as const) {
      state.set(IV);
      for (let i = 0; i < 16; i++) {
        let word = 0;
        for (let j = 0; j < 4; j++) word = (word << 8) | ((k[i * 4 + j] ?? 0) ^ pad);
        this.w[i] = word;
      }
      compress(state, this.w);
    }
  }

  /** The digest of `scheme NUL matchClass NUL value` into out[at..at+8]. */
  digest(matchClass: string, value: string, out: Int32Array, at = 0): void {
    const n = this.encode(matchClass, value);
    const h = this.h;
    if (!this.keyed) {
      h.set(IV);
      this.run(n, 0);
    } else {
      h.set(this.inner);
      this.run(n, 64);
      const w = this.w;
      for (let i = 0; i < 8; i++) w[i] = h[i]!;
      w[8] = 0x80000000 | 0;
      for (let i = 9; i < 15; i++) w[i] = 0;
      w[15] = (64 + 32) * 8;
      h.set(this.outer);
      compress(h, w);
    }
    for (let i = 0; i < 8; i++) out[at + i] = h[i]!;
  }

  /** UTF-8 of `scheme NUL class NUL value` into this.bytes (the prefix copied, an ASCII value written directly); its length. */
  private encode(matchClass: string, value: string): number {
    let prefix = this.prefixes.get(matchClass);
    if (!prefix) this.prefixes.set(matchClass, (prefix = Buffer.from(`${HASH_SCHEME}\u0000${matchClass}\u0000`, 'utf8')));
    const need = prefix.length + value.length * 3 + 72;
    if (need > this.bytes.length) this.bytes = new Uint8Array(need);
    const b = this.bytes;
    b.set(prefix);
    const p = prefix.length;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) return p + Buffer.from(b.buffer, b.byteOffset + p, b.length - p).write(value, 'utf8');
      b[p + i] = c;
    }
    return p + value.length;
  }

  /** Absorb n message bytes (after `before` bytes already compressed) with SHA-256's padding, into this.h. */
  private run(n: number, before: number): void {
    const b = this.bytes;
    const total = n + 9;
    const blocks = Math.ceil(total / 64);
    const end = blocks * 64;
    b[n] = 0x80;
    b.fill(0, n + 1, end);
    const bits = (before + n) * 8;
    b[end - 4] = (bits >>> 24) & 0xff; b[end - 3] = (bits >>> 16) & 0xff; b[end - 2] = (bits >>> 8) & 0xff; b[end - 1] = bits & 0xff;
    const w = this.w;
    for (let blk = 0; blk < end; blk += 64) {
      for (let i = 0; i < 16; i++) {
        const o = blk + i * 4;
        w[i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
      }
      compress(this.h, w);
    }
  }
}

/** 64 hex digits as eight words into out[at..at+8]; false when it is not a SHA-256 digest in hex. */
export function hexWords(hex: string, out: Int32Array, at = 0): boolean {
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  for (let i = 0; i < 8; i++) out[at + i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  return true;
}
