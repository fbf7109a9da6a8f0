import type { MatchConfig, TokenClass } from './config.js';
import type { TokenHow } from './types.js';

/**
 * Token alignment between a query name and one listed name. Each side is a
 * list of weighted tokens; a pair links one query span to one listed span
 * (a span is one token, or two adjacent tokens written joined). Pairs are
 * taken greedily, best score first (longer spans first on ties), each token
 * used once; when joined spans are involved, joined spans first is tried too
 * and the assignment matching more weight wins. The name score is a weighted geometric mean of two coverages:
 *   query coverage  = sum(pair score x query weight of its tokens) / query weight
 *   listed coverage = sum(pair score x listed weight of its tokens) / listed weight
 * so a dropped middle name costs a little and an unrelated extra name a lot.
 */
export interface SpanPair {
  /** First and last query token of the span (equal for a single token). */
  readonly q0: number;
  readonly q1: number;
  readonly c0: number;
  readonly c1: number;
  readonly score: number;
  readonly how: TokenHow;
}

export interface WeightedSide {
  readonly weights: ArrayLike<number>;
  readonly classes: readonly TokenClass[];
  readonly total: number;
  /** Bit i: token i is of class 'normal' (the classes as one number, read without touching the array). */
  readonly normal: number;
}

export interface Alignment {
  readonly pairs: SpanPair[];
  readonly queryCoverage: number;
  readonly listedCoverage: number;
  /** True when matched tokens are in another order than listed (a rotation, surname first or last, is not). */
  readonly reordered: boolean;
  /** False when no ordinary token matched and the common or generic ones are too few: the guard applies. */
  readonly informative: boolean;
  /** Factor for typo pairs after the first (1 when there are none). */
  readonly typoFactor: number;
  /** Name score before attributes and the guard. */
  readonly score: number;
}

/** Candidate pairs of one comparison, in reusable arrays (the hot loop allocates nothing per pair). */
export class PairBuffer {
  length = 0;
  private capacity = 256;
  q0 = new Int8Array(this.capacity);
  q1 = new Int8Array(this.capacity);
  c0 = new Int8Array(this.capacity);
  c1 = new Int8Array(this.capacity);
  score = new Float64Array(this.capacity);
  how: TokenHow[] = [];
  order = new Int32Array(this.capacity);
  /** Two assignments to compare (buffer indices of their pairs), reused from comparison to comparison. */
  readonly firstChoice: number[] = [];
  readonly secondChoice: number[] = [];
  /** Weight the last assign() matched, both sides summed. */
  matched = 0;

  add(q0: number, q1: number, c0: number, c1: number, score: number, how: TokenHow): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.q0[i] = q0;
    this.q1[i] = q1;
    this.c0[i] = c0;
    this.c1[i] = c1;
    this.score[i] = score;
    this.how[i] = how;
  }

  private grow(): void {
    const size = this.capacity * 2;
    const copy = <T extends Int8Array | Int32Array | Float64Array>(from: T, to: T): T => (to.set(from), to);
    this.q0 = copy(this.q0, new Int8Array(size));
    this.q1 = copy(this.q1, new Int8Array(size));
    this.c0 = copy(this.c0, new Int8Array(size));
    this.c1 = copy(this.c1, new Int8Array(size));
    this.score = copy(this.score, new Float64Array(size));
    this.order = new Int32Array(size);
    this.capacity = size;
  }
}

function spanMask(from: number, to: number): number {
  return from === to ? 1 << from : (1 << from) | (1 << to);
}

function spanWeight(side: WeightedSide, from: number, to: number): number {
  return from === to ? side.weights[from]! : side.weights[from]! + side.weights[to]!;
}

function hasClass(side: WeightedSide, from: number, to: number, cls: TokenClass): boolean {
  return side.classes[from] === cls || side.classes[to] === cls;
}

/** Informative: an ordinary token, or two tokens written as one ("Yongson" is more specific than "Yong"). */
function informativeSpan(side: WeightedSide, from: number, to: number): boolean {
  return from !== to || ((side.normal >>> from) & 1) === 1;
}

/** Listed position of each pair in query order: a rotation (surname moved to the front or back) is not a reordering. */
function isReordered(pairs: readonly SpanPair[]): boolean {
  const n = pairs.length;
  if (n < 2) return false;
  let first = -1;
  let last = -1;
  let previous = -1;
  let descents = 0;
  // Walk the pairs by ascending q0 (each query token is in one pair at most, so q0 values differ).
  let from = -1;
  for (let k = 0; k < n; k++) {
    let next = -1;
    for (let i = 0; i < n; i++) if (pairs[i]!.q0 > from && (next < 0 || pairs[i]!.q0 < pairs[next]!.q0)) next = i;
    from = pairs[next]!.q0;
    const c = pairs[next]!.c0;
    if (k === 0) first = c;
    else if (c < previous) descents++;
    previous = c;
    last = c;
  }
  return descents > 1 || (descents === 1 && last > first);
}

type Order = 'score' | 'span';

/** Negative when pair a goes before pair b. */
function compare(buffer: PairBuffer, a: number, b: number, by: Order): number {
  const { q0, q1, c0, c1, score } = buffer;
  const bySpan = q1[b]! - q0[b]! + c1[b]! - c0[b]! - (q1[a]! - q0[a]! + c1[a]! - c0[a]!);
  if (by === 'span' && bySpan !== 0) return bySpan;
  const d = score[b]! - score[a]!;
  if (d !== 0) return d;
  return bySpan || q0[a]! - q0[b]! || c0[a]! - c0[b]!;
}

