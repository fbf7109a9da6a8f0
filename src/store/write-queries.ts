import type { Kysely } from 'kysely';
import type { ScreenResult } from '../score/screen.js';
import type { HirewatchDatabase } from './database-schema.js';
import { resultRow, slices, storedResultOf } from './row-mapping.js';
import { StoreError } from './store-error.js';
import { ApplicationRefSchema, LinkInputSchema, type ApplicationRef, type LinkInput, type ScreeningProvenance, type StoredLink, type StoredResult } from './store-contract.js';

type Db = Kysely<HirewatchDatabase>;

/** A new result for a stored version; it becomes the application's latest when the version is. */
export async function putResult(
  db: Db, org: string, ref: Required<ApplicationRef> & { readonly version: number },
  result: ScreenResult, provenance: ScreeningProvenance, screenedAt = new Date().toISOString(),
): Promise<StoredResult> {
  return db.transaction().execute(async (trx) => {
    const app = await trx.selectFrom('applications').select(['latest_version'])
      .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
      .executeTakeFirst();
    if (!app || ref.version < 1 || ref.version > Number(app.latest_version)) {
      throw new StoreError('not_found', `no version ${ref.version} of application ${ref.id}`);
    }
    const last = await trx.selectFrom('screening_results').select((eb) => eb.fn.max('result_no').as('n'))
      .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
      .where('version', '=', ref.version)
      .executeTakeFirst();
    const resultNo = Number(last?.n ?? 0) + 1;
    const row = resultRow({ org, source: ref.source, id: ref.id, version: ref.version, resultNo }, result, provenance, screenedAt);
    await trx.insertInto('screening_results').values(row).execute();
    if (ref.version === Number(app.latest_version)) {
      await trx.updateTable('applications').set({ latest_result_no: resultNo })
        .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
        .execute();
    }
    if (result.cluster) {
      await trx.insertInto('clusters')
        .values({ org_id: org, cluster_id: result.cluster.id, member_source: ref.source, member_id: ref.id, joined_at: screenedAt })
        .onConflict((oc) => oc.doNothing()).execute();
    }
    return storedResultOf({ ...row, band_reason: row.band_reason ?? null, skipped_json: row.skipped_json ?? null, cluster_id: row.cluster_id ?? null, cluster_size: row.cluster_size ?? null });
  });
}

/** Links of an application to others; a link already stored is kept as it was. */
export async function putLinks(db: Db, org: string, ref: Required<ApplicationRef>, links: readonly LinkInput[], at = new Date().toISOString()): Promise<void> {
  const rows = links.map((input) => {
    const link = LinkInputSchema.parse(input);
    return {
      org_id: org, source: ref.source, application_id: ref.id, other_source: link.other.source, other_id: link.other.id,
      kind: link.kind, value_fingerprint: link.valueFingerprint, linked_at: at,
    };
  });
  for (const part of slices(rows)) await db.insertInto('links').values(part).onConflict((oc) => oc.doNothing()).execute();
}

export async function listLinks(db: Db, org: string, ref: Required<ApplicationRef>): Promise<StoredLink[]> {
  const rows = await db.selectFrom('links').selectAll()
    .where('org_id', '=', org).where('source', '=', ref.source).where('application_id', '=', ref.id)
    .orderBy('linked_at').orderBy('other_id').orderBy('kind')
    .execute();
  return rows.map((r) => ({ other: { id: r.other_id, source: r.other_source }, kind: r.kind, valueFingerprint: r.value_fingerprint, linkedAt: r.linked_at }));
}

export async function addClusterMembers(db: Db, org: string, clusterId: string, members: readonly ApplicationRef[], at = new Date().toISOString()): Promise<void> {
  const rows = members.map((m) => {
    const ref = ApplicationRefSchema.parse(m);
    return { org_id: org, cluster_id: clusterId, member_source: ref.source, member_id: ref.id, joined_at: at };
  });
  for (const part of slices(rows)) await db.insertInto('clusters').values(part).onConflict((oc) => oc.doNothing()).execute();
}
