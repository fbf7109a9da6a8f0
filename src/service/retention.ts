import { auditKeyForWriting } from '../store/admin-queries.js';
import {
  RetentionPolicySchema, StoreError, type AppRef, type ErasedCounts, type HirewatchStore, type LegalHold, type RetentionPolicy,
} from '../store/index.js';
import type { Actor } from './audit-entry.js';
import type { Screening } from './screening.js';

/**
 * Retention and erasure (docs/RETENTION.md), the one path for the CLI
 * (`hirewatch retention`, `erase`, `hold`) and any other door. Every change
 * is one transaction with its audit entry; a dry run is the same
 * transaction rolled back, so it counts exactly what would go. What an
 * erasure keeps: applications under legal hold and applications an open
 * case needs, said by id and reason to the caller and by count in the
 * audit chain. The tombstone names no personal data: a keyed digest of the
 * subject (HMAC under the audit key, so it cannot be guessed back from a
 * list of addresses without the key) and counts per table.
 */
export type ErasureSubject =
  | { readonly kind: 'applicant'; readonly id: string; readonly source?: string }
  | { readonly kind: 'email'; readonly address: string };

export interface Kept { readonly source: string; readonly id: string; readonly reason: string }

export interface ErasureReport {
  readonly dryRun: boolean;
  /** `hmac-sha256:` and 64 hex digits: what the tombstone records of the subject. */
  readonly subject: string;
  /** Applications found for the subject (erased and kept). */
  readonly found: number;
  readonly removed: ErasedCounts & { readonly employees: number; readonly deviceDays: number; readonly employeeAlerts: number };
  readonly kept: readonly Kept[];
  /** The tombstone's sequence in the organisation's audit chain (not on a dry run, nor when nothing was found). */
  readonly tombstone?: number;
}

export interface RetentionReport {
  readonly dryRun: boolean;
  readonly policy: RetentionPolicy;
  /** Counts per kind and table; a kind with no period set is absent. */
  readonly removed: { applications?: ErasedCounts; telemetry?: Record<string, number>; cases?: Record<string, number> };
  readonly kept: { readonly legalHold: number; readonly openCase: number };
  readonly auditEntry?: number;
}

const DAY_MS = 86_400_000;
const key = (source: string, id: string): string => `${source}\u0000${id}`;

/** Thrown inside a dry run's transaction to roll it back, carrying what it would have done. */
class DryRun<T> extends Error {
  constructor(readonly report: T) {
    super('dry run');
  }
}

