import type { PairBuffer } from './align.js';
import type { MatchConfig } from './config.js';
import type { IndexedName, QueryPlan } from './name-plan.js';
import type { TermDictionary, TermHits } from './term-dictionary.js';
import { compareTokens, compareUnseen, type TokenPair } from './token-compare.js';

/**
 * Every scoring pair between a query and one listed name: token-token,
 * joined-token and token-joined. A pair the index lookup found is read from
 * the query token's hits; the rest are only what the lookup cannot see
 * (initials, nicknames, two edits between long tokens), and a token the
 * lookup skipped (a particle) is compared in full.
 *
 * `HitMarks` records, once per query, which query tokens found each term
 * (a bit per token in an array indexed by term), so that the many pairs the
 * lookup did not find cost one array read instead of a search.
 */
function found(hits: TermHits, term: number): TokenPair | null {
  const terms = hits.terms;
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = terms[mid]!;
    if (t === term) return hits.pairs[mid]!;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** Per term, in one cache line: the round it was marked in, unit bits, joined bits, and 1 for a term of two joined tokens. */
const ROUND = 0;
const UNIT = 1;
const JOINED = 2;
const IS_JOINED = 3;

export class HitMarks {
  private readonly cells: Int32Array;
  private current = 0;
  private plan: QueryPlan | null = null;

  constructor(dictionary: TermDictionary) {
    this.cells = new Int32Array(dictionary.size * 4);
    for (let term = 0; term < dictionary.size; term++) this.cells[term * 4 + IS_JOINED] = dictionary.joined[term]!;
  }

  /** Bit q: query token q was looked up and has 2+ letters (it may match two listed tokens written joined). */
  joinable = 0;

  /** Marks the hits of a plan whose lookups are done (once per plan). */
  mark(plan: QueryPlan): void {
    if (this.plan === plan) return;
    this.plan = plan;
    this.joinable = 0;
    for (let q = 0; q < plan.tokens.length; q++) if (plan.looked[q] && plan.tokens[q]!.length >= 2) this.joinable |= 1 << q;
    this.current = this.current === 0x7fffffff ? 1 : this.current + 1;
    for (let q = 0; q < plan.query.length; q++) {
      const hits = plan.looked[q] ? plan.query[q]!.hits : undefined;
      if (hits) for (const term of hits.terms) this.set(term, UNIT, q);
    }
    for (let k = 0; k < plan.joined.length; k++) {
      for (const term of plan.joined[k]!.hits.terms) this.set(term, JOINED, k);
    }
  }

  private set(term: number, field: number, bit: number): void {
    const at = term * 4;
    if (this.cells[at + ROUND] !== this.current) {
      this.cells[at + ROUND] = this.current;
      this.cells[at + UNIT] = 0;
      this.cells[at + JOINED] = 0;
    }
    this.cells[at + field]! |= 1 << bit;
  }

  /** Bit q: query token q found the term; bit 31: the term is two joined tokens. */
  unitBits(term: number): number {
    const at = term * 4;
    const bits = this.cells[at + ROUND] === this.current ? this.cells[at + UNIT]! : 0;
    return this.cells[at + IS_JOINED] === 1 ? bits | (1 << 31) : bits;
  }

  /** Bit k: query tokens k and k+1 written joined found the term. */
  joinedBits(term: number): number {
    const at = term * 4;
    return this.cells[at + ROUND] === this.current ? this.cells[at + JOINED]! : 0;
  }
}

/** Pairs between a query and one listed name, into `out`; `marks` must hold the plan's hits. */
export function spanPairs(plan: QueryPlan, name: IndexedName, dictionary: TermDictionary, marks: HitMarks, config: MatchConfig, out: PairBuffer): PairBuffer {
  marks.mark(plan);
  out.length = 0;
  const n = plan.tokens.length;
  const { terms, joinedTerms } = name;
  const { looked, query } = plan;
  // Query token q against listed tokens c and c+1 written joined. These go first: on a tie with a
  // joined query span against one listed token (below), the alignment keeps the order they came in.
  for (let c = 0; c < joinedTerms.length; c++) {
    let bits = marks.unitBits(joinedTerms[c]!) & marks.joinable;
    for (let q = 0; bits !== 0; q++, bits >>>= 1) {
      if (bits & 1) {
        const pair = found(query[q]!.hits!, joinedTerms[c]!)!;
        out.add(q, q, c, c + 1, pair.score, 'joined');
      }
    }
  }
  for (let c = 0; c < terms.length; c++) {
    const term = terms[c]!;
    const bits = marks.unitBits(term);
    const joinedTerm = bits < 0;
    for (let q = 0; q < n; q++) {
      let pair: TokenPair | null;
      if (!looked[q]) pair = compareTokens(query[q]!.info, dictionary.info(term), config);
      else if (bits & (1 << q)) pair = found(query[q]!.hits!, term);
      else pair = joinedTerm ? null : compareUnseen(query[q]!.info, dictionary.info(term), config);
      if (pair) out.add(q, q, c, c, pair.score, pair.how);
    }
    // Query tokens k and k+1 written joined against listed token c.
    let joined = marks.joinedBits(term);
    for (let k = 0; joined !== 0; k++, joined >>>= 1) {
      if (joined & 1) {
        const pair = found(plan.joined[k]!.hits, term)!;
        out.add(k, k + 1, c, c, pair.score, 'joined');
      }
    }
  }
  return out;
}
