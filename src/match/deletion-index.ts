/**
 * The one-edit neighbourhood of the vocabulary, kept in flat typed arrays.
 * Each indexed term is filed under its own text (terms of `selfFrom`+
 * letters) and under every text it leaves when one letter is deleted (terms
 * of `deleteFrom`+ letters). A query token then finds every term within one
 * edit (a typo, a missing or extra letter, two swapped neighbours) by
 * looking up its own text and each of its deletions: a term equal to a
 * deletion lost a letter, a term with a deletion equal to the token has one
 * more, and two that share a deletion differ by one letter or a swap.
 *
 * Keys are never built as strings: a key is two 32-bit hashes of the text
 * with one position skipped, computed from the character codes, and found in
 * an open-addressing table whose slots hold the key itself (both hashes and
 * where its terms are), so that a look-up reads one cache line, not two. A wrong term can come back only when both hashes
 * of two different texts agree (about one chance in 2^64 a look-up); every
 * term found is compared in full by the caller anyway. Pure: built once.
 */
const EMPTY = -1;

/** Two independent hashes (FNV-1a and a multiply-rotate mix) of `text` without position `skip` (-1: none). */
function hashPair(text: string, skip: number, out: Int32Array): void {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x9e3779b9 | 0;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x2545f491) ^ c;
  }
  out[0] = h1 ^ (h1 >>> 15);
  out[1] = Math.imul(h2 ^ (h2 >>> 13), 0x5bd1e995) ^ (text.length - (skip < 0 ? 0 : 1));
}

/** Ints per slot: hash 1, hash 2, first and past-last position of the key's terms in `terms` (EMPTY first: a free slot). */
const SLOT = 4;

export class DeletionIndex {
  readonly terms: Int32Array;
  /** Open addressing, SLOT ints a slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly scratch = new Int32Array(2);

  /** `texts[term]` is the term's text, or null for a term not to index (joined tokens). */
  constructor(texts: readonly (string | null)[], selfFrom: number, deleteFrom: number) {
    const h1: number[] = [];
    const h2: number[] = [];
    const owner: number[] = [];
    const file = (text: string, skip: number, term: number): void => {
      hashPair(text, skip, this.scratch);
      h1.push(this.scratch[0]!);
      h2.push(this.scratch[1]!);
      owner.push(term);
    };
    texts.forEach((text, term) => {
      if (text === null) return;
      if (text.length >= selfFrom) file(text, -1, term);
      if (text.length >= deleteFrom) for (let i = 0; i < text.length; i++) if (i === 0 || text[i] !== text[i - 1]) file(text, i, term);
    });
    const order = Array.from(h1.keys()).sort((a, b) => h1[a]! - h1[b]! || h2[a]! - h2[b]! || owner[a]! - owner[b]!);
    const keys: number[] = [];
    const terms = new Int32Array(order.length);
    let n = 0;
    for (const i of order) {
      const last = keys.length - 4;
      if (last < 0 || keys[last] !== h1[i] || keys[last + 1] !== h2[i]) keys.push(h1[i]!, h2[i]!, n, n);
      const start = keys[keys.length - 2]!;
      if (n === start || terms[n - 1] !== owner[i]) terms[n++] = owner[i]!;
      keys[keys.length - 1] = n;
    }
    this.terms = terms.slice(0, n);
    let size = 1024;
    while (size < (keys.length / 4) * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * SLOT);
    for (let s = 0; s < size; s++) this.slots[s * SLOT + 2] = EMPTY;
    for (let k = 0; k < keys.length; k += 4) {
      let s = keys[k]! & this.mask;
      while (this.slots[s * SLOT + 2] !== EMPTY) s = (s + 1) & this.mask;
      this.slots.set([keys[k]!, keys[k + 1]!, keys[k + 2]!, keys[k + 3]!], s * SLOT);
    }
  }

  /** First and past-last position in `terms` of the last look-up's terms. */
  from = 0;
  to = 0;

  /**
   * Looks up the terms filed under `text` with position `skip` deleted (-1:
   * the text itself): they are `terms[from]` to `terms[to - 1]`, each once.
   */
  lookup(text: string, skip: number): void {
    hashPair(text, skip, this.scratch);
    const a = this.scratch[0]!;
    const b = this.scratch[1]!;
    const { slots, mask } = this;
    this.from = this.to = 0;
    for (let s = a & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      if (slots[at + 2] === EMPTY) return;
      if (slots[at] === a && slots[at + 1] === b) {
        this.from = slots[at + 2]!;
        this.to = slots[at + 3]!;
        return;
      }
    }
  }
}
