/**
 * How well the scores separate labelled applications, and where the bands draw their lines
 * (`hirewatch evaluate`, docs/EVALUATION.md). Pure: rows in, figures out; the bootstrap uses
 * a seeded generator, so the same rows and seed always give the same intervals.
 */
import type { Band } from '../score/combine.js';

export interface EvaluatedRow {
  readonly id: string;
  /** Fraudulent (confirmed), or honest (cleared). */
  readonly positive: boolean;
  readonly score: number;
  readonly logOdds: number;
  readonly band: Band;
  /** Ids of the signals that fired. */
  readonly signals: readonly string[];
}

/** A figure with its bootstrap confidence interval (2.5th and 97.5th percentiles); null where undefined (no case to divide by). */
export interface Estimate {
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export const BANDS: readonly Band[] = ['clear', 'review', 'hold'];

export interface Cutoff {
  /** `review` flags review and hold; `hold` flags hold alone. */
  readonly at: 'review' | 'hold';
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: Estimate;
  readonly recall: Estimate;
  readonly falsePositiveRate: Estimate;
}

export interface CalibrationBin {
  readonly scores: readonly [number, number];
  readonly applications: number;
  readonly positives: number;
  /** Mean score as a probability. */
  readonly predicted: number | null;
  /** Share of positives among the bin's applications. */
  readonly observed: Estimate;
}

export interface SignalLift {
  readonly id: string;
  /** Applications that showed the signal, and the positives among them. */
  readonly applications: number;
  readonly positives: number;
  /** Share of positives among applications with the signal over the share among all: > 1 means the signal points at fraud here. */
  readonly lift: Estimate;
}

export interface CurvePoint {
  readonly threshold: number;
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
  readonly precision: number;
}

export interface Evaluation {
  readonly applications: number;
  readonly positives: number;
  readonly negatives: number;
  /** Applications by band (rows) and label. */
  readonly confusion: Readonly<Record<Band, { readonly positives: number; readonly negatives: number }>>;
  readonly cutoffs: readonly Cutoff[];
  readonly rocAuc: Estimate;
  /** Precision-recall AUC as average precision (the step-wise area, no interpolation). */
  readonly prAuc: Estimate;
  readonly calibration: readonly CalibrationBin[];
  readonly lift: readonly SignalLift[];
  /** The ROC and precision-recall curves over log-odds thresholds (for the charts). */
  readonly curve: readonly CurvePoint[];
  readonly bootstrap: { readonly resamples: number; readonly seed: number };
}

/** mulberry32: a small seeded generator, enough for resampling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** ROC AUC as the Mann-Whitney statistic: the chance a positive scores above a negative, ties counting half. */
export function rocAuc(rows: readonly { readonly positive: boolean; readonly logOdds: number }[]): number | null {
  const pos = rows.filter((r) => r.positive).length;
  const neg = rows.length - pos;
  if (pos === 0 || neg === 0) return null;
  const sorted = [...rows].sort((a, b) => a.logOdds - b.logOdds);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.logOdds === sorted[i]!.logOdds) j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.positive) rankSum += mid;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision: the precision at each distinct threshold weighted by the recall it adds (tied scores form one step). */
export function averagePrecision(rows: readonly { readonly positive: boolean; readonly logOdds: number }[]): number | null {
  const pos = rows.filter((r) => r.positive).length;
  if (pos === 0) return null;
  const sorted = [...rows].sort((a, b) => b.logOdds - a.logOdds);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let stepTp = 0;
    while (j < sorted.length && sorted[j]!.logOdds === sorted[i]!.logOdds) {
      if (sorted[j]!.positive) stepTp++;
      j++;
    }
    tp += stepTp;
    seen = j;
    ap += (stepTp / pos) * (tp / seen);
    i = j;
  }
  return ap;
}

function curve(rows: readonly EvaluatedRow[]): CurvePoint[] {
  const pos = rows.filter((r) => r.positive).length;
  const neg = rows.length - pos;
  const sorted = [...rows].sort((a, b) => b.logOdds - a.logOdds);
  const points: CurvePoint[] = [{ threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0, precision: 1 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.logOdds === sorted[i]!.logOdds) {
      if (sorted[j]!.positive) tp++;
      else fp++;
      j++;
    }
    points.push({ threshold: sorted[i]!.logOdds, falsePositiveRate: neg ? fp / neg : 0, truePositiveRate: pos ? tp / pos : 0, precision: tp + fp ? tp / (tp + fp) : 1 });
    i = j;
  }
  return points;
}

const flaggedAt = (band: Band, at: 'review' | 'hold'): boolean => (at === 'review' ? band !== 'clear' : band === 'hold');

function cutoffCounts(rows: readonly EvaluatedRow[], at: 'review' | 'hold') {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of rows) {
    const f = flaggedAt(r.band, at);
    if (r.positive) f ? tp++ : fn++;
    else f ? fp++ : tn++;
  }
  return { tp, fp, fn, tn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn) };
}

/** Score ranges of the calibration table: the bands' usual edges and a few more. */
export const CALIBRATION_BINS: readonly (readonly [number, number])[] = [[0, 9], [10, 14], [15, 29], [30, 59], [60, 89], [90, 100]];

