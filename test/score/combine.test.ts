import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES, SIGNALS, signalIds, type SignalId } from '../../src/catalogue/signals.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING, ScoringConfigSchema } from '../../src/score/config.js';

/**
 * Expected scores are written out, worked by hand from README ("How the score
 * is made": prior -3, review from 15, hold from 60 with two families or one
 * signal of weight 2.5 or more) and the weights and family caps of
 * docs/signals.md. score = round(100 / (1 + e^-logOdds)), logOdds = prior +
 * the contributions, each rounded to 2 decimals after its family's cap.
 */
const raw = (id: SignalId, strength = 1) => ({ id, evidence: `saw ${id}`, strength });
/** Below 2.5 (README: a signal of 2.5 or more is strong and may hold alone). */
const weakIds = signalIds().filter((id) => SIGNALS[id].weight < 2.5);

describe('combine', () => {
  it('with no evidence scores the prior (-3 log-odds, about 1 in 20): 5, clear', () => {
    const r = combine([], DEFAULT_SCORING);
    // 100 / (1 + e^3) = 100 / 21.09 = 4.74 -> 5
    expect(r.logOdds).toBe(-3);
    expect(r.score).toBe(5);
    expect(r.band).toBe('clear');
    expect(r.signals).toEqual([]);
  });

  it.each([
    // contact.phone_plus1_format 0.35: -3 + 0.35 = -2.65; 100 / (1 + e^2.65) = 100 / 15.15 = 6.6 -> 7
    ['contact.phone_plus1_format', -2.65, 7, 'clear'],
    // contact.disposable_email 1.20: -1.80; 100 / (1 + e^1.8) = 100 / 7.05 = 14.2 -> 14, just under review (15)
    ['contact.disposable_email', -1.8, 14, 'clear'],
    // contact.reference_is_applicant 1.80: -1.20; 100 / (1 + e^1.2) = 100 / 4.32 = 23.1 -> 23
    ['contact.reference_is_applicant', -1.2, 23, 'review'],
    // watchlist.sanctioned_person 4.00 (strong): 1.00; 100 / (1 + e^-1) = 100 / 1.368 = 73.1 -> 73, hold alone
    ['watchlist.sanctioned_person', 1, 73, 'hold'],
  ] as const)('one signal %s alone: log-odds %s, score %s, band %s', (id, logOdds, score, band) => {
    const r = combine([raw(id)], DEFAULT_SCORING);
    expect(r.logOdds).toBe(logOdds);
    expect(r.score).toBe(score);
    expect(r.band).toBe(band);
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

  it('holds on a strong clue (2.5 before the cap) even when its family cap brings its contribution under 2.5', () => {
    const r = combine(['telemetry.ip_kvm_device', 'telemetry.keystroke_latency_remote', 'telemetry.rtt_beyond_claimed_country', 'telemetry.remote_access_tool', 'telemetry.working_hours_other_zone'].map((id) => raw(id as SignalId)), DEFAULT_SCORING);
    // Telemetry: 2.5 + 1.5 + 1.2 + 1.0 + 1.2 = 7.4 over its cap of 5, so each is scaled by 5 / 7.4:
    // ip_kvm 1.689 -> 1.69, keystroke 1.014 -> 1.01, rtt 0.811 -> 0.81, working hours 0.81, remote access 0.676 -> 0.68.
    expect(r.signals.map((s) => [s.id, s.weight, s.uncappedWeight])).toEqual([
      ['telemetry.ip_kvm_device', 1.69, 2.5],
      ['telemetry.keystroke_latency_remote', 1.01, 1.5],
      ['telemetry.rtt_beyond_claimed_country', 0.81, 1.2],
      ['telemetry.working_hours_other_zone', 0.81, 1.2],
      ['telemetry.remote_access_tool', 0.68, 1],
    ]);
    // -3 + 5.00 = 2.00; 100 / (1 + e^-2) = 100 / 1.135 = 88.1 -> 88; one family, but ip_kvm was 2.5 before the cap: hold.
    expect(r.logOdds).toBe(2);
    expect(r.score).toBe(88);
    expect(r.band).toBe('hold');
  });

  it('caps a family at 3 and shows contributions that add up to what was counted', () => {
    const r = combine(
      ['contact.reference_is_applicant', 'contact.disposable_email', 'contact.phone_invalid', 'contact.phone_plus1_format'].map((id) => raw(id as SignalId)),
      DEFAULT_SCORING,
    );
    // Contact: 1.8 + 1.2 + 0.9 + 0.35 = 4.25 over its cap of 3, each scaled by 3 / 4.25:
    // 1.271 -> 1.27, 0.847 -> 0.85, 0.635 -> 0.64, 0.247 -> 0.25 (sum 3.01 after rounding).
    expect(r.signals.map((s) => [s.id, s.weight, s.uncappedWeight])).toEqual([
      ['contact.reference_is_applicant', 1.27, 1.8],
      ['contact.disposable_email', 0.85, 1.2],
      ['contact.phone_invalid', 0.64, 0.9],
      ['contact.phone_plus1_format', 0.25, 0.35],
    ]);
    // -3 + 3.01 = 0.01; 100 / (1 + e^-0.01) = 50.2 -> 50: review (one family, no strong clue, so never hold).
    expect(r.logOdds).toBe(0.01);
    expect(r.score).toBe(50);
    expect(r.band).toBe('review');
  });

  it('lists signals strongest first and counts a repeated clue once', () => {
    const r = combine([raw('contact.phone_plus1_format'), raw('identity.profile_name_mismatch'), raw('contact.disposable_email'), raw('contact.phone_plus1_format')], DEFAULT_SCORING);
    // 1.20 + 0.50 + 0.35 (the repeated +1 counted once), no cap reached: -3 + 2.05 = -0.95;
    // 100 / (1 + e^0.95) = 100 / 3.59 = 27.9 -> 28.
    expect(r.signals.map((s) => [s.id, s.weight])).toEqual([
      ['contact.disposable_email', 1.2],
      ['identity.profile_name_mismatch', 0.5],
      ['contact.phone_plus1_format', 0.35],
    ]);
    expect(r.logOdds).toBe(-0.95);
    expect(r.score).toBe(28);
    expect(r.band).toBe('review');
  });

  it('holds on weak clues from two families that reach 60 together', () => {
    // Default weights: contact 1.8 + 1.2 = 3.0 (at its cap of 3), identity 0.5: -3 + 3.5 = 0.5;
    // 100 / (1 + e^-0.5) = 100 / 1.607 = 62.2 -> 62 >= 60, two families: hold.
    const r = combine([raw('contact.reference_is_applicant'), raw('contact.disposable_email'), raw('identity.profile_name_mismatch')], DEFAULT_SCORING);
    expect(r.logOdds).toBe(0.5);
    expect(r.score).toBe(62);
    expect(r.band).toBe('hold');
  });

  it('applies configured weights and family caps: identity 2 under a cap of 2 lifts the same clues to 88', () => {
    const cfg = ScoringConfigSchema.parse({ familyCaps: { identity: 2 }, weights: { 'identity.profile_name_mismatch': 2 } });
    const r = combine([raw('contact.reference_is_applicant'), raw('contact.disposable_email'), raw('identity.profile_name_mismatch')], cfg);
    // contact 3.0 + identity 2 (configured, cap raised to 2): -3 + 5 = 2; 100 / (1 + e^-2) = 88.1 -> 88.
    expect(r.signals.map((s) => [s.id, s.weight])).toEqual([
      ['identity.profile_name_mismatch', 2],
      ['contact.reference_is_applicant', 1.8],
      ['contact.disposable_email', 1.2],
    ]);
    expect(r.score).toBe(88);
    expect(r.band).toBe('hold');
  });

  it('keeps a score within 0-100 that never falls when evidence is added (property)', () => {
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
  it('fills an unset threshold with its default (hold 60) and rejects review above hold or an unknown signal id', () => {
    expect(ScoringConfigSchema.parse({ thresholds: { review: 30 } }).thresholds).toEqual({ review: 30, hold: 60 });
    expect(ScoringConfigSchema.safeParse({ thresholds: { review: 80, hold: 50 } }).success).toBe(false);
    const unknown = ScoringConfigSchema.safeParse({ weights: { 'contact.made_up': 2 } });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('contact.made_up');
  });
});
