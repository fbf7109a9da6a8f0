import { z } from 'zod';
import { DecisionSchema, OutcomeSchema, StepStateSchema, SubjectKindSchema } from '../cases/index.js';

/**
 * The FBI referral package of one case (docs/REPORTING.md): what an
 * investigator needs for an IC3 complaint, built once from the store
 * (src/service/referral.ts) and written as JSON (this schema) or as a PDF
 * (src/cli/formats/referral-pdf.ts). Values are in clear: the file is
 * personal data, written mode 0600, and its making is audited.
 */
const Source = z.object({ key: z.string(), title: z.string(), publisher: z.string(), date: z.string(), url: z.string().optional() });

export const ReferralIdentitySchema = z.object({
  applicationId: z.string(),
  source: z.string(),
  fullName: z.string(),
  submittedAt: z.string(),
  firstReceivedAt: z.string(),
  jobTitle: z.string().optional(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  address: z.string().optional(),
  links: z.array(z.string()),
  photoHash: z.string().optional(),
  ip: z.string().optional(),
  deviceId: z.string().optional(),
  userAgent: z.string().optional(),
  timezone: z.string().optional(),
  band: z.enum(['clear', 'review', 'hold']),
  score: z.number().int(),
});

export const ReferralIdentifierSchema = z.object({
  /** The linkage index's kind (phone, email, address, shippingAddress, payroll, device, profile, ip, referencePhone, referenceEmail, photo, resume, employer). */
  kind: z.string(),
  /** The canonical value the linkage index files it under (E.164 phone, mailbox ...). */
  value: z.string(),
  /** The applications of the case that used it. */
  usedBy: z.array(z.string()),
});

export const ReferralFindingSchema = z.object({
  applicationId: z.string(),
  signal: z.string(),
  family: z.string(),
  weight: z.number(),
  description: z.string().optional(),
  evidence: z.string(),
  source: Source.optional(),
});

export const ReferralClaimSchema = z.object({
  applicationId: z.string(),
  /** education, employment, reference, identity document, location. */
  topic: z.string(),
  claimed: z.string(),
  /** What screening found on this topic (signal ids of the finding list) and what verification recorded. */
  found: z.array(z.string()),
});

export const ReferralStepSchema = z.object({
  family: z.string(), check: z.string(), state: StepStateSchema,
  note: z.string().optional(), evidence: z.string().optional(), by: z.string().optional(), at: z.string().optional(),
});

export const ReferralEventSchema = z.object({ at: z.string(), by: z.string(), type: z.string(), summary: z.string() });

export const ReferralEmployeeSchema = z.object({
  employeeId: z.string(),
  applicationId: z.string().optional(),
  startDate: z.string().optional(),
  workLocation: z.string().optional(),
  deviceIds: z.array(z.string()),
  alerts: z.array(z.object({ signal: z.string(), evidence: z.string(), firstSeen: z.string(), lastSeen: z.string(), count: z.number().int() })),
});

export const ReferralPayrollSchema = z.object({
  applicationId: z.string(),
  payrollAccountHash: z.string().optional(),
  shippingAddress: z.string().optional(),
  identityDocument: z.string().optional(),
});

export const ReferralSchema = z.object({
  type: z.literal('hirewatch-referral'),
  version: z.literal(1),
  generatedAt: z.string(),
  org: z.string(),
  case: z.object({
    id: z.string(),
    status: z.string(),
    band: z.string(),
    score: z.number().int(),
    subjectKind: SubjectKindSchema,
    subjectName: z.string().optional(),
    jobTitle: z.string().optional(),
    openedAt: z.string(),
    decidedAt: z.string().optional(),
    outcome: OutcomeSchema.optional(),
    decision: DecisionSchema.optional(),
    families: z.array(z.string()),
  }),
  identities: z.array(ReferralIdentitySchema),
  identifiers: z.array(ReferralIdentifierSchema),
  claims: z.array(ReferralClaimSchema),
  findings: z.array(ReferralFindingSchema),
  verification: z.array(ReferralStepSchema),
  timeline: z.array(ReferralEventSchema),
  linkedApplications: z.array(z.object({ applicationId: z.string(), source: z.string(), name: z.string().optional(), band: z.string(), score: z.number().int(), via: z.array(z.string()) })),
  employees: z.array(ReferralEmployeeSchema),
  payroll: z.array(ReferralPayrollSchema),
  attachments: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string(), by: z.string(), at: z.string() })),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
});
export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralIdentity = z.infer<typeof ReferralIdentitySchema>;
export type ReferralClaim = z.infer<typeof ReferralClaimSchema>;
export type ReferralEmployee = z.infer<typeof ReferralEmployeeSchema>;