async function inTransaction<T>(store: HirewatchStore, dryRun: boolean, work: (tx: HirewatchStore) => Promise<T>): Promise<T> {
  try {
    return await store.transaction(async (tx) => {
      const report = await work(tx);
      if (dryRun) throw new DryRun(report);
      return report;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report as T;
    throw err;
  }
}

/** Which of `refs` must stay, and why: a legal hold, or an open case that has them as members. */
async function mustKeep(tx: HirewatchStore, refs: readonly AppRef[]): Promise<Map<string, string>> {
  const keep = new Map<string, string>();
  const held = await tx.retention.heldAmong(refs);
  const holds = new Map((await tx.retention.holds()).map((h) => [key(h.source, h.applicationId), h.reason]));
  for (const k of held) keep.set(k, `legal hold (${holds.get(k) ?? 'no reason given'})`);
  const cases = await tx.cases.ofApplications(refs);
  for (const [k, list] of cases) {
    const open = list.find((c) => c.status !== 'decided');
    if (open && !keep.has(k)) keep.set(k, `open case ${open.id}`);
  }
  return keep;
}

export class Retention {
  /** `screening`: the process's linkage indexes, which forget what was removed (absent: nothing in memory to forget). */
  constructor(private readonly screening?: Screening, private readonly now: () => Date = () => new Date()) {}

  policy(store: HirewatchStore): Promise<RetentionPolicy> {
    return store.retention.policy();
  }

  async setPolicy(store: HirewatchStore, input: unknown, actor: Actor): Promise<RetentionPolicy> {
    const policy = RetentionPolicySchema.parse(input);
    await store.transaction(async (tx) => {
      await tx.retention.putPolicy(policy, actor.actor, this.now().toISOString());
      await tx.admin.audit.append({ actor: actor.actor, action: actor.action, detail: { policy, ...(actor.detail ?? {}) } });
    });
    return policy;
  }

  holds(store: HirewatchStore): Promise<LegalHold[]> {
    return store.retention.holds();
  }

  /** Put a stored application under legal hold (the id alone: its only source, else StoreError('ambiguous')). */
  async setHold(store: HirewatchStore, ref: { id: string; source?: string }, reason: string, actor: Actor): Promise<{ hold: LegalHold; created: boolean }> {
    const app = await store.getApplication(ref.id, ref.source);
    if (!app) throw new StoreError('not_found', `no application ${ref.id}${ref.source !== undefined ? ` from ${ref.source}` : ''} in organisation ${store.org}`);
    const hold: LegalHold = { source: app.source, applicationId: app.id, reason, setAt: this.now().toISOString(), setBy: actor.actor };
    const created = await store.transaction(async (tx) => {
      const fresh = await tx.retention.setHold(hold);
      await tx.admin.audit.append({ actor: actor.actor, action: actor.action, target: app.id, detail: { source: app.source, reason, ...(actor.detail ?? {}) } });
      return fresh;
    });
    return { hold, created };
  }

  async releaseHold(store: HirewatchStore, ref: { id: string; source?: string }, actor: Actor): Promise<boolean> {
    const held = (await store.retention.holds()).filter((h) => h.applicationId === ref.id && (ref.source === undefined || h.source === ref.source));
    if (held.length > 1) throw new StoreError('ambiguous', `${ref.id} is held under several sources: name one`);
    const h = held[0];
    if (!h) return false;
    return store.transaction(async (tx) => {
      const released = await tx.retention.releaseHold({ source: h.source, id: h.applicationId });
      if (released) await tx.admin.audit.append({ actor: actor.actor, action: actor.action, target: h.applicationId, detail: { source: h.source, ...(actor.detail ?? {}) } });
      return released;
    });
  }

  /** Erase one person's applications (GDPR art. 17, CCPA), keeping what a legal hold or an open case needs. */
  async erase(store: HirewatchStore, subject: ErasureSubject, actor: Actor, options: { readonly dryRun?: boolean } = {}): Promise<ErasureReport> {
    const dryRun = options.dryRun === true;
    const named = subject.kind === 'email' ? `email:${subject.address.trim().toLowerCase()}` : `applicant:${subject.source ?? '*'}\u0000${subject.id}`;
    const digest = `hmac-sha256:${auditKeyForWriting().mac(`hirewatch-erasure/1\n${store.org}\n${named}`)}`;
    const report = await inTransaction(store, dryRun, async (tx): Promise<ErasureReport> => {
      const found = subject.kind === 'email' ? await tx.retention.applicationsWithEmail(subject.address) : await tx.retention.applicationsOfId(subject.id, subject.source);
      const keep = await mustKeep(tx, found);
      const going = found.filter((r) => !keep.has(key(r.source, r.id)));
      const removed = await tx.retention.eraseApplications(going);
      const staying = new Set(found.filter((r) => keep.has(key(r.source, r.id))).map((r) => r.id));
      const hired = await tx.retention.eraseEmployeesOf([...new Set(going.map((r) => r.id))].filter((id) => !staying.has(id)));
      const kept = found.filter((r) => keep.has(key(r.source, r.id))).map((r) => ({ source: r.source, id: r.id, reason: keep.get(key(r.source, r.id))! }));
      const out = { dryRun, subject: digest, found: found.length, removed: { ...removed, employees: hired.employees ?? 0, deviceDays: hired.deviceDays ?? 0, employeeAlerts: hired.alerts ?? 0 }, kept };
      if (found.length === 0) return out;
      const tombstone = await tx.admin.audit.append({
        actor: actor.actor, action: actor.action,
        detail: {
          subject: digest, by: subject.kind, removed: out.removed,
          kept: { legalHold: kept.filter((k) => k.reason.startsWith('legal hold')).length, openCase: kept.filter((k) => k.reason.startsWith('open case')).length },
          ...(actor.detail ?? {}),
        },
      });
      return { ...out, tombstone: tombstone.seq };
    });
    if (dryRun) {
      const { tombstone: _rolledBack, ...counted } = report;
      return counted;
    }
    if (report.removed.applications > 0) await this.screening?.forget(store);
    return report;
  }

  /** Remove what is past the organisation's retention periods (counts per kind); held and open-case applications stay. */
  async apply(store: HirewatchStore, actor: Actor, options: { readonly dryRun?: boolean } = {}): Promise<RetentionReport> {
    const dryRun = options.dryRun === true;
    const now = this.now().getTime();
    const before = (days: number): string => new Date(now - days * DAY_MS).toISOString();
    const report = await inTransaction(store, dryRun, async (tx): Promise<RetentionReport> => {
      const policy = await tx.retention.policy();
      const removed: RetentionReport['removed'] = {};
      let kept = { legalHold: 0, openCase: 0 };
      if (policy.applications) {
        const expired = await tx.retention.receivedBefore(before(policy.applications));
        const keep = await mustKeep(tx, expired);
        kept = { legalHold: [...keep.values()].filter((r) => r.startsWith('legal hold')).length, openCase: [...keep.values()].filter((r) => r.startsWith('open case')).length };
        removed.applications = await tx.retention.eraseApplications(expired.filter((r) => !keep.has(key(r.source, r.id))));
      }
      if (policy.telemetry) removed.telemetry = await tx.retention.expireTelemetry(before(policy.telemetry).slice(0, 10), before(policy.telemetry));
      if (policy.cases) removed.cases = await tx.retention.expireDecidedCases(before(policy.cases));
      const entry = await tx.admin.audit.append({ actor: actor.actor, action: actor.action, detail: { policy, removed, kept, ...(actor.detail ?? {}) } });
      return { dryRun, policy, removed, kept, auditEntry: entry.seq };
    });
    if (dryRun) {
      const { auditEntry: _rolledBack, ...counted } = report;
      return counted;
    }
    if ((report.removed.applications?.applications ?? 0) > 0) await this.screening?.forget(store);
    return report;
  }
}
