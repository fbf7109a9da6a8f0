import type { Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * The outbox of findings (migration 2026_014, docs/ALERTS.md): each finding
 * a stored change sends out (a new hold, a case decision, a post-hire alert)
 * is written here in the transaction of that change, and removed once every
 * destination has taken it or it is in the dead-letter file. A process
 * killed in between leaves it here, and the next process with the same
 * destinations sends it again (`lease_until`: until then the process that
 * wrote or claimed it is still sending it).
 */
export interface OutboxRow {
  /** The finding's metadata.uid, its idempotency key. */
  readonly uid: string;
  readonly json: string;
}

export interface OutboxStore {
  /** Keep findings written at `at`, leased to the writer until `leaseUntil`; a uid already kept is left as it is. */
  add(rows: readonly OutboxRow[], at: string, leaseUntil: string): Promise<void>;
  /** Forget findings sent (or dead-lettered). */
  remove(uids: readonly string[]): Promise<void>;
  /** Take up to `limit` findings whose lease ended by `now`, oldest first, leasing them until `leaseUntil`. */
  claim(now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]>;
  /** Organisations (any, not only this one) holding findings whose lease ended by `now`. */
  organisationsDue(now: string): Promise<string[]>;
  /** How many findings the organisation's outbox holds. */
  size(): Promise<number>;
}

const CHUNK = 200;

export function outboxStore(db: Db, org: string): OutboxStore {
  return {
    async add(rows, at, leaseUntil) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const values = rows.slice(i, i + CHUNK).map((r) => ({ org_id: org, event_uid: r.uid, created_at: at, lease_until: leaseUntil, event_json: r.json }));
        await db.insertInto('outbox').values(values).onConflict((oc) => oc.columns(['org_id', 'event_uid']).doNothing()).execute();
      }
    },
    async remove(uids) {
      for (let i = 0; i < uids.length; i += CHUNK) {
        await db.deleteFrom('outbox').where('org_id', '=', org).where('event_uid', 'in', uids.slice(i, i + CHUNK)).execute();
      }
    },
    async claim(now, leaseUntil, limit) {
      const due = db.selectFrom('outbox').select('event_uid').where('org_id', '=', org).where('lease_until', '<=', now).orderBy('created_at').orderBy('event_uid').limit(limit);
      // The lease is checked again on the row updated: of two processes claiming at once, one takes each finding.
      const rows = await db.updateTable('outbox').set({ lease_until: leaseUntil })
        .where('org_id', '=', org).where('event_uid', 'in', due).where('lease_until', '<=', now)
        .returning(['event_uid', 'event_json', 'created_at']).execute();
      return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.event_uid.localeCompare(b.event_uid)).map((r) => ({ uid: r.event_uid, json: r.event_json }));
    },
    async organisationsDue(now) {
      const rows = await db.selectFrom('outbox').select('org_id').distinct().where('lease_until', '<=', now).orderBy('org_id').execute();
      return rows.map((r) => r.org_id);
    },
    async size() {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', org).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
