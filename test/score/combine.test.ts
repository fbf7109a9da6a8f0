import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basesOf, FAMILIES, holdsAloneReason, SIGNALS, signalIds, weakReason, type SignalId } from '../../src/catalogue/signals.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING, ScoringConfigSchema } from '../../src/score/config.js';

/**
 * Expected scores and bands are written out, worked by hand from README ("How
 * the score is made": prior -3, review from 15, hold from 60) and the weights,
 * family caps, weak signals and bases of docs/signals.md. score =
 * round(100 / (1 + e^-logOdds)), logOdds = prior + the contributions, each
 * rounded to 2 decimals after its family's cap. Bands by corroboration:
 * weak signals alone stay clear; review needs a strong signal (2.5 or more)
 * or independent lines (bases that share nothing), one of them substantive;
 * hold needs substantive evidence on two independent lines, or a signal that
 * holds alone (a corroborated sanctions match, a link to a held application).
 */
const raw = (id: SignalId, strength = 1) => ({ id, evidence: `saw ${id}`, strength });
/** Below 2.5 (README: a signal of 2.5 or more is strong) and not one of the two that hold alone. */
const weakIds = signalIds().filter((id) => SIGNALS[id].weight < 2.5 && !holdsAloneReason(id));
/** The catalogue's weak signals: kinds honest applicants commonly show. */
const catalogueWeak = signalIds().filter((id) => weakReason(id));

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
    // contact.reference_is_applicant 1.80: -1.20; 100 / (1 + e^1.2) = 100 / 4.32 = 23.1 -> 23, above review (15)
    // but one line (references) and not strong: clear
    ['contact.reference_is_applicant', -1.2, 23, 'clear'],
    // watchlist.sanctioned_person 4.00, a corroborated match: 1.00; 100 / (1 + e^-1) = 100 / 1.368 = 73.1 -> 73, holds alone
    ['watchlist.sanctioned_person', 1, 73, 'hold'],
    // watchlist.sanctions_potential_match 0.40, a name alone: -2.60; 100 / (1 + e^2.6) = 100 / 14.46 = 6.9 -> 7, clear
    ['watchlist.sanctions_potential_match', -2.6, 7, 'clear'],
    // watchlist.high_risk_employer 3.00 (strong): 0.00; 100 / (1 + e^0) = 50, review; one line, so never hold
    ['watchlist.high_risk_employer', 0, 50, 'review'],
    // linkage.cluster_contains_held 2.00: -1.00; 100 / (1 + e^1) = 100 / 3.718 = 26.9 -> 27, held alone whatever the score
    ['linkage.cluster_contains_held', -1, 27, 'hold'],
  ] as const)('one signal %s alone: log-odds %s, score %s, band %s', (id, logOdds, score, band) => {
    const r = combine([raw(id)], DEFAULT_SCORING);
    expect(r.logOdds).toBe(logOdds);
    expect(r.score).toBe(score);
    expect(r.band).toBe(band);
  });

  it.each(weakIds)('one weak clue alone (%s) never reaches hold', (id) => {
    expect(combine([raw(id)], DEFAULT_SCORING).band).not.toBe('hold');
  });

  it('many clues resting on one basis never reach hold, however many (property)', () => {
    // One honest circumstance (a VPN, a shared home, travel) explains every signal of a basis at once: one line.
    const byBasis = new Map<string, SignalId[]>();
    for (const id of signalIds()) {
      const bases = basesOf(id);
      if (bases.length !== 1 || holdsAloneReason(id)) continue;
      byBasis.set(bases[0]!, [...(byBasis.get(bases[0]!) ?? []), id]);
    }
    expect(byBasis.size).toBeGreaterThanOrEqual(FAMILIES.length);
    for (const ids of byBasis.values()) {
      fc.assert(fc.property(fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 12 }), (picked) => {
        expect(combine(picked.map((id) => raw(id)), DEFAULT_SCORING).band).not.toBe('hold');
      }));
    }
  });

  it('holds a laptop farm seen in telemetry: substantive evidence on three lines (the device, the network, the clock), under one family cap', () => {
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
    // -3 + 5.00 = 2.00; 100 / (1 + e^-2) = 100 / 1.135 = 88.1 -> 88. One family, but three bases: the device (ip_kvm,
    // remote access), the network (keystroke latency, round trip) and the clock (working hours): hold.
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
    // -3 + 3.01 = 0.01; 100 / (1 + e^-0.01) = 50.2 -> 50: review (lines: references, contact and phone).
    expect(r.logOdds).toBe(0.01);
    expect(r.score).toBe(50);
    expect(r.band).toBe('review');
  });

  it('lists signals strongest first and counts a repeated clue once', () => {
    const r = combine([raw('contact.phone_plus1_format'), raw('identity.profile_name_mismatch'), raw('contact.disposable_email'), raw('contact.phone_plus1_format')], DEFAULT_SCORING);
    // 1.20 + 0.50 + 0.35 (the repeated +1 counted once), no cap reached: -3 + 2.05 = -0.95;
    // 100 / (1 + e^0.95) = 100 / 3.59 = 27.9 -> 28: review (lines: contact, profile and phone).
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
    // 100 / (1 + e^-0.5) = 100 / 1.607 = 62.2 -> 62 >= 60, substantive on three lines (references, contact, profile): hold.
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

describe('bands by corroboration', () => {
  const band = (ids: SignalId[]) => combine(ids.map((id) => raw(id)), DEFAULT_SCORING);

  it('fifteen weak signals of every kind honest people show score 99 and stay clear', () => {
    const r = band([
      'geography.ip_hosting_or_vpn', 'geography.ip_region_mismatch', 'geography.area_code_region_mismatch', 'geography.night_activity',
      'contact.phone_plus1_format', 'linkage.shared_ip_other_identity', 'linkage.shared_address_other_identity',
      'interview.camera_off', 'interview.audio_lag', 'profile.location_mismatch', 'profile.name_changed_recently',
      'profile.few_connections_for_seniority', 'onboarding.shipping_differs_from_home', 'onboarding.identity_not_verified_in_person',
      'employment.overlapping_full_time',
    ]);
    // geography 1.0 + 0.4 + 0.3 + 0.6 = 2.3 (cap 2.5), contact 0.35, linkage 0.6 + 1.0 = 1.6, interview 0.7 + 0.3 = 1.0,
    // profile 0.4 x 3 = 1.2, onboarding 0.4 + 0.6 = 1.0, employment 0.5: 7.95 in all, no cap reached.
    // -3 + 7.95 = 4.95; 100 / (1 + e^-4.95) = 100 / 1.0071 = 99.3 -> 99.
    expect(r.logOdds).toBe(4.95);
    expect(r.score).toBe(99);
    expect(r.band).toBe('clear');
    expect(r.bandReason).toMatch(/^weak-only: /);
  });

  it('a commercial VPN with its shared exit, "+1" typed and a phone from another state: 32, clear', () => {
    const r = band(['geography.ip_hosting_or_vpn', 'linkage.shared_ip_other_identity', 'contact.phone_plus1_format', 'geography.area_code_region_mismatch']);
    // 1.0 + 0.6 + 0.35 + 0.3 = 2.25; -0.75; 100 / (1 + e^0.75) = 100 / 3.117 = 32.1 -> 32. All weak: clear.
    expect(r.score).toBe(32);
    expect(r.band).toBe('clear');
  });

  it('a document checked by upload, as most remote hires are, corroborates nothing: a profile newer than the career beside it stays clear', () => {
    const r = combine([raw('profile.younger_than_career'), raw('onboarding.identity_not_verified_in_person', 0.5)], DEFAULT_SCORING);
    // 0.7 + 0.3 = 1.0; -2.0; 100 / (1 + e^2) = 11.9 -> 12: under review anyway. Not verified at all (0.6): -1.7 -> 15.4 -> 15.
    expect(r.score).toBe(12);
    const unverified = band(['profile.younger_than_career', 'onboarding.identity_not_verified_in_person']);
    expect(unverified.score).toBe(15);
    expect(unverified.band).toBe('clear');
    expect(unverified.bandReason).toMatch(/^one-line: all the evidence is one line \(profile\)/);
  });

  it('one line of substantive evidence without a strong signal stays clear: a foreign clock at night, 23', () => {
    const r = band(['geography.timezone_mismatch', 'geography.night_activity']);
    // 1.2 + 0.6 = 1.8; -1.2; 100 / (1 + e^1.2) = 100 / 4.32 = 23.1 -> 23. Both rest on the clock (travel explains both).
    expect(r.score).toBe(23);
    expect(r.band).toBe('clear');
    expect(r.bandReason).toMatch(/^one-line: .*clock/);
  });

  it('the same clock with a VPN is two independent lines: 31, review', () => {
    const r = band(['geography.timezone_mismatch', 'geography.ip_hosting_or_vpn']);
    // 1.2 + 1.0 = 2.2; -0.8; 100 / (1 + e^0.8) = 100 / 3.2255 = 31.0 -> 31. Lines: clock (substantive) and network.
    expect(r.score).toBe(31);
    expect(r.band).toBe('review');
    expect(r.bandReason).toMatch(/^independent-lines: /);
  });

  it('a clock in a neighbouring zone with a phone from another state with a VPN is weak on every line: 21, clear', () => {
    const r = band(['geography.timezone_mismatch_nearby', 'geography.area_code_region_mismatch', 'geography.ip_hosting_or_vpn']);
    // 0.4 + 0.3 + 1.0 = 1.7; -1.3; 100 / (1 + e^1.3) = 100 / 4.669 = 21.4 -> 21. A move explains the clock and the phone, a VPN the network.
    expect(r.score).toBe(21);
    expect(r.band).toBe('clear');
    expect(r.bandReason).toMatch(/^weak-only: /);
  });

  it("a reference's name-only match cannot move an honest traveller from review to hold: 63 shown, 52 without it decides, review", () => {
    // The held honest applicant of the labelled mix (seed 11): a revived, renamed profile, a clock abroad, an IP in another state.
    const r = combine(
      [raw('profile.dormant_revived_renamed'), raw('geography.timezone_mismatch'), raw('geography.ip_region_mismatch'), raw('watchlist.reference_sanctioned', 0.9)],
      DEFAULT_SCORING,
    );
    // 1.5 + 1.2 + 0.4 + 0.45 (0.5 x 0.9) = 3.55; 0.55; 100 / (1 + e^-0.55) = 100 / 1.577 = 63.4 -> 63 shown.
    expect(r.score).toBe(63);
    // Without the name: 3.1; 0.1; 100 / (1 + e^-0.1) = 100 / 1.905 = 52.5 -> 52, under hold (60): review on two lines.
    expect(r.band).toBe('review');
    expect(r.bandReason).toBe(
      'independent-lines: score 52 and evidence on 3 independent lines (profile, clock and network) (watchlist.reference_sanctioned set aside: a name alone decides no band; score 63 with it)',
    );
  });

  it('no name-only match ever changes a band: any signals, with and without one', () => {
    const nameOnly: SignalId[] = ['watchlist.sanctions_potential_match', 'watchlist.reference_sanctioned'];
    const others = signalIds().filter((id) => !nameOnly.includes(id));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...others), { maxLength: 6 }), fc.subarray(nameOnly, { minLength: 1 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (ids, names, strength) => {
        const without = combine(ids.map((id) => raw(id)), DEFAULT_SCORING);
        const withName = combine([...ids.map((id) => raw(id)), ...names.map((id) => raw(id, strength))], DEFAULT_SCORING);
        expect(withName.band).toBe(without.band);
      }),
    );
  });

  it('a name-only sanctions match is no line: with the foreign clock it adds 0.4 but decides nothing, 20, clear', () => {
    const r = band(['geography.timezone_mismatch', 'watchlist.sanctions_potential_match']);
    // 1.2 + 0.4 = 1.6; -1.4; 100 / (1 + e^1.4) = 100 / 5.055 = 19.8 -> 20. The clock is the only line.
    expect(r.score).toBe(20);
    expect(r.band).toBe('clear');
  });

  it('a front-company employer and impossible job dates rest on one employment history: 69, review, not hold', () => {
    const r = band(['watchlist.high_risk_employer', 'employment.impossible_dates']);
    // 3.0 (watchlist, cap 8) + 0.8 (employment, cap 2.5) = 3.8; 0.8; 100 / (1 + e^-0.8) = 100 / 1.4493 = 69.0 -> 69.
    expect(r.score).toBe(69);
    expect(r.band).toBe('review');
    expect(r.bandReason).toMatch(/^one-substantive-line: .*\(employment\)/);
  });

  it('a front-company employer and a listed school are two lines (employment, education): 95, hold', () => {
    const r = band(['watchlist.high_risk_employer', 'watchlist.high_risk_school']);
    // 3.0 + 3.0 = 6.0 (watchlist cap 8); 3.0; 100 / (1 + e^-3) = 100 / 1.0498 = 95.3 -> 95.
    expect(r.score).toBe(95);
    expect(r.band).toBe('hold');
  });

  it('a phone and a resume shared with other identities are two lines (the home, the ring): 71, hold', () => {
    const r = band(['linkage.shared_phone_other_identity', 'linkage.resume_near_duplicate_other_identity']);
    // 2.1 + 1.8 = 3.9 (linkage cap 4); 0.9; 100 / (1 + e^-0.9) = 100 / 1.4066 = 71.1 -> 71.
    expect(r.score).toBe(71);
    expect(r.band).toBe('hold');
    expect(r.bandReason).toMatch(/^independent-lines: /);
  });

  it('a family sharing a home, its router and a computer is one line: 60, clear; with a VPN as well, review', () => {
    const family = band(['linkage.shared_device_other_identity', 'linkage.shared_address_other_identity', 'linkage.shared_ip_other_identity']);
    // 1.8 + 1.0 + 0.6 = 3.4 (linkage cap 4); 0.4; 100 / (1 + e^-0.4) = 100 / 1.6703 = 59.9 -> 60.
    // The home explains all three (the shared IP is the network's or the home's; the home is taken): one line, no strong signal.
    expect(family.score).toBe(60);
    expect(family.band).toBe('clear');
    expect(family.bandReason).toMatch(/^one-line: /);
    const vpn = band(['linkage.shared_device_other_identity', 'linkage.shared_address_other_identity', 'linkage.shared_ip_other_identity', 'geography.ip_hosting_or_vpn']);
    // + 1.0: 1.4; 100 / (1 + e^-1.4) = 100 / 1.2466 = 80.2 -> 80. Lines: the home and the network; only the home is substantive.
    expect(vpn.score).toBe(80);
    expect(vpn.band).toBe('review');
    expect(vpn.bandReason).toMatch(/^one-substantive-line: /);
  });

  it('no weak signal of the catalogue leaves clear alone, nor any set of them (property)', () => {
    for (const id of catalogueWeak) expect(band([id]).band).toBe('clear');
    fc.assert(fc.property(fc.array(fc.constantFrom(...catalogueWeak), { minLength: 1, maxLength: 20 }), (picked) => {
      expect(band(picked).band).toBe('clear');
    }));
  });

  it('the bases of the lines are named in the reason, and every result carries one', () => {
    expect(band([]).bandReason).toBe('no-evidence: no signal');
    expect(band(['contact.phone_plus1_format']).bandReason).toMatch(/^below-review: score 7 under 15$/);
    expect(band(['watchlist.sanctioned_person']).bandReason).toMatch(/^holds-alone: watchlist.sanctioned_person/);
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
