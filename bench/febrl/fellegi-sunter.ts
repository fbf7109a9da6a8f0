import type { Comparison } from './comparisons.js';

/**
 * Fellegi-Sunter model with Splink-style estimation, no labels used:
 * u (how often non-matching pairs agree at each level) from random pairs,
 * which are almost all non-matches; m (how often matching pairs do) and the
 * match share lambda by expectation-maximisation over the blocked pairs with
 * u held fixed. A pair's match weight is the sum of log2(m/u) over its
 * comparisons (an additive log Bayes factor; missing values add nothing).
 */
export interface FellegiSunterModel {
  readonly comparisons: readonly Comparison[];
  readonly m: readonly Float64Array[];
  readonly u: readonly Float64Array[];
  /** Share of matches among the blocked pairs (EM estimate). */
  readonly lambda: number;
  /** log2 Bayes factor per comparison and level. */
  readonly weights: readonly Float64Array[];
}

function normalise(counts: Float64Array, smoothing: number): Float64Array {
  const total = counts.reduce((s, c) => s + c + smoothing, 0);
  return counts.map((c) => (c + smoothing) / total);
}

/** u-probabilities from comparison vectors of random pairs. */
export function estimateU(comparisons: readonly Comparison[], randomVectors: Iterable<Int8Array>): Float64Array[] {
  const counts = comparisons.map((c) => new Float64Array(c.levels.length));
  for (const v of randomVectors) for (let i = 0; i < v.length; i++) if (v[i]! >= 0) counts[i]![v[i]!]! += 1;
  return counts.map((c) => normalise(c, 1));
}

export function estimateModel(comparisons: readonly Comparison[], u: Float64Array[], vectors: readonly Int8Array[], iterations = 30): FellegiSunterModel {
  let m: Float64Array[] = comparisons.map((c) => Float64Array.from(c.levels, (_, l) => (l === 0 ? 0.9 : 0.1 / (c.levels.length - 1))));
  let lambda = 0.1;
  const logU = u.map((row) => row.map(Math.log));
  for (let it = 0; it < iterations; it++) {
    const logM = m.map((row) => row.map(Math.log));
    const counts = comparisons.map((c) => new Float64Array(c.levels.length));
    let matches = 0;
    for (const v of vectors) {
      let d = Math.log(lambda) - Math.log(1 - lambda);
      for (let i = 0; i < v.length; i++) if (v[i]! >= 0) d += logM[i]![v[i]!]! - logU[i]![v[i]!]!;
      const p = d > 30 ? 1 : d < -30 ? 0 : 1 / (1 + Math.exp(-d));
      matches += p;
      for (let i = 0; i < v.length; i++) if (v[i]! >= 0) counts[i]![v[i]!]! += p;
    }
    m = counts.map((c) => normalise(c, 0.01));
    lambda = Math.min(0.999, Math.max(1e-6, matches / vectors.length));
  }
  const weights = m.map((row, i) => row.map((p, l) => Math.log2(p / u[i]![l]!)));
  return { comparisons, m, u, lambda, weights };
}

/** The match weight of a pair (log2 Bayes factor), without the prior. */
export function matchWeight(model: FellegiSunterModel, v: Int8Array): number {
  let w = 0;
  for (let i = 0; i < v.length; i++) if (v[i]! >= 0) w += model.weights[i]![v[i]!]!;
  return w;
}

/** The prior in log2 odds: a pair is a match when weight + prior > threshold (0: posterior 0.5). */
export function priorWeight(model: FellegiSunterModel): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}
