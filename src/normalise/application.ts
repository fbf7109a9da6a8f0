import type { Application } from '../parse/application-schema.js';
import { codeHostsOf, payrollOf, referenceSessionOf, type NormalCodeHost, type NormalPayroll, type NormalReferenceSession } from './application-extras.js';
import { normaliseAddress, type NormalAddress } from './address.js';
import { parseEndMonth, parseMonth, type MonthIndex } from './date.js';
import { normaliseEmail, type NormalEmail } from './email.js';
import { normaliseName, type NormalName } from './name.js';
import { normalisePhone, type NormalPhone } from './phone.js';

/**
 * The record detectors see: every field normalised once. It deliberately
 * carries no language, nationality, citizenship or ethnicity field (the
 * session's Accept-Language header is dropped here): detectors cannot read
 * what is not there. See test/lawful.
 */
export interface NormalPeriod {
  readonly start?: MonthIndex;
  readonly end?: MonthIndex;
  /** The end was left open (present). */
  readonly current: boolean;
}

export interface NormalReference {
  readonly name?: NormalName;
  readonly email?: NormalEmail;
  /**
   * The reference's phone as written. It is compared with the applicant's
   * numbers (samePhoneNumber) rather than classified, so it is parsed only
   * when its digits could be one of them.
   */
  readonly phone?: string;
  /** Country a number without a country code is read in (the applicant's address country, else US). */
  readonly phoneCountry: string;
  readonly organization?: string;
  /** Where the reference answered the reference check from (a reference-check tool's record). */
  readonly session?: NormalReferenceSession;
}

export interface NormalEducation extends NormalPeriod {
  readonly institution?: string;
  readonly degree?: string;
  readonly field?: string;
  readonly email?: NormalEmail;
}

export interface NormalEmployment extends NormalPeriod {
  readonly employer?: string;
  readonly title?: string;
  readonly location?: string;
}

export interface NormalLinkedin {
  readonly url?: string;
  readonly displayName?: NormalName;
  readonly createdAt?: MonthIndex;
  readonly activity: readonly MonthIndex[];
  readonly connections?: number;
  readonly location?: string;
  readonly nameChangedAt?: MonthIndex;
}

/** An interview as recorded (docs/RECORDS.md: interviews[]): when, from where, how, and the interviewer's flags. */
export interface NormalInterview {
  readonly at?: string;
  readonly clientIp?: string;
  readonly mode?: string;
  readonly cameraOn?: boolean;
  /** Flags as given, trimmed, empty ones dropped (camera_refused, audio_lag, ...). */
  readonly flags: readonly string[];
  readonly notes?: string;
  /** Camera device names the interview platform reported, trimmed, empty ones dropped; absent when none. */
  readonly cameraDevices?: readonly string[];
  /** Deepfake and voice-clone vendors' verdicts, trimmed, check and verdict in lower case; absent when none. */
  readonly vendorVerdicts?: readonly VendorVerdict[];
}

export interface VendorVerdict {
  readonly vendor: string;
  /** `deepfake`, `voice_clone`, or what the vendor called its check. */
  readonly check: string;
  /** `synthetic`, `genuine`, `inconclusive`, or what the vendor said. */
  readonly verdict: string;
  readonly score?: number;
  readonly at?: string;
}

/** What onboarding recorded (docs/RECORDS.md: onboarding); the payroll hash is an identifier, read by src/linkage. */
export interface NormalOnboarding {
  readonly shippingAddress?: NormalAddress;
  readonly identityDocument?: { readonly verified?: boolean; readonly method?: string };
  /** Start date, payroll accounts and payment requests; absent when none was given. */
  readonly payroll?: NormalPayroll;
}

export interface NormalSession {
  readonly ip?: string;
  readonly userAgent?: string;
  readonly timezone?: string;
  readonly utcOffsetMinutes?: number;
  readonly deviceId?: string;
}

export interface EnrichedApplication {
  readonly id: string;
  readonly source?: string;
  readonly submittedAt: string;
  readonly submittedMonth: MonthIndex;
  readonly applicant: {
    readonly name: NormalName;
    readonly emails: readonly NormalEmail[];
    readonly phones: readonly NormalPhone[];
    readonly address?: NormalAddress;
    /** ISO 3166 alpha-2 of the claimed address, upper case, when given. */
    readonly addressCountry?: string;
    readonly links: readonly string[];
    readonly photoHash?: string;
  };
  readonly references: readonly NormalReference[];
  readonly education: readonly NormalEducation[];
  readonly employment: readonly NormalEmployment[];
  readonly linkedin?: NormalLinkedin;
  /** Code-hosting accounts from supplied profile data (profiles.codeHosting); absent when none. */
  readonly codeHosting?: readonly NormalCodeHost[];
  readonly session?: NormalSession;
  readonly interviews: readonly NormalInterview[];
  readonly onboarding?: NormalOnboarding;
  readonly resumeText?: string;
}

/** Absent, null and empty text all mean "not given". */
const given = <T>(value: T | null | undefined): T | undefined => (value === null || value === '' ? undefined : value);
const OPEN_END = /^\s*(present|current|now|ongoing|today)?\s*$/i;

