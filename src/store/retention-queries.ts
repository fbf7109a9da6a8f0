import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { HirewatchDatabase } from './database-schema.js';
import { eraseApplications, eraseEmployeesOf, type ErasedCounts } from './erase-queries.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Retention and erasure in the store (docs/RETENTION.md), confined to one
 * organisation. Every removal runs in the caller's transaction: the service
 * (src/service/retention.ts) opens it with store.transaction and appends the
 * audit entry in it, so what was removed and its record commit together.
 */

/** Days each kind of record is kept; absent or null: kept (hirewatch removes nothing it was not told to). */
const Days = z.number().int().min(1).max(36_500).nullable().optional();
export const RetentionPolicySchema = z.strictObject({
  /** Applications with their versions, normalised forms, results, links and cluster memberships: days since last received. */
  applications: Days,
  /** Telemetry device-days (by their day) and post-hire alerts (by their last sighting). */
  telemetry: Days,
  /** Decided cases, with their timeline, steps, notes and attachments: days since the decision. Open cases are never removed. */
  cases: Days,
});
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export interface AppRef { readonly source: string; readonly id: string }

export const LegalHoldSchema = z.object({
  source: z.string(),
  applicationId: z.string().min(1),
  reason: z.string().min(1).max(2000),
  setAt: z.string(),
  setBy: z.string().min(1),
});
export type LegalHold = z.infer<typeof LegalHoldSchema>;

export interface RetentionStore {
  policy(): Promise<RetentionPolicy>;
  putPolicy(policy: RetentionPolicy, by: string, at: string): Promise<void>;
  holds(): Promise<LegalHold[]>;
  /** False when the application was held already (its reason is replaced). */
  setHold(hold: LegalHold): Promise<boolean>;
  releaseHold(ref: AppRef): Promise<boolean>;
  /** Which of `refs` are under legal hold, by `source\0id`. */
  heldAmong(refs: readonly AppRef[]): Promise<Set<string>>;
  /** Applications with this id (under `source` when given). */
  applicationsOfId(id: string, source?: string): Promise<AppRef[]>;
  /** Applications any version of which gives this mailbox (the applicant's own or a school one), compared without case. */
  applicationsWithEmail(address: string): Promise<AppRef[]>;
  /** Applications last received before `cutoff` (ISO instant). */
  receivedBefore(cutoff: string): Promise<AppRef[]>;
  /** Remove applications and everything that names them (erase-queries.ts). */
  eraseApplications(refs: readonly AppRef[]): Promise<ErasedCounts>;
  /** Remove the employees hired from these application ids, their alerts and the device-days no other employee claims. */
  eraseEmployeesOf(applicationIds: readonly string[]): Promise<Record<string, number>>;
  /** Device-days before `day` (YYYY-MM-DD) and alerts last seen before `cutoff`. */
  expireTelemetry(day: string, cutoff: string): Promise<Record<string, number>>;
  /** Decided cases decided before `cutoff`, with their members, timeline, steps, notes and attachments. */
  expireDecidedCases(cutoff: string): Promise<Record<string, number>>;
}

export const refKey = (source: string, id: string): string => `${source}\u0000${id}`;

/** LIKE pattern matching `text` literally anywhere (with `escape '\'`). */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Mailboxes a record gives for its applicant: their own and those of their schools. */
function mailboxesOf(raw: string): string[] {
  try {
    const r = JSON.parse(raw) as { applicant?: { emails?: unknown }; education?: unknown };
    const own = Array.isArray(r.applicant?.emails) ? r.applicant.emails : [];
    const school = Array.isArray(r.education) ? r.education.map((e) => (e && typeof e === 'object' ? (e as { email?: unknown }).email : undefined)) : [];
    return [...own, ...school].filter((e): e is string => typeof e === 'string').map((e) => e.trim().toLowerCase());
  } catch {
    return [];
  }
}

const deleted = (r: { numDeletedRows: bigint }): number => Number(r.numDeletedRows);

