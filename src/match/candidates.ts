import type { MatchConfig } from './config.js';
import type { QueryPlan } from './name-plan.js';
import type { TermDictionary, TermHits } from './term-dictionary.js';

/**
 * Candidate collection through the inverted index. Each query token (and
 * each pair of adjacent query tokens written joined) looks up similar terms;
 * every name in their postings gains the token's weight x the pair score,
 * counted once per query token. The estimate built from that gain (the same
 * geometric mean of coverages the full score uses) selects the names worth
 * aligning.
 *
 * Tokens are visited from the rarest to the most frequent. Once the weight
 * of the tokens still to visit cannot lift a new name to the floor, frequent
 * tokens ("Mohammed", "Trading") only add to names already found, probing
 * their postings instead of walking them. A long token that finds no term
 * within one edit goes through the dictionary's two-edit scan (the fallback).
 */
/** One query token (or joined pair) to look up; kept in a pool and refilled for every query. */
interface Slot {
  slot: number;
  weight: number;
  hits: TermHits;
}

/**
 * Per name: the round it was last touched in, alone in a small array (read for every posting walked),
 * and in one array, so that one cache line holds them, the slot that last added to it, its gain and
 * that slot's gain (read only for names touched).
 */
const LAST_SLOT = 0;
const GAINED = 1;
const LAST_GAIN = 2;
const FIELDS = 3;

