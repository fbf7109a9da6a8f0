/**
 * A multimap from a 64-bit key fingerprint to application numbers, kept in
 * one typed array (16 bytes an entry, no per-key objects): open hashing on
 * the first half of the fingerprint, chains through the entries, newest
 * first. An entry's four fields (slot hash, check hash, record, next) sit
 * side by side, so following a chain costs one cache line per entry: at ten
 * million entries the table is far larger than any cache, and every probe is
 * a trip to memory. The second half of the fingerprint confirms a key, so
 * two identifiers are confused only when all 64 bits collide (about 1 in
 * 10^8 at ten million entries). Entries live in fixed pages of 2^16, so
 * growing the table adds a page and never copies the entries already held.
 */
const STRIDE = 4;
const SLOT = 0;
const CHECK = 1;
const RECORD = 2;
const NEXT = 3;
const PAGE_BITS = 16;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
const PAGE_INTS = (1 << PAGE_BITS) * STRIDE;

export class PostingTable {
  private heads: Int32Array;
  private mask: number;
  private readonly pages: Int32Array[] = [];
  private count = 0;

  constructor(initialSlots = 1 << 16) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots)));
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.heads.byteLength + this.pages.length * PAGE_INTS * 4;
  }

  add(slotHash: number, checkHash: number, record: number): void {
    if (this.count >= this.heads.length * 0.75) this.rehash(this.heads.length * 2);
    const e = this.count++;
    if ((e & PAGE_MASK) === 0) this.pages.push(new Int32Array(PAGE_INTS));
    const page = this.pages[e >>> PAGE_BITS]!;
    const at = (e & PAGE_MASK) * STRIDE;
    const slot = slotHash & this.mask;
    page[at + SLOT] = slotHash;
    page[at + CHECK] = checkHash;
    page[at + RECORD] = record;
    page[at + NEXT] = this.heads[slot]!;
    this.heads[slot] = e;
  }

  /**
   * Appends to `out` the application numbers filed under the key, newest
   * first, at most `limit`; returns whether more were left (the list kept
   * per identifier is read up to `limit`).
   */
  collect(slotHash: number, checkHash: number, limit: number, out: number[]): boolean {
    const slot = slotHash | 0;
    const check = checkHash | 0;
    const pages = this.pages;
    let seen = 0;
    for (let e = this.heads[slotHash & this.mask]!; e >= 0; ) {
      const page = pages[e >>> PAGE_BITS]!;
      const at = (e & PAGE_MASK) * STRIDE;
      e = page[at + NEXT]!;
      if (page[at + SLOT] !== slot || page[at + CHECK] !== check) continue;
      if (seen === limit) return true;
      seen++;
      out.push(page[at + RECORD]!);
    }
    return false;
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    // Re-thread in insertion order so chains stay newest first.
    for (let e = 0; e < this.count; e++) {
      const page = this.pages[e >>> PAGE_BITS]!;
      const at = (e & PAGE_MASK) * STRIDE;
      const slot = page[at + SLOT]! & this.mask;
      page[at + NEXT] = this.heads[slot]!;
      this.heads[slot] = e;
    }
  }
}
