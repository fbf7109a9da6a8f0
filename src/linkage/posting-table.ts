/**
 * A multimap from a 64-bit key fingerprint to application numbers, kept in
 * one typed array (16 bytes an entry, no per-key objects): open hashing on
 * the first half of the fingerprint, chains through the entries, newest
 * first. An entry's four fields (slot hash, check hash, record, next) sit
 * side by side, so following a chain costs one cache line per entry: at ten
 * million entries the table is far larger than any cache, and every probe is
 * a trip to memory. The second half of the fingerprint confirms a key, so
 * two identifiers are confused only when all 64 bits collide (about 1 in
 * 10^8 at ten million entries).
 */
const STRIDE = 4;
const SLOT = 0;
const CHECK = 1;
const RECORD = 2;
const NEXT = 3;

export class PostingTable {
  private heads: Int32Array;
  private mask: number;
  private entries = new Int32Array(1024 * STRIDE);
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
    return this.heads.byteLength + this.entries.byteLength;
  }

  add(slotHash: number, checkHash: number, record: number): void {
    if ((this.count + 1) * STRIDE > this.entries.length) this.growEntries();
    if (this.count >= this.heads.length * 0.75) this.rehash(this.heads.length * 2);
    const e = this.count++;
    const at = e * STRIDE;
    const slot = slotHash & this.mask;
    this.entries[at + SLOT] = slotHash;
    this.entries[at + CHECK] = checkHash;
    this.entries[at + RECORD] = record;
    this.entries[at + NEXT] = this.heads[slot]!;
    this.heads[slot] = e;
  }

  /**
   * Application numbers filed under the key, newest first, at most `limit`;
   * `visit` returns false to stop early. Returns how many were visited and
   * whether more were left (the list kept per identifier is read up to `limit`).
   */
  find(slotHash: number, checkHash: number, limit: number, visit: (record: number) => boolean | void): { seen: number; more: boolean } {
    const slot = slotHash | 0;
    const check = checkHash | 0;
    const entries = this.entries;
    let seen = 0;
    for (let e = this.heads[slotHash & this.mask]!; e >= 0; e = entries[e * STRIDE + NEXT]!) {
      const at = e * STRIDE;
      if (entries[at + SLOT] !== slot || entries[at + CHECK] !== check) continue;
      if (seen === limit) return { seen, more: true };
      seen++;
      if (visit(entries[at + RECORD]!) === false) return { seen, more: true };
    }
    return { seen, more: false };
  }

  private growEntries(): void {
    const bigger = new Int32Array(this.entries.length * 2);
    bigger.set(this.entries);
    this.entries = bigger;
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    // Re-thread in insertion order so chains stay newest first.
    const entries = this.entries;
    for (let e = 0; e < this.count; e++) {
      const at = e * STRIDE;
      const slot = entries[at + SLOT]! & this.mask;
      entries[at + NEXT] = this.heads[slot]!;
      this.heads[slot] = e;
    }
  }
}
