import { normaliseApplication } from '../normalise/application.js';
import type { ParsedRecord } from '../parse/parse-application.js';
import { parseJsonLine } from '../parse/parse-application.js';
import { inputFormatOf, readApplications, readJsonlLines, type ReadOptions } from '../parse/read-input.js';
import type { RecordError } from '../parse/record-error.js';
import { detectNormalised, type ScreenContext } from '../score/screen.js';
import type { Prepared } from './screening.js';

/**
 * What a detection worker (src/service/detect-worker.ts) is given and gives
 * back: the pure, per-application part of screening (parse, normalise,
 * detect), which needs no other application and so can run on any thread.
 * Linkage and scoring stay with the caller, in input order.
 */

/** One unit of input: a JSON Lines line still as text, or a record the caller parsed already (CSV). */
export type DetectJob =
  | { readonly line: number; readonly file: string; readonly text: string }
  | { readonly parsed: ParsedRecord };

/** A record read, normalised and detected; linked and scored later, by the caller. */
export interface PreparedRecord extends ParsedRecord {
  readonly prepared: Prepared;
}

/** What a job gives: the prepared record, the record's error (naming its line and field), or null for a blank line. */
export type JobResult = PreparedRecord | RecordError | null;

/** Runs one job with the worker's reference data: the same steps, in the same order, as Screening.screen before linkage. */
export function runJob(job: DetectJob, context: ScreenContext): JobResult {
  const outcome = 'parsed' in job ? job.parsed : parseJsonLine(job.text, { file: job.file, line: job.line });
  if (!outcome?.ok) return outcome;
  const normalised = normaliseApplication(outcome.record);
  return { ...outcome, prepared: { normalised, detected: detectNormalised(normalised, context) } };
}

/** The messages between the pool and a worker. */
export type ToWorker = { readonly seq: number; readonly jobs: readonly DetectJob[] };
export type FromWorker =
  | { readonly type: 'ready'; readonly loadMs: number; readonly warnings: readonly string[] }
  | { readonly type: 'done'; readonly seq: number; readonly results: readonly JobResult[] };

/**
 * The jobs of an input file, in order: JSON Lines go as text (the workers
 * parse them); CSV rows are parsed here (the CSV reader keeps state across
 * rows) and a row that cannot be read stays here as its error.
 */
export async function* jobsOf(file: string, options: ReadOptions = {}): AsyncGenerator<DetectJob | RecordError> {
  if ((options.format ?? inputFormatOf(file)) === 'jsonl') {
    for await (const { text, line } of readJsonlLines(file, options)) yield { file, line, text };
    return;
  }
  for await (const outcome of readApplications(file, options)) yield outcome.ok ? { parsed: outcome } : outcome;
}
