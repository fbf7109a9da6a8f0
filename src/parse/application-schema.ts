import { z } from 'zod';
import { isIsoCalendarDate, ISO_DATE_SHAPE } from './calendar.js';
import { findJsonProblem } from './json-limits.js';

/**
 * The Application record of docs/RECORDS.md (section 1), every field of it.
 * Objects are loose: a field we do not know yet is kept, never dropped, so a
 * record stored today still holds what a later version will read. Optional
 * fields accept null as "absent": absence of data is never evidence.
 *
 * Every list and text has a limit (APPLICATION_LIMITS, written out in
 * RECORDS.md) that no real application reaches and that keeps one record's
 * cost bounded; the whole record, unknown fields included, nests at most
 * `depth` levels and holds only text that can be stored (json-limits.ts).
 */
export const APPLICATION_LIMITS = {
  /** id, source, job.id, session.deviceId, photoHash, payrollAccountHash: short enough for any URL. */
  id: 128,
  /** Any other text field (names, addresses, emails, phones, URLs, titles ...). */
  text: 2048,
  /** interviews[].notes */
  notes: 10_000,
  /** resumeText, and any string of a field this contract does not list. */
  resumeText: 200_000,
  /** applicant.emails, applicant.phones, applicant.links */
  contacts: 20,
  /** education, employment, references */
  history: 50,
  interviews: 50,
  /** interviews[].flags, interviews[].cameraDevices, interviews[].vendorVerdicts */
  flags: 20,
  /** profiles.linkedin.activity, profiles.codeHosting[].contributions (50 years of months) */
  activity: 600,
  /** onboarding.payrollAccounts, onboarding.paymentRequests, profiles.codeHosting */
  payroll: 20,
  /** profiles.codeHosting[].commitIdentities */
  identities: 50,
  /** profiles.codeHosting[].repositories */
  repositories: 1000,
  /** Levels of nesting, the record itself being level 1. */
  depth: 32,
} as const;

const L = APPLICATION_LIMITS;
const text = z.string().max(L.text);
const optionalText = text.nullish();
const optionalId = z.string().max(L.id).nullish();
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).nullish();
/** ISO 8601 date-time, or a date of month precision ("2015-05"), naming a real calendar day and time. */
const isoDate = z
  .string()
  .regex(ISO_DATE_SHAPE, { message: 'expected an ISO 8601 date such as 2025-11-03T14:22:05Z or 2015-05', abort: true })
  .refine(isIsoCalendarDate, 'not a calendar date: the month, day, time or offset is out of range (e.g. 2025-02-30)');

export const AddressSchema = z.looseObject({
  line1: optionalText,
  line2: optionalText,
  city: optionalText,
  region: optionalText,
  postalCode: optionalText,
  country: optionalText,
});

export const JobSchema = z.looseObject({
  id: optionalId,
  title: optionalText,
  remote: z.boolean().nullish(),
});

export const ApplicantSchema = z.looseObject({
  fullName: text.trim().min(1, 'a name is required'),
  emails: list(text, L.contacts),
  phones: list(text, L.contacts),
  address: AddressSchema.nullish(),
  links: list(text, L.contacts),
  photoHash: optionalId,
});

export const EducationSchema = z.looseObject({
  institution: optionalText,
  degree: optionalText,
  field: optionalText,
  start: isoDate.nullish(),
  end: isoDate.nullish(),
  email: optionalText,
});

export const EmploymentSchema = z.looseObject({
  employer: optionalText,
  title: optionalText,
  start: isoDate.nullish(),
  end: isoDate.nullish(),
  location: optionalText,
});

/** Where a reference answered a reference check from, as a reference-check tool recorded it. */
export const ReferenceSessionSchema = z.looseObject({
  ip: optionalText,
  deviceId: optionalId,
});

export const ReferenceSchema = z.looseObject({
  name: optionalText,
  email: optionalText,
  phone: optionalText,
  organization: optionalText,
  relationship: optionalText,
  session: ReferenceSessionSchema.nullish(),
});

export const SessionSchema = z.looseObject({
  ip: optionalText,
  userAgent: optionalText,
  timezone: optionalText,
  utcOffsetMinutes: z.number().nullish(),
  acceptLanguage: optionalText,
  deviceId: optionalId,
});

export const LinkedinProfileSchema = z.looseObject({
  url: optionalText,
  displayName: optionalText,
  createdAt: isoDate.nullish(),
  activity: list(isoDate, L.activity),
  connections: z.number().int().nonnegative().nullish(),
  location: optionalText,
  nameChangedAt: isoDate.nullish(),
});

