import { describe, expect, it } from 'vitest';
import {
  bandFloor, candidateQuestions, caseDueAt, casePriority, checksFor, decide, DEFAULT_POLICY, extendPlan, opensCase,
  PolicySchema, preAdverseActionNotice, statusAfterStep, stickyBand, suppressedByClearance, type Decision,
} from '../../src/cases/index.js';

const policy = DEFAULT_POLICY;

describe('priority and due date', () => {
  it('is the score, plus 5 per extra ring member (at most 20), plus 10 for a sensitive role, capped at 100', () => {
    expect(casePriority({ score: 70, members: 1 }, policy)).toBe(70);
    expect(casePriority({ score: 70, members: 3 }, policy)).toBe(80);
    expect(casePriority({ score: 70, members: 12 }, policy)).toBe(90);
    expect(casePriority({ score: 70, members: 1, jobTitle: 'Senior DevOps Engineer' }, policy)).toBe(80);
    expect(casePriority({ score: 70, members: 1, jobTitle: 'Frontend Engineer' }, policy)).toBe(70);
    // "administrative" is not the term "admin": whole words only
    expect(casePriority({ score: 70, members: 1, jobTitle: 'Administrative Assistant' }, policy)).toBe(70);
    expect(casePriority({ score: 95, members: 5, jobTitle: 'Database Administrator' }, policy)).toBe(100);
  });

  it('is due the SLA days of its band after opening', () => {
    expect(caseDueAt('2026-12-01T10:00:00.000Z', 'hold', policy)).toBe('2026-12-03T10:00:00.000Z');
    expect(caseDueAt('2026-12-01T10:00:00.000Z', 'review', policy)).toBe('2026-12-06T10:00:00.000Z');
  });
});

describe('verification plan', () => {
  it('has one step per family present, the live ID check once for identity and profile, the OFAC step for a sanctions match', () => {
    const plan = extendPlan([], [
      { id: 'identity.profile_name_mismatch', family: 'identity' },
      { id: 'profile.location_mismatch', family: 'profile' },
      { id: 'education.us_institution_not_found', family: 'education' },
      { id: 'watchlist.sanctions_potential_match', family: 'watchlist' },
    ]);
    expect(plan.map((s) => [s.id, s.key, s.state])).toEqual([
      ['s1', 'watchlist.ofac_compare', 'pending'],
      ['s2', 'identity.live_id', 'pending'],
      ['s3', 'education.registrar', 'pending'],
      ['s4', 'watchlist.review', 'pending'],
    ]);
    expect(plan[0]!.check).toContain('date of birth, nationality and address');
    expect(plan[2]!.check).toContain('never those on the resume');
  });

  it('keeps recorded steps and appends only what new signals call for', () => {
    const first = extendPlan([], [{ id: 'education.us_institution_not_found', family: 'education' }]);
    const done = [{ ...first[0]!, state: 'passed' as const, by: 'key:a', at: '2026-12-01T00:00:00.000Z' }];
    const next = extendPlan(done, [{ id: 'education.program_not_offered', family: 'education' }, { id: 'onboarding.shipping_to_mail_drop', family: 'onboarding' }]);
    expect(next.map((s) => [s.id, s.key, s.state])).toEqual([['s1', 'education.registrar', 'passed'], ['s2', 'onboarding.equipment', 'pending']]);
  });

  it('gives a recruiter questions that name no signal and no evidence', () => {
    const q = candidateQuestions([{ id: 'contact.disposable_email', family: 'contact' }]);
    expect(q).toEqual(['Please confirm the phone number and email address you want us to use, and the companies your references work for.']);
    expect(checksFor([])).toEqual([]);
  });
});

