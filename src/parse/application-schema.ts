import { z } from 'zod';

/**
 * The Application record of docs/RECORDS.md (section 1), every field of it.
 * Objects are loose: a field we do not know yet is kept, never dropped, so a
 * record stored today still holds what a later version will read. Optional
 * fields accept null as "absent": absence of data is never evidence.
 */
const text = z.string();
const optionalText = text.nullish();
/** ISO 8601 date-time, or a date of month precision ("2015-05"). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?$/, 'expected an ISO 8601 date such as 2025-11-03T14:22:05Z or 2015-05');

export const AddressSchema = z.looseObject({
  line1: optionalText,
  line2: optionalText,
  city: optionalText,
  region: optionalText,
  postalCode: optionalText,
  country: optionalText,
});

export const JobSchema = z.looseObject({
  id: optionalText,
  title: optionalText,
  remote: z.boolean().nullish(),
});

export const ApplicantSchema = z.looseObject({
  fullName: text.trim().min(1, 'a name is required'),
  emails: z.array(text).nullish(),
  phones: z.array(text).nullish(),
  address: AddressSchema.nullish(),
  links: z.array(text).nullish(),
  photoHash: optionalText,
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

export const ReferenceSchema = z.looseObject({
  name: optionalText,
  email: optionalText,
  phone: optionalText,
  organization: optionalText,
  relationship: optionalText,
});

export const SessionSchema = z.looseObject({
  ip: optionalText,
  userAgent: optionalText,
  timezone: optionalText,
  utcOffsetMinutes: z.number().nullish(),
  acceptLanguage: optionalText,
  deviceId: optionalText,
});

export const LinkedinProfileSchema = z.looseObject({
  url: optionalText,
  displayName: optionalText,
  createdAt: isoDate.nullish(),
  activity: z.array(isoDate).nullish(),
  connections: z.number().int().nonnegative().nullish(),
  location: optionalText,
  nameChangedAt: isoDate.nullish(),
});

export const ProfilesSchema = z.looseObject({
  linkedin: LinkedinProfileSchema.nullish(),
});

export const InterviewFlagSchema = z.string();

export const InterviewSchema = z.looseObject({
  at: isoDate.nullish(),
  mode: optionalText,
  cameraOn: z.boolean().nullish(),
  clientIp: optionalText,
  flags: z.array(InterviewFlagSchema).nullish(),
  notes: optionalText,
});

export const OnboardingSchema = z.looseObject({
  shippingAddress: AddressSchema.nullish(),
  payrollAccountHash: optionalText,
  identityDocument: z
    .looseObject({ verified: z.boolean().nullish(), method: optionalText })
    .nullish(),
});

export const ApplicationSchema = z.looseObject({
  id: z.union([text.trim().min(1, 'an id is required'), z.number().transform(String)]),
  source: optionalText,
  submittedAt: isoDate,
  job: JobSchema.nullish(),
  applicant: ApplicantSchema,
  education: z.array(EducationSchema).nullish(),
  employment: z.array(EmploymentSchema).nullish(),
  references: z.array(ReferenceSchema).nullish(),
  resumeText: optionalText,
  session: SessionSchema.nullish(),
  profiles: ProfilesSchema.nullish(),
  interviews: z.array(InterviewSchema).nullish(),
  onboarding: OnboardingSchema.nullish(),
});

export type Application = z.infer<typeof ApplicationSchema>;
export type Address = z.infer<typeof AddressSchema>;
