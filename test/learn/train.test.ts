import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/catalogue/signals.js';
import { train, TooFewLabelsError, type TrainingExample } from '../../src/learn/train.js';

const PRIORS = new Map(Object.entries(SIGNALS).map(([id, s]) => [id, s.weight]));

/**
 * 240 decisions, a third confirmed: a hosting/VPN IP (catalogue 1.0) is on half the confirmed
 * ones and never on a cleared one; a disposable mailbox (catalogue 1.2) on half the cleared ones
 * and never on a confirmed one; "+1" typed (0.35) on every fifth, either way.
 */
function decisions(): TrainingExample[] {
  return Array.from({ length: 240 }, (_, i) => {
    const positive = i % 3 === 0;
    const signals: string[] = [];
    if (positive && i % 2 === 0) signals.push('geography.ip_hosting_or_vpn');
    if (!positive && i % 2 === 0) signals.push('contact.disposable_email');
    if (i % 5 === 0) signals.push('contact.phone_plus1_format');
    return { positive, signals };
  });
}

describe('train', () => {
  it('moves the always-confirmed signal up and the always-cleared one down, never below 0, and held-out AUC improves', () => {
    const t = train(decisions(), PRIORS);
    expect(t.weights).toEqual([
      { id: 'contact.disposable_email', prior: 1.2, fitted: 0, confirmed: 0, cleared: 80, clamped: true },
      { id: 'contact.phone_plus1_format', prior: 0.35, fitted: 0.2, confirmed: 16, cleared: 32, clamped: false },
      { id: 'geography.ip_hosting_or_vpn', prior: 1, fitted: 2.078, confirmed: 40, cleared: 0, clamped: false },
    ]);
    // 5-fold stratified cross-validation, seeded: mean held-out ROC AUC 0.409 under the catalogue's weights, 0.749 fitted
    expect(t.crossValidation.folds.map((f) => [f.train, f.test])).toEqual(Array.from({ length: 5 }, () => [192, 48]));
    expect(t.crossValidation.priorAuc).toBeCloseTo(0.4092, 4);
    expect(t.crossValidation.fittedAuc).toBeCloseTo(0.7494, 4);
    for (const f of t.crossValidation.folds) expect(f.fittedAuc!).toBeGreaterThan(f.priorAuc!);
  });

  it('refuses too few labels with a sentence saying how many there are and how many it needs', () => {
    const few = decisions().slice(0, 45); // 15 confirmed, 30 cleared
    expect(() => train(few, PRIORS)).toThrow(TooFewLabelsError);
    expect(() => train(few, PRIORS)).toThrow('too few labels to train on: 15 confirmed fraud and 30 cleared; training needs at least 20 of each');
  });

  it('a handful of labels cannot swing a weight: five contrary decisions move it less than half a unit of log-odds', () => {
    const handful: TrainingExample[] = [
      ...Array.from({ length: 5 }, () => ({ positive: false, signals: ['watchlist.high_risk_employer'] })),
      ...Array.from({ length: 5 }, () => ({ positive: true, signals: ['contact.reference_is_applicant'] })),
    ];
    const t = train(handful, PRIORS, { minEach: 5, folds: 5 });
    for (const w of t.weights) expect(Math.abs(w.fitted - w.prior)).toBeLessThan(0.5);
    expect(t.weights.find((w) => w.id === 'watchlist.high_risk_employer')!.fitted).toBeLessThan(PRIORS.get('watchlist.high_risk_employer')!);
  });

  it('is deterministic', () => {
    expect(train(decisions(), PRIORS)).toEqual(train(decisions(), PRIORS));
  });
});
