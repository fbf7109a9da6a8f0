import type { Application } from '../parse/application-schema.js';
import { parseMonth, type MonthIndex } from './date.js';
import { normaliseEmail, type NormalEmail } from './email.js';
import { normaliseName, type NormalName } from './name.js';

/**
 * The parts of the enriched record added for issue 19 (payroll, reference
 * sessions, code-hosting profiles), normalised once like the rest
 * (src/normalise/application.ts). Pure. Absent data gives absent fields.
 */

/** "Payment app" and "payment-app" read as payment_app, as interview flags do. */
export const word = (s: string): string => s.trim().toLowerCase().replace(/[\s-]+/g, '_');
const given = <T>(value: T | null | undefined): T | undefined => (value === null || value === '' ? undefined : value);

export interface NormalPayrollAccount {
  /** The account's hash, trimmed and in lower case (the linkage index's payroll identifier). */
  readonly hash: string;
  readonly holderName?: NormalName;
  /** `bank`, `payment_app`, `crypto`, or what onboarding called it. */
  readonly kind?: string;
  readonly provider?: string;
  /** When the account was set up, as written (an ISO date). */
  readonly addedAt?: string;
}

export interface NormalPaymentRequest {
  readonly kind: string;
  readonly provider?: string;
  readonly at?: string;
}

/** Pay arrangements recorded at onboarding; absent when none of them was given. */
export interface NormalPayroll {
  readonly startDate?: string;
  readonly accounts: readonly NormalPayrollAccount[];
  readonly requests: readonly NormalPaymentRequest[];
}

export function payrollOf(o: NonNullable<Application['onboarding']>): NormalPayroll | undefined {
  const accounts = (o.payrollAccounts ?? []).map((a) => ({
    hash: a.accountHash.trim().toLowerCase(),
    ...(a.holderName?.trim() ? { holderName: normaliseName(a.holderName) } : {}),
    ...(a.kind?.trim() ? { kind: word(a.kind) } : {}),
    ...(a.provider?.trim() ? { provider: a.provider.trim() } : {}),
    ...(a.addedAt ? { addedAt: a.addedAt } : {}),
  }));
  const requests = (o.paymentRequests ?? []).map((r) => ({
    kind: word(r.kind),
    ...(r.provider?.trim() ? { provider: r.provider.trim() } : {}),
    ...(r.at ? { at: r.at } : {}),
  }));
  const startDate = given(o.startDate);
  if (!startDate && accounts.length === 0 && requests.length === 0) return undefined;
  return { ...(startDate ? { startDate } : {}), accounts, requests };
}

/** Where a reference answered the reference check from. */
export interface NormalReferenceSession {
  readonly ip?: string;
  readonly deviceId?: string;
}

export function referenceSessionOf(r: NonNullable<Application['references']>[number]): NormalReferenceSession | undefined {
  const ip = r.session?.ip?.trim().toLowerCase();
  const deviceId = r.session?.deviceId?.trim();
  if (!ip && !deviceId) return undefined;
  return { ...(ip ? { ip } : {}), ...(deviceId ? { deviceId } : {}) };
}

export interface NormalCommitIdentity {
  readonly name?: NormalName;
  readonly email?: NormalEmail;
  readonly commits: number;
}

/** A code-hosting account (GitHub and similar) from supplied profile data. */
export interface NormalCodeHost {
  readonly url?: string;
  readonly createdAt?: MonthIndex;
  /** Months with at least one contribution, oldest first, with their counts. */
  readonly contributions: readonly { readonly month: MonthIndex; readonly count: number }[];
  readonly commitIdentities: readonly NormalCommitIdentity[];
  readonly repositories: readonly { readonly name?: string; readonly fork: boolean; readonly createdAt?: string }[];
}

export function codeHostsOf(profiles: Application['profiles']): NormalCodeHost[] | undefined {
  const hosts = profiles?.codeHosting;
  if (!hosts?.length) return undefined;
  return hosts.map((h) => ({
    ...(h.url?.trim() ? { url: h.url.trim() } : {}),
    ...(parseMonth(h.createdAt) !== undefined ? { createdAt: parseMonth(h.createdAt)! } : {}),
    contributions: (h.contributions ?? [])
      .map((c) => ({ month: parseMonth(c.month)!, count: c.count }))
      .filter((c) => c.count > 0)
      .sort((a, b) => a.month - b.month),
    commitIdentities: (h.commitIdentities ?? []).map((c) => ({
      ...(c.name?.trim() ? { name: normaliseName(c.name) } : {}),
      ...(c.email?.trim() ? { email: normaliseEmail(c.email) } : {}),
      commits: c.commits ?? 1,
    })),
    repositories: (h.repositories ?? []).map((r) => ({
      ...(r.name?.trim() ? { name: r.name.trim() } : {}),
      fork: r.fork === true,
      ...(r.createdAt ? { createdAt: r.createdAt } : {}),
    })),
  }));
}
