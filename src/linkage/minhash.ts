import { foldText } from '../normalise/text.js';
import { hashString, mix32 } from './hash.js';

/**
 * Near-duplicate resumes: MinHash signatures over word shingles with LSH
 * banding (Broder 1997; Leskovec, Rajaraman and Ullman, "Mining of Massive
 * Datasets", ch. 3). The shingles ignore what changes when a resume is
 * re-used under another identity: the names, dates, numbers, mail addresses,
 * phone numbers and links, so a copy with the names swapped is still a copy.
 *
 * 8 bands of 4 rows: pairs with Jaccard similarity 0.8 become candidates
 * with probability 0.985 (0.9: 0.9998), pairs at 0.3 with 0.06; every
 * candidate is then checked on the whole signature.
 */
export const MINHASH = { bands: 8, rows: 4, shingle: 3, minShingles: 8 } as const;
export const SIGNATURE_LENGTH = MINHASH.bands * MINHASH.rows;

const BIN_BITS = Math.log2(SIGNATURE_LENGTH);
const BIN_SHIFT = 32 - BIN_BITS;
const MONTHS = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december', 'present', 'current']);
/** Mail addresses and links (their parts would otherwise be words); phone numbers and dates go with every word holding a digit. */
const DROP = /\S+@\S+|https?:\/\/\S+|www\.\S+/g;
const HAS_DROP = /@|:\/\/|www\./;

/** The words that shingles are made of: folded, without names, dates, numbers, mail, phones, links. */
export function resumeWords(text: string, ignore: ReadonlySet<string> = new Set()): string[] {
  return foldText(HAS_DROP.test(text) ? text.replace(DROP, ' ') : text)
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((w) => w.length > 0 && !/\d/.test(w) && !MONTHS.has(w) && !ignore.has(w));
}

const MONTH_HASHES = Int32Array.from(MONTHS, (m) => hashString(m, 0));
/** One bit per value of a month hash's low 10 bits: a word whose bit is clear is no month, without comparing it with all 26. */
const MONTH_BITS = new Int32Array(32);
for (const h of MONTH_HASHES) MONTH_BITS[(h >>> 5) & 31]! |= 1 << (h & 31);
const mayBeMonth = (h: number): boolean => ((MONTH_BITS[(h >>> 5) & 31]! >>> (h & 31)) & 1) === 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const isIn = (hashes: Int32Array, h: number): boolean => {
  for (let i = 0; i < hashes.length; i++) if (hashes[i] === h) return true;
  return false;
};

/**
 * Hashes (hashString(word, 0)) of the words resumeWords keeps, in order. Plain
 * ASCII text is scanned once, hashing each word as it is read, without
 * building the words; other text goes through resumeWords.
 */
export function resumeWordHashes(text: string, ignore: Iterable<string> = []): Int32Array {
  const out = new Int32Array((text.length >> 1) + 1);
  return out.subarray(0, wordHashesInto(text, Int32Array.from(ignore, (w) => hashString(w, 0)), ignore, out));
}

/** resumeWordHashes written into `out` (at least text.length / 2 + 1 long); returns how many. */
function wordHashesInto(text: string, skip: Int32Array, ignore: Iterable<string>, out: Int32Array): number {
  const plain = HAS_DROP.test(text) ? text.replace(DROP, ' ') : text;
  let n = 0;
  let h = FNV_OFFSET;
  let len = 0;
  let digit = false;
  for (let i = 0; i <= plain.length; i++) {
    let c = i < plain.length ? plain.charCodeAt(i) : 32;
    if (c > 126) {
      // Folding needed: the general path.
      const words = resumeWords(text, new Set(ignore));
      // Folding never splits one character into two words, so the words still fit; the bound only guards the buffer.
      const fit = Math.min(words.length, out.length);
      for (let w = 0; w < fit; w++) out[w] = hashString(words[w]!, 0);
      return fit;
    }
    const upper = c >= 65 && c <= 90;
    const word = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35; // letters, digits, + and #
    if (word) {
      if (upper) c |= 32;
      if (c >= 48 && c <= 57) digit = true;
      h = Math.imul(h ^ c, FNV_PRIME);
      len++;
      continue;
    }
    if (len > 0 && !digit) {
      const wh = mix32(h) | 0;
      if (!(mayBeMonth(wh) && isIn(MONTH_HASHES, wh)) && !isIn(skip, wh)) out[n++] = wh;
    }
    h = FNV_OFFSET;
    len = 0;
    digit = false;
  }
  return n;
}

/** The hash of the shingle of `size` words starting at `at`. */
function shingleHash(wh: Int32Array, at: number, size: number): number {
  let h = 0x2f693b5d;
  for (let k = 0; k < size; k++) h = mix32(Math.imul(h ^ wh[at + k]!, 0x9e3779b1) + k);
  return h;
}

/** Shingle hashes, distinct and sorted, from the words of a text. */
export function shingles(words: readonly string[], size: number = MINHASH.shingle): Int32Array {
  return shinglesOfHashes(Int32Array.from(words, (w) => hashString(w, 0)), size);
}

