import { z } from 'zod';
import {
  AttachmentSchema, CaseBandSchema, CaseEventSchema, CaseMemberSchema, CaseStatusSchema, CaseSummarySchema, DecisionSchema, LIMITS,
  NoteSchema, OutcomeSchema, PolicySchema, StepStateSchema, VerificationStepSchema,
} from '../cases/index.js';
import { FAMILIES } from '../catalogue/signals.js';
import { APPLICATION_LIMITS } from '../parse/application-schema.js';
import { CASE_SORTS } from '../store/index.js';

/**
 * Request and response schemas of the case routes (docs/CASES.md). Every
 * string and list has a limit; queries are strict.
 */
const caseId = z.string().regex(/^c_[0-9a-f]{16}$/, 'a case id is c_ and 16 hex digits');
export const CaseParamsSchema = z.strictObject({ caseId });
export const StepParamsSchema = z.strictObject({ caseId, stepId: z.string().regex(/^s[0-9]{1,3}$/, 'a step id is s1, s2, ...') });

export const CasesQuerySchema = z.strictObject({
  status: CaseStatusSchema.optional().meta({ description: 'absent: every case not decided (open and verifying)' }),
  band: CaseBandSchema.optional(),
  family: z.enum(FAMILIES).optional(),
  signal: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/).max(80).optional(),
  assignee: z.string().min(1).max(LIMITS.assignee).optional(),
  olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
  sort: z.enum(CASE_SORTS).default('priority'),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CasesResponseSchema = z.strictObject({
  cases: z.array(CaseSummarySchema),
  nextCursor: z.string().optional(),
  total: z.number().int(),
});

const MemberResultSchema = z.strictObject({
  applicationId: z.string(),
  source: z.string(),
  version: z.number().int(),
  score: z.number().int(),
  band: z.enum(['clear', 'review', 'hold']),
  screenedAt: z.string(),
  signals: z.array(z.strictObject({ id: z.string(), family: z.string(), weight: z.number(), evidence: z.string(), source: z.string().optional(), description: z.string().optional() })),
});

export const CaseResponseSchema = z.strictObject({
  ...CaseSummarySchema.shape,
  members: z.array(CaseMemberSchema),
  results: z.array(MemberResultSchema),
  cluster: z.strictObject({
    nodes: z.array(z.strictObject({ id: z.string(), label: z.string(), kind: z.enum(['application', 'identifier']) })),
    edges: z.array(z.strictObject({ from: z.string(), to: z.string(), kind: z.string() })),
  }).optional(),
  plan: z.array(VerificationStepSchema),
  timeline: z.array(CaseEventSchema),
  notes: z.array(NoteSchema),
  attachments: z.array(AttachmentSchema),
  pendingDecision: DecisionSchema.optional(),
});

export const AssignBodySchema = z.strictObject({ assignee: z.string().trim().min(1).max(LIMITS.assignee) });
export const NoteBodySchema = z.strictObject({ text: z.string().trim().min(1).max(LIMITS.note) });
/** base64 of at most LIMITS.attachmentBytes bytes. */
export const AttachmentBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.attachmentName).regex(/^[^/\\\u0000-\u001f]+$/, 'a file name without path separators or control characters'),
  contentBase64: z.string().max(Math.ceil(LIMITS.attachmentBytes / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});
export const StepBodySchema = z.strictObject({
  state: StepStateSchema,
  note: z.string().trim().max(LIMITS.stepNote).optional(),
  evidence: z.string().trim().max(LIMITS.evidence).optional(),
});
export const DecisionBodySchema = z.strictObject({
  outcome: OutcomeSchema,
  reason: z.string().trim().min(LIMITS.reasonMin).max(LIMITS.reason),
  reliedOnBackgroundCheck: z.boolean().optional(),
});
export const NoticeResponseSchema = z.strictObject({ text: z.string() });

export const VerificationParamsSchema = z.strictObject({ id: z.string().min(1).max(APPLICATION_LIMITS.id) });
export const VerificationQuerySchema = z.strictObject({ source: z.string().max(APPLICATION_LIMITS.id).optional() });
export const VerificationResponseSchema = z.strictObject({
  status: z.enum(['pending_verification', 'none', 'decided']),
  questions: z.array(z.string()),
});

const Counts = { screened: z.number().int(), review: z.number().int(), hold: z.number().int(), confirmed: z.number().int() };
const Change = z.number().nullable().meta({ description: 'quarter-on-quarter change as a fraction (0.12 = +12 %); null when the previous quarter had none' });
export const DashboardResponseSchema = z.strictObject({
  weeks: z.array(z.strictObject({ week: z.string(), ...Counts })),
  quarters: z.array(z.strictObject({ quarter: z.string(), ...Counts, change: z.strictObject({ screened: Change, review: Change, hold: Change, confirmed: Change }).optional() })),
  topSignals: z.array(z.strictObject({ signal: z.string(), count: z.number().int() })),
  openByAge: z.array(z.strictObject({ bucket: z.string(), count: z.number().int() })),
});

export { PolicySchema, AttachmentSchema };
