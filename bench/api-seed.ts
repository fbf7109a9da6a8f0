/**
 * Seeding for `npm run bench -- api`: a large organisation written straight
 * into the store's tables through Kysely (the store's own `connect`, so the
 * schema and migrations are the store's), in big transactions, without
 * screening: generated applications (generate-applications.ts) with a
 * version, a stand-in normalised form and a result whose band follows a
 * realistic mix (about 90 % clear, 8 % review, 2 % hold). Resumable: a run
 * continues from the rows already there, so a seeded file is reused.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { connect } from '../src/store/connect.js';
import { contentHash } from '../src/store/content-hash.js';
import type { HirewatchDatabase, ScreeningResultsTable } from '../src/store/database-schema.js';
import type { ScreeningProvenance, StoreTarget } from '../src/store/index.js';
import { generateApplication } from './generate-applications.js';

export const SEED_ORG = 'bench';
const TRANSACTION_ROWS = 20_000;
const STATEMENT_ROWS = 500;

export interface SeedReport {
  readonly rows: number;
  /** Rows already there when the run started (reused). */
  readonly reused: number;
  readonly seconds: number;
}

function bandOf(i: number): { score: number; band: 'clear' | 'review' | 'hold'; signals: string } {
  const h = (Math.imul(i, 2654435761) >>> 0) % 100;
  if (h < 90) return { score: h % 15, band: 'clear', signals: '[]' };
  const signal = JSON.stringify([{ id: 'contact.phone_plus1_format', family: 'contact', weight: 0.35, evidence: "US number written as '+1 (512) 555-0143'" }]);
  if (h < 98) return { score: 15 + (h % 45), band: 'review', signals: signal };
  return { score: 60 + (h % 40), band: 'hold', signals: signal };
}

async function countRows(db: Kysely<HirewatchDatabase>): Promise<number> {
  const row = await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', SEED_ORG).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function insertSlices<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS) await write(rows.slice(i, i + STATEMENT_ROWS));
}

async function seedRange(db: Kysely<HirewatchDatabase>, from: number, to: number, provenance: ScreeningProvenance): Promise<void> {
  const at = '2025-12-01T00:00:00.000Z';
  const apps: Insertable<HirewatchDatabase['applications']>[] = [];
  const versions: Insertable<HirewatchDatabase['application_versions']>[] = [];
  const normalised: Insertable<HirewatchDatabase['normalised_applications']>[] = [];
  const results: Insertable<ScreeningResultsTable>[] = [];
  for (let i = from; i < to; i++) {
    const record = generateApplication(i);
    const source = String(record.source);
    const id = String(record.id);
    const raw = JSON.stringify(record);
    const band = bandOf(i);
    const key = { org_id: SEED_ORG, source, application_id: id };
    apps.push({ ...key, full_name: String((record.applicant as { fullName: string }).fullName), submitted_at: String(record.submittedAt), latest_version: 1, latest_result_no: 1, first_received_at: at, last_received_at: at });
    versions.push({ ...key, version: 1, content_hash: contentHash(record), raw_json: raw, received_at: at });
    normalised.push({ ...key, version: 1, normalised_json: raw });
    results.push({
      ...key, version: 1, result_no: 1, screened_at: at, score: band.score, band: band.band, log_odds: -3, signals_json: band.signals,
      skipped_json: null, cluster_id: null, cluster_size: null,
      catalogue_version: provenance.catalogueVersion, scoring_version: provenance.scoringVersion,
      reference_version: provenance.referenceVersion, reference_versions_json: JSON.stringify(provenance.referenceDatasets),
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertSlices(apps, (part) => trx.insertInto('applications').values(part).execute());
    await insertSlices(versions, (part) => trx.insertInto('application_versions').values(part).execute());
    await insertSlices(normalised, (part) => trx.insertInto('normalised_applications').values(part).execute());
    await insertSlices(results, (part) => trx.insertInto('screening_results').values(part).execute());
  });
}

/** Bring the organisation SEED_ORG up to `rows` applications. */
export async function seedApplications(
  target: StoreTarget, rows: number, provenance: ScreeningProvenance,
  options: { schema?: string; onProgress?: (done: number) => void } = {},
): Promise<SeedReport> {
  const started = performance.now();
  const { db } = await connect(target, options.schema ? { schema: options.schema } : {});
  try {
    // A large page cache for the bulk load only (this connection; the server opens its own).
    if (target.engine === 'sqlite') await sql`pragma cache_size = -524288`.execute(db);
    const reused = await countRows(db);
    for (let from = reused; from < rows; from += TRANSACTION_ROWS) {
      const to = Math.min(rows, from + TRANSACTION_ROWS);
      await seedRange(db, from, to, provenance);
      options.onProgress?.(to);
    }
    // Planner statistics, as a database that has been in use has them: right after a bulk load
    // PostgreSQL still believes the tables hold a few hundred rows (until autovacuum gets to
    // them) and joins a page by hashing every row, 1-2 s a page instead of under 1 ms.
    await (target.engine === 'sqlite' ? sql`analyze` : sql`analyze applications, screening_results, application_versions`).execute(db);
    return { rows: Math.max(rows, reused), reused, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.destroy();
  }
}
