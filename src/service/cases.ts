import { createHash } from 'node:crypto';
import {
  decide, LIMITS, PolicySchema, preAdverseActionNotice, statusAfterStep,
  type Attachment, type Outcome, type Policy, type StepState,
} from '../cases/index.js';
import { StoreError, type CaseFilter, type HirewatchStore, type StoredCase } from '../store/index.js';
import type { Actor } from './audit-entry.js';
import { newCaseId } from './case-ids.js';
import { buildFindings, type FindingSink } from './finding-sink.js';
import { sendStaged, stageFindings } from './finding-outbox.js';
import { decisionFinding, type OcsfFinding } from './findings.js';
import type { DecisionFact } from './findings.js';
import { caseView, dashboard, labels, verificationFor, type CaseView, type Dashboard, type Label, type VerificationView } from './case-views.js';

/**
 * Cases of human verification (docs/CASES.md), the application layer the
 * API and the CLI call: every change is one transaction of the
 * organisation with its timeline event and its audit entry. Cases are
 * opened by screening itself (src/service/case-opening.ts).
 */
export class CaseConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseConflict';
  }
}

const notFound = (caseId: string): StoreError => new StoreError('not_found', `case ${caseId} not found`);

export interface DecisionInput {
  readonly outcome: Outcome;
  readonly reason: string;
  readonly reliedOnBackgroundCheck?: boolean | undefined;
}

export class Cases {
  /** Where final decisions go out once committed (docs/ALERTS.md); set through Screening.useSink. */
  private sink: FindingSink | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  useSink(sink: FindingSink | undefined): void {
    this.sink = sink;
  }

  private at(): string {
    return this.now().toISOString();
  }

  /** One change of one case, in one transaction with its event and audit entry. */
  private async change(store: HirewatchStore, caseId: string, actor: Actor, work: (tx: HirewatchStore, c: StoredCase, at: string) => Promise<Record<string, unknown>>): Promise<void> {
    await store.transaction(async (tx) => {
      const c = await tx.cases.get(caseId);
      if (!c) throw notFound(caseId);
      const at = this.at();
      const detail = await work(tx, c, at);
      await tx.admin.audit.append({ actor: actor.actor, action: actor.action, target: caseId, detail: { ...detail, ...(actor.detail ?? {}) } });
    });
  }

  list(store: HirewatchStore, filter: Omit<CaseFilter, 'openedBefore'> & { readonly olderThanDays?: number | undefined }) {
    const { olderThanDays, ...rest } = filter;
    const openedBefore = olderThanDays === undefined ? undefined : new Date(this.now().getTime() - olderThanDays * 86_400_000).toISOString();
    return store.cases.list({ ...rest, ...(openedBefore ? { openedBefore } : {}) });
  }

  async get(store: HirewatchStore, caseId: string): Promise<CaseView> {
    const c = await store.cases.get(caseId);
    if (!c) throw notFound(caseId);
    return caseView(store, c);
  }

