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

/** Validates and folds lines into an aggregate, counting what it accepts and keeping the first errors. */
class Tally {
  readonly errors: IngestError[] = [];
  accepted = 0;
  errorCount = 0;
  lines = 0;

  constructor(readonly aggregate: Aggregate) {}

  take(text: string, line: number): void {
    this.lines++;
    const outcome = parseEventLine(text, line);
    if (!outcome) return;
    if (outcome.ok) {
      fold(this.aggregate, outcome.event);
      this.accepted++;
    } else {
      this.errorCount++;
      if (this.errors.length < MAX_ERRORS_KEPT) this.errors.push({ line: outcome.line, ...(outcome.deviceId ? { deviceId: outcome.deviceId } : {}), error: outcome.error });
    }
  }

  result(): IngestResult {
    return { aggregate: this.aggregate, lines: this.lines, accepted: this.accepted, errors: this.errors, errorCount: this.errorCount };
  }
}

/** Fold an iterable of lines (tests, in-memory batches). */
export function ingestLines(lines: Iterable<string>, aggregate: Aggregate = createAggregate(), firstLine = 1): IngestResult {
  const tally = new Tally(aggregate);
  let n = firstLine;
  for (const text of lines) tally.take(text, n++);
  return tally.result();
}

/**
 * Each line of a file, numbered from 1, without its line ending or a leading
 * byte-order mark, read in 1 MB chunks. A callback that returns a promise is
 * awaited before the next line (the plain, synchronous case costs no promise).
 * `onBytes` hears how many bytes of the file are read, and lines taken, after
 * each chunk (a progress bar's position).
 */
export async function forEachLine(
  file: string,
  onLine: (text: string, line: number) => void | Promise<void>,
  onBytes?: (bytes: number, lines: number) => void,
): Promise<number> {
  let line = 0;
  let rest = '';
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      line++;
      const pending = onLine(line === 1 ? text.slice(start, end).replace(/^\uFEFF/, '') : text.slice(start, end), line);
      if (pending) await pending;
      start = i + 1;
    }
    rest = text.slice(start);
    onBytes?.(stream.bytesRead, line);
  }
  if (rest.length) {
    line++;
    const pending = onLine(line === 1 ? rest.replace(/^\uFEFF/, '') : rest, line);
    if (pending) await pending;
  }
  return line;
}

/** Stream a file through the validator into an aggregate (optionally resuming one). */
export async function ingestFile(file: string, aggregate: Aggregate = createAggregate(), onBytes?: (bytes: number, lines: number) => void): Promise<IngestResult> {
  const tally = new Tally(aggregate);
  await forEachLine(file, (text, line) => tally.take(text, line), onBytes);
  return tally.result();
}