function countryCode(country: string | null | undefined): string | undefined {
  if (!country) return undefined;
  const c = country.trim().toUpperCase();
  if (c === 'USA' || c === 'UNITED STATES' || c === 'UNITED STATES OF AMERICA') return 'US';
  return /^[A-Z]{2}$/.test(c) ? c : undefined;
}

function period(start: string | null | undefined, end: string | null | undefined, present: MonthIndex): NormalPeriod {
  return { start: parseMonth(start), end: parseEndMonth(end, present), current: end === null || end === undefined || OPEN_END.test(end) };
}

function linkedinOf(linkedin: NonNullable<NonNullable<Application['profiles']>['linkedin']>): NormalLinkedin {
  return {
    url: given(linkedin.url),
    displayName: linkedin.displayName ? normaliseName(linkedin.displayName) : undefined,
    createdAt: parseMonth(linkedin.createdAt),
    activity: (linkedin.activity ?? []).map(parseMonth).filter((m): m is MonthIndex => m !== undefined).sort((a, b) => a - b),
    connections: given(linkedin.connections),
    location: given(linkedin.location),
    nameChangedAt: parseMonth(linkedin.nameChangedAt),
  };
}

/** Normalise a parsed application. Pure; never throws on a record that passed the schema. */
export function normaliseApplication(app: Application): EnrichedApplication {
  const submittedMonth = parseMonth(app.submittedAt)!;
  const addressCountry = countryCode(app.applicant.address?.country);
  const phoneCountry = addressCountry ?? 'US';
  const session = app.session;
  return {
    id: app.id,
    source: given(app.source),
    submittedAt: app.submittedAt,
    submittedMonth,
    applicant: {
      name: normaliseName(app.applicant.fullName),
      emails: (app.applicant.emails ?? []).filter(Boolean).map(normaliseEmail),
      phones: (app.applicant.phones ?? []).filter(Boolean).map((p) => normalisePhone(p, phoneCountry)),
      address: app.applicant.address ? normaliseAddress(app.applicant.address) : undefined,
      addressCountry,
      links: (app.applicant.links ?? []).filter(Boolean),
      photoHash: given(app.applicant.photoHash)?.toLowerCase(),
    },
    references: (app.references ?? []).map((r) => ({
      name: r.name ? normaliseName(r.name) : undefined,
      email: r.email ? normaliseEmail(r.email) : undefined,
      phone: given(r.phone),
      phoneCountry,
      organization: given(r.organization),
      ...(r.session ? withSession(referenceSessionOf(r)) : {}),
    })),
    education: (app.education ?? []).map((e) => ({
      ...period(e.start, e.end, submittedMonth),
      institution: given(e.institution),
      degree: given(e.degree),
      field: given(e.field),
      email: e.email ? normaliseEmail(e.email) : undefined,
    })),
    employment: (app.employment ?? []).map((e) => ({
      ...period(e.start, e.end, submittedMonth),
      employer: given(e.employer),
      title: given(e.title),
      location: given(e.location),
    })),
    linkedin: app.profiles?.linkedin ? linkedinOf(app.profiles.linkedin) : undefined,
    ...(app.profiles?.codeHosting?.length ? { codeHosting: codeHostsOf(app.profiles) } : {}),
    session: session
      ? { ip: given(session.ip), userAgent: given(session.userAgent), timezone: given(session.timezone), utcOffsetMinutes: given(session.utcOffsetMinutes), deviceId: given(session.deviceId) }
      : undefined,
    interviews: (app.interviews ?? []).map((i) => ({
      at: given(i.at),
      clientIp: given(i.clientIp),
      mode: given(i.mode),
      cameraOn: given(i.cameraOn),
      flags: (i.flags ?? []).map((f) => f.trim()).filter(Boolean),
      notes: given(i.notes),
      ...(i.cameraDevices?.length ? { cameraDevices: i.cameraDevices.map((d) => d.trim()).filter(Boolean) } : {}),
      ...(i.vendorVerdicts?.length ? { vendorVerdicts: i.vendorVerdicts.map(verdictOf) } : {}),
    })),
    onboarding: app.onboarding ? onboardingOf(app.onboarding) : undefined,
    resumeText: given(app.resumeText),
  };
}

/** "Voice clone" and "voice-clone" read as voice_clone, as interview flags do. */
const word = (s: string): string => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

function verdictOf(v: NonNullable<NonNullable<Application['interviews']>[number]['vendorVerdicts']>[number]): VendorVerdict {
  return {
    vendor: v.vendor.trim(),
    check: word(v.check),
    verdict: word(v.verdict),
    ...(typeof v.score === 'number' ? { score: v.score } : {}),
    ...(v.at ? { at: v.at } : {}),
  };
}

function onboardingOf(o: NonNullable<Application['onboarding']>): NormalOnboarding {
  const doc = o.identityDocument;
  const payroll = payrollOf(o);
  return {
    shippingAddress: o.shippingAddress ? normaliseAddress(o.shippingAddress) : undefined,
    identityDocument: doc ? { verified: given(doc.verified), method: given(doc.method) } : undefined,
    ...(payroll ? { payroll } : {}),
  };
}

const withSession = (session: NormalReferenceSession | undefined): { session?: NormalReferenceSession } => (session ? { session } : {});