/** Shingle hashes, distinct and sorted: word hashes combined in typed arrays, no strings or boxed numbers built. */
export function shinglesOfHashes(wh: Int32Array, size: number = MINHASH.shingle): Int32Array {
  const count = wh.length - size + 1;
  if (count <= 0) return new Int32Array(0);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = shingleHash(wh, i, size);
  out.sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || out[i] !== out[i - 1]) out[distinct++] = out[i]!;
  return out.subarray(0, distinct);
}

/** Bin probed for an empty bin `bin` on attempt `attempt` (the same for every document, so signatures stay comparable). */
function probe(bin: number, attempt: number): number {
  return mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) & (SIGNATURE_LENGTH - 1);
}

const EMPTY = 0x7fffffff;

/**
 * MinHash signature by one-permutation hashing with optimal densification
 * (Li, Owen and Zhang 2012; Shrivastava 2017): each shingle is hashed once;
 * the top bits of its hash pick one of SIGNATURE_LENGTH bins and the rest is
 * kept if it is the bin's minimum. An empty bin borrows the minimum of the
 * first non-empty bin on its fixed probe sequence. The chance that two
 * signatures agree in a position is the Jaccard similarity of the shingle
 * sets, as with SIGNATURE_LENGTH independent permutations, for one hash per
 * shingle instead of SIGNATURE_LENGTH. Undefined when the text has fewer
 * than MINHASH.minShingles distinct shingles. The high 16 bits of each value
 * are what is stored and compared.
 *
 * Signatures and band keys are computed in buffers the hasher keeps, so that signing a
 * resume builds no word, shingle or signature arrays: what it returns is overwritten by its next call.
 * A minimum does not care about order or repeats, so shingles go straight
 * into the bins, unsorted; only a text with fewer than minShingles filled
 * bins needs its distinct shingles counted.
 */
export class MinHasher {
  private words = new Int32Array(1024);
  private readonly bins = new Int32Array(SIGNATURE_LENGTH);
  private readonly sig = new Int32Array(SIGNATURE_LENGTH);
  private readonly keys = new Int32Array(MINHASH.bands * 2);

  /** The signature of a text, valid until the next call. */
  signature(text: string, ignore: Iterable<string> = []): Int32Array | undefined {
    if (this.words.length < (text.length >> 1) + 1) this.words = new Int32Array((text.length >> 1) + 1024);
    const words = this.words;
    const count = wordHashesInto(text, Int32Array.from(ignore, (w) => hashString(w, 0)), ignore, words) - MINHASH.shingle + 1;
    if (count < MINHASH.minShingles) return undefined;
    const bins = this.bins.fill(EMPTY);
    let filled = 0;
    for (let s = 0; s < count; s++) {
      const v = mix32(Math.imul(shingleHash(words, s, MINHASH.shingle) ^ 0x5bd1e995, 0x27d4eb2f)) | 0;
      const bin = v >>> BIN_SHIFT;
      const rest = (v << BIN_BITS) >>> 1; // the remaining bits, as a non-negative 31-bit value
      if (bins[bin] === EMPTY) filled++;
      if (rest < bins[bin]!) bins[bin] = rest;
    }
    if (filled < MINHASH.minShingles && shinglesOfHashes(words.subarray(0, count + MINHASH.shingle - 1)).length < MINHASH.minShingles) return undefined;
    const sig = this.sig;
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      if (bins[i] !== EMPTY) {
        sig[i] = bins[i]!;
        continue;
      }
      for (let attempt = 1; ; attempt++) {
        const from = probe(i, attempt);
        if (bins[from] !== EMPTY) {
          sig[i] = bins[from]! ^ Math.imul(attempt, 0x2c1b3c6d); // keep borrowed values apart from the lender's own
          break;
        }
      }
    }
    return sig;
  }

  /** bandKeys of a signature as (slot, check) pairs in one array, valid until the next call. */
  bandKeys(sig: Int32Array): Int32Array {
    bandKeysInto(sig, this.keys);
    return this.keys;
  }
}

/** One (slot, check) hash pair per band, side by side: equal bands land in the same bucket. */
function bandKeysInto(sig: Int32Array, keys: Int32Array): Int32Array {
  for (let b = 0; b < MINHASH.bands; b++) {
    let h1 = mix32(0x1b873593 ^ b);
    let h2 = mix32(0x7feb352d ^ b);
    for (let r = 0; r < MINHASH.rows; r++) {
      const v = sig[b * MINHASH.rows + r]!;
      h1 = mix32(h1 ^ v) + 0x6b43a9b5;
      h2 = mix32((h2 + v) | 0) ^ 0x2c1b3c6d;
    }
    keys[2 * b] = h1;
    keys[2 * b + 1] = h2;
  }
  return keys;
}

/** Estimated Jaccard similarity: the share of equal signature positions (as stored: their high 16 bits). */
export function signatureSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_LENGTH; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_LENGTH;
}
