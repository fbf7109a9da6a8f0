/**
 * A multimap from a 64-bit key fingerprint to application numbers, kept in
 * typed arrays (no per-key objects). Each distinct key has one cell of three
 * Int32 (slot hash, check hash, value) in an open-addressed table (linear
 * probing): a key filed once (most identifiers: a phone, a mailbox, a
 * device) keeps its application number in the cell itself; a key filed again
 * points to a list of postings (record, older) in a pool, newest first.
 *
 * Most look-ups are for keys never filed before, or filed once: one cell, one
 * trip to memory, without walking other keys' postings (at a million
 * applications the table is far larger than any cache, and every probe is a
 * trip to memory). The second half of the fingerprint confirms a key, so two
 * identifiers are confused only when all 64 bits collide (about 1 in 10^8 at
 * ten million entries).
 *
 * The cells are split into PARTS tables by the top bits of the slot hash,
 * each grown (doubled and refilled) on its own: growing never holds two
 * copies of the whole table, and a part being refilled fits in the cache.
 * Pool postings live in fixed pages of 2^16 and are never copied.
 */
const CELL = 3;
const SLOT = 0;
const CHECK = 1;
const VALUE = 2;
/**
 * VALUE of a free cell: 0, so a new table needs no filling (the system hands out zeroed memory);
 * a record r filed once is r + 1, a pool list -(index + 1).
 */
const FREE = 0;
const PART_BITS = 8;
const PARTS = 1 << PART_BITS;
const PART_SHIFT = 32 - PART_BITS;
const MAX_LOAD = 0.75;
const PAGE_BITS = 16;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
/** A pool posting: its record and the index of the next older one (-1: none). */
const POSTING = 2;

export class PostingTable {
  private readonly parts: Int32Array[] = [];
  /** Keys held by each part, and each part's cell count less one (cell counts are powers of two). */
  private readonly keys = new Int32Array(PARTS);
  private readonly masks = new Int32Array(PARTS);
  private readonly pool: Int32Array[] = [];
  private pooled = 0;
  private count = 0;

  constructor(initialSlots = 1 << 16) {
    const cells = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots / PARTS)));
    for (let p = 0; p < PARTS; p++) this.parts.push(new Int32Array(cells * CELL));
    this.masks.fill(cells - 1);
  }

  /** Postings held (every add is one). */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    let cells = 0;
    for (const part of this.parts) cells += part.byteLength;
    return cells + this.pool.length * (1 << PAGE_BITS) * POSTING * 4 + this.keys.byteLength + this.masks.byteLength;
  }

  add(slotHash: number, checkHash: number, record: number): void {
    const slot = slotHash | 0;
    const check = checkHash | 0;
    const p = slot >>> PART_SHIFT;
    if (this.keys[p]! >= (this.masks[p]! + 1) * MAX_LOAD) this.grow(p);
    const cells = this.parts[p]!;
    const mask = this.masks[p]!;
    this.count++;
    for (let i = slot & mask; ; i = (i + 1) & mask) {
      const at = i * CELL;
      const value = cells[at + VALUE]!;
      if (value === FREE) {
        cells[at + SLOT] = slot;
        cells[at + CHECK] = check;
        cells[at + VALUE] = record + 1;
        this.keys[p]!++;
        return;
      }
      if (cells[at + SLOT] !== slot || cells[at + CHECK] !== check) continue;
      // Filed again: the list gets the new posting in front (a single record becomes a list of one first).
      const older = value > 0 ? this.post(value - 1, -1) : -value - 1;
      cells[at + VALUE] = -this.post(record, older) - 1;
      return;
    }
  }

  /**
   * Appends to `out` the application numbers filed under the key, newest
   * first, at most `limit`; returns whether more were left (the list kept
   * per identifier is read up to `limit`).
   */
  collect(slotHash: number, checkHash: number, limit: number, out: number[]): boolean {
    const slot = slotHash | 0;
    const check = checkHash | 0;
    const cells = this.parts[slot >>> PART_SHIFT]!;
    const mask = this.masks[slot >>> PART_SHIFT]!;
    for (let i = slot & mask; ; i = (i + 1) & mask) {
      const at = i * CELL;
      const value = cells[at + VALUE]!;
      if (value === FREE) return false;
      if (cells[at + SLOT] !== slot || cells[at + CHECK] !== check) continue;
      if (value > 0) {
        if (limit === 0) return true;
        out.push(value - 1);
        return false;
      }
      let seen = 0;
      for (let e = -value - 1; e >= 0; ) {
        const page = this.pool[e >>> PAGE_BITS]!;
        const pat = (e & PAGE_MASK) * POSTING;
        if (seen === limit) return true;
        seen++;
        out.push(page[pat]!);
        e = page[pat + 1]!;
      }
      return false;
    }
  }

  /**
   * Reads the first cell of each key in `keys` ((slot, check) pairs, the first `length`
   * numbers), so that the look-ups that follow find their cells in the cache: the trips to
   * memory of all the keys overlap instead of following one another (at a million
   * applications about 400 ns a look-up one by one, 160 ns after a touch). Returns a number
   * made of what it read: keep it, so that the reads are not optimised away.
   */
  touch(keys: Int32Array, length = keys.length): number {
    let sum = 0;
    for (let k = 0; k < length; k += 2) {
      const slot = keys[k]! | 0;
      const p = slot >>> PART_SHIFT;
      sum = (sum + this.parts[p]![(slot & this.masks[p]!) * CELL + VALUE]!) | 0;
    }
    return sum;
  }

  /** A pool posting of `record` before `older`; its index. */
  private post(record: number, older: number): number {
    const e = this.pooled++;
    if ((e & PAGE_MASK) === 0) this.pool.push(new Int32Array((1 << PAGE_BITS) * POSTING));
    const page = this.pool[e >>> PAGE_BITS]!;
    const at = (e & PAGE_MASK) * POSTING;
    page[at] = record;
    page[at + 1] = older;
    return e;
  }

  /** Part p in a table twice the size, its keys refiled (their values, and so the pool, unchanged). */
  private grow(p: number): void {
    const old = this.parts[p]!;
    const cells = new Int32Array(old.length * 2);
    const mask = 2 * (this.masks[p]! + 1) - 1;
    for (let at = 0; at < old.length; at += CELL) {
      if (old[at + VALUE] === FREE) continue;
      let i = old[at + SLOT]! & mask;
      while (cells[i * CELL + VALUE] !== FREE) i = (i + 1) & mask;
      cells[i * CELL + SLOT] = old[at + SLOT]!;
      cells[i * CELL + CHECK] = old[at + CHECK]!;
      cells[i * CELL + VALUE] = old[at + VALUE]!;
    }
    this.parts[p] = cells;
    this.masks[p] = mask;
  }
}
