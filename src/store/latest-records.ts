import type { Kysely } from 'kysely';
import type { EnrichedApplication } from '../normalise/application.js';
import type { Application } from '../parse/application-schema.js';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

export interface LatestRecord {
  readonly source: string;
  readonly id: string;
  /** The latest version as stored (the parsed record). */
  readonly record: Application;
  /** Its normalised form, as stored with it. */
  readonly normalised: EnrichedApplication;
}

const PAGE = 2000;

/**
 * The latest version of every application of the organisation, in the order
 * they first arrived, a page at a time (keyset paging: every page costs the
 * same). What linkage replays to know the applications of earlier runs.
 */
export async function* latestRecords(db: Db, org: string, options: { newest?: number } = {}): AsyncIterable<LatestRecord> {
  let after: { at: string; source: string; id: string } | undefined;
  if (options.newest !== undefined) {
    // Start after the application just older than the newest N.
    if (options.newest <= 0) return;
    const cut = await db.selectFrom('applications').select(['first_received_at', 'source', 'application_id']).where('org_id', '=', org)
      .orderBy('first_received_at', 'desc').orderBy('source', 'desc').orderBy('application_id', 'desc').offset(options.newest).limit(1).executeTakeFirst();
    if (cut) after = { at: cut.first_received_at, source: cut.source, id: cut.application_id };
  }
  for (;;) {
    let q = db
      .selectFrom('applications as a')
      .innerJoin('application_versions as v', (j) => j.onRef('v.org_id', '=', 'a.org_id').onRef('v.source', '=', 'a.source').onRef('v.application_id', '=', 'a.application_id').onRef('v.version', '=', 'a.latest_version'))
      .innerJoin('normalised_applications as n', (j) => j.onRef('n.org_id', '=', 'v.org_id').onRef('n.source', '=', 'v.source').onRef('n.application_id', '=', 'v.application_id').onRef('n.version', '=', 'v.version'))
      .select(['a.source', 'a.application_id', 'a.first_received_at', 'v.raw_json', 'n.normalised_json'])
      .where('a.org_id', '=', org);
    if (after) {
      const { at, source, id } = after;
      q = q.where((eb) => eb.or([
        eb('a.first_received_at', '>', at),
        eb.and([eb('a.first_received_at', '=', at), eb('a.source', '>', source)]),
        eb.and([eb('a.first_received_at', '=', at), eb('a.source', '=', source), eb('a.application_id', '>', id)]),
      ]));
    }
    const rows = await q.orderBy('a.first_received_at').orderBy('a.source').orderBy('a.application_id').limit(PAGE).execute();
    for (const r of rows) {
      yield { source: r.source, id: r.application_id, record: JSON.parse(r.raw_json) as Application, normalised: JSON.parse(r.normalised_json) as EnrichedApplication };
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.first_received_at, source: last.source, id: last.application_id };
  }
}
