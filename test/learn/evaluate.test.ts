import { describe, expect, it } from 'vitest';
import { averagePrecision, evaluate, rocAuc, type EvaluatedRow } from '../../src/learn/evaluate.js';

/** Six applications worked out by hand (the expected figures below are computed on paper). */
const ROWS: EvaluatedRow[] = [
  { id: 'A', positive: true, score: 95, logOdds: 3, band: 'hold', signals: ['contact.x', 'contact.y'] },
  { id: 'B', positive: true, score: 73, logOdds: 1, band: 'review', signals: ['contact.x'] },
  { id: 'C', positive: false, score: 88, logOdds: 2, band: 'review', signals: ['contact.y'] },
  { id: 'D', positive: false, score: 27, logOdds: -1, band: 'clear', signals: [] },
  { id: 'E', positive: false, score: 12, logOdds: -2, band: 'clear', signals: ['contact.y'] },
  { id: 'F', positive: true, score: 5, logOdds: -3, band: 'clear', signals: [] },
];

describe('evaluate', () => {
  it('ROC AUC: 5 of the 9 positive-negative pairs are ordered right', () => {
    expect(rocAuc(ROWS)).toBeCloseTo(5 / 9, 10);
    // ties count half: one positive and one negative at the same log-odds
    expect(rocAuc([{ positive: true, logOdds: 1 }, { positive: false, logOdds: 1 }])).toBe(0.5);
    expect(rocAuc([{ positive: true, logOdds: 1 }])).toBeNull();
  });

  it('precision-recall AUC as average precision: (1 + 2/3 + 1/2) / 3', () => {
    expect(averagePrecision(ROWS)).toBeCloseTo(0.72222, 4);
  });

  it('confusion by band and precision, recall and false-positive rate at each band', () => {
    const e = evaluate(ROWS, { resamples: 0 });
    expect(e.confusion).toEqual({ clear: { positives: 1, negatives: 2 }, review: { positives: 1, negatives: 1 }, hold: { positives: 1, negatives: 0 } });
    const [review, hold] = e.cutoffs;
    expect(review).toMatchObject({ at: 'review', truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 2 });
    expect(review!.precision.value).toBeCloseTo(2 / 3, 10);
    expect(review!.recall.value).toBeCloseTo(2 / 3, 10);
    expect(review!.falsePositiveRate.value).toBeCloseTo(1 / 3, 10);
    expect(hold).toMatchObject({ at: 'hold', truePositives: 1, falsePositives: 0, falseNegatives: 2, trueNegatives: 3 });
    expect(hold!.precision.value).toBe(1);
    expect(hold!.falsePositiveRate.value).toBe(0);
  });

  it('calibration: mean score against the observed share, per score range', () => {
    const e = evaluate(ROWS, { resamples: 0 });
    expect(e.calibration.map((b) => [b.scores.join('-'), b.applications, b.positives, b.predicted, b.observed.value])).toEqual([
      ['0-9', 1, 1, 0.05, 1],
      ['10-14', 1, 0, 0.12, 0],
      ['15-29', 1, 0, 0.27, 0],
      ['30-59', 0, 0, null, null],
      ['60-89', 2, 1, 0.805, 0.5],
      ['90-100', 1, 1, 0.95, 1],
    ]);
  });

  it("each signal's lift: its share fraudulent over the base share (1/2)", () => {
    const e = evaluate(ROWS, { resamples: 0 });
    expect(e.lift.map((l) => [l.id, l.applications, l.positives])).toEqual([
      ['contact.x', 2, 2],
      ['contact.y', 3, 1],
    ]);
    expect(e.lift[0]!.lift.value).toBe(2);
    expect(e.lift[1]!.lift.value).toBeCloseTo(2 / 3, 10);
  });

  it('bootstrap intervals are seeded: the same rows and seed give the same intervals, and they bracket the figure', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, positive: i % 5 === 0, score: (i * 37) % 100, logOdds: ((i * 37) % 100) / 10 - 5 + (i % 5 === 0 ? 2 : 0), band: (i % 7 === 0 ? 'review' : 'clear') as EvaluatedRow['band'], signals: i % 3 === 0 ? ['contact.x'] : [] }));
    const a = evaluate(rows, { resamples: 100, seed: 7 });
    const b = evaluate(rows, { resamples: 100, seed: 7 });
    expect(b).toEqual(a);
    expect(a.rocAuc.low!).toBeLessThanOrEqual(a.rocAuc.value!);
    expect(a.rocAuc.high!).toBeGreaterThanOrEqual(a.rocAuc.value!);
    expect(evaluate(rows, { resamples: 100, seed: 8 }).rocAuc).not.toEqual(a.rocAuc);
  });
});
