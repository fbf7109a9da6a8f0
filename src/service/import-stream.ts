import type { Application } from '../parse/application-schema.js';
import type { ParseOutcome } from '../parse/parse-application.js';
import type { RecordError } from '../parse/record-error.js';
import type { HirewatchStore } from '../store/index.js';
import type { Actor } from './audit-entry.js';
import type { PreparedRecord } from './detect-jobs.js';
import type { Prepared, Screening } from './screening.js';

/**
 * A stream of parsed records through the screening service into the store,
 * one transaction per chunk (records, results, links, audit entry): a
 * crash loses at most the chunk in flight, and running the same input again
 * stores what is missing and skips what is there (identical content is a
 * no-op), so nothing is lost or stored twice.
 */
export const DEFAULT_CHUNK_SIZE = 500;

export interface ImportTotals {
  new: number;
  changed: number;
  unchanged: number;
  errors: number;
  chunks: number;
}

export interface ChunkReport {
  /** 1-based number of the chunk just committed. */
  readonly chunk: number;
  readonly records: number;
  /** What this chunk did. */
  readonly counts: Readonly<Pick<ImportTotals, 'new' | 'changed' | 'unchanged'>>;
  readonly totals: Readonly<ImportTotals>;
}

export interface ImportStreamOptions {
  /** Who imports, as the audit log names them. */
  readonly actor: Actor;
  readonly chunkSize?: number;
  /** A record that could not be read (it names its line and field); the import goes on. */
  readonly onError?: (error: RecordError) => void;
  /** After each committed chunk. */
  readonly onChunk?: (report: ChunkReport) => void;
  /** New or changed records from which the planner's statistics are refreshed at the end (default STATISTICS_AFTER). */
  readonly statisticsAfter?: number;
}

/** Records stored by one import from which the planner's statistics are refreshed at its end. */
export const STATISTICS_AFTER = 1000;

/** `outcomes` may come prepared (normalised and detected on worker threads, src/service/detect-pool.ts): those are only linked and scored here. */
export async function importChunks(screening: Screening, store: HirewatchStore, outcomes: AsyncIterable<ParseOutcome | PreparedRecord>, options: ImportStreamOptions): Promise<ImportTotals> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunk size must be a positive integer, not ${chunkSize}`);
  const totals: ImportTotals = { new: 0, changed: 0, unchanged: 0, errors: 0, chunks: 0 };
  const { onError, onChunk } = options;
  let pending: Application[] = [];
  let prepared = new Map<Application, Prepared>();
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    const ready = prepared;
    pending = [];
    prepared = new Map();
    const counts = { new: 0, changed: 0, unchanged: 0 };
    for (const s of await screening.submit(store, batch, options.actor, ready.size ? ready : undefined)) counts[s.outcome.status]++;
    totals.new += counts.new;
    totals.changed += counts.changed;
    totals.unchanged += counts.unchanged;
    totals.chunks++;
    onChunk?.({ chunk: totals.chunks, records: batch.length, counts, totals: { ...totals } });
  };
  for await (const outcome of outcomes) {
    if (!outcome.ok) {
      totals.errors++;
      onError?.(outcome);
      continue;
    }
    pending.push(outcome.record);
    if ('prepared' in outcome) prepared.set(outcome.record, outcome.prepared);
    if (pending.length >= chunkSize) await flush();
  }
  await flush();
  // A large load changes what the planner should do (a fresh PostgreSQL believes its tables
  // nearly empty until autovacuum runs, and pages a list by hashing every row meanwhile).
  if (totals.new + totals.changed >= (options.statisticsAfter ?? STATISTICS_AFTER)) await store.refreshStatistics();
  return totals;
}
