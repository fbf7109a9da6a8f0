/**
 * A multimap from a 64-bit key fingerprint to application numbers, kept in
 * typed arrays (16 bytes an entry, no per-key objects): open hashing on the
 * first half of the fingerprint, chains through the entries, newest first.
 * The second half confirms a key, so two identifiers are confused only when
 * all 64 bits collide (about 1 in 10^8 at ten million entries).
 */
export class PostingTable {
  private heads: Int32Array;
  private mask: number;
  private slotHash = new Uint32Array(1024);
  private checkHash = new Uint32Array(1024);
  private record = new Int32Array(1024);
  private next = new Int32Array(1024);
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
    return this.heads.byteLength + this.slotHash.byteLength * 4;
  }

  add(slotHash: number, checkHash: number, record: number): void {
    if (this.count === this.record.length) this.growEntries();
    if (this.count >= this.heads.length * 0.75) this.rehash(this.heads.length * 2);
    const e = this.count++;
    this.slotHash[e] = slotHash;
    this.checkHash[e] = checkHash;
    this.record[e] = record;
    const slot = slotHash & this.mask;
    this.next[e] = this.heads[slot]!;
    this.heads[slot] = e;
  }

  /**
   * Application numbers filed under the key, newest first, at most `limit`;
   * `visit` returns false to stop early. Returns how many were visited and
   * whether more were left (the list kept per identifier is read up to `limit`).
   */
  find(slotHash: number, checkHash: number, limit: number, visit: (record: number) => boolean | void): { seen: number; more: boolean } {
    let seen = 0;
    for (let e = this.heads[slotHash & this.mask]!; e >= 0; e = this.next[e]!) {
      if (this.slotHash[e] !== slotHash || this.checkHash[e] !== checkHash) continue;
      if (seen === limit) return { seen, more: true };
      seen++;
      if (visit(this.record[e]!) === false) return { seen, more: true };
    }
    return { seen, more: false };
  }

  private growEntries(): void {
    const n = this.record.length * 2;
    const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.slotHash = grow(this.slotHash, (k) => new Uint32Array(k));
    this.checkHash = grow(this.checkHash, (k) => new Uint32Array(k));
    this.record = grow(this.record, (k) => new Int32Array(k));
    this.next = grow(this.next, (k) => new Int32Array(k));
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    // Re-thread in insertion order so chains stay newest first.
    for (let e = 0; e < this.count; e++) {
      const slot = this.slotHash[e]! & this.mask;
      this.next[e] = this.heads[slot]!;
      this.heads[slot] = e;
    }
  }
}
