import {
  bandFloor, caseDueAt, casePriority, extendPlan, opensCase, suppressedByClearance, type CaseBand, type Policy,
} from '../cases/index.js';
import type { AuditInput, HirewatchStore, StoredCase, WrittenRecord } from '../store/index.js';
import type { Actor } from './audit-entry.js';

/**
 * Cases opened, joined and re-screened with the screening that causes them,
 * inside its transaction (store.importBatch's `floor` and `within` hooks):
 * every door that screens opens cases the same way, and a crash leaves the
 * result and its case together or neither.
 */
export const refKey = (source: string, id: string): string => `${source}\u0000${id}`;

export type NewId = (prefix: string) => string;

/** Holds stick: the lowest band each application may be stored with, from its cases. */
export async function floorsOf(tx: HirewatchStore, refs: readonly { readonly source: string; readonly id: string }[]): Promise<Map<string, CaseBand>> {
  const out = new Map<string, CaseBand>();
  if (refs.length === 0) return out;
  const byApp = await tx.cases.ofApplications(refs);
  for (const [k, cases] of byApp) {
    const floor = bandFloor(cases);
    if (floor) out.set(k, floor);
  }
  return out;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();
const isOpen = (c: StoredCase): boolean => c.status !== 'decided';
const binds = (c: StoredCase): boolean => isOpen(c) || c.decision?.outcome === 'confirmed_fraud';

interface Signalled { readonly id: string; readonly family: string }

/** The case after new evidence from one member: signals, families, score, priority and plan grow; the band never falls. */
const minInstant = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);

async function absorb(tx: HirewatchStore, c: StoredCase, signals: readonly Signalled[], score: number, band: CaseBand, policy: Policy, at: string, extraMembers = 0, name?: string): Promise<StoredCase> {
  const escalated = isOpen(c) && c.band === 'review' && band === 'hold';
  const next: StoredCase = {
    ...c,
    band: c.band === 'hold' || band === 'hold' ? 'hold' : 'review',
    // A review case that becomes a hold is due within the hold SLA from now, or sooner if it already was.
    ...(escalated ? { dueAt: minInstant(c.dueAt, caseDueAt(at, 'hold', policy)) } : {}),
    score: Math.max(c.score, score),
    signals: union(c.signals, signals.map((s) => s.id)),
    families: union(c.families, signals.map((s) => s.family)),
    memberCount: c.memberCount + extraMembers,
    subjectName: c.subjectName ?? name,
  };
  const priority = casePriority({ score: next.score, members: next.memberCount, jobTitle: next.jobTitle }, policy);
  const updated = { ...next, priority, subjectKind: next.subjectKind === 'application' && next.memberCount > 1 ? 'ring' as const : next.subjectKind };
  await tx.cases.update(updated, at);
  if (isOpen(c)) {
    const steps = await tx.cases.steps(c.id);
    const plan = extendPlan(steps, signals);
    if (plan.length > steps.length) await tx.cases.putSteps(c.id, plan);
  }
  return updated;
}

/**
 * What the written records do to cases: a member of a binding case adds a
 * `rescreened` event to it; an application whose cluster has an open case
 * joins it; a result of a band the policy opens cases on opens one (a ring
 * case with the cluster's members), unless a recent clearance of the same
 * person covers the same evidence. Returns the audit entries.
 */
