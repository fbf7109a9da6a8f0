import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/linkage/hash.js';
import { MinHasher, resumeWordHashes, resumeWords, shingles, signatureSimilarity, SIGNATURE_LENGTH } from '../../src/linkage/minhash.js';

const VOCABULARY = Array.from({ length: 400 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);

/** Exact Jaccard similarity of two texts' shingle sets. */
function jaccard(a: string, b: string): number {
  const sa = new Set(shingles(resumeWords(a)));
  const sb = new Set(shingles(resumeWords(b)));
  let both = 0;
  for (const x of sa) if (sb.has(x)) both++;
  return both / (sa.size + sb.size - both);
}

/** As the index stores them: the high 16 bits of each position. */
/** A signature of its own (the hasher's buffer is reused by its next call). */
const minhashSignature = (text: string): Int32Array | undefined => {
  const sig = new MinHasher().signature(text);
  return sig && Int32Array.from(sig);
};

const stored = (text: string) => Uint16Array.from(minhashSignature(text)!, (v) => v >>> 16);

describe('MinHash signatures (one permutation, densified)', () => {
  it('estimate the Jaccard similarity of shingle sets without bias', () => {
    // Pairs of 80-word texts where the second has a share of its words replaced: similarities across the range.
    const errors: number[] = [];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 399 }), { minLength: 80, maxLength: 80 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(), (words, share, seed) => {
        const a = words.map((w) => VOCABULARY[w]!);
        const b = a.map((w, i) => ((Math.imul(i + 1, seed | 1) >>> 0) % 1000 < share * 1000 ? VOCABULARY[(words[i]! + 7 + i) % 400]! : w));
        const ta = a.join(' ');
        const tb = b.join(' ');
        const estimate = signatureSimilarity(stored(ta), stored(tb));
        errors.push(estimate - jaccard(ta, tb));
        // 32 positions: the standard error is at most sqrt(0.25 / 32) = 0.088; five of them never happen.
        expect(Math.abs(estimate - jaccard(ta, tb))).toBeLessThan(0.45);
      }),
      { numRuns: 300, seed: 42 },
    );
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    expect(Math.abs(bias)).toBeLessThan(0.03);
  });

  it('gives identical texts identical signatures and unrelated texts almost none in common', () => {
    const text = VOCABULARY.slice(0, 60).join(' ');
    expect(signatureSimilarity(stored(text), stored(`${text}`))).toBe(1);
    const other = VOCABULARY.slice(200, 260).join(' ');
    expect(signatureSimilarity(stored(text), stored(other))).toBeLessThanOrEqual(2 / SIGNATURE_LENGTH);
  });

  it('fills every position even for a short text (densification)', () => {
    const sig = minhashSignature(VOCABULARY.slice(0, 10).join(' '))!;
    expect(sig).toHaveLength(SIGNATURE_LENGTH);
    expect([...sig].every((v) => v !== 0x7fffffff)).toBe(true);
  });

  it('counts distinct shingles: a long text that repeats one phrase says nothing', () => {
    const phrase = VOCABULARY.slice(0, 4).join(' ');
    expect(minhashSignature(Array(50).fill(phrase).join(' '))).toBeUndefined(); // 200 words, 4 distinct shingles
    expect(minhashSignature(VOCABULARY.slice(0, 9).join(' '))).toBeUndefined(); // 7 shingles
  });
});

describe('resume word hashes', () => {
  it('the one-pass ASCII scan keeps exactly the words resumeWords keeps', () => {
    const ascii = fc.stringMatching(/^[A-Za-z0-9 +#.,;:()@\/-]{0,200}$/);
    fc.assert(
      fc.property(ascii, fc.array(fc.constantFrom('kevin', 'park', 'maria'), { maxLength: 3 }), (text, names) => {
        const ignore = new Set(names);
        expect([...resumeWordHashes(text, ignore)]).toEqual(resumeWords(text, ignore).map((w) => hashString(w, 0) | 0));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
