import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HirewatchDatabase } from './database-schema.js';
import { StoreError } from './store-error.js';
import { ResultFilterSchema, type ResultFilter, type ResultPage, type ResultSummary } from './store-contract.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Latest results of an organisation, filtered, in pages. Paging is by key
 * (the last row's sort value, source and id), so page 1,000 costs what page
 * 1 does and rows arriving meanwhile neither repeat nor vanish.
 */
const CursorSchema = z.tuple([z.union([z.string(), z.number()]), z.string(), z.string()]);

function encodeCursor(values: z.infer<typeof CursorSchema>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new StoreError('invalid', 'cursor: not a cursor this store returned');
  }
}

export async function listResults(db: Db, org: string, input: ResultFilter = {}): Promise<ResultPage> {
  const parsed = ResultFilterSchema.safeParse(input);
  if (!parsed.success) throw new StoreError('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const filter = parsed.data;
  const byScore = filter.orderBy === 'score';
  // The table whose index gives the order is named first and cross-joined, so
  // SQLite walks that index and stops at the page's end instead of sorting
  // every stored result (PostgreSQL plans the join either way).
  const joined = byScore
    ? db.selectFrom('screening_results as r').crossJoin('applications as a')
    : db.selectFrom('applications as a').crossJoin('screening_results as r');
  let query = joined
    .whereRef('r.org_id', '=', 'a.org_id').whereRef('r.source', '=', 'a.source').whereRef('r.application_id', '=', 'a.application_id')
    .whereRef('r.version', '=', 'a.latest_version').whereRef('r.result_no', '=', 'a.latest_result_no')
    .select([
      'a.application_id', 'a.source', 'a.full_name', 'a.submitted_at', 'a.last_received_at', 'a.latest_version',
      'r.score', 'r.band', 'r.band_reason', 'r.signals_json', 'r.cluster_id', 'r.cluster_size', 'r.screened_at',
    ])
    .where(byScore ? 'r.org_id' : 'a.org_id', '=', org);
  if (filter.band !== undefined) query = query.where('r.band', 'in', Array.isArray(filter.band) ? filter.band : [filter.band]);
  if (filter.minScore !== undefined) query = query.where('r.score', '>=', filter.minScore);
  if (filter.maxScore !== undefined) query = query.where('r.score', '<=', filter.maxScore);
  if (filter.source !== undefined) query = query.where('a.source', '=', filter.source);
  if (filter.clusterId !== undefined) query = query.where('r.cluster_id', '=', filter.clusterId);
  if (filter.receivedSince !== undefined) query = query.where('a.last_received_at', '>=', filter.receivedSince);
  if (filter.attention) {
    query = query.where((eb) => eb.or([
      eb('r.band', 'in', ['review', 'hold']),
      eb.exists(eb.selectFrom('case_members as cm').innerJoin('cases as c', (j) => j.onRef('c.org_id', '=', 'cm.org_id').onRef('c.case_id', '=', 'cm.case_id'))
        .select('cm.case_id')
        .whereRef('cm.org_id', '=', 'a.org_id').whereRef('cm.application_id', '=', 'a.application_id').whereRef('cm.source', '=', 'a.source')
        .where('c.is_open', '=', 1)),
    ]));
  }
  if (filter.cursor !== undefined) {
    const [value, source, id] = decodeCursor(filter.cursor);
    query = byScore
      ? query.where((eb) => eb(eb.refTuple('r.score', 'r.source', 'r.application_id'), '<', eb.tuple(Number(value), source, id)))
      : query.where((eb) => eb(eb.refTuple('a.last_received_at', 'a.source', 'a.application_id'), '<', eb.tuple(String(value), source, id)));
  }
  query = byScore
    ? query.orderBy('r.score', 'desc').orderBy('r.source', 'desc').orderBy('r.application_id', 'desc')
    : query.orderBy('a.last_received_at', 'desc').orderBy('a.source', 'desc').orderBy('a.application_id', 'desc');
  const rows = await query.limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > filter.limit && last
    ? encodeCursor([byScore ? Number(last.score) : last.last_received_at, last.source, last.application_id])
    : undefined;
  // The rows are the store's own, typed by its schema: mapped, not parsed again (an API route checks what it answers against its response schema).
  return { items: page.map(summaryOf), ...(nextCursor ? { nextCursor } : {}) };
}

interface ListedRow {
  application_id: string; source: string; full_name: string; submitted_at: string; last_received_at: string; latest_version: number | string;
  score: number | string; band: string; band_reason: string | null; signals_json: string; cluster_id: string | null; cluster_size: number | string | null; screened_at: string;
}

function summaryOf(r: ListedRow): ResultSummary {
  return {
    id: r.application_id,
    source: r.source,
    fullName: r.full_name,
    submittedAt: r.submitted_at,
    receivedAt: r.last_received_at,
    version: Number(r.latest_version),
    score: Number(r.score),
    band: r.band as ResultSummary['band'],
    ...(r.band_reason ? { bandReason: r.band_reason } : {}),
    signals: JSON.parse(r.signals_json) as ResultSummary['signals'],
    ...(r.cluster_id ? { cluster: { id: r.cluster_id, size: Number(r.cluster_size ?? 1) } } : {}),
    screenedAt: r.screened_at,
  };
}
