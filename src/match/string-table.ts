/**
 * A read-only map from strings to numbers or to lists of numbers, held in
 * one string and a few typed arrays: the keys written one after another,
 * an open-addressing table of their places, and the values. Built once from
 * a Map; afterwards it only answers look-ups. Its data (`data`) is plain
 * strings and typed arrays, so a snapshot of it is written and read back
 * in one piece (a structured clone or v8.serialize), with no Map to rebuild
 * key by key: what makes a saved index load in milliseconds. Pure.
 */
export interface StringTableData {
  /** Every key, one after another. */
  readonly text: string;
  /** Key k is text[keyStart[k]] to text[keyStart[k + 1] - 1]. */
  readonly keyStart: Int32Array;
  /** Open addressing: key number + 1, or 0 for a free slot (a power of two long). */
  readonly slots: Int32Array;
  /** Key k's values are values[valueStart[k]] to values[valueStart[k + 1] - 1]. */
  readonly valueStart: Int32Array;
  readonly values: Int32Array;
}

/** FNV-1a over the key's UTF-16 code units, with a finishing mix. */
function hashOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

const NONE = new Int32Array(0);

export class StringTable {
  private readonly mask: number;

  constructor(readonly data: StringTableData) {
    this.mask = data.slots.length - 1;
  }

  /** A table of one number per key. */
  static ofNumbers(entries: Iterable<readonly [string, number]>): StringTable {
    const lists: [string, readonly number[]][] = [];
    for (const [key, value] of entries) lists.push([key, [value]]);
    return StringTable.ofLists(lists);
  }

  /** A table of a list of numbers per key (each kept in its order). */
  static ofLists(entries: Iterable<readonly [string, readonly number[]]>): StringTable {
    const keys: string[] = [];
    const valueStart: number[] = [0];
    const values: number[] = [];
    for (const [key, list] of entries) {
      keys.push(key);
      for (const v of list) values.push(v);
      valueStart.push(values.length);
    }
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    const slots = new Int32Array(size);
    const keyStart = new Int32Array(keys.length + 1);
    keys.forEach((key, k) => {
      keyStart[k + 1] = keyStart[k]! + key.length;
      let s = hashOf(key) & (size - 1);
      while (slots[s] !== 0) s = (s + 1) & (size - 1);
      slots[s] = k + 1;
    });
    return new StringTable({ text: keys.join(''), keyStart, slots, valueStart: Int32Array.from(valueStart), values: Int32Array.from(values) });
  }

  get size(): number {
    return this.data.keyStart.length - 1;
  }

  /** The key's number in the table, or -1 when absent. */
  indexOf(key: string): number {
    const { text, keyStart, slots } = this.data;
    for (let s = hashOf(key) & this.mask; ; s = (s + 1) & this.mask) {
      const k = slots[s]! - 1;
      if (k < 0) return -1;
      const from = keyStart[k]!;
      if (keyStart[k + 1]! - from !== key.length) continue;
      let i = 0;
      while (i < key.length && text.charCodeAt(from + i) === key.charCodeAt(i)) i++;
      if (i === key.length) return k;
    }
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** The first (for a table of numbers, the only) value of the key. */
  number(key: string): number | undefined {
    const k = this.indexOf(key);
    return k < 0 ? undefined : this.data.values[this.data.valueStart[k]!]!;
  }

  /** The key's values (a view, not a copy; empty when absent). */
  list(key: string): Int32Array {
    const k = this.indexOf(key);
    return k < 0 ? NONE : this.data.values.subarray(this.data.valueStart[k]!, this.data.valueStart[k + 1]!);
  }

  /** Key number k. */
  key(k: number): string {
    return this.data.text.slice(this.data.keyStart[k]!, this.data.keyStart[k + 1]!);
  }
}
