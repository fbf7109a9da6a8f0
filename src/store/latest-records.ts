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

interface Position { readonly arrival: number; readonly at: string; readonly source: string; readonly id: string }

/**
 * The latest version of every application of the organisation, in the order
 * they arrived (their arrival number, migration 2026_010; applications
 * stored before it by received time, source and id), a page at a time
 * (keyset paging: every page costs the same). What linkage replays to know
 * the applications of earlier runs: a linkage index warmed from it files them
 * in the order they were first screened in.
 */
export async function* latestRecords(db: Db, org: string, options: { newest?: number } = {}): AsyncIterable<LatestRecord> {
  let after: Position | undefined;
  if (options.newest !== undefined) {
    // Start after the application just older than the newest N.
    if (options.newest <= 0) return;
    const cut = await db.selectFrom('applications').select(['arrival', 'first_received_at', 'source', 'application_id']).where('org_id', '=', org)
      .orderBy('arrival', 'desc').orderBy('first_received_at', 'desc').orderBy('source', 'desc').orderBy('application_id', 'desc')
      .offset(options.newest).limit(1).executeTakeFirst();
    if (cut) after = { arrival: Number(cut.arrival ?? 0), at: cut.first_received_at, source: cut.source, id: cut.application_id };
  }
  for (;;) {
    let q = db
      .selectFrom('applications as a')
      .innerJoin('application_versions as v', (j) => j.onRef('v.org_id', '=', 'a.org_id').onRef('v.source', '=', 'a.source').onRef('v.application_id', '=', 'a.application_id').onRef('v.version', '=', 'a.latest_version'))
      .innerJoin('normalised_applications as n', (j) => j.onRef('n.org_id', '=', 'v.org_id').onRef('n.source', '=', 'v.source').onRef('n.application_id', '=', 'v.application_id').onRef('n.version', '=', 'v.version'))
      .select(['a.arrival', 'a.source', 'a.application_id', 'a.first_received_at', 'v.raw_json', 'n.normalised_json'])
      .where('a.org_id', '=', org);
    if (after) {
      const { arrival, at, source, id } = after;
      q = q.where((eb) => eb(eb.refTuple('a.arrival', 'a.first_received_at', 'a.source', 'a.application_id'), '>', eb.tuple(arrival, at, source, id)));
    }
    const rows = await q.orderBy('a.arrival').orderBy('a.first_received_at').orderBy('a.source').orderBy('a.application_id').limit(PAGE).execute();
    for (const r of rows) {
      yield { source: r.source, id: r.application_id, record: JSON.parse(r.raw_json) as Application, normalised: JSON.parse(r.normalised_json) as EnrichedApplication };
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { arrival: Number(last.arrival ?? 0), at: last.first_received_at, source: last.source, id: last.application_id };
  }
}