function sortPairs(buffer: PairBuffer, by: Order): void {
  const { order, length } = buffer;
  for (let i = 0; i < length; i++) order[i] = i;
  if (length > 64) {
    order.subarray(0, length).sort((a, b) => compare(buffer, a, b, by));
    return;
  }
  for (let i = 1; i < length; i++) {
    const item = order[i]!;
    let j = i - 1;
    while (j >= 0 && compare(buffer, order[j]!, item, by) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = item;
  }
}

/**
 * Greedy assignment in the buffer's current order, each token used once: the chosen pairs' buffer
 * indices go into chosen[0..n) (an array reused, never emptied); returns n, and leaves the weight
 * matched on both sides in buffer.matched.
 */
function assign(buffer: PairBuffer, query: WeightedSide, listed: WeightedSide, chosen: number[]): number {
  const { q0, q1, c0, c1, score, order } = buffer;
  let usedQ = 0;
  let usedC = 0;
  let matchedQ = 0;
  let matchedC = 0;
  let n = 0;
  for (let k = 0; k < buffer.length; k++) {
    const i = order[k]!;
    const mq = spanMask(q0[i]!, q1[i]!);
    const mc = spanMask(c0[i]!, c1[i]!);
    if (usedQ & mq || usedC & mc) continue;
    usedQ |= mq;
    usedC |= mc;
    chosen[n++] = i;
    matchedQ += score[i]! * spanWeight(query, q0[i]!, q1[i]!);
    matchedC += score[i]! * spanWeight(listed, c0[i]!, c1[i]!);
  }
  buffer.matched = matchedQ + matchedC;
  return n;
}

/** The chosen pairs as objects, with the weight they match on each side (summed in the order chosen). */
function chosenPairs(buffer: PairBuffer, chosen: readonly number[], n: number, query: WeightedSide, listed: WeightedSide): { pairs: SpanPair[]; matchedQ: number; matchedC: number } {
  const pairs: SpanPair[] = [];
  let matchedQ = 0;
  let matchedC = 0;
  for (let k = 0; k < n; k++) {
    const i = chosen[k]!;
    const pair: SpanPair = { q0: buffer.q0[i]!, q1: buffer.q1[i]!, c0: buffer.c0[i]!, c1: buffer.c1[i]!, score: buffer.score[i]!, how: buffer.how[i]! };
    pairs.push(pair);
    matchedQ += pair.score * spanWeight(query, pair.q0, pair.q1);
    matchedC += pair.score * spanWeight(listed, pair.c0, pair.c1);
  }
  return { pairs, matchedQ, matchedC };
}

export function alignSpans(buffer: PairBuffer, query: WeightedSide, listed: WeightedSide, config: MatchConfig): Alignment {
  sortPairs(buffer, 'score');
  let chosen = buffer.firstChoice;
  let count = assign(buffer, query, listed, chosen);
  const first = buffer.matched;
  // Joined spans can lose to a single token that another span needed ("Haythamahmad ... Ahmad"):
  // then the joined spans go first, and the better assignment wins.
  let hasJoined = false;
  for (let i = 0; i < buffer.length && !hasJoined; i++) hasJoined = buffer.q0[i] !== buffer.q1[i] || buffer.c0[i] !== buffer.c1[i];
  if (hasJoined) {
    sortPairs(buffer, 'span');
    const second = assign(buffer, query, listed, buffer.secondChoice);
    if (buffer.matched > first + 1e-9) {
      chosen = buffer.secondChoice;
      count = second;
    }
  }
  const { pairs, matchedQ, matchedC } = chosenPairs(buffer, chosen, count, query, listed);
  let strong = 0;
  let weak = 0;
  let typos = 0;
  for (const pair of pairs) {
    if (pair.how === 'typo') typos++;
    if (pair.score >= config.minStrongPairScore) {
      if (informativeSpan(query, pair.q0, pair.q1) && informativeSpan(listed, pair.c0, pair.c1)) strong++;
      else if (hasClass(query, pair.q0, pair.q1, 'common') || hasClass(query, pair.q0, pair.q1, 'generic')) weak++;
    }
  }
  const queryCoverage = query.total > 0 ? Math.min(1, matchedQ / query.total) : 0;
  const listedCoverage = listed.total > 0 ? Math.min(1, matchedC / listed.total) : 0;
  const reordered = isReordered(pairs);
  // Two common or generic words together ("Li Wang", "Korea Computer Center") may match when they
  // cover most of the listed name; one alone never does.
  const informative = strong > 0 || (weak >= 2 && listedCoverage >= config.weakOnlyMinListedCoverage);
  const typoFactor = typos > 1 ? Math.pow(config.extraTypoFactor, typos - 1) : 1;
  const score =
    Math.pow(queryCoverage, config.queryCoverageExponent) *
    Math.pow(listedCoverage, config.candidateCoverageExponent) *
    (reordered ? config.orderPenalty : 1) *
    typoFactor;
  return { pairs, queryCoverage, listedCoverage, reordered, informative, typoFactor, score };
}
