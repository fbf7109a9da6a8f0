/**
 * Weights fitted from decisions (`hirewatch train`, docs/EVALUATION.md): L2-regularised
 * logistic regression whose regulariser is centred on the catalogue's weights (a Gaussian
 * prior on each weight, mean its catalogue value), so a handful of labels moves a weight a
 * little and only many consistent decisions move it far. A risk signal (catalogue weight
 * above 0) is clamped at 0: evidence of fraud never becomes evidence of honesty. The
 * intercept is fitted freely and not kept: labelled sets over-represent fraud, so the prior
 * stays the organisation's base rate (the scoring configuration's `prior`).
 *
 * Pure and deterministic: the same examples, priors and options give the same weights.
 */
import { rocAuc, seededRandom } from './evaluate.js';

export interface TrainingExample {
  readonly positive: boolean;
  /** Ids of the signals the application showed. */
  readonly signals: readonly string[];
}

export interface TrainOptions {
  /** Strength of the pull towards the prior weights (default 10: a prior standard deviation of about 0.32 log-odds). */
  readonly lambda?: number;
  readonly folds?: number;
  readonly seed?: number;
  /** Fewest confirmed and fewest cleared decisions to train on (default 20 each). */
  readonly minEach?: number;
}

export const TRAIN_DEFAULTS = { lambda: 10, folds: 5, seed: 20251203, minEach: 20 } as const;

export class TooFewLabelsError extends Error {
  override readonly name = 'TooFewLabelsError';
}

interface Fit {
  readonly intercept: number;
  readonly weights: Map<string, number>;
}

/** Coordinate-wise Newton steps with projection; converges for this convex objective. */
export function fitLogistic(examples: readonly TrainingExample[], priors: ReadonlyMap<string, number>, lambda: number): Fit {
  const features = [...priors.keys()];
  const rows: number[][] = features.map(() => []);
  const index = new Map(features.map((f, j) => [f, j]));
  examples.forEach((e, i) => {
    for (const id of new Set(e.signals)) {
      const j = index.get(id);
      if (j !== undefined) rows[j]!.push(i);
    }
  });
  const y: number[] = examples.map((e) => (e.positive ? 1 : 0));
  const positives = y.reduce((a, b) => a + b, 0);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, examples.length)));
  const w = features.map((f) => priors.get(f)!);
  // Start the intercept where the priors' sum leaves the base rate about right.
  let b = Math.log(rate / (1 - rate)) - examples.reduce((s, e) => s + [...new Set(e.signals)].reduce((t, id) => t + (priors.get(id) ?? 0), 0), 0) / Math.max(1, examples.length);
  const z = examples.map((e) => b + [...new Set(e.signals)].reduce((t, id) => t + (priors.get(id) ?? 0), 0));
  const p = (i: number): number => 1 / (1 + Math.exp(-z[i]!));
  for (let sweep = 0; sweep < 500; sweep++) {
    let moved = 0;
    // intercept: unregularised
    {
      let g = 0;
      let h = 1e-6;
      for (let i = 0; i < z.length; i++) {
        const pi = p(i);
        g += pi - y[i]!;
        h += pi * (1 - pi);
      }
      const step = Math.max(-2, Math.min(2, g / h));
      b -= step;
      for (let i = 0; i < z.length; i++) z[i]! -= step;
      moved = Math.max(moved, Math.abs(step));
    }
    for (let j = 0; j < features.length; j++) {
      const prior = priors.get(features[j]!)!;
      let g = lambda * (w[j]! - prior);
      let h = lambda;
      for (const i of rows[j]!) {
        const pi = p(i);
        g += pi - y[i]!;
        h += pi * (1 - pi);
      }
      let next = w[j]! - Math.max(-2, Math.min(2, g / h));
      if (prior > 0 && next < 0) next = 0;
      const delta = next - w[j]!;
      if (delta !== 0) {
        w[j] = next;
        for (const i of rows[j]!) z[i]! += delta;
      }
      moved = Math.max(moved, Math.abs(delta));
    }
    if (moved < 1e-7) break;
  }
  return { intercept: b, weights: new Map(features.map((f, j) => [f, w[j]!])) };
}

