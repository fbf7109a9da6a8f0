import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES, SIGNALS, signalIds, type SignalId } from '../../src/catalogue/signals.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING, ScoringConfigSchema, familyCap } from '../../src/score/config.js';

const raw = (id: SignalId, strength = 1) => ({ id, evidence: `saw ${id}`, strength });
const weakIds = signalIds().filter((id) => SIGNALS[id].weight < DEFAULT_SCORING.strongWeight);

describe('combine', () => {
  it('with no evidence gives the prior as score and band clear', () => {
    const r = combine([], DEFAULT_SCORING);
    expect(r.score).toBe(Math.round(100 / (1 + Math.exp(3))));
    expect(r.band).toBe('clear');
    expect(r.signals).toEqual([]);
  });

  it.each(weakIds)('one weak clue alone (%s) never reaches hold', (id) => {
    expect(combine([raw(id)], DEFAULT_SCORING).band).not.toBe('hold');
  });

  it('many weak clues of one family never reach hold, however many', () => {
    for (const family of FAMILIES) {
      const ids = weakIds.filter((id) => SIGNALS[id].family === family);
      if (ids.length === 0) continue;
      fc.assert(fc.property(fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 12 }), (picked) => {
        expect(combine(picked.map((id) => raw(id)), DEFAULT_SCORING).band).not.toBe('hold');
      }));
    }
  });

  it('a strong clue stays strong when more evidence of its family caps its contribution', () => {
    const r = combine(['telemetry.ip_kvm_device', 'telemetry.keystroke_latency_remote', 'telemetry.rtt_beyond_claimed_country', 'telemetry.remote_access_tool', 'telemetry.working_hours_other_zone'].map((id) => raw(id as SignalId)), DEFAULT_SCORING);
    const kvm = r.signals.find((s) => s.id === 'telemetry.ip_kvm_device')!;
    expect(kvm.weight).toBeLessThan(DEFAULT_SCORING.strongWeight);
    expect(kvm.uncappedWeight).toBeGreaterThanOrEqual(DEFAULT_SCORING.strongWeight);
    expect(r.band).toBe('hold');
  });

  it('caps a family and shows contributions that add up to what was counted', () => {
    const r = combine(
      ['contact.reference_is_applicant', 'contact.disposable_email', 'contact.phone_invalid', 'contact.phone_plus1_format'].map((id) => raw(id as SignalId)),
      DEFAULT_SCORING,
    );
    const total = r.signals.reduce((s, x) => s + x.weight, 0);
    expect(total).toBeCloseTo(familyCap(DEFAULT_SCORING, 'contact'), 1);
    expect(r.logOdds).toBeCloseTo(DEFAULT_SCORING.prior + total, 1);
    expect(r.signals.every((s) => s.uncappedWeight !== undefined && s.uncappedWeight > s.weight)).toBe(true);
  });

  it('lists signals strongest first and counts a repeated clue once', () => {
    const r = combine([raw('contact.phone_plus1_format'), raw('identity.profile_name_mismatch'), raw('contact.disposable_email'), raw('contact.phone_plus1_format')], DEFAULT_SCORING);
    expect(r.signals.map((s) => s.id)).toEqual(['contact.disposable_email', 'identity.profile_name_mismatch', 'contact.phone_plus1_format']);
    const weights = r.signals.map((s) => s.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('combined clues from two families reach hold', () => {
    const cfg = ScoringConfigSchema.parse({ familyCaps: { identity: 2 }, weights: { 'identity.profile_name_mismatch': 2 } });
    const r = combine([raw('contact.reference_is_applicant'), raw('contact.disposable_email'), raw('identity.profile_name_mismatch')], cfg);
    expect(r.band).toBe('hold');
  });

  it('a score is 0-100 and never falls when evidence is added', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...signalIds())), fc.constantFrom(...signalIds()), (ids, extra) => {
      const before = combine(ids.map((id) => raw(id)), DEFAULT_SCORING).score;
      const after = combine([...ids, extra].map((id) => raw(id)), DEFAULT_SCORING).score;
      expect(before).toBeGreaterThanOrEqual(0);
      expect(after).toBeLessThanOrEqual(100);
      expect(after).toBeGreaterThanOrEqual(before);
    }));
  });
});

describe('scoring configuration', () => {
  it('fills defaults and rejects what cannot be right', () => {
    expect(ScoringConfigSchema.parse({ thresholds: { review: 30 } }).thresholds).toEqual({ review: 30, hold: 60 });
    expect(ScoringConfigSchema.safeParse({ thresholds: { review: 80, hold: 50 } }).success).toBe(false);
    const unknown = ScoringConfigSchema.safeParse({ weights: { 'contact.made_up': 2 } });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('contact.made_up');
  });
});