  async assign(store: HirewatchStore, caseId: string, assignee: string, actor: Actor): Promise<CaseView> {
    await this.change(store, caseId, actor, async (tx, c, at) => {
      await tx.cases.update({ ...c, assignee }, at);
      await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'assigned', detail: { assignee, ...(c.assignee ? { previous: c.assignee } : {}) } });
      return { assignee };
    });
    return this.get(store, caseId);
  }

  async addNote(store: HirewatchStore, caseId: string, text: string, actor: Actor): Promise<CaseView> {
    await this.change(store, caseId, actor, async (tx, _c, at) => {
      if ((await tx.cases.notes(caseId)).length >= LIMITS.notesPerCase) throw new CaseConflict(`a case holds at most ${LIMITS.notesPerCase} notes`);
      const id = newCaseId('n');
      await tx.cases.addNote(caseId, { id, by: actor.actor, at, text });
      await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'note', detail: { noteId: id, length: text.length } });
      return { noteId: id };
    });
    return this.get(store, caseId);
  }

  async addAttachment(store: HirewatchStore, caseId: string, name: string, content: Buffer, actor: Actor): Promise<Attachment> {
    if (content.length > LIMITS.attachmentBytes) throw new StoreError('invalid', `an attachment is at most ${LIMITS.attachmentBytes} bytes`);
    let meta: Attachment | undefined;
    await this.change(store, caseId, actor, async (tx, _c, at) => {
      if ((await tx.cases.attachments(caseId)).length >= LIMITS.attachmentsPerCase) throw new CaseConflict(`a case holds at most ${LIMITS.attachmentsPerCase} attachments`);
      meta = { id: newCaseId('f'), name, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), by: actor.actor, at };
      await tx.cases.addAttachment(caseId, meta, content.toString('base64'));
      await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'attachment', detail: { attachmentId: meta.id, name, size: meta.size, sha256: meta.sha256 } });
      return { attachmentId: meta.id, name, size: meta.size, sha256: meta.sha256 };
    });
    return meta!;
  }

  async recordStep(store: HirewatchStore, caseId: string, stepId: string, input: { readonly state: StepState; readonly note?: string | undefined; readonly evidence?: string | undefined }, actor: Actor): Promise<CaseView> {
    await this.change(store, caseId, actor, async (tx, c, at) => {
      if (c.status === 'decided') throw new CaseConflict('the case is decided: its steps are closed');
      const steps = await tx.cases.steps(caseId);
      const step = steps.find((s) => s.id === stepId);
      if (!step) throw new StoreError('not_found', `step ${stepId} not found in case ${caseId}`);
      const { note: _n, evidence: _e, ...rest } = step;
      const updated = { ...rest, state: input.state, by: actor.actor, at, ...(input.note ? { note: input.note } : {}), ...(input.evidence ? { evidence: input.evidence } : {}) };
      const next = steps.map((s) => (s.id === stepId ? updated : s));
      await tx.cases.putSteps(caseId, next);
      await tx.cases.update({ ...c, status: statusAfterStep(c.status, next) }, at);
      await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'step', detail: { stepId, key: step.key, state: input.state } });
      return { stepId, state: input.state };
    });
    return this.get(store, caseId);
  }

  /** A person's decision (docs/CASES.md): reason required, four eyes on confirmed fraud per policy. */
  async decide(store: HirewatchStore, caseId: string, input: DecisionInput, actor: Actor): Promise<CaseView> {
    let staged: OcsfFinding[] = [];
    await this.change(store, caseId, actor, async (tx, c, at) => {
      staged = [];
      const policy = await tx.cases.policy();
      const result = decide(c, { outcome: input.outcome, reason: input.reason, reliedOnBackgroundCheck: input.reliedOnBackgroundCheck ?? false, by: actor.actor, at }, policy);
      if (result.kind === 'refused') {
        if (result.code === 'no_reason') throw new StoreError('invalid', result.message);
        throw new CaseConflict(result.message);
      }
      if (result.kind === 'proposed') {
        await tx.cases.update({ ...c, pendingDecision: result.pending }, at);
        await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'decision_proposed', detail: { outcome: input.outcome, reason: result.pending.reason } });
        return { outcome: input.outcome, proposed: true };
      }
      // The labels: each member's signals at the time of the decision.
      const members = await tx.cases.members(caseId);
      const snapshot = [];
      for (const m of members) {
        const app = await tx.getApplication(m.applicationId, m.source);
        snapshot.push({ source: m.source, applicationId: m.applicationId, signals: app?.result?.signals.map((s) => s.id) ?? [] });
      }
      const decided: StoredCase = { ...c, status: 'decided', decision: result.decision, pendingDecision: undefined, decidedAt: at, snapshot };
      await tx.cases.update(decided, at);
      // The decision goes out once committed; kept in the outbox with it until then.
      if (this.sink) {
        staged = buildFindings(this.sink, [decisionFact(store.org, decided)], decisionFinding);
        await stageFindings(tx, staged, at);
      }
      await tx.cases.appendEvent(caseId, { at, by: actor.actor, type: 'decided', detail: { outcome: result.decision.outcome, reason: result.decision.reason, ...(result.decision.confirmedBy ? { proposedBy: result.decision.by, confirmedBy: result.decision.confirmedBy } : {}) } });
      return { outcome: result.decision.outcome, ...(result.decision.confirmedBy ? { confirmedBy: result.decision.confirmedBy } : {}) };
    });
    sendStaged(store, this.sink, staged);
    return this.get(store, caseId);
  }

  /** The FCRA pre-adverse-action notice text (the organisation sends it). */
  async adverseActionNotice(store: HirewatchStore, caseId: string): Promise<{ text: string }> {
    const c = await store.cases.get(caseId);
    if (!c) throw notFound(caseId);
    if (!c.decision) throw new CaseConflict('the case is not decided');
    const notice = preAdverseActionNotice({ candidateName: c.subjectName ?? c.employeeId ?? 'applicant', organisation: store.org, decision: c.decision, date: this.at().slice(0, 10) });
    if (!notice.ok) throw new CaseConflict(notice.reason);
    return { text: notice.text };
  }

  verification(store: HirewatchStore, applicationId: string, source?: string): Promise<VerificationView> {
    return verificationFor(store, applicationId, source);
  }

  dashboard(store: HirewatchStore): Promise<Dashboard> {
    return dashboard(store, this.now());
  }

  policy(store: HirewatchStore): Promise<Policy> {
    return store.cases.policy();
  }

  async setPolicy(store: HirewatchStore, policy: Policy, actor: Actor): Promise<Policy> {
    const parsed = PolicySchema.parse(policy);
    await store.transaction(async (tx) => {
      const at = this.at();
      await tx.cases.putPolicy(parsed, actor.actor, at);
      await tx.admin.audit.append({ actor: actor.actor, action: actor.action, detail: { policy: parsed, ...(actor.detail ?? {}) } });
    });
    return parsed;
  }

  labels(store: HirewatchStore): Promise<Label[]> {
    return labels(store);
  }
}

/** A decided case as the finding its decision sends (src/service/findings.ts). */
function decisionFact(org: string, c: StoredCase): DecisionFact {
  const d = c.decision!;
  return {
    org, caseId: c.id, outcome: d.outcome, decidedBy: d.by, confirmedBy: d.confirmedBy, decidedAt: c.decidedAt ?? d.at, openedAt: c.openedAt,
    band: c.band, score: c.score, subjectKind: c.subjectKind, employeeId: c.employeeId, signals: c.signals,
    members: (c.snapshot ?? []).map((m) => ({ source: m.source, applicationId: m.applicationId })),
  };
}

export type { CaseView, Dashboard, Label, VerificationView };