/** A code-hosting account (GitHub and similar) as profile data supplied with the application describes it; never fetched. */
export const CodeHostingProfileSchema = z.looseObject({
  url: optionalText,
  createdAt: isoDate.nullish(),
  /** Contributions per month. */
  contributions: list(z.looseObject({ month: isoDate, count: z.number().int().nonnegative().max(1_000_000) }), L.activity),
  /** Who authored the commits on the account's repositories, with how many. */
  commitIdentities: list(z.looseObject({ name: optionalText, email: optionalText, commits: z.number().int().nonnegative().max(10_000_000).nullish() }), L.identities),
  repositories: list(z.looseObject({ name: optionalText, fork: z.boolean().nullish(), createdAt: isoDate.nullish() }), L.repositories),
});

export const ProfilesSchema = z.looseObject({
  linkedin: LinkedinProfileSchema.nullish(),
  codeHosting: list(CodeHostingProfileSchema, L.payroll),
});

export const InterviewFlagSchema = text;

/** A deepfake or voice-clone detection vendor's verdict on an interview, as the vendor's tool reported it. */
export const VendorVerdictSchema = z.looseObject({
  vendor: z.string().min(1).max(L.id),
  check: z.string().min(1).max(L.id),
  verdict: z.string().min(1).max(L.id),
  score: z.number().min(0).max(1).nullish(),
  at: isoDate.nullish(),
});

export const InterviewSchema = z.looseObject({
  at: isoDate.nullish(),
  mode: optionalText,
  cameraOn: z.boolean().nullish(),
  clientIp: optionalText,
  flags: list(InterviewFlagSchema, L.flags),
  notes: z.string().max(L.notes).nullish(),
  /** Camera devices the interview platform reported for the candidate, by name. */
  cameraDevices: list(text, L.flags),
  /** Verdicts of deepfake and voice-clone detection tools on this interview. */
  vendorVerdicts: list(VendorVerdictSchema, L.flags),
});

/** A payroll account or payout address as onboarding recorded it: a hash, never the number itself. */
export const PayrollAccountSchema = z.looseObject({
  accountHash: z.string().trim().min(1).max(L.id),
  holderName: optionalText,
  /** `bank`, `payment_app`, `crypto` ... */
  kind: optionalText,
  provider: optionalText,
  addedAt: isoDate.nullish(),
});

export const PaymentRequestSchema = z.looseObject({
  /** `payment_app`, `crypto`, `bank` ... */
  kind: z.string().min(1).max(L.id),
  provider: optionalText,
  at: isoDate.nullish(),
});

export const OnboardingSchema = z.looseObject({
  shippingAddress: AddressSchema.nullish(),
  payrollAccountHash: optionalId,
  startDate: isoDate.nullish(),
  payrollAccounts: list(PayrollAccountSchema, L.payroll),
  paymentRequests: list(PaymentRequestSchema, L.payroll),
  identityDocument: z
    .looseObject({ verified: z.boolean().nullish(), method: optionalText })
    .nullish(),
});

/**
 * The record's fields and their limits, without the walk over every value
 * (depth, storable text) that ApplicationSchema adds. Only for a record whose
 * raw JSON text already proves the walk would find nothing (see
 * `rawTextNeedsWalk` in json-limits.ts).
 */
export const ApplicationFieldsSchema = z
  .looseObject({
    id: z.union([z.string().trim().min(1, 'an id is required').max(L.id), z.number().transform(String)]),
    source: optionalId,
    submittedAt: isoDate,
    job: JobSchema.nullish(),
    applicant: ApplicantSchema,
    education: list(EducationSchema, L.history),
    employment: list(EmploymentSchema, L.history),
    references: list(ReferenceSchema, L.history),
    resumeText: z.string().max(L.resumeText).nullish(),
    session: SessionSchema.nullish(),
    profiles: ProfilesSchema.nullish(),
    interviews: list(InterviewSchema, L.interviews),
    onboarding: OnboardingSchema.nullish(),
  });

export const ApplicationSchema = ApplicationFieldsSchema
  .superRefine((record, ctx) => {
    // Every field, the unknown ones too: depth, storable text, no string beyond the resume's limit.
    const problem = findJsonProblem(record, { maxDepth: L.depth, maxText: L.resumeText });
    if (problem) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });

export type Application = z.infer<typeof ApplicationSchema>;
export type Address = z.infer<typeof AddressSchema>;
