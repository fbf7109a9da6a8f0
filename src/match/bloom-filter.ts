import { writeCodePoints } from '../normalise/romanisation.js';

/**
 * A one-hash Bloom filter over texts, read as code points: "absent" is
 * certain, "present" wrong about once in thirty-two. The term dictionary
 * files every term's text and every romanisation form of every term here,
 * so that two adjacent query tokens written joined ("jong"+"un") are checked
 * against the whole vocabulary from their letters, without building the
 * joined text or its forms as strings; only a pair that may be present is
 * looked up in full. Most pairs are not: nobody is listed as "johnsmith".
 * Pure: filled once, then only read.
 */

/** FNV-1a over `n` code points, then a finishing mix so that every bit depends on every letter. */
export function hashCodes(codes: ArrayLike<number>, n: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Bits per text filed: one in 32 bits set at most, so a false "present" about once in 32 look-ups. */
const BITS_PER_TEXT = 32;

/** A filled filter's bits, to save (see BloomFilter.data and fromData). */
export interface BloomFilterData {
  readonly words: Int32Array;
  readonly shift: number;
}

export class BloomFilter {
  private readonly words: Int32Array;
  private readonly shift: number;
  private readonly scratch: number[] = [];

  /** A filter sized for `expected` texts, or the filter saved as `data`. */
  constructor(expected: number | BloomFilterData) {
    if (typeof expected !== 'number') {
      this.words = expected.words;
      this.shift = expected.shift;
      return;
    }
    let log = 10;
    while (1 << log < expected * BITS_PER_TEXT && log < 30) log++;
    this.words = new Int32Array((1 << log) >>> 5);
    this.shift = 32 - log;
  }

  get data(): BloomFilterData {
    return { words: this.words, shift: this.shift };
  }

  add(text: string): void {
    const bit = hashCodes(this.scratch, writeCodePoints(text, this.scratch, 0)) >>> this.shift;
    this.words[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** False when the text of these `n` code points was certainly never added. */
  mayHold(codes: ArrayLike<number>, n: number): boolean {
    const bit = hashCodes(codes, n) >>> this.shift;
    return (this.words[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}
