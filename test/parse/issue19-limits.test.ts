import { describe, expect, it } from 'vitest';
import { parseApplication } from '../../src/parse/parse-application.js';

/**
 * The limits of the fields issue 19 added to docs/RECORDS.md section 1
 * (references[].session, profiles.codeHosting, onboarding.startDate,
 * payrollAccounts, paymentRequests), each at the limit (accepted) and one
 * past it (rejected, naming the field). The numbers are written out from
 * RECORDS.md, not imported.
 */
const base = (): Record<string, unknown> => ({ id: 'lim-19', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Ana Souza' } });
const errorOf = (record: unknown): string => {
  const out = parseApplication(record, { line: 1 });
  return out.ok ? '' : out.error;
};
const list = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
const account = (i: number) => ({ accountHash: `sha256:${i}`, holderName: 'Ana Souza', kind: 'bank', addedAt: '2025-12-01' });

const LIMITS: [string, (r: Record<string, unknown>, n: number) => void, number][] = [
  ['profiles.codeHosting', (r, n) => (r.profiles = { codeHosting: list(n, () => ({ url: 'https://github.com/asouza' })) }), 20],
  ['profiles.codeHosting[0].contributions', (r, n) => (r.profiles = { codeHosting: [{ contributions: list(n, () => ({ month: '2024-01', count: 3 })) }] }), 600],
  ['profiles.codeHosting[0].commitIdentities', (r, n) => (r.profiles = { codeHosting: [{ commitIdentities: list(n, () => ({ name: 'Ana Souza' })) }] }), 50],
  ['profiles.codeHosting[0].repositories', (r, n) => (r.profiles = { codeHosting: [{ repositories: list(n, () => ({ fork: false })) }] }), 1000],
  ['onboarding.payrollAccounts', (r, n) => (r.onboarding = { payrollAccounts: list(n, account) }), 20],
  ['onboarding.paymentRequests', (r, n) => (r.onboarding = { paymentRequests: list(n, () => ({ kind: 'crypto' })) }), 20],
  ['references[0].session.deviceId', (r, n) => (r.references = [{ session: { deviceId: 'x'.repeat(n) } }]), 128],
  ['onboarding.payrollAccounts[0].accountHash', (r, n) => (r.onboarding = { payrollAccounts: [{ accountHash: 'x'.repeat(n) }] }), 128],
  ['onboarding.paymentRequests[0].kind', (r, n) => (r.onboarding = { paymentRequests: [{ kind: 'x'.repeat(n) }] }), 128],
];

describe('issue 19 fields: limits (RECORDS.md section 1)', () => {
  for (const [path, set, limit] of LIMITS) {
    it(`${path}: ${limit} accepted, ${limit + 1} rejected naming the field`, () => {
      const at = base();
      set(at, limit);
      expect(errorOf(at)).toBe('');
      const over = base();
      set(over, limit + 1);
      expect(errorOf(over)).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: .*${limit}`));
    });
  }

  it('dates are calendar dates; counts are whole and not negative; an account needs its hash', () => {
    expect(errorOf({ ...base(), onboarding: { startDate: '2025-02-30' } })).toMatch(/^onboarding\.startDate: /);
    expect(errorOf({ ...base(), onboarding: { payrollAccounts: [{ accountHash: 'h', addedAt: 'yesterday' }] } })).toMatch(/^onboarding\.payrollAccounts\[0\]\.addedAt: /);
    expect(errorOf({ ...base(), onboarding: { payrollAccounts: [{ holderName: 'Ana Souza' }] } })).toMatch(/^onboarding\.payrollAccounts\[0\]\.accountHash: /);
    expect(errorOf({ ...base(), profiles: { codeHosting: [{ contributions: [{ month: '2024-01', count: -1 }] }] } })).toMatch(/^profiles\.codeHosting\[0\]\.contributions\[0\]\.count: /);
    expect(errorOf({ ...base(), profiles: { codeHosting: [{ commitIdentities: [{ name: 'A B', commits: 1.5 }] }] } })).toMatch(/^profiles\.codeHosting\[0\]\.commitIdentities\[0\]\.commits: /);
    expect(errorOf({ ...base(), onboarding: { startDate: null, payrollAccounts: null, paymentRequests: null }, profiles: { codeHosting: null }, references: [{ session: null }] })).toBe('');
  });
});
