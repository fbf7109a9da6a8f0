import { z } from 'zod';

/**
 * The case model (docs/CASES.md): pure shapes, shared by the store (which
 * keeps them), the service (which changes them) and the API (which shows
 * them). Every string and list has a limit.
 */
export const CASE_STATUSES = ['open', 'verifying', 'decided'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CaseBandSchema = z.enum(['review', 'hold']);
export type CaseBand = z.infer<typeof CaseBandSchema>;

export const SUBJECT_KINDS = ['application', 'ring', 'employee'] as const;
export const SubjectKindSchema = z.enum(SUBJECT_KINDS);
export type SubjectKind = z.infer<typeof SubjectKindSchema>;

export const OUTCOMES = ['cleared', 'confirmed_fraud', 'withdrawn', 'inconclusive'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const STEP_STATES = ['pending', 'passed', 'failed', 'not_possible'] as const;
export const StepStateSchema = z.enum(STEP_STATES);
export type StepState = z.infer<typeof StepStateSchema>;

export const EVENT_TYPES = ['opened', 'joined', 'rescreened', 'assigned', 'note', 'attachment', 'step', 'decision_proposed', 'decided', 'reopened'] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

export const LIMITS = {
  assignee: 100,
  note: 10_000,
  reasonMin: 10,
  reason: 5_000,
  stepNote: 5_000,
  evidence: 5_000,
  attachmentName: 200,
  /** Attachment content, bytes (stored in the database). */
  attachmentBytes: 5 * 1024 * 1024,
  notesPerCase: 1_000,
  attachmentsPerCase: 100,
  sensitiveRoleTerms: 50,
  term: 60,
} as const;

export const PolicySchema = z.strictObject({
  slaDays: z.strictObject({ hold: z.number().int().min(1).max(365), review: z.number().int().min(1).max(365) }),
  openOn: z.array(CaseBandSchema).min(1).max(2).refine((b) => b.includes('hold'), 'holds always open a case'),
  fourEyes: z.boolean(),
  clearedSuppressDays: z.number().int().min(0).max(3650),
  sensitiveRoleTerms: z.array(z.string().trim().min(1).max(LIMITS.term)).max(LIMITS.sensitiveRoleTerms),
});
export type Policy = z.infer<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = {
  slaDays: { hold: 2, review: 5 },
  openOn: ['hold'],
  fourEyes: true,
  clearedSuppressDays: 90,
  sensitiveRoleTerms: ['admin', 'devops', 'security', 'finance', 'database', 'infrastructure', 'payroll', 'sre'],
};

export const VerificationStepSchema = z.strictObject({
  id: z.string(),
  key: z.string(),
  family: z.string(),
  check: z.string(),
  who: z.string(),
  stage: z.string(),
  why: z.string(),
  state: StepStateSchema,
  note: z.string().optional(),
  evidence: z.string().optional(),
  by: z.string().optional(),
  at: z.string().optional(),
});
export type VerificationStep = z.infer<typeof VerificationStepSchema>;

export const CaseEventSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  by: z.string(),
  type: EventTypeSchema,
  detail: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const DecisionSchema = z.strictObject({
  outcome: OutcomeSchema,
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  confirmedBy: z.string().optional(),
  reliedOnBackgroundCheck: z.boolean(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const CaseMemberSchema = z.strictObject({
  source: z.string(),
  applicationId: z.string(),
  name: z.string().optional(),
  band: z.enum(['clear', 'review', 'hold']),
  score: z.number().int(),
});
export type CaseMember = z.infer<typeof CaseMemberSchema>;

export const CaseSummarySchema = z.strictObject({
  id: z.string(),
  status: CaseStatusSchema,
  band: CaseBandSchema,
  score: z.number().int(),
  priority: z.number().int(),
  openedAt: z.string(),
  dueAt: z.string(),
  assignee: z.string().optional(),
  subject: z.strictObject({ kind: SubjectKindSchema, applicationIds: z.array(z.string()), employeeId: z.string().optional(), name: z.string().optional() }),
  families: z.array(z.string()),
  signals: z.array(z.string()),
  memberCount: z.number().int(),
  decision: DecisionSchema.optional(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const NoteSchema = z.strictObject({ id: z.string(), by: z.string(), at: z.string(), text: z.string() });
export type Note = z.infer<typeof NoteSchema>;
export const AttachmentSchema = z.strictObject({ id: z.string(), name: z.string(), size: z.number().int(), sha256: z.string(), by: z.string(), at: z.string() });
export type Attachment = z.infer<typeof AttachmentSchema>;

const BANDS_ORDER = { clear: 0, review: 1, hold: 2 } as const;
export type AnyBand = keyof typeof BANDS_ORDER;
export const bandRank = (b: AnyBand): number => BANDS_ORDER[b];
/** The higher of two bands. */
export const higherBand = <B extends AnyBand>(a: B, b: B): B => (bandRank(a) >= bandRank(b) ? a : b);
