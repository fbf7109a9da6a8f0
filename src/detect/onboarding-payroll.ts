import { samePerson } from '../match/same-person.js';
import type { NormalPayroll, NormalPayrollAccount } from '../normalise/application-extras.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { normaliseName, type NormalName } from '../normalise/name.js';
import type { RawSignal } from './types.js';

/**
 * How the employee is paid (onboarding.startDate, payrollAccounts,
 * paymentRequests): the wages are what the scheme is for, so where they go
 * is evidence. One payroll account or payout address shared by several
 * employees is a linkage signal (linkage.shared_payroll_other_identity: every
 * account hash is a payroll identifier), not repeated here.
 *
 * Weights (log-odds, src/catalogue/signals.ts), all on the `payroll` basis
 * (one honest arrangement explains its own changes, holder and channel):
 * - payroll_holder_not_employee 1.2 (x3.3): wages paid into someone else's
 *   account is how a facilitator receives and forwards them (FBI 2024); a
 *   joint account naming the employee is theirs, and names are compared as
 *   the linkage index compares them (nicknames, order, initials,
 *   romanisation), never by origin. An organisation as holder (a
 *   contractor's own company) counts half.
 * - payroll_changed_soon 1.0 (x2.7): an account replaced within 30 days of
 *   the start, or twice within 90 days; people change banks, rarely twice
 *   in a quarter or in their first month.
 * - payment_app_or_crypto 0.8 (x2.2) for cryptocurrency, half for a payment
 *   app or money-transfer service: the 2022 guidance names requests for
 *   payment in virtual currency and through payment platforms; contractors
 *   abroad are paid through such services honestly too.
 * Silent without the data: no start date, no dated second account, no
 * holder name, no kind.
 */

const DAY = 86_400_000;
const SOON_DAYS = 30;
const TWICE_DAYS = 90;
const CRYPTO = new Set(['crypto', 'cryptocurrency', 'virtual_currency', 'stablecoin', 'bitcoin', 'usdt', 'usdc', 'ethereum', 'wallet', 'crypto_wallet']);
const PAYMENT_APP = new Set(['payment_app', 'payment_service', 'payment_platform', 'money_transfer', 'paypal', 'payoneer', 'wise', 'venmo', 'cash_app', 'zelle', 'revolut']);
const ORGANISATION = /\b(llc|l\.l\.c|inc|ltd|limited|corp|corporation|gmbh|plc|company|consulting|solutions|technologies)\b\.?$/i;

/** Day precision of an ISO date or date-time (month precision reads as the 1st); undefined when unreadable. */
function dayOf(text: string | undefined): number | undefined {
  const m = text ? /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1) : undefined;
}

const shortHash = (hash: string): string => (hash.length > 20 ? `${hash.slice(0, 16)}…` : hash);
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function changeSignals(payroll: NormalPayroll): RawSignal[] {
  const dated = payroll.accounts
    .map((a) => ({ a, at: dayOf(a.addedAt) }))
    .filter((x): x is { a: NormalPayrollAccount; at: number } => x.at !== undefined)
    .sort((x, y) => x.at - y.at);
  // A new account under a hash already used is a return to it, still a change; the first account is the setup.
  const changes = dated.slice(1).filter((x, i) => x.a.hash !== dated[i]!.a.hash);
  if (changes.length === 0) return [];
  const start = dayOf(payroll.startDate);
  const texts: string[] = [];
  const early = start === undefined ? undefined : changes.find((c) => c.at >= start && c.at - start <= SOON_DAYS * DAY);
  if (early && start !== undefined) {
    texts.push(`the payroll account was changed to ${shortHash(early.a.hash)} on ${day(early.at)}, ${Math.round((early.at - start) / DAY)} days after the start on ${day(start)}`);
  }
  for (let i = 1; i < changes.length; i++) {
    if (changes[i]!.at - changes[i - 1]!.at > TWICE_DAYS * DAY) continue;
    texts.push(`the payroll account was changed on ${day(changes[i - 1]!.at)} and again on ${day(changes[i]!.at)}, ${Math.round((changes[i]!.at - changes[i - 1]!.at) / DAY)} days apart`);
    break;
  }
  return texts.length ? [{ id: 'onboarding.payroll_changed_soon', evidence: texts.join('; ') }] : [];
}

/** A holder written as several people ("Daniel Reyes and Maria Reyes", "D. Reyes & M. Reyes"): any of them may be the employee. */
function holders(holder: NormalName): NormalName[] {
  const parts = holder.raw.split(/\s+(?:and|&|\+)\s+|\s*[&/;]\s*/i).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts.map(normaliseName) : [holder];
}

function holderSignals(payroll: NormalPayroll, employee: NormalName): RawSignal[] {
  const texts: string[] = [];
  let strength = 0;
  for (const account of payroll.accounts) {
    const holder = account.holderName;
    if (!holder || holder.tokens.length === 0) continue;
    if (holders(holder).some((h) => samePerson(employee, h).same)) continue;
    const organisation = ORGANISATION.test(holder.raw.trim());
    strength = Math.max(strength, organisation ? 0.5 : 1);
    texts.push(`payroll account ${shortHash(account.hash)} is held by '${holder.raw}'${organisation ? ', an organisation,' : ''} not by the employee '${employee.raw}'`);
  }
  if (texts.length === 0) return [];
  const evidence = texts.join('; ');
  return [strength === 1 ? { id: 'onboarding.payroll_holder_not_employee', evidence } : { id: 'onboarding.payroll_holder_not_employee', evidence, strength }];
}

function channelSignals(payroll: NormalPayroll): RawSignal[] {
  const texts: string[] = [];
  let strength = 0;
  const consider = (kind: string | undefined, provider: string | undefined, what: string): void => {
    const key = kind ?? '';
    const crypto = CRYPTO.has(key);
    if (!crypto && !PAYMENT_APP.has(key)) return;
    strength = Math.max(strength, crypto ? 1 : 0.5);
    texts.push(`${what} ${crypto ? 'in cryptocurrency' : 'through a payment app'} (${kind}${provider ? `: ${provider}` : ''})`);
  };
  for (const r of payroll.requests) consider(r.kind, r.provider, `pay was requested${r.at ? ` on ${r.at.slice(0, 10)}` : ''}`);
  for (const a of payroll.accounts) consider(a.kind, a.provider, `payroll account ${shortHash(a.hash)} pays`);
  if (texts.length === 0) return [];
  const evidence = texts.join('; ');
  return [strength === 1 ? { id: 'onboarding.payment_app_or_crypto', evidence } : { id: 'onboarding.payment_app_or_crypto', evidence, strength }];
}

export function payrollSignals(record: EnrichedApplication): RawSignal[] {
  const payroll = record.onboarding?.payroll;
  if (!payroll) return [];
  return [...changeSignals(payroll), ...holderSignals(payroll, record.applicant.name), ...channelSignals(payroll)];
}