export async function openCases(tx: HirewatchStore, written: readonly WrittenRecord[], actor: Actor, at: string, newId: NewId): Promise<AuditInput[]> {
  const items = written.filter((w) => w.screened);
  if (items.length === 0) return [];
  const policy = await tx.cases.policy();
  const refs = items.flatMap((w) => [
    { source: w.outcome.source, id: w.outcome.id },
    ...(w.screened!.links?.members ?? []).map((m) => ({ source: m.source ?? '', id: m.id })),
  ]);
  const known = await tx.cases.ofApplications(refs);
  const audits: AuditInput[] = [];
  const by = actor.actor;
  const note = (action: string, c: StoredCase, detail: Record<string, unknown>): void => {
    audits.push({ actor: actor.actor, action, target: c.id, detail: { ...detail, ...(actor.detail ?? {}) } });
  };
  const remember = (k: string, c: StoredCase): void => {
    const list = (known.get(k) ?? []).filter((o) => o.id !== c.id);
    known.set(k, [...list, c]);
  };
  for (const w of items) {
    const { result } = w.screened!;
    const self = { source: w.outcome.source, id: w.outcome.id };
    const k = refKey(self.source, self.id);
    const mine = known.get(k) ?? [];
    const name = w.record.applicant.fullName;
    const signals = result.signals.map((s) => ({ id: s.id, family: s.family }));
    const ids = signals.map((s) => s.id);
    const binding = mine.filter(binds);
    if (binding.length > 0) {
      for (const c of binding) {
        await tx.cases.appendEvent(c.id, {
          at, by, type: 'rescreened',
          detail: { applicationId: self.id, source: self.source, version: w.outcome.version, score: result.score, screenedBand: w.screenedBand ?? result.band, storedBand: result.band, signals: ids },
        });
        const band = result.band === 'clear' ? c.band : result.band;
        remember(k, await absorb(tx, c, isOpen(c) ? signals : [], result.score, band, policy, at));
        note('case.rescreened', c, { applicationId: self.id, version: w.outcome.version, screenedBand: w.screenedBand ?? result.band, storedBand: result.band });
      }
      continue;
    }
    // A ring is a cluster of several identities: the result carries a linkage signal (a shared IP alone links no one).
    const linked = result.signals.some((s) => s.family === 'linkage');
    const members = (linked ? w.screened!.links?.members ?? [] : []).map((m) => ({ source: m.source ?? '', id: m.id })).filter((m) => refKey(m.source, m.id) !== k);
    const ring = members.flatMap((m) => known.get(refKey(m.source, m.id)) ?? []).find(isOpen);
    if (ring) {
      await tx.cases.addMembers(ring.id, [self], at);
      await tx.cases.appendEvent(ring.id, { at, by, type: 'joined', detail: { applicationId: self.id, source: self.source, score: result.score, band: result.band, signals: ids } });
      const band: CaseBand = result.band === 'hold' ? 'hold' : ring.band;
      const updated = await absorb(tx, { ...ring, memberIds: [...ring.memberIds, self.id] }, signals, result.score, band, policy, at, 1, name);
      remember(k, updated);
      for (const m of members) if ((known.get(refKey(m.source, m.id)) ?? []).some((c) => c.id === ring.id)) remember(refKey(m.source, m.id), updated);
      note('case.joined', ring, { applicationId: self.id, source: self.source, band: result.band });
      continue;
    }
    if (!opensCase(result.band, policy)) continue;
    const clearances = mine.filter((c) => c.decision?.outcome === 'cleared' && c.decidedAt).map((c) => ({
      decidedAt: c.decidedAt!,
      signals: c.snapshot?.find((s) => s.source === self.source && s.applicationId === self.id)?.signals ?? c.signals,
    }));
    if (suppressedByClearance(clearances, ids, at, policy)) {
      const cleared = mine.filter((c) => c.decision?.outcome === 'cleared').at(-1)!;
      await tx.cases.appendEvent(cleared.id, { at, by, type: 'rescreened', detail: { applicationId: self.id, source: self.source, version: w.outcome.version, score: result.score, screenedBand: result.band, suppressed: true, signals: ids } });
      note('case.suppressed', cleared, { applicationId: self.id, version: w.outcome.version, band: result.band });
      continue;
    }
    const all = [self, ...members];
    const jobTitle = w.record.job?.title ?? undefined;
    const band: CaseBand = result.band;
    const c: StoredCase = {
      id: newId('c'), status: 'open', band, score: result.score,
      priority: casePriority({ score: result.score, members: all.length, jobTitle }, policy),
      subjectKind: all.length > 1 ? 'ring' : 'application', subjectName: name, jobTitle,
      memberIds: all.map((m) => m.id), memberCount: all.length,
      families: union([], signals.map((s) => s.family)), signals: union([], ids),
      openedAt: at, dueAt: caseDueAt(at, band, policy),
    };
    await tx.cases.insert(c, at);
    await tx.cases.addMembers(c.id, all, at);
    await tx.cases.putSteps(c.id, extendPlan([], signals));
    await tx.cases.appendEvent(c.id, { at, by, type: 'opened', detail: { applicationId: self.id, source: self.source, version: w.outcome.version, band, score: result.score, members: all.length, signals: ids } });
    for (const m of all) remember(refKey(m.source, m.id), c);
    note('case.opened', c, { applicationId: self.id, source: self.source, band, members: all.length });
  }
  return audits;
}

/** A post-hire alert at hold: the employee's open case gets the evidence, or a case is opened for the employee. */
export async function openEmployeeCase(
  tx: HirewatchStore, employee: { readonly employeeId: string; readonly applicationId?: string | undefined; readonly source?: string | undefined },
  signals: readonly Signalled[], score: number, actor: Actor, at: string, newId: NewId,
): Promise<AuditInput[]> {
  const policy = await tx.cases.policy();
  const ids = signals.map((s) => s.id);
  const mine = (await tx.cases.ofEmployee(employee.employeeId)).filter(isOpen);
  const appRef = employee.applicationId ? { source: employee.source ?? '', id: employee.applicationId } : undefined;
  const appCase = appRef ? ((await tx.cases.ofApplications([appRef])).get(refKey(appRef.source, appRef.id)) ?? []).find(isOpen) : undefined;
  const existing = mine[0] ?? appCase;
  if (existing) {
    await tx.cases.appendEvent(existing.id, { at, by: actor.actor, type: 'joined', detail: { employeeId: employee.employeeId, score, signals: ids } });
    await absorb(tx, { ...existing, employeeId: existing.employeeId ?? employee.employeeId }, signals, score, 'hold', policy, at);
    return [{ actor: actor.actor, action: 'case.joined', target: existing.id, detail: { employeeId: employee.employeeId, signals: ids } }];
  }
  const c: StoredCase = {
    id: newId('c'), status: 'open', band: 'hold', score, priority: casePriority({ score, members: 1 }, policy),
    subjectKind: 'employee', employeeId: employee.employeeId, memberIds: appRef ? [appRef.id] : [], memberCount: appRef ? 1 : 0,
    families: union([], signals.map((s) => s.family)), signals: union([], ids), openedAt: at, dueAt: caseDueAt(at, 'hold', policy),
  };
  await tx.cases.insert(c, at);
  if (appRef) await tx.cases.addMembers(c.id, [appRef], at);
  await tx.cases.putSteps(c.id, extendPlan([], signals));
  await tx.cases.appendEvent(c.id, { at, by: actor.actor, type: 'opened', detail: { employeeId: employee.employeeId, band: 'hold', score, signals: ids } });
  return [{ actor: actor.actor, action: 'case.opened', target: c.id, detail: { employeeId: employee.employeeId, band: 'hold' } }];
}
