import type { Application } from '../parse/application-schema.js';
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
  readonly phone?: NormalPhone;
  readonly organization?: string;
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
  readonly session?: NormalSession;
  readonly resumeText?: string;
}

const some = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== '';
const opt = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (some(value) ? { [key]: value } : {}) as { [P in K]?: V };

function countryCode(country: string | null | undefined): string | undefined {
  if (!country) return undefined;
  const c = country.trim().toUpperCase();
  if (c === 'USA' || c === 'UNITED STATES' || c === 'UNITED STATES OF AMERICA') return 'US';
  return /^[A-Z]{2}$/.test(c) ? c : undefined;
}

function period(start: string | null | undefined, end: string | null | undefined, present: MonthIndex): NormalPeriod {
  const s = parseMonth(start);
  const e = parseEndMonth(end, present);
  return { ...opt('start', s), ...opt('end', e), current: !some(end) || /^\s*(present|current|now|ongoing|today)\s*$/i.test(end ?? '') };
}

/** Normalise a parsed application. Pure; never throws on a record that passed the schema. */
export function normaliseApplication(app: Application): EnrichedApplication {
  const submittedMonth = parseMonth(app.submittedAt)!;
  const addressCountry = countryCode(app.applicant.address?.country);
  const phoneCountry = addressCountry ?? 'US';
  const linkedin = app.profiles?.linkedin;
  const session = app.session;
  return {
    id: app.id,
    ...opt('source', app.source),
    submittedAt: app.submittedAt,
    submittedMonth,
    applicant: {
      name: normaliseName(app.applicant.fullName),
      emails: (app.applicant.emails ?? []).filter(some).map(normaliseEmail),
      phones: (app.applicant.phones ?? []).filter(some).map((p) => normalisePhone(p, phoneCountry)),
      ...opt('address', app.applicant.address ? normaliseAddress(app.applicant.address) : undefined),
      ...opt('addressCountry', addressCountry),
      links: (app.applicant.links ?? []).filter(some),
      ...opt('photoHash', app.applicant.photoHash?.toLowerCase()),
    },
    references: (app.references ?? []).map((r) => ({
      ...opt('name', r.name ? normaliseName(r.name) : undefined),
      ...opt('email', r.email ? normaliseEmail(r.email) : undefined),
      ...opt('phone', r.phone ? normalisePhone(r.phone, phoneCountry) : undefined),
      ...opt('organization', r.organization),
    })),
    education: (app.education ?? []).map((e) => ({
      ...period(e.start, e.end, submittedMonth),
      ...opt('institution', e.institution),
      ...opt('degree', e.degree),
      ...opt('field', e.field),
      ...opt('email', e.email ? normaliseEmail(e.email) : undefined),
    })),
    employment: (app.employment ?? []).map((e) => ({
      ...period(e.start, e.end, submittedMonth),
      ...opt('employer', e.employer),
      ...opt('title', e.title),
      ...opt('location', e.location),
    })),
    ...opt(
      'linkedin',
      linkedin
        ? {
            ...opt('url', linkedin.url),
            ...opt('displayName', linkedin.displayName ? normaliseName(linkedin.displayName) : undefined),
            ...opt('createdAt', parseMonth(linkedin.createdAt)),
            activity: (linkedin.activity ?? []).map(parseMonth).filter((m): m is MonthIndex => m !== undefined).sort((a, b) => a - b),
            ...opt('connections', linkedin.connections),
            ...opt('location', linkedin.location),
            ...opt('nameChangedAt', parseMonth(linkedin.nameChangedAt)),
          }
        : undefined,
    ),
    ...opt(
      'session',
      session
        ? {
            ...opt('ip', session.ip),
            ...opt('userAgent', session.userAgent),
            ...opt('timezone', session.timezone),
            ...opt('utcOffsetMinutes', session.utcOffsetMinutes),
            ...opt('deviceId', session.deviceId),
          }
        : undefined,
    ),
    ...opt('resumeText', app.resumeText),
  };
}