function contains(ids: Int32Array, from: number, to: number, id: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Sorts the first `n` candidates by estimate, best first, then by id (insertion for a few, a sort of their places for many). */
function bestFirst(ids: number[], estimates: number[], n: number): void {
  if (n <= 32) {
    for (let i = 1; i < n; i++) {
      const id = ids[i]!;
      const estimate = estimates[i]!;
      let j = i - 1;
      while (j >= 0 && (estimate > estimates[j]! || (estimate === estimates[j]! && id < ids[j]!))) {
        ids[j + 1] = ids[j]!;
        estimates[j + 1] = estimates[j]!;
        j--;
      }
      ids[j + 1] = id;
      estimates[j + 1] = estimate;
    }
    return;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => estimates[b]! - estimates[a]! || ids[a]! - ids[b]!);
  const sortedIds = order.map((i) => ids[i]!);
  const sortedEstimates = order.map((i) => estimates[i]!);
  for (let i = 0; i < n; i++) {
    ids[i] = sortedIds[i]!;
    estimates[i] = sortedEstimates[i]!;
  }
}

/** Margin on the pruning bound, so that rounding in the running sums never drops a name the final test would keep. */
const SLACK = 1e-9;

/** The first `n` slots, rarest first; a stable insertion sort (a query has a handful of slots). */
function sortBySize(slots: Slot[], n: number): void {
  for (let i = 1; i < n; i++) {
    const slot = slots[i]!;
    let j = i - 1;
    while (j >= 0 && slots[j]!.hits.size > slot.hits.size) {
      slots[j + 1] = slots[j]!;
      j--;
    }
    slots[j + 1] = slot;
  }
}

export class CandidateCollector {
  private readonly stamp: Int32Array;
  private readonly state: Float64Array;
  /** Total listed weight of each name. */
  private readonly totals: Float64Array;
  /** Names touched by the running query: touched[0] to touched[touchedCount - 1] (the array is reused, never emptied). */
  private readonly touched: number[] = [];
  private touchedCount = 0;
  /** The candidates of the last collect, best first: ids[0] to ids[n - 1] for the n it returned. */
  readonly ids: number[] = [];
  private readonly estimates: number[] = [];
  /** The slots of the running query are slots[0] to slots[count - 1] (objects reused from query to query). */
  private readonly slots: Slot[] = [];
  private round = 0;

  constructor(
    private readonly dictionary: TermDictionary,
    /** Each name's total listed weight. */
    totals: Float64Array,
    private readonly config: MatchConfig,
  ) {
    this.stamp = new Int32Array(totals.length);
    this.state = new Float64Array(totals.length * FIELDS);
    this.totals = totals;
  }

  /** How many names have an estimate reaching `floor` (at most maxCandidatesScored): their ids are this.ids[0..n), best estimates first. */
  collect(plan: QueryPlan, floor: number): number {
    this.round = this.round === 0x7fffffff ? 1 : this.round + 1;
    const q = this.config.queryCoverageExponent;
    const c = this.config.candidateCoverageExponent;
    // The estimate is at most (gain / query weight)^q: below this gain a name cannot reach the floor.
    const minGain = q > 0 ? plan.total * Math.pow(floor, 1 / q) : 0;
    const count = this.lookups(plan);
    const slots = this.slots;
    sortBySize(slots, count);
    let remaining = 0;
    for (let s = 0; s < count; s++) remaining += slots[s]!.weight;
    this.touchedCount = 0;
    for (let s = 0; s < count; s++) {
      const slot = slots[s]!;
      if (remaining >= minGain) this.accumulate(slot, true);
      else if (this.touchedCount > 0) {
        // A name that cannot reach minGain even with every slot left is dropped now (it would be at the end).
        this.prune(minGain - remaining - SLACK);
        if (this.touchedCount > 0) this.probe(slot);
      }
      remaining -= slot.weight;
    }
    const { state, totals, touched, ids, estimates } = this;
    let n = 0;
    // The estimate is also at most (gain / listed weight)^c: names far below are dropped without computing it.
    const minListedShare = c > 0 ? Math.pow(floor, 1 / c) * (1 - SLACK) : 0;
    for (let t = 0; t < this.touchedCount; t++) {
      const id = touched[t]!;
      const gain = state[id * FIELDS + GAINED]!;
      if (gain < minGain || gain < minListedShare * totals[id]!) continue;
      const estimate = Math.pow(Math.min(1, gain / plan.total), q) * Math.pow(Math.min(1, gain / totals[id]!), c);
      if (estimate >= floor) {
        ids[n] = id;
        estimates[n] = estimate;
        n++;
      }
    }
    if (n > 1) bestFirst(ids, estimates, n);
    return Math.min(n, this.config.maxCandidatesScored);
  }

  /** Fills this.slots with the query's look-ups; returns how many. */
  private lookups(plan: QueryPlan): number {
    const out = this.slots;
    let count = 0;
    // Particles and legal forms find nothing worth finding unless the name has nothing else.
    let skipWeak = false;
    for (const cls of plan.classes) if (cls !== 'particle' && cls !== 'legal') skipWeak = true;
    const n = plan.tokens.length;
    for (let i = 0; i < n + plan.joined.length; i++) {
      let hits: TermHits;
      let weight: number;
      if (i < n) {
        const cls = plan.classes[i];
        if (skipWeak && (cls === 'particle' || cls === 'legal')) continue;
        hits = this.dictionary.hitsOf(plan.query[i]!);
        plan.looked[i] = true;
        weight = plan.weights[i]!;
      } else {
        hits = plan.joined[i - n]!.hits;
        weight = plan.weights[i - n]! + plan.weights[i - n + 1]!;
      }
      const slot = out[count] ?? (out[count] = { slot: 0, weight: 0, hits });
      slot.slot = i;
      slot.weight = weight;
      slot.hits = hits;
      count++;
    }
    return count;
  }

  private gain(id: number, slot: number, gain: number): void {
    const state = this.state;
    const at = id * FIELDS;
    if (state[at + LAST_SLOT] !== slot) {
      state[at + LAST_SLOT] = slot;
      state[at + LAST_GAIN] = gain;
      state[at + GAINED] = state[at + GAINED]! + gain;
    } else if (gain > state[at + LAST_GAIN]!) {
      state[at + GAINED] = state[at + GAINED]! + gain - state[at + LAST_GAIN]!;
      state[at + LAST_GAIN] = gain;
    }
  }

  private accumulate(slot: Slot, addNew: boolean): void {
    const { stamp, state, round, touched } = this;
    let n = this.touchedCount;
    const { postingStart, postingIds } = this.dictionary;
    const { terms, pairs } = slot.hits;
    for (let h = 0; h < terms.length; h++) {
      const gain = slot.weight * pairs[h]!.score;
      const term = terms[h]!;
      for (let p = postingStart[term]!, end = postingStart[term + 1]!; p < end; p++) {
        const id = postingIds[p]!;
        if (stamp[id] === round) this.gain(id, slot.slot, gain);
        else if (addNew) {
          const at = id * FIELDS;
          stamp[id] = round;
          state[at + GAINED] = gain;
          state[at + LAST_SLOT] = slot.slot;
          state[at + LAST_GAIN] = gain;
          touched[n++] = id;
        }
      }
    }
    this.touchedCount = n;
  }

  /** Keeps in `touched` only the names whose gain reaches `below`. */
  private prune(below: number): void {
    const { touched, state } = this;
    let kept = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const id = touched[i]!;
      if (state[id * FIELDS + GAINED]! >= below) touched[kept++] = id;
    }
    this.touchedCount = kept;
  }

  /** Adds a slot's gain to names already found, by binary search when that is cheaper than a walk. */
  private probe(slot: Slot): void {
    const { touched, touchedCount } = this;
    if (touchedCount * 12 > slot.hits.size) return this.accumulate(slot, false);
    const { postingStart, postingIds } = this.dictionary;
    const { terms, pairs } = slot.hits;
    for (let h = 0; h < terms.length; h++) {
      const term = terms[h]!;
      const gain = slot.weight * pairs[h]!.score;
      const from = postingStart[term]!;
      const to = postingStart[term + 1]!;
      for (let t = 0; t < touchedCount; t++) if (contains(postingIds, from, to, touched[t]!)) this.gain(touched[t]!, slot.slot, gain);
    }
  }
}
