/**
 * Payroll at onboarding (onboarding.startDate, payrollAccounts,
 * paymentRequests): an account changed in the first month or twice in a
 * quarter, an account held by someone else, pay through cryptocurrency or a
 * payment app; and one account or payout address given by several employees
 * (linkage.shared_payroll_other_identity, every account hash a payroll
 * identifier). Each with an ordinary counterpart that stays quiet. Names are
 * compared as the linkage index compares them, never by origin.
 */
import { describe, expect, it } from 'vitest';
import { onboardingDetector } from '../../src/detect/onboarding.js';
import { onboardingExtras } from '../../src/linkage/identifiers.js';
import { LinkageIndex } from '../../src/linkage/linkage-index.js';
import { linkageSignals } from '../../src/linkage/linkage-signals.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { application, context } from '../helpers/applications.js';

const bank = (hash: string, addedAt: string, holderName = 'Daniel Reyes') => ({ accountHash: hash, holderName, kind: 'bank', provider: 'Chase', addedAt });
const detect = (onboarding: Record<string, unknown>, name?: string) =>
  onboardingDetector.detect(normaliseApplication(application((a) => {
    a.onboarding = onboarding;
    if (name) a.applicant.fullName = name;
  })), context.detect);
const ids = (o: Record<string, unknown>, name?: string) => detect(o, name).map((s) => s.id).sort();

describe('onboarding.payroll_changed_soon', () => {
  it('changed nine days after the start', () => {
    const signals = detect({ startDate: '2025-12-01', payrollAccounts: [bank('sha256:aa01', '2025-11-24'), bank('sha256:bb02', '2025-12-10')] });
    expect(signals).toEqual([{ id: 'onboarding.payroll_changed_soon', evidence: 'the payroll account was changed to sha256:bb02 on 2025-12-10, 9 days after the start on 2025-12-01' }]);
  });

  it('changed twice within 90 days, months after the start', () => {
    const signals = detect({ startDate: '2025-01-06', payrollAccounts: [bank('h1', '2025-01-02'), bank('h2', '2025-06-02'), bank('h3', '2025-07-15')] });
    expect(signals.map((s) => s.evidence)).toEqual(['the payroll account was changed on 2025-06-02 and again on 2025-07-15, 43 days apart']);
  });

  it('benign: set up before the start, changed once eight months later; undated accounts; the same account entered twice', () => {
    expect(ids({ startDate: '2025-01-06', payrollAccounts: [bank('h1', '2024-12-20'), bank('h2', '2025-09-01')] })).toEqual([]);
    expect(ids({ startDate: '2025-01-06', payrollAccounts: [{ accountHash: 'h1' }, { accountHash: 'h2' }] })).toEqual([]);
    expect(ids({ startDate: '2025-01-06', payrollAccounts: [bank('h1', '2025-01-02'), bank('h1', '2025-01-10')] })).toEqual([]);
  });
});

describe('onboarding.payroll_holder_not_employee', () => {
  it('the account is held by someone else', () => {
    expect(detect({ payrollAccounts: [bank('sha256:cc03', '2025-11-24', 'Christina Marie Chapman')] })).toEqual([
      { id: 'onboarding.payroll_holder_not_employee', evidence: "payroll account sha256:cc03 is held by 'Christina Marie Chapman' not by the employee 'Daniel Reyes'" },
    ]);
  });

  it('held by an organisation: half weight', () => {
    expect(detect({ payrollAccounts: [bank('h9', '2025-11-24', 'Hopana Tech LLC')] })).toMatchObject([{ id: 'onboarding.payroll_holder_not_employee', strength: 0.5 }]);
  });

  it('benign: a nickname, another order, initials, a joint account, another romanisation', () => {
    for (const holder of ['Dan Reyes', 'REYES DANIEL', 'D. Reyes', 'Daniel Reyes and Maria Reyes', 'Maria Chen & Daniel Reyes']) {
      expect(ids({ payrollAccounts: [bank('h1', '2025-11-24', holder)] }), holder).toEqual([]);
    }
    expect(ids({ payrollAccounts: [bank('h1', '2025-11-24', 'Bak Jihoon')] }, 'Park Ji-hoon')).toEqual([]);
  });

  it('silent without a holder name', () => {
    expect(ids({ payrollAccounts: [{ accountHash: 'h1', kind: 'bank' }] })).toEqual([]);
  });
});

describe('onboarding.payment_app_or_crypto', () => {
  it('a request to be paid in USDT, and a payout wallet: full weight', () => {
    const signals = detect({ paymentRequests: [{ kind: 'Crypto', provider: 'USDT (TRC-20)', at: '2025-12-03' }] });
    expect(signals).toEqual([{ id: 'onboarding.payment_app_or_crypto', evidence: 'pay was requested on 2025-12-03 in cryptocurrency (crypto: USDT (TRC-20))' }]);
    expect(ids({ payrollAccounts: [{ accountHash: 'wallet:9f2c', kind: 'crypto wallet', holderName: 'Daniel Reyes' }] })).toEqual(['onboarding.payment_app_or_crypto']);
  });

  it('a payment app: half weight', () => {
    expect(detect({ paymentRequests: [{ kind: 'payment-app', provider: 'Payoneer' }] })).toMatchObject([{ id: 'onboarding.payment_app_or_crypto', strength: 0.5 }]);
  });

  it('benign: a bank account, or a request to be paid by cheque', () => {
    expect(ids({ payrollAccounts: [bank('h1', '2025-11-24')], paymentRequests: [{ kind: 'cheque' }] })).toEqual([]);
  });
});

describe('one payroll account or payout address, several employees', () => {
  const linked = (hashes: string[][], names: string[]) => {
    const index = new LinkageIndex();
    let last: ReturnType<typeof linkageSignals> = [];
    hashes.forEach((hs, i) => {
      const app = application((a) => {
        a.id = `p-${i}`;
        a.applicant.fullName = names[i];
        a.onboarding = { payrollAccounts: hs.map((h) => ({ accountHash: h })) };
      });
      last = linkageSignals(index.add(normaliseApplication(app), onboardingExtras(app)));
    });
    // The base application shares its phone, device and the rest too: only the payroll link is looked at here.
    return last.filter((s) => s.id === 'linkage.shared_payroll_other_identity');
  };

  it('a later account of one employee is an account of another', () => {
    const signals = linked([['sha256:aa01', 'wallet:TQ9xk2'], ['sha256:ff77', 'WALLET:tq9xk2']], ['Kevin Park', 'Alan Smith']);
    expect(signals).toEqual([{ id: 'linkage.shared_payroll_other_identity', evidence: 'payroll account wallet:tq9xk2 also on p-0 (Kevin Park)' }]);
  });

  it('benign: the same person hired twice keeps their account', () => {
    expect(linked([['sha256:aa01'], ['sha256:aa01']], ['Daniel Reyes', 'Dan Reyes'])).toEqual([]);
  });
});