export function retentionStore(db: Db, org: string): RetentionStore {
  const refsOf = (rows: readonly { source: string; application_id: string }[]): AppRef[] => rows.map((r) => ({ source: r.source, id: r.application_id }));
  return {
    async policy() {
      const row = await db.selectFrom('retention_policies').select('policy_json').where('org_id', '=', org).executeTakeFirst();
      return row ? RetentionPolicySchema.parse(JSON.parse(row.policy_json)) : {};
    },
    async putPolicy(policy, by, at) {
      const row = { org_id: org, policy_json: JSON.stringify(RetentionPolicySchema.parse(policy)), updated_at: at, updated_by: by };
      await db.insertInto('retention_policies').values(row)
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ policy_json: row.policy_json, updated_at: at, updated_by: by })).execute();
    },
    async holds() {
      const rows = await db.selectFrom('legal_holds').selectAll().where('org_id', '=', org).orderBy('set_at').orderBy('source').orderBy('application_id').execute();
      return rows.map((r) => ({ source: r.source, applicationId: r.application_id, reason: r.reason, setAt: r.set_at, setBy: r.set_by }));
    },
    async setHold(input) {
      const h = LegalHoldSchema.parse(input);
      const before = await db.selectFrom('legal_holds').select('reason').where('org_id', '=', org).where('source', '=', h.source).where('application_id', '=', h.applicationId).executeTakeFirst();
      await db.insertInto('legal_holds').values({ org_id: org, source: h.source, application_id: h.applicationId, reason: h.reason, set_at: h.setAt, set_by: h.setBy })
        .onConflict((oc) => oc.columns(['org_id', 'source', 'application_id']).doUpdateSet({ reason: h.reason, set_at: h.setAt, set_by: h.setBy })).execute();
      return before === undefined;
    },
    async releaseHold(ref) {
      return deleted(await db.deleteFrom('legal_holds').where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id).executeTakeFirst()) > 0;
    },
    async heldAmong(refs) {
      const held = new Set<string>();
      const ids = [...new Set(refs.map((r) => r.id))];
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.selectFrom('legal_holds').select(['source', 'application_id']).where('org_id', '=', org).where('application_id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) held.add(refKey(r.source, r.application_id));
      }
      return new Set(refs.map((r) => refKey(r.source, r.id)).filter((k) => held.has(k)));
    },
    async applicationsOfId(id, source) {
      let q = db.selectFrom('applications').select(['source', 'application_id']).where('org_id', '=', org).where('application_id', '=', id);
      if (source !== undefined) q = q.where('source', '=', source);
      return refsOf(await q.orderBy('source').execute());
    },
    async applicationsWithEmail(address) {
      const wanted = address.trim().toLowerCase();
      // The JSON text narrows the versions (any case); the parsed record decides.
      const rows = await db.selectFrom('application_versions').select(['source', 'application_id', 'raw_json'])
        .where('org_id', '=', org).where(sql<boolean>`lower(raw_json) like ${containing(wanted)} escape '\\'`).execute();
      const found = new Map<string, AppRef>();
      for (const r of rows) if (mailboxesOf(r.raw_json).includes(wanted)) found.set(refKey(r.source, r.application_id), { source: r.source, id: r.application_id });
      return [...found.values()];
    },
    async receivedBefore(cutoff) {
      return refsOf(await db.selectFrom('applications').select(['source', 'application_id']).where('org_id', '=', org).where('last_received_at', '<', cutoff).execute());
    },
    eraseApplications: (refs) => eraseApplications(db, org, refs),
    eraseEmployeesOf: (ids) => eraseEmployeesOf(db, org, ids),
    async expireTelemetry(day, cutoff) {
      const deviceDays = deleted(await db.deleteFrom('telemetry_aggregates').where('org_id', '=', org).where('day', '<', day).executeTakeFirst());
      const alerts = deleted(await db.deleteFrom('alerts').where('org_id', '=', org).where('last_seen', '<', cutoff).executeTakeFirst());
      return { deviceDays, alerts };
    },
    async expireDecidedCases(cutoff) {
      const ids = (await db.selectFrom('cases').select('case_id').where('org_id', '=', org).where('is_open', '=', 0).where('decided_at', '<', cutoff).execute()).map((r) => r.case_id);
      const counts = { cases: 0, caseMembers: 0, caseEvents: 0, caseSteps: 0, caseNotes: 0, caseAttachments: 0 };
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        counts.caseMembers += deleted(await db.deleteFrom('case_members').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
        counts.caseEvents += deleted(await db.deleteFrom('case_events').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
        counts.caseSteps += deleted(await db.deleteFrom('case_steps').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
        counts.caseNotes += deleted(await db.deleteFrom('case_notes').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
        counts.caseAttachments += deleted(await db.deleteFrom('case_attachments').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
        counts.cases += deleted(await db.deleteFrom('cases').where('org_id', '=', org).where('case_id', 'in', part).executeTakeFirst());
      }
      return counts;
    },
  };
}
