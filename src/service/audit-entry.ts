import type { AuditInput, ImportOutcome } from '../store/index.js';

/** Who caused a change and what to call it in the audit log. */
export interface Actor {
  /** `key:<prefix>` (an API key), `webhook:<vendor>`, `cli`, `nats:<stream>`. */
  readonly actor: string;
  readonly action: string;
  /** Added to every entry's detail (e.g. the caller's role, a webhook delivery id). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Ids listed in the entry of a batch (the counts cover all of them). */
const IDS_LISTED = 100;

const key = (source: string, id: string): string => `${source}\u0000${id}`;

/**
 * The audit entry of a stored batch: for one record its id, source, status,
 * version and band; for several the counts by status and the first ids.
 */
export function auditEntryFor(actor: Actor, outcomes: readonly ImportOutcome[], bands: ReadonlyMap<string, string>): AuditInput {
  const extra = actor.detail ?? {};
  if (outcomes.length === 1) {
    const o = outcomes[0]!;
    const band = bands.get(key(o.source, o.id));
    return { actor: actor.actor, action: actor.action, target: o.id, detail: { source: o.source, status: o.status, version: o.version, ...(band ? { band } : {}), ...extra } };
  }
  const counts = { new: 0, changed: 0, unchanged: 0 };
  for (const o of outcomes) counts[o.status]++;
  return { actor: actor.actor, action: actor.action, detail: { records: outcomes.length, ...counts, ids: outcomes.slice(0, IDS_LISTED).map((o) => o.id), ...extra } };
}

/** Case ids listed per kind of change in an entry (the counts cover all of them). */
const CASES_LISTED = 100;

/**
 * The entry of a change with the case changes it caused (opened, joined,
 * re-screened, suppressed: src/service/case-opening.ts) in its detail, so a
 * transaction keeps one entry: `cases: {opened: {count, ids}, ...}`.
 */
export function withCases(entry: AuditInput, changes: readonly AuditInput[]): AuditInput {
  if (changes.length === 0) return entry;
  const byAction = new Map<string, string[]>();
  for (const c of changes) {
    const kind = c.action.replace(/^case\./, '');
    byAction.set(kind, [...(byAction.get(kind) ?? []), c.target ?? '']);
  }
  const cases = Object.fromEntries([...byAction].map(([kind, ids]) => [kind, { count: ids.length, ids: [...new Set(ids)].slice(0, CASES_LISTED) }]));
  return { ...entry, detail: { ...(entry.detail ?? {}), cases } };
}
