import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signalIds, type SignalId } from '../../src/catalogue/signals.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING, ScoringConfigSchema } from '../../src/score/config.js';
import { rescore } from '../../src/score/rescore.js';

/**
 * The weights backtest combines stored signals again (src/score/rescore.ts): it must give
 * what combine() gives a fresh screening's raw signals, under the weights that made the result
 * and under any other weights.
 */
const ids = signalIds();
const rawSignals = fc.uniqueArray(
  fc.record({ id: fc.constantFrom(...ids), strength: fc.oneof(fc.constant(1), fc.constantFrom(0.5, 0.6, 1 / 3, 2 / 3), fc.double({ min: 0.05, max: 1, noNaN: true })) }),
  { selector: (s) => s.id, maxLength: 8 },
).map((xs) => xs.map((s) => ({ id: s.id as SignalId, evidence: `saw ${s.id}`, ...(s.strength === 1 ? {} : { strength: s.strength }) })));
const otherWeights = fc.dictionary(fc.constantFrom(...ids), fc.double({ min: 0, max: 5, noNaN: true }).map((w) => Math.round(w * 1000) / 1000), { maxKeys: 6 })
  .map((weights) => ScoringConfigSchema.parse({ weights }));
const stored = (signals: ReturnType<typeof combine>['signals'], keepStrength: boolean) =>
  // As the store keeps them (src/store/row-mapping.ts): every signal's strength, 1 included; none on results stored before.
  signals.map(({ strength, ...s }) => (keepStrength ? { ...s, strength: strength ?? 1 } : s));

describe('rescore', () => {
  it('stored signals (with their strength) under any weights give exactly what a fresh combine gives', () => {
    fc.assert(
      fc.property(rawSignals, otherWeights, otherWeights, (raw, made, candidate) => {
        const first = combine(raw, made);
        const again = rescore(stored(first.signals, true), candidate, made, DEFAULT_SCORING);
        const fresh = combine(raw, candidate);
        expect([again.score, again.band, again.bandReason, again.logOdds]).toEqual([fresh.score, fresh.band, fresh.bandReason, fresh.logOdds]);
        expect(again.approximate).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('an older result (no strength kept) whose signals are all at full strength is re-scored exactly under any weights', () => {
    fc.assert(
      fc.property(rawSignals.map((raw) => raw.map(({ id, evidence }) => ({ id, evidence }))), otherWeights, otherWeights, (raw, made, candidate) => {
        // (a signal weighted 0 when the result was made keeps no trace of its strength)
        fc.pre(raw.every((s) => made.weights[s.id] !== 0));
        const again = rescore(stored(combine(raw, made).signals, false), candidate, made, DEFAULT_SCORING);
        const fresh = combine(raw, candidate);
        expect([again.score, again.band, again.logOdds, again.approximate]).toEqual([fresh.score, fresh.band, fresh.logOdds, false]);
      }),
      { numRuns: 300 },
    );
  });

  it('an older result with partial strengths is within 2 points of the fresh score', () => {
    fc.assert(
      fc.property(rawSignals.filter((raw) => raw.some((s) => s.strength !== undefined)), otherWeights, otherWeights, (raw, made, candidate) => {
        const first = combine(raw, made);
        // (a weight under 0.1 when the result was made keeps too little of the strength in two decimals)
        fc.pre(raw.every((s) => (made.weights[s.id] ?? 1) >= 0.1));
        const again = rescore(stored(first.signals, false), candidate, made, DEFAULT_SCORING);
        expect(Math.abs(again.score - combine(raw, candidate).score)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });

  it('an older result with a partial strength is re-scored from the rounded weight and said to be approximate', () => {
    // geography.zip_place_mismatch (1.00) at strength 0.6 stored as 0.60: doubled, 1.20 (exact here)
    const made = DEFAULT_SCORING;
    const first = combine([{ id: 'geography.zip_place_mismatch', evidence: 'ZIP elsewhere', strength: 0.6 }], made);
    expect(first.signals[0]).toMatchObject({ weight: 0.6, strength: 0.6 });
    const candidate = ScoringConfigSchema.parse({ weights: { 'geography.zip_place_mismatch': 2 } });
    const old = rescore([{ id: 'geography.zip_place_mismatch', weight: 0.6, evidence: 'ZIP elsewhere' }], candidate, made, made);
    expect(old.approximate).toBe(true);
    expect(old.signals[0]!.weight).toBe(1.2);
    expect(old.score).toBe(combine([{ id: 'geography.zip_place_mismatch', evidence: 'ZIP elsewhere', strength: 0.6 }], candidate).score);
  });

  it('leaves out a signal the catalogue no longer has, and names it', () => {
    const r = rescore([{ id: 'contact.retired_signal', weight: 1, evidence: 'x' }, { id: 'contact.disposable_email', weight: 1.2, evidence: 'y' }], DEFAULT_SCORING, DEFAULT_SCORING, DEFAULT_SCORING);
    expect(r.unknown).toEqual(['contact.retired_signal']);
    expect(r.signals.map((s) => s.id)).toEqual(['contact.disposable_email']);
  });
});
