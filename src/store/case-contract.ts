import { z } from 'zod';
import type {
  Attachment, CaseBand, CaseEvent, CaseStatus, Decision, EventType, Note, Policy, SubjectKind, VerificationStep,
} from '../cases/index.js';

/**
 * Cases as the store keeps them (docs/CASES.md), confined to one
 * organisation. Writes run in the caller's transaction (the service opens
 * it with store.transaction and appends the audit entry in it).
 */
export interface StoredCase {
  readonly id: string;
  readonly status: CaseStatus;
  readonly band: CaseBand;
  readonly score: number;
  readonly priority: number;
  readonly subjectKind: SubjectKind;
  readonly subjectName?: string | undefined;
  readonly employeeId?: string | undefined;
  readonly jobTitle?: string | undefined;
  readonly memberIds: readonly string[];
  readonly memberCount: number;
  readonly families: readonly string[];
  readonly signals: readonly string[];
  readonly assignee?: string | undefined;
  readonly openedAt: string;
  readonly dueAt: string;
  readonly decidedAt?: string | undefined;
  readonly decision?: Decision | undefined;
  readonly pendingDecision?: Decision | undefined;
  /** At the decision, each member's signal ids: what the labels export writes. */
  readonly snapshot?: readonly MemberSnapshot[] | undefined;
}

export const MemberSnapshotSchema = z.object({ source: z.string(), applicationId: z.string(), signals: z.array(z.string()) });
export type MemberSnapshot = z.infer<typeof MemberSnapshotSchema>;

export interface CaseMemberRef { readonly source: string; readonly applicationId: string; readonly joinedAt: string }

export const CASE_SORTS = ['priority', 'due', 'opened'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseFilter {
  /** Absent: every case not decided (open and verifying). */
  readonly status?: CaseStatus | undefined;
  readonly band?: CaseBand | undefined;
  readonly family?: string | undefined;
  readonly signal?: string | undefined;
  readonly assignee?: string | undefined;
  /** Only cases opened at or before this instant. */
  readonly openedBefore?: string | undefined;
  readonly sort?: CaseSort | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export interface CasePage { readonly cases: StoredCase[]; readonly nextCursor?: string; readonly total: number }

/** Per day (YYYY-MM-DD): what the dashboard folds into weeks and quarters. */
export interface DayCounts { readonly day: string; readonly clear: number; readonly review: number; readonly hold: number; readonly confirmed: number }

export interface CaseStore {
  policy(): Promise<Policy>;
  putPolicy(policy: Policy, by: string, at: string): Promise<void>;
  get(caseId: string): Promise<StoredCase | undefined>;
  /** Every case (any status) each application belongs to, by `source\0id`. */
  ofApplications(refs: readonly { readonly source: string; readonly id: string }[]): Promise<Map<string, StoredCase[]>>;
  ofEmployee(employeeId: string): Promise<StoredCase[]>;
  insert(c: StoredCase, at: string): Promise<void>;
  update(c: StoredCase, at: string): Promise<void>;
  addMembers(caseId: string, refs: readonly { readonly source: string; readonly id: string }[], at: string): Promise<void>;
  members(caseId: string): Promise<CaseMemberRef[]>;
  appendEvent(caseId: string, event: { readonly at: string; readonly by: string; readonly type: EventType; readonly detail: Record<string, unknown> }): Promise<number>;
  events(caseId: string): Promise<CaseEvent[]>;
  putSteps(caseId: string, steps: readonly VerificationStep[]): Promise<void>;
  steps(caseId: string): Promise<VerificationStep[]>;
  addNote(caseId: string, note: Note): Promise<void>;
  notes(caseId: string): Promise<Note[]>;
  addAttachment(caseId: string, meta: Attachment, contentBase64: string): Promise<void>;
  attachments(caseId: string): Promise<Attachment[]>;
  list(filter?: CaseFilter): Promise<CasePage>;
  /** Decided cases, oldest decision first (the labels export). */
  decided(): Promise<StoredCase[]>;
  /** Screenings by band and confirmed-fraud decisions, per day, since `since` (YYYY-MM-DD). */
  dailyCounts(since: string): Promise<DayCounts[]>;
  /** Open cases opened in [from, to). */
  countOpen(openedFrom: string | undefined, openedTo: string | undefined): Promise<number>;
  /** Signal ids of the cases opened since `since`, counted. */
  signalCounts(since: string): Promise<Map<string, number>>;
}
