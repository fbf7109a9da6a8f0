import type { Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';
import { storedResultOf } from './row-mapping.js';
import { StoreError } from './store-error.js';
import {
  StoreCountsSchema, StoredApplicationSchema, type ApplicationRef, type StoreCounts, type StoredApplication,
  type StoredCluster, type StoredResult, type VersionSummary,
} from './store-contract.js';

type Db = Kysely<HirewatchDatabase>;

/** Members of a cluster listed with an application (most recent first). */
export const CLUSTER_MEMBER_LIMIT = 200;

export async function getCluster(db: Db, org: string, clusterId: string): Promise<StoredCluster | undefined> {
  const rows = await db
    .selectFrom('clusters')
    .select(['member_id', 'member_source', 'joined_at'])
    .where('org_id', '=', org)
    .where('cluster_id', '=', clusterId)
    .orderBy('joined_at', 'desc')
    .orderBy('member_id')
    .limit(CLUSTER_MEMBER_LIMIT)
    .execute();
  if (rows.length === 0) return undefined;
  return { id: clusterId, members: rows.map((r) => ({ id: r.member_id, source: r.member_source, joinedAt: r.joined_at })) };
}

async function clusterIdOf(db: Db, org: string, source: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('clusters')
    .select('cluster_id')
    .where('org_id', '=', org)
    .where('member_source', '=', source)
    .where('member_id', '=', id)
    .orderBy('joined_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cluster_id;
}

export async function getApplication(db: Db, org: string, id: string, source?: string): Promise<StoredApplication | undefined> {
  let query = db.selectFrom('applications').selectAll().where('org_id', '=', org).where('application_id', '=', id);
  if (source !== undefined) query = query.where('source', '=', source);
  const apps = await query.limit(2).execute();
  if (apps.length === 0) return undefined;
  if (apps.length > 1) throw new StoreError('ambiguous', `application ${id} exists under several sources; name the source`);
  const app = apps[0]!;
  const version = await db
    .selectFrom('application_versions')
    .select(['raw_json', 'content_hash', 'received_at'])
    .where('org_id', '=', org).where('source', '=', app.source).where('application_id', '=', id)
    .where('version', '=', app.latest_version)
    .executeTakeFirstOrThrow();
  const resultRow = app.latest_result_no > 0
    ? await db.selectFrom('screening_results').selectAll()
      .where('org_id', '=', org).where('source', '=', app.source).where('application_id', '=', id)
      .where('version', '=', app.latest_version).where('result_no', '=', app.latest_result_no)
      .executeTakeFirst()
    : undefined;
  const result = resultRow ? storedResultOf(resultRow) : undefined;
  const clusterId = result?.cluster?.id ?? (await clusterIdOf(db, org, app.source, id));
  const cluster = clusterId ? await getCluster(db, org, clusterId) : undefined;
  return StoredApplicationSchema.parse({
    id,
    source: app.source,
    fullName: app.full_name,
    submittedAt: app.submitted_at,
    version: Number(app.latest_version),
    contentHash: version.content_hash,
    firstReceivedAt: app.first_received_at,
    receivedAt: version.received_at,
    record: JSON.parse(version.raw_json),
    ...(result ? { result } : {}),
    ...(cluster ? { cluster } : {}),
  });
}

export async function listVersions(db: Db, org: string, ref: Required<ApplicationRef>): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('application_versions')
    .select(['version', 'content_hash', 'received_at'])
    .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: Number(r.version), contentHash: r.content_hash, receivedAt: r.received_at }));
}

export async function getVersionRecord(db: Db, org: string, ref: Required<ApplicationRef>, version: number): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('application_versions')
    .select('raw_json')
    .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.raw_json) as Record<string, unknown>) : undefined;
}

export async function listResultHistory(db: Db, org: string, ref: Required<ApplicationRef>): Promise<StoredResult[]> {
  const rows = await db
    .selectFrom('screening_results')
    .selectAll()
    .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
    .orderBy('version').orderBy('result_no')
    .execute();
  return rows.map(storedResultOf);
}

export async function counts(db: Db, org: string): Promise<StoreCounts> {
  const apps = await db
    .selectFrom('applications')
    .select((eb) => [eb.fn.countAll().as('applications'), eb.fn.sum<number | string>('latest_version').as('versions')])
    .where('org_id', '=', org)
    .executeTakeFirstOrThrow();
  const unscreened = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', org).where('latest_result_no', '=', 0)
    .executeTakeFirstOrThrow();
  const bands = await db
    .selectFrom('applications as a')
    .innerJoin('screening_results as r', (join) =>
      join.onRef('r.org_id', '=', 'a.org_id').onRef('r.source', '=', 'a.source').onRef('r.application_id', '=', 'a.application_id')
        .onRef('r.version', '=', 'a.latest_version').onRef('r.result_no', '=', 'a.latest_result_no'))
    .select((eb) => ['r.band', eb.fn.countAll().as('n')])
    .where('a.org_id', '=', org)
    .groupBy('r.band')
    .execute();
  const byBand = { clear: 0, review: 0, hold: 0 };
  for (const row of bands) if (row.band in byBand) byBand[row.band as keyof typeof byBand] = Number(row.n);
  return StoreCountsSchema.parse({
    applications: Number(apps.applications),
    versions: Number(apps.versions ?? 0),
    unscreened: Number(unscreened.n),
    byBand,
  });
}
