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

/** A built index as plain typed arrays (see DeletionIndex.data and fromData). */
export interface DeletionIndexData {
  readonly terms: Int32Array;
  readonly slots: Int32Array;
}

export class DeletionIndex {
  readonly terms: Int32Array;
  /** Open addressing, SLOT ints a slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly scratch = new Int32Array(2);

  /**
   * `texts[term]` is the term's text, or null for a term not to index (joined tokens).
   * Built in three passes over the filings, with no sort: place each key in the table and count
   * its terms, give each key its run of `terms`, then fill the runs in term order (so each run is
   * ascending, each term once).
   */
  constructor(texts: readonly (string | null)[], selfFrom: number, deleteFrom: number) {
    let filings = 0;
    for (const text of texts) {
      if (text === null) continue;
      if (text.length >= selfFrom) filings++;
      if (text.length >= deleteFrom) filings += text.length;
    }
    let size = 1024;
    while (size < filings * 2) size *= 2;
    const mask = size - 1;
    const slots = new Int32Array(size * SLOT);
    for (let s = 0; s < size; s++) slots[s * SLOT + 2] = EMPTY;
    /** Per filing: its slot, or -1 when it repeats the slot's last term. */
    const slotOf = new Int32Array(filings);
    const ownerOf = new Int32Array(filings);
    /** Per slot: the last term filed (repeats are dropped; they can only come from a hash collision within one text). */
    const last = new Int32Array(size).fill(-1);
    let n = 0;
    const scratch = this.scratch;
    const file = (text: string, skip: number, term: number): void => {
      hashPair(text, skip, scratch);
      const a = scratch[0]!;
      const b = scratch[1]!;
      let s = a & mask;
      for (;;) {
        const at = s * SLOT;
        if (slots[at + 2] === EMPTY) {
          slots[at] = a;
          slots[at + 1] = b;
          slots[at + 2] = 0;
          slots[at + 3] = 0;
          break;
        }
        if (slots[at] === a && slots[at + 1] === b) break;
        s = (s + 1) & mask;
      }
      ownerOf[n] = term;
      if (last[s] === term) slotOf[n++] = -1;
      else {
        last[s] = term;
        slots[s * SLOT + 3]!++;
        slotOf[n++] = s;
      }
    };
    texts.forEach((text, term) => {
      if (text === null) return;
      if (text.length >= selfFrom) file(text, -1, term);
      if (text.length >= deleteFrom) for (let i = 0; i < text.length; i++) if (i === 0 || text[i] !== text[i - 1]) file(text, i, term);
    });
    // Runs: a slot's count becomes its start (field 2) and fill point (field 3).
    let start = 0;
    for (let s = 0; s < size; s++) {
      const at = s * SLOT;
      if (slots[at + 2] === EMPTY) continue;
      const count = slots[at + 3]!;
      slots[at + 2] = start;
      slots[at + 3] = start;
      start += count;
    }
    const terms = new Int32Array(start);
    for (let f = 0; f < n; f++) {
      const s = slotOf[f]!;
      if (s >= 0) terms[slots[s * SLOT + 3]!++] = ownerOf[f]!;
    }
    this.terms = terms;
    this.slots = slots;
    this.mask = mask;
  }

  /** The index as typed arrays, to save. */
  get data(): DeletionIndexData {
    return { terms: this.terms, slots: this.slots };
  }

  /** The index saved as `data`, without building it again. */
  static fromData(data: DeletionIndexData): DeletionIndex {
    const index = Object.create(DeletionIndex.prototype) as DeletionIndex;
    Object.assign(index, { terms: data.terms, slots: data.slots, mask: data.slots.length / SLOT - 1, scratch: new Int32Array(2), from: 0, to: 0 });
    return index;
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
