import type { Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Indicators shared by other organisations (migration 2026_011), confined to
 * one organisation: the watchlist of each sharer, as pulled. Written through
 * src/service/intel-pull.ts in a transaction with its audit entry.
 */
export interface SharedIndicatorRow {
  /** The sharer's STIX identity id, and its name: the watchlist is named after it. */
  readonly sharerId: string;
  readonly sharerName: string;
  /** The TAXII collection and the API root URL it was pulled from. */
  readonly collectionId: string;
  readonly sourceUrl: string;
  readonly kind: string;
  readonly matchClass: string;
  /** True: `value` is the HMAC-SHA256 (hex) under the consortium key `keyId`; false: the canonical clear value. */
  readonly keyed: boolean;
  readonly value: string;
  readonly keyId?: string | undefined;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
  /** When the newest decision behind it was made (the sharer's). */
  readonly decidedAt?: string | undefined;
  /** The STIX indicator's id. */
  readonly objectId: string;
}

export interface StoredSharedIndicator extends SharedIndicatorRow {
  readonly firstPulledAt: string;
  readonly pulledAt: string;
}

export interface SharedIntelStore {
  /** Insert or refresh (a row already held keeps its first pull time); how many rows were new, and the version after (one more, unless `rows` is empty). */
  upsert(rows: readonly SharedIndicatorRow[], at: string): Promise<{ readonly added: number; readonly refreshed: number; readonly version: number }>;
  /** The watchlist's version: 0 before the first write, one more on each upsert (migration 2026_012). */
  version(): Promise<number>;
  /** Keep a TAXII status resource (JSON text) made at `at`; statuses older than `keepDays` are dropped meanwhile. */
  putStatus(id: string, at: string, json: string, keepDays?: number): Promise<void>;
  /** A kept TAXII status resource's JSON text, or undefined (unknown, another organisation's, or dropped). */
  status(id: string): Promise<string | undefined>;
  /** Every shared indicator of the organisation, `batch` rows at a time, in key order. */
  all(batch?: number): AsyncIterable<StoredSharedIndicator>;
  /** Rows per sharer. */
  sharers(): Promise<{ sharerId: string; sharerName: string; collectionId: string; sourceUrl: string; indicators: number }[]>;
}

const CHUNK = 400;

export function sharedIntelStore(db: Db, org: string): SharedIntelStore {
  const version = async (): Promise<number> => {
    const row = await db.selectFrom('shared_intel_versions').select('version').where('org_id', '=', org).executeTakeFirst();
    return row ? Number(row.version) : 0;
  };
  return {
    async upsert(rows, at) {
      // Nothing new (a pull with nothing added since): the version stays, so no reader reads the watchlist again.
      if (rows.length === 0) return { added: 0, refreshed: 0, version: await version() };
      const before = await countOf(db, org);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK).map((r) => ({
          org_id: org, sharer_id: r.sharerId, kind: r.kind, keyed: r.keyed ? 1 : 0, value: r.value, match_class: r.matchClass,
          sharer_name: r.sharerName, collection_id: r.collectionId, source_url: r.sourceUrl, key_id: r.keyId ?? null,
          first_seen: r.firstSeen, last_seen: r.lastSeen, count: r.count, decided_at: r.decidedAt ?? null, object_id: r.objectId,
          first_pulled_at: at, pulled_at: at,
        }));
        await db.insertInto('shared_indicators').values(chunk)
          .onConflict((oc) => oc.columns(['org_id', 'sharer_id', 'kind', 'keyed', 'value']).doUpdateSet((eb) => ({
            match_class: eb.ref('excluded.match_class'), sharer_name: eb.ref('excluded.sharer_name'), collection_id: eb.ref('excluded.collection_id'),
            source_url: eb.ref('excluded.source_url'), key_id: eb.ref('excluded.key_id'), first_seen: eb.ref('excluded.first_seen'),
            last_seen: eb.ref('excluded.last_seen'), count: eb.ref('excluded.count'), decided_at: eb.ref('excluded.decided_at'),
            object_id: eb.ref('excluded.object_id'), pulled_at: eb.ref('excluded.pulled_at'),
          })))
          .execute();
      }
      const added = (await countOf(db, org)) - before;
      const bumped = await db.insertInto('shared_intel_versions').values({ org_id: org, version: 1 })
        .onConflict((oc) => oc.column('org_id').doUpdateSet((eb) => ({ version: eb('shared_intel_versions.version', '+', 1) })))
        .returning('version').executeTakeFirstOrThrow();
      return { added, refreshed: rows.length - added, version: Number(bumped.version) };
    },
    async putStatus(id, at, json, keepDays = 30) {
      const before = new Date(Date.parse(at) - keepDays * 86_400_000).toISOString();
      await db.deleteFrom('taxii_statuses').where('org_id', '=', org).where('created_at', '<', before).execute();
      await db.insertInto('taxii_statuses').values({ org_id: org, status_id: id, created_at: at, status_json: json }).execute();
    },
    async status(id) {
      const row = await db.selectFrom('taxii_statuses').select('status_json').where('org_id', '=', org).where('status_id', '=', id).executeTakeFirst();
      return row?.status_json;
    },
    version,
    async *all(batch = 5000) {
      let after: { sharer_id: string; kind: string; keyed: number; value: string } | undefined;
      for (;;) {
        let q = db.selectFrom('shared_indicators').selectAll().where('org_id', '=', org);
        if (after) {
          const a = after;
          q = q.where((eb) => eb.or([
            eb('sharer_id', '>', a.sharer_id),
            eb.and([eb('sharer_id', '=', a.sharer_id), eb('kind', '>', a.kind)]),
            eb.and([eb('sharer_id', '=', a.sharer_id), eb('kind', '=', a.kind), eb('keyed', '>', a.keyed)]),
            eb.and([eb('sharer_id', '=', a.sharer_id), eb('kind', '=', a.kind), eb('keyed', '=', a.keyed), eb('value', '>', a.value)]),
          ]));
        }
        const rows = await q.orderBy('sharer_id').orderBy('kind').orderBy('keyed').orderBy('value').limit(batch).execute();
        for (const r of rows) {
          yield {
            sharerId: r.sharer_id, sharerName: r.sharer_name, collectionId: r.collection_id, sourceUrl: r.source_url, kind: r.kind,
            matchClass: r.match_class, keyed: Number(r.keyed) === 1, value: r.value, keyId: r.key_id ?? undefined, firstSeen: r.first_seen,
            lastSeen: r.last_seen, count: Number(r.count), decidedAt: r.decided_at ?? undefined, objectId: r.object_id,
            firstPulledAt: r.first_pulled_at, pulledAt: r.pulled_at,
          };
        }
        if (rows.length < batch) return;
        after = rows[rows.length - 1]!;
      }
    },
    async sharers() {
      const rows = await db.selectFrom('shared_indicators')
        .select((eb) => ['sharer_id', 'sharer_name', 'collection_id', 'source_url', eb.fn.countAll<number>().as('n')])
        .where('org_id', '=', org).groupBy(['sharer_id', 'sharer_name', 'collection_id', 'source_url']).orderBy('sharer_name').execute();
      return rows.map((r) => ({ sharerId: r.sharer_id, sharerName: r.sharer_name, collectionId: r.collection_id, sourceUrl: r.source_url, indicators: Number(r.n) }));
    },
  };
}

async function countOf(db: Db, org: string): Promise<number> {
  const row = await db.selectFrom('shared_indicators').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', org).executeTakeFirstOrThrow();
  return Number(row.n);
}
