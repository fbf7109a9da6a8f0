import { createReadStream } from 'node:fs';
import { createAggregate, fold, type Aggregate } from './aggregate.js';
import { parseEventLine } from './events.js';

/**
 * Telemetry from a JSON Lines file into an aggregate: read in chunks, one
 * event a line, each validated and folded; a bad line becomes an error naming
 * its line and field and the run goes on. Raw events are not kept.
 */
export interface IngestError {
  readonly line: number;
  readonly deviceId?: string;
  readonly error: string;
}

export interface IngestResult {
  readonly aggregate: Aggregate;
  readonly lines: number;
  readonly accepted: number;
  readonly errors: readonly IngestError[];
  /** Errors beyond MAX_ERRORS_KEPT are counted, not kept. */
  readonly errorCount: number;
}

export const MAX_ERRORS_KEPT = 1000;

/** Fold an iterable of lines (tests, in-memory batches). */
export function ingestLines(lines: Iterable<string>, aggregate: Aggregate = createAggregate(), firstLine = 1): IngestResult {
  const errors: IngestError[] = [];
  let n = firstLine - 1;
  let accepted = 0;
  let errorCount = 0;
  for (const text of lines) {
    n++;
    const outcome = parseEventLine(text, n);
    if (!outcome) continue;
    if (outcome.ok) {
      fold(aggregate, outcome.event);
      accepted++;
    } else {
      errorCount++;
      if (errors.length < MAX_ERRORS_KEPT) errors.push({ line: outcome.line, ...(outcome.deviceId ? { deviceId: outcome.deviceId } : {}), error: outcome.error });
    }
  }
  return { aggregate, lines: n - firstLine + 1, accepted, errors, errorCount };
}

/** Stream a file through the validator into an aggregate (optionally resuming one). */
export async function ingestFile(file: string, aggregate: Aggregate = createAggregate()): Promise<IngestResult> {
  const errors: IngestError[] = [];
  let line = 0;
  let accepted = 0;
  let errorCount = 0;
  let rest = '';
  const take = (text: string): void => {
    line++;
    const outcome = parseEventLine(line === 1 ? text.replace(/^\uFEFF/, '') : text, line);
    if (!outcome) return;
    if (outcome.ok) {
      fold(aggregate, outcome.event);
      accepted++;
    } else {
      errorCount++;
      if (errors.length < MAX_ERRORS_KEPT) errors.push({ line: outcome.line, ...(outcome.deviceId ? { deviceId: outcome.deviceId } : {}), error: outcome.error });
    }
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      take(text.slice(start, end));
      start = i + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length) take(rest);
  return { aggregate, lines: line, accepted, errors, errorCount };
}
