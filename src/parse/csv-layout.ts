import { z } from 'zod';

/**
 * How CSV columns become record fields. A column maps to a record path:
 * `applicant.fullName`, `education[0].institution`, or `applicant.phones[]`
 * (a list: the cell is split on ";"). The default layout below is itself such
 * a mapping; `--map mapping.json` adds or overrides columns.
 */
export const MAX_REPEATS = 10;

const FIXED: Record<string, string> = {
  id: 'id',
  source: 'source',
  submitted_at: 'submittedAt',
  job_id: 'job.id',
  job_title: 'job.title',
  job_remote: 'job.remote',
  full_name: 'applicant.fullName',
  emails: 'applicant.emails[]',
  phones: 'applicant.phones[]',
  links: 'applicant.links[]',
  photo_hash: 'applicant.photoHash',
  address_line1: 'applicant.address.line1',
  address_line2: 'applicant.address.line2',
  address_city: 'applicant.address.city',
  address_region: 'applicant.address.region',
  address_postal_code: 'applicant.address.postalCode',
  address_country: 'applicant.address.country',
  resume_text: 'resumeText',
  session_ip: 'session.ip',
  session_user_agent: 'session.userAgent',
  session_timezone: 'session.timezone',
  session_utc_offset_minutes: 'session.utcOffsetMinutes',
  session_accept_language: 'session.acceptLanguage',
  session_device_id: 'session.deviceId',
  linkedin_url: 'profiles.linkedin.url',
  linkedin_display_name: 'profiles.linkedin.displayName',
  linkedin_created_at: 'profiles.linkedin.createdAt',
  linkedin_activity: 'profiles.linkedin.activity[]',
  linkedin_connections: 'profiles.linkedin.connections',
  linkedin_location: 'profiles.linkedin.location',
  linkedin_name_changed_at: 'profiles.linkedin.nameChangedAt',
  shipping_line1: 'onboarding.shippingAddress.line1',
  shipping_line2: 'onboarding.shippingAddress.line2',
  shipping_city: 'onboarding.shippingAddress.city',
  shipping_region: 'onboarding.shippingAddress.region',
  shipping_postal_code: 'onboarding.shippingAddress.postalCode',
  shipping_country: 'onboarding.shippingAddress.country',
  payroll_account_hash: 'onboarding.payrollAccountHash',
  identity_document_verified: 'onboarding.identityDocument.verified',
  identity_document_method: 'onboarding.identityDocument.method',
  onboarding_start_date: 'onboarding.startDate',
};

const GROUPS: Record<string, { path: string; fields: Record<string, string> }> = {
  education: {
    path: 'education',
    fields: { institution: 'institution', degree: 'degree', field: 'field', start: 'start', end: 'end', email: 'email' },
  },
  employment: {
    path: 'employment',
    fields: { employer: 'employer', title: 'title', start: 'start', end: 'end', location: 'location' },
  },
  reference: {
    path: 'references',
    fields: { name: 'name', email: 'email', phone: 'phone', organization: 'organization', relationship: 'relationship', session_ip: 'session.ip', session_device_id: 'session.deviceId' },
  },
  interview: {
    path: 'interviews',
    fields: { at: 'at', mode: 'mode', camera_on: 'cameraOn', client_ip: 'clientIp', flags: 'flags[]', notes: 'notes' },
  },
  payroll_account: {
    path: 'onboarding.payrollAccounts',
    fields: { hash: 'accountHash', holder_name: 'holderName', kind: 'kind', provider: 'provider', added_at: 'addedAt' },
  },
  payment_request: {
    path: 'onboarding.paymentRequests',
    fields: { kind: 'kind', provider: 'provider', at: 'at' },
  },
};

/** The documented default layout: column name -> record path. */
export function defaultLayout(): Record<string, string> {
  const layout: Record<string, string> = { ...FIXED };
  for (const [prefix, group] of Object.entries(GROUPS)) {
    for (let n = 1; n <= MAX_REPEATS; n++) {
      for (const [column, field] of Object.entries(group.fields)) {
        layout[`${prefix}_${n}_${column}`] = `${group.path}[${n - 1}].${field}`;
      }
    }
  }
  return layout;
}

/** Paths whose cells are numbers or booleans rather than text. */
const NUMERIC = /^(session\.utcOffsetMinutes|profiles\.linkedin\.connections)$/;
const BOOLEAN = /^(job\.remote|interviews\[\d+\]\.cameraOn|onboarding\.identityDocument\.verified)$/;

export type CellKind = 'text' | 'number' | 'boolean';
export function cellKind(path: string): CellKind {
  if (NUMERIC.test(path)) return 'number';
  if (BOOLEAN.test(path)) return 'boolean';
  return 'text';
}

const PATH = /^[A-Za-z]\w*(\[\d*\])?(\.[A-Za-z]\w*(\[\d*\])?)*$/;

/** `--map mapping.json`: `{"Candidate Name": "applicant.fullName", ...}` or `{"columns": {...}}`. */
export const ColumnMappingSchema = z
  .union([z.object({ columns: z.record(z.string(), z.string()) }), z.record(z.string(), z.string())])
  .transform((value) => ('columns' in value && typeof value.columns === 'object' ? (value.columns as Record<string, string>) : (value as Record<string, string>)))
  .pipe(z.record(z.string(), z.string().regex(PATH, 'expected a record path such as applicant.fullName or education[0].institution')));