function calibrationOf(rows: readonly EvaluatedRow[]) {
  return CALIBRATION_BINS.map(([lo, hi]) => {
    const inBin = rows.filter((r) => r.score >= lo && r.score <= hi);
    const positives = inBin.filter((r) => r.positive).length;
    return { scores: [lo, hi] as const, applications: inBin.length, positives, predicted: inBin.length ? inBin.reduce((s, r) => s + r.score, 0) / inBin.length / 100 : null, observed: ratio(positives, inBin.length) };
  });
}

function liftOf(rows: readonly EvaluatedRow[], ids: readonly string[]): Map<string, { applications: number; positives: number; lift: number | null }> {
  const base = ratio(rows.filter((r) => r.positive).length, rows.length);
  const counts = new Map<string, { applications: number; positives: number }>(ids.map((id) => [id, { applications: 0, positives: 0 }]));
  for (const r of rows) {
    for (const id of new Set(r.signals)) {
      const c = counts.get(id);
      if (!c) continue;
      c.applications++;
      if (r.positive) c.positives++;
    }
  }
  const out = new Map<string, { applications: number; positives: number; lift: number | null }>();
  for (const [id, c] of counts) {
    const share = ratio(c.positives, c.applications);
    out.set(id, { ...c, lift: base && share !== null ? share / base : null });
  }
  return out;
}

/** The 2.5th and 97.5th percentiles of the defined values (null when fewer than half the resamples define it). */
function interval(values: readonly (number | null)[], resamples: number): { low: number | null; high: number | null } {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0 || xs.length < resamples / 2) return { low: null, high: null };
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.max(0, Math.floor(q * (xs.length - 1) + 0.5)))]!;
  return { low: at(0.025), high: at(0.975) };
}

export interface EvaluateOptions {
  /** Bootstrap resamples (default 200; 0 for none). */
  readonly resamples?: number;
  readonly seed?: number;
}

export function evaluate(rows: readonly EvaluatedRow[], options: EvaluateOptions = {}): Evaluation {
  const resamples = options.resamples ?? 200;
  const seed = options.seed ?? 20251203;
  const positives = rows.filter((r) => r.positive).length;
  const confusion = Object.fromEntries(BANDS.map((b) => [b, { positives: rows.filter((r) => r.band === b && r.positive).length, negatives: rows.filter((r) => r.band === b && !r.positive).length }])) as Record<Band, { positives: number; negatives: number }>;
  const signalIds = [...new Set(rows.flatMap((r) => r.signals))].sort();

  // The bootstrap: resample the rows with replacement, recompute every figure.
  const random = seededRandom(seed);
  const boot = {
    cut: { review: { p: [] as (number | null)[], r: [] as (number | null)[], f: [] as (number | null)[] }, hold: { p: [] as (number | null)[], r: [] as (number | null)[], f: [] as (number | null)[] } },
    roc: [] as (number | null)[],
    pr: [] as (number | null)[],
    cal: CALIBRATION_BINS.map(() => [] as (number | null)[]),
    lift: new Map(signalIds.map((id) => [id, [] as (number | null)[]])),
  };
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: rows.length }, () => rows[Math.floor(random() * rows.length)]!);
    for (const at of ['review', 'hold'] as const) {
      const c = cutoffCounts(sample, at);
      boot.cut[at].p.push(c.precision);
      boot.cut[at].r.push(c.recall);
      boot.cut[at].f.push(c.fpr);
    }
    boot.roc.push(rocAuc(sample));
    boot.pr.push(averagePrecision(sample));
    calibrationOf(sample).forEach((bin, i) => boot.cal[i]!.push(bin.observed));
    for (const [id, l] of liftOf(sample, signalIds)) boot.lift.get(id)!.push(l.lift);
  }
  const est = (value: number | null, values: readonly (number | null)[]): Estimate => ({ value, ...interval(values, resamples) });

  const cutoffs: Cutoff[] = (['review', 'hold'] as const).map((at) => {
    const c = cutoffCounts(rows, at);
    return { at, truePositives: c.tp, falsePositives: c.fp, falseNegatives: c.fn, trueNegatives: c.tn, precision: est(c.precision, boot.cut[at].p), recall: est(c.recall, boot.cut[at].r), falsePositiveRate: est(c.fpr, boot.cut[at].f) };
  });
  const calibration = calibrationOf(rows).map((bin, i) => ({ ...bin, observed: est(bin.observed, boot.cal[i]!) }));
  const lift = [...liftOf(rows, signalIds)]
    .map(([id, l]) => ({ id, applications: l.applications, positives: l.positives, lift: est(l.lift, boot.lift.get(id)!) }))
    .sort((a, b) => (b.lift.value ?? -1) - (a.lift.value ?? -1) || b.applications - a.applications || (a.id < b.id ? -1 : 1));
  return {
    applications: rows.length,
    positives,
    negatives: rows.length - positives,
    confusion,
    cutoffs,
    rocAuc: est(rocAuc(rows), boot.roc),
    prAuc: est(averagePrecision(rows), boot.pr),
    calibration,
    lift,
    curve: curve(rows),
    bootstrap: { resamples, seed },
  };
}