describe('decisions', () => {
  const at = '2026-12-02T09:00:00.000Z';
  const req = (by: string, outcome: Decision['outcome'] = 'confirmed_fraud', reason = 'The registrar has no record of the degree.') => ({ outcome, reason, reliedOnBackgroundCheck: false, by, at });

  it('needs a reason', () => {
    expect(decide({ status: 'open' }, req('key:a', 'cleared', '  ok  '), policy)).toMatchObject({ kind: 'refused', code: 'no_reason' });
  });

  it('with four eyes, a first confirmed_fraud is proposed, the same key cannot confirm it, another key does', () => {
    const first = decide({ status: 'verifying' }, req('key:a'), policy);
    expect(first.kind).toBe('proposed');
    const pending = first.kind === 'proposed' ? first.pending : undefined;
    expect(decide({ status: 'verifying', pendingDecision: pending }, req('key:a'), policy)).toMatchObject({ kind: 'refused', code: 'same_analyst' });
    expect(decide({ status: 'verifying', pendingDecision: pending }, req('key:b'), policy)).toEqual({
      kind: 'decided',
      decision: { outcome: 'confirmed_fraud', reason: 'The registrar has no record of the degree.', by: 'key:a', confirmedBy: 'key:b', at, reliedOnBackgroundCheck: false },
    });
  });

  it('without four eyes, one analyst decides; a decided case takes no second decision', () => {
    expect(decide({ status: 'open' }, req('key:a'), { fourEyes: false }).kind).toBe('decided');
    expect(decide({ status: 'decided' }, req('key:a', 'cleared'), policy)).toMatchObject({ kind: 'refused', code: 'decided' });
  });

  it('a case is verifying once a step has a result', () => {
    expect(statusAfterStep('open', [{ state: 'pending' }])).toBe('open');
    expect(statusAfterStep('open', [{ state: 'pending' }, { state: 'failed' }])).toBe('verifying');
  });
});

describe('holds stick', () => {
  it('an open case or a confirmed one keeps the band; a cleared one does not', () => {
    expect(bandFloor([{ status: 'open', band: 'hold' }])).toBe('hold');
    expect(bandFloor([{ status: 'verifying', band: 'review' }])).toBe('review');
    expect(bandFloor([{ status: 'decided', band: 'review', decision: { outcome: 'confirmed_fraud' } }])).toBe('hold');
    expect(bandFloor([{ status: 'decided', band: 'hold', decision: { outcome: 'cleared' } }])).toBeUndefined();
    expect(stickyBand('clear', 'hold')).toBe('hold');
    expect(stickyBand('hold', 'review')).toBe('hold');
    expect(stickyBand('review', undefined)).toBe('review');
  });

  it('opens cases on the bands the policy names', () => {
    expect(opensCase('hold', policy)).toBe(true);
    expect(opensCase('review', policy)).toBe(false);
    expect(opensCase('review', { openOn: ['hold', 'review'] })).toBe(true);
    expect(opensCase('clear', { openOn: ['hold', 'review'] })).toBe(false);
  });

  it('a clearance suppresses the same evidence for its period, not new evidence', () => {
    const cleared = [{ decidedAt: '2026-01-01T00:00:00.000Z', signals: ['contact.phone_plus1_format', 'geography.timezone_mismatch'] }];
    expect(suppressedByClearance(cleared, ['geography.timezone_mismatch'], '2026-02-01T00:00:00.000Z', policy)).toBe(true);
    expect(suppressedByClearance(cleared, ['geography.timezone_mismatch', 'contact.disposable_email'], '2026-02-01T00:00:00.000Z', policy)).toBe(false);
    expect(suppressedByClearance(cleared, ['geography.timezone_mismatch'], '2026-04-02T00:00:00.000Z', policy)).toBe(false);
  });

  it('a policy must open cases on holds', () => {
    expect(PolicySchema.safeParse({ ...policy, openOn: ['review'] }).success).toBe(false);
    expect(PolicySchema.safeParse({ ...policy, openOn: ['hold', 'review'] }).success).toBe(true);
  });
});

describe('pre-adverse-action notice', () => {
  const decision: Decision = { outcome: 'confirmed_fraud', reason: 'Background check: no such degree.', by: 'key:a', at: '2026-12-02T09:00:00.000Z', reliedOnBackgroundCheck: true };
  it('is produced only for confirmed fraud that relied on a background check', () => {
    const notice = preAdverseActionNotice({ candidateName: 'Jane Roe', organisation: 'Acme', decision, date: '2026-12-02' });
    expect(notice.ok).toBe(true);
    if (notice.ok) {
      expect(notice.text).toContain('Dear Jane Roe,');
      expect(notice.text).toContain('"A Summary of Your Rights Under the Fair Credit Reporting Act"');
      expect(notice.text).toContain('a copy of the consumer report');
    }
    expect(preAdverseActionNotice({ candidateName: 'J', organisation: 'A', decision: { ...decision, reliedOnBackgroundCheck: false }, date: '2026-12-02' }).ok).toBe(false);
    expect(preAdverseActionNotice({ candidateName: 'J', organisation: 'A', decision: { ...decision, outcome: 'cleared' }, date: '2026-12-02' }).ok).toBe(false);
  });
});
