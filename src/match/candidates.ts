import type { MatchConfig } from './config.js';
import type { IndexedName, QueryPlan } from './name-plan.js';
import type { TermDictionary, TermHit } from './term-dictionary.js';

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
interface Slot {
  readonly slot: number;
  readonly weight: number;
  readonly hits: readonly TermHit[];
  readonly size: number;
}

function contains(sorted: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export class CandidateCollector {
  private readonly gained: Float64Array;
  private readonly stamp: Int32Array;
  private readonly lastSlot: Int32Array;
  private readonly lastGain: Float64Array;
  /** Total listed weight of each name. */
  private readonly totals: Float64Array;
  private round = 0;

  constructor(
    private readonly dictionary: TermDictionary,
    names: readonly IndexedName[],
    private readonly config: MatchConfig,
  ) {
    this.gained = new Float64Array(names.length);
    this.stamp = new Int32Array(names.length);
    this.lastSlot = new Int32Array(names.length);
    this.lastGain = new Float64Array(names.length);
    this.totals = Float64Array.from(names, (n) => n.total);
  }

  /** Ids of names whose estimate reaches `floor`, best estimates first, at most maxCandidatesScored. */
  collect(plan: QueryPlan, floor: number): number[] {
    this.round = this.round === 0x7fffffff ? 1 : this.round + 1;
    const q = this.config.queryCoverageExponent;
    const c = this.config.candidateCoverageExponent;
    // The estimate is at most (gain / query weight)^q: below this gain a name cannot reach the floor.
    const minGain = q > 0 ? plan.total * Math.pow(floor, 1 / q) : 0;
    const slots = this.lookups(plan);
    slots.sort((a, b) => a.size - b.size);
    let remaining = slots.reduce((sum, s) => sum + s.weight, 0);
    const touched: number[] = [];
    for (const slot of slots) {
      if (remaining >= minGain) this.accumulate(slot, touched, true);
      else if (touched.length > 0) this.probe(slot, touched);
      remaining -= slot.weight;
    }
    const scored: { id: number; estimate: number }[] = [];
    for (const id of touched) {
      const gain = this.gained[id]!;
      if (gain < minGain) continue;
      const estimate = Math.pow(Math.min(1, gain / plan.total), q) * Math.pow(Math.min(1, gain / this.totals[id]!), c);
      if (estimate >= floor) scored.push({ id, estimate });
    }
    scored.sort((a, b) => b.estimate - a.estimate || a.id - b.id);
    if (scored.length > this.config.maxCandidatesScored) scored.length = this.config.maxCandidatesScored;
    return scored.map((s) => s.id);
  }

  private lookups(plan: QueryPlan): Slot[] {
    const out: Slot[] = [];
    const { postings } = this.dictionary;
    // Particles and legal forms find nothing worth finding unless the name has nothing else.
    let skipWeak = false;
    for (const cls of plan.classes) if (cls !== 'particle' && cls !== 'legal') skipWeak = true;
    const n = plan.tokens.length;
    for (let i = 0; i < n + plan.joined.length; i++) {
      let hits: readonly TermHit[];
      let weight: number;
      if (i < n) {
        const cls = plan.classes[i];
        if (skipWeak && (cls === 'particle' || cls === 'legal')) continue;
        hits = this.dictionary.hitsOf(plan.query[i]!);
        plan.looked[i] = true;
        weight = plan.weights[i]!;
      } else {
        hits = this.dictionary.hitsOf(plan.joined[i - n]!);
        weight = plan.weights[i - n]! + plan.weights[i - n + 1]!;
      }
      let size = 0;
      for (const h of hits) size += postings[h.term]!.length;
      out.push({ slot: i, weight, hits, size });
    }
    return out;
  }

  private gain(id: number, slot: number, gain: number): void {
    const { gained, lastSlot, lastGain } = this;
    if (lastSlot[id] !== slot) {
      lastSlot[id] = slot;
      lastGain[id] = gain;
      gained[id] = gained[id]! + gain;
    } else if (gain > lastGain[id]!) {
      gained[id] = gained[id]! + gain - lastGain[id]!;
      lastGain[id] = gain;
    }
  }

  private accumulate(slot: Slot, touched: number[], addNew: boolean): void {
    const { stamp, round } = this;
    for (const hit of slot.hits) {
      const gain = slot.weight * hit.pair.score;
      for (const id of this.dictionary.postings[hit.term]!) {
        if (stamp[id] === round) this.gain(id, slot.slot, gain);
        else if (addNew) {
          stamp[id] = round;
          this.gained[id] = gain;
          this.lastSlot[id] = slot.slot;
          this.lastGain[id] = gain;
          touched.push(id);
        }
      }
    }
  }

  /** Adds a slot's gain to names already found, by binary search when that is cheaper than a walk. */
  private probe(slot: Slot, touched: number[]): void {
    if (touched.length * 12 > slot.size) return this.accumulate(slot, touched, false);
    for (const hit of slot.hits) {
      const list = this.dictionary.postings[hit.term]!;
      const gain = slot.weight * hit.pair.score;
      for (const id of touched) if (contains(list, id)) this.gain(id, slot.slot, gain);
    }
  }
}