const linear = (e: TrainingExample, weights: ReadonlyMap<string, number>): number => [...new Set(e.signals)].reduce((t, id) => t + (weights.get(id) ?? 0), 0);

export interface FoldResult {
  readonly fold: number;
  readonly train: number;
  readonly test: number;
  /** Held-out ROC AUC of the sum of weights: under the prior (catalogue) weights and under the fitted ones. */
  readonly priorAuc: number | null;
  readonly fittedAuc: number | null;
}

export interface Training {
  readonly examples: number;
  readonly positives: number;
  readonly negatives: number;
  readonly lambda: number;
  /** Fitted on every example: each signal seen in the examples with its prior and fitted weight, and how often it was seen. */
  readonly weights: readonly { readonly id: string; readonly prior: number; readonly fitted: number; readonly confirmed: number; readonly cleared: number; readonly clamped: boolean }[];
  readonly crossValidation: { readonly folds: readonly FoldResult[]; readonly priorAuc: number | null; readonly fittedAuc: number | null; readonly seed: number };
  /** Signal ids in the examples the catalogue does not know (left out). */
  readonly unknown: readonly string[];
}

/** Stratified folds: positives and negatives each dealt round-robin after a seeded shuffle. */
function foldsOf(examples: readonly TrainingExample[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const assign = new Array<number>(examples.length).fill(0);
  for (const positive of [true, false]) {
    const idx = examples.map((e, i) => [e, i] as const).filter(([e]) => e.positive === positive).map(([, i]) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((i, n) => (assign[i] = n % k));
  }
  return assign;
}

const mean = (xs: readonly (number | null)[]): number | null => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
};

/**
 * Fit weights from decided examples, with k-fold cross-validation. `priors`: every known
 * signal's current weight (the catalogue's, or the configuration's). Throws TooFewLabelsError
 * when there are too few confirmed or cleared examples to learn from.
 */
export function train(examples: readonly TrainingExample[], priors: ReadonlyMap<string, number>, options: TrainOptions = {}): Training {
  const lambda = options.lambda ?? TRAIN_DEFAULTS.lambda;
  const k = options.folds ?? TRAIN_DEFAULTS.folds;
  const seed = options.seed ?? TRAIN_DEFAULTS.seed;
  const minEach = options.minEach ?? TRAIN_DEFAULTS.minEach;
  const positives = examples.filter((e) => e.positive).length;
  const negatives = examples.length - positives;
  if (positives < minEach || negatives < minEach) {
    throw new TooFewLabelsError(
      `too few labels to train on: ${positives} confirmed fraud and ${negatives} cleared; training needs at least ${minEach} of each (fewer would move the weights on chance), so the weights stay as they are`,
    );
  }
  const seen = new Set(examples.flatMap((e) => e.signals));
  const unknown = [...seen].filter((id) => !priors.has(id)).sort();
  const used = new Map([...priors].filter(([id]) => seen.has(id)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const fit = fitLogistic(examples, used, lambda);
  const assign = foldsOf(examples, k, seed);
  const folds: FoldResult[] = [];
  for (let f = 0; f < k; f++) {
    const trainSet = examples.filter((_, i) => assign[i] !== f);
    const testSet = examples.filter((_, i) => assign[i] === f);
    const fitted = fitLogistic(trainSet, used, lambda);
    folds.push({
      fold: f + 1,
      train: trainSet.length,
      test: testSet.length,
      priorAuc: rocAuc(testSet.map((e) => ({ positive: e.positive, logOdds: linear(e, used) }))),
      fittedAuc: rocAuc(testSet.map((e) => ({ positive: e.positive, logOdds: linear(e, fitted.weights) }))),
    });
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    examples: examples.length,
    positives,
    negatives,
    lambda,
    weights: [...used].map(([id, prior]) => ({
      id,
      prior,
      fitted: round(fit.weights.get(id)!),
      confirmed: examples.filter((e) => e.positive && e.signals.includes(id)).length,
      cleared: examples.filter((e) => !e.positive && e.signals.includes(id)).length,
      clamped: prior > 0 && fit.weights.get(id) === 0,
    })),
    crossValidation: { folds, priorAuc: mean(folds.map((f) => f.priorAuc)), fittedAuc: mean(folds.map((f) => f.fittedAuc)), seed },
    unknown,
  };
}
