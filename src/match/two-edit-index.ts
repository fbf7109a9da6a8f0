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
export class TwoEditIndex {
  /** Per triple key (triple and term length): each term followed by its letter mask. */
  private readonly lists = new Map<number, Int32Array>();
  private readonly seen: Int32Array;
  private round = 0;

  /** `texts[term]` is the term's text, or null for a term not to index (joined tokens). */
  constructor(
    private readonly texts: readonly (string | null)[],
    private readonly config: MatchConfig,
  ) {
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
    for (const [key, terms] of byTriple) {
      const list = new Int32Array(terms.length * 2);
      terms.forEach((term, i) => {
        list[i * 2] = term;
        list[i * 2 + 1] = letterMask(texts[term]!);
      });
      this.lists.set(key, list);
    }
    this.seen = new Int32Array(texts.length);
  }

  /** Terms within two edits of `token` (a typo score above 0), each once, in the order found. */
  scan(token: string): TermHit[] {
    const hits: TermHit[] = [];
    if (token.length < this.config.twoTypoLength) return hits;
    const grams = triplePositions(token).map((at) => {
      const lists: Int32Array[] = [];
      let size = 0;
      for (let length = token.length - 2; length <= token.length + 2; length++) {
        const list = this.lists.get(tripleKey(token, at, length));
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
          const typo = typoScore(token, this.texts[term]!, this.config);
          if (typo > 0) hits.push({ term, pair: { score: typo, how: 'typo' } });
        }
      }
    }
    return hits;
  }
}
