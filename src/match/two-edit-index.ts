import type { MatchConfig } from './config.js';
import { bitCount, letterMask, tripleKey, triplePositions } from './letter-triples.js';
import { sortShort } from './sort-short.js';
import { typoScore, type TokenPair } from './token-compare.js';

/**
 * A term found similar to a query token, and how it compares. Declared here, beside the
 * scan that yields the most of them, so the term dictionary imports the scan and never the
 * reverse.
 */
export interface TermHit {
  readonly term: number;
  readonly pair: TokenPair;
}

/**
 * The term dictionary's fallback: terms within two edits of a long token
 * that found nothing within one. An edit breaks at most four letter triples
 * (counted with start and end marks; a swap of two neighbours breaks four,
 * any other edit three or fewer), so such a term, at most two letters
 * longer or shorter, shares all but eight of the token's triples, and
 * therefore at least one of its nine rarest: the terms holding those are
 * compared. Each list holds a term and its letter mask side by side, so
 * the mask filter (see letterMask) reads the list it walks. Pure: built once.
 */
/**
 * The lists as typed arrays: the triple keys ascending, and key k's list
 * (term, mask, term, mask ...) at lists[starts[k]] to lists[starts[k + 1] - 1].
 */
export interface TwoEditIndexData {
  readonly keys: Int32Array;
  readonly starts: Int32Array;
  readonly lists: Int32Array;
}

function listsOf(byKey: Map<number, Int32Array>): TwoEditIndexData {
  const keys = Int32Array.from(byKey.keys()).sort();
  const starts = new Int32Array(keys.length + 1);
  keys.forEach((key, k) => (starts[k + 1] = starts[k]! + byKey.get(key)!.length));
  const lists = new Int32Array(starts[keys.length]!);
  keys.forEach((key, k) => lists.set(byKey.get(key)!, starts[k]!));
  return { keys, starts, lists };
}

export class TwoEditIndex {
  /** Per triple key (triple and term length): each term followed by its letter mask. */
  readonly data: TwoEditIndexData;
  private readonly seen: Int32Array;
  private round = 0;
  private readonly textOf: (term: number) => string;

  /**
   * `texts[term]` is the term's text, or null for a term not to index (joined
   * tokens); or the index saved as `data`, with the terms' texts and their count.
   */
  constructor(texts: readonly (string | null)[] | { data: TwoEditIndexData; text: (term: number) => string; terms: number }, private readonly config: MatchConfig) {
    if (!Array.isArray(texts)) {
      const saved = texts as { data: TwoEditIndexData; text: (term: number) => string; terms: number };
      this.data = saved.data;
      this.textOf = saved.text;
      this.seen = new Int32Array(saved.terms);
      return;
    }
    this.textOf = (term) => texts[term]!;
    const byTriple = new Map<number, number[]>();
    texts.forEach((text, term) => {
      if (text === null || text.length < config.twoTypoLength - 2) return;
      for (const at of triplePositions(text)) {
        const key = tripleKey(text, at, text.length);
        const list = byTriple.get(key);
        if (!list) byTriple.set(key, [term]);
        else if (list[list.length - 1] !== term) list.push(term);
      }
    });
    const lists = new Map<number, Int32Array>();
    for (const [key, terms] of byTriple) {
      const list = new Int32Array(terms.length * 2);
      terms.forEach((term, i) => {
        list[i * 2] = term;
        list[i * 2 + 1] = letterMask(texts[term]!);
      });
      lists.set(key, list);
    }
    this.data = listsOf(lists);
    this.seen = new Int32Array(texts.length);
  }

  /** The list of a triple key (binary search over the ascending keys). */
  private list(key: number): Int32Array | undefined {
    const { keys, starts, lists } = this.data;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid]!;
      if (k === key) return lists.subarray(starts[mid]!, starts[mid + 1]!);
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Terms within two edits of `token` (a typo score above 0), each once, in the order found. */
  scan(token: string): TermHit[] {
    const hits: TermHit[] = [];
    if (token.length < this.config.twoTypoLength) return hits;
    const grams = triplePositions(token).map((at) => {
      const lists: Int32Array[] = [];
      let size = 0;
      for (let length = token.length - 2; length <= token.length + 2; length++) {
        const list = this.list(tripleKey(token, at, length));
        if (list) {
          lists.push(list);
          size += list.length;
        }
      }
      return { lists, size };
    });
    sortShort(grams, (a, b) => a.size - b.size);
    const seen = this.seen;
    const mine = letterMask(token);
    const round = (this.round = this.round === 0x7fffffff ? 1 : this.round + 1);
    for (let g = 0; g < Math.min(9, grams.length); g++) {
      for (const list of grams[g]!.lists) {
        for (let i = 0; i < list.length; i += 2) {
          if (bitCount(mine ^ list[i + 1]!) > 4) continue;
          const term = list[i]!;
          if (seen[term] === round) continue;
          seen[term] = round;
          const typo = typoScore(token, this.textOf(term), this.config);
          if (typo > 0) hits.push({ term, pair: { score: typo, how: 'typo' } });
        }
      }
    }
    return hits;
  }
}
