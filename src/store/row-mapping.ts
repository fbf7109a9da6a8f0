import type { Insertable, Selectable } from 'kysely';
import type { ScreenResult } from '../score/screen.js';
import type { ScreeningResultsTable } from './database-schema.js';
import { StoredResultSchema, type ScreeningProvenance, type StoredResult } from './store-contract.js';

/** Conversions between table rows and the store's contract shapes, in one place. */

export type ResultRow = Selectable<ScreeningResultsTable>;

export interface ResultKey {
  readonly org: string;
  readonly source: string;
  readonly id: string;
  readonly version: number;
  readonly resultNo: number;
}

export function resultRow(key: ResultKey, result: ScreenResult, provenance: ScreeningProvenance, screenedAt: string): Insertable<ScreeningResultsTable> {
  const signals = result.signals.map((s) => ({
    id: s.id, family: s.family, weight: s.weight, evidence: s.evidence,
    ...(s.uncappedWeight !== undefined ? { uncappedWeight: s.uncappedWeight } : {}),
    // Every signal's strength (1 included), so the weights backtest knows it kept them (src/score/rescore.ts).
    strength: s.strength ?? 1,
  }));
  return {
    org_id: key.org,
    source: key.source,
    application_id: key.id,
    version: key.version,
    result_no: key.resultNo,
    screened_at: screenedAt,
    score: result.score,
    band: result.band,
    log_odds: result.logOdds,
    band_reason: result.bandReason,
    signals_json: JSON.stringify(signals),
    skipped_json: result.skipped?.length ? JSON.stringify(result.skipped) : null,
    cluster_id: result.cluster?.id ?? null,
    cluster_size: result.cluster?.size ?? null,
    catalogue_version: provenance.catalogueVersion,
    scoring_version: provenance.scoringVersion,
    reference_version: provenance.referenceVersion,
    reference_versions_json: JSON.stringify(provenance.referenceDatasets),
  };
}

/** A stored row back to the contract shape (validated: the database is a boundary too). */
export function storedResultOf(row: ResultRow): StoredResult {
  return StoredResultSchema.parse({
    id: row.application_id,
    source: row.source,
    version: Number(row.version),
    resultNo: Number(row.result_no),
    screenedAt: row.screened_at,
    score: Number(row.score),
    band: row.band,
    logOdds: Number(row.log_odds),
    ...(row.band_reason ? { bandReason: row.band_reason } : {}),
    signals: JSON.parse(row.signals_json),
    ...(row.skipped_json ? { skipped: JSON.parse(row.skipped_json) } : {}),
    ...(row.cluster_id ? { cluster: { id: row.cluster_id, size: Number(row.cluster_size ?? 1) } } : {}),
    provenance: {
      catalogueVersion: row.catalogue_version,
      scoringVersion: row.scoring_version,
      referenceVersion: row.reference_version,
      referenceDatasets: JSON.parse(row.reference_versions_json),
    },
  });
}

/** Rows per INSERT statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
export const ROWS_PER_STATEMENT = 100;

export function slices<T>(rows: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The key of an application inside maps: source and id, unambiguous. */
export const applicationKey = (source: string, id: string): string => JSON.stringify([source, id]);

/** Errors a transaction can be retried after: another writer got there first. */
export function isRetryableWriteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === '23505' || code === '40001' || code === '40P01' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
