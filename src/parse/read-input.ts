import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { defaultLayout } from './csv-layout.js';
import { csvRowToRecord } from './csv-record.js';
import { parseApplication, parseJsonLine, type ParseOutcome } from './parse-application.js';

export type InputFormat = 'jsonl' | 'csv';

export interface ReadOptions {
  readonly format?: InputFormat;
  /** Extra or overriding CSV columns: header -> record path. */
  readonly columnMap?: Record<string, string>;
  /** Called with the number of bytes read so far (for progress bars). */
  readonly onBytes?: (bytes: number) => void;
}

export function inputFormatOf(file: string): InputFormat {
  return /\.csv$/i.test(file) ? 'csv' : 'jsonl';
}

/** Every line of a JSON Lines file as text, with its 1-based number (a byte-order mark removed), not parsed yet. */
export async function* readJsonlLines(file: string, options: Pick<ReadOptions, 'onBytes'> = {}): AsyncGenerator<{ text: string; line: number }> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  if (options.onBytes) stream.on('data', () => options.onBytes!(stream.bytesRead));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    yield { text: line === 1 ? text.replace(/^\uFEFF/, '') : text, line };
  }
}

async function* readJsonl(file: string, options: ReadOptions): AsyncGenerator<ParseOutcome> {
  for await (const { text, line } of readJsonlLines(file, options)) {
    const outcome = parseJsonLine(text, { file, line });
    if (outcome) yield outcome;
  }
}

async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<ParseOutcome> {
  const layout = { ...defaultLayout(), ...options.columnMap };
  const columnOf = new Map(Object.entries(layout).map(([column, path]) => [path.replace(/\[\]$/, ''), column]));
  const describe = (path: string): string => {
    const dotted = path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
    const column = columnOf.get(dotted);
    return column ? `${dotted} (column "${column}")` : dotted;
  };
  const stream = createReadStream(file);
  if (options.onBytes) stream.on('data', () => options.onBytes!(stream.bytesRead));
  const parser = stream.pipe(
    parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, skip_records_with_error: false }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const record = csvRowToRecord(item.record, layout);
      yield parseApplication(record, { file, line: item.info.lines }, describe);
    }
  } catch (err) {
    // A malformed quote ends the CSV parser; report where, keep what was read.
    const reason = err instanceof Error ? err.message : String(err);
    const line = (err as { lines?: number }).lines ?? 0;
    yield { ok: false, location: { file, line }, error: `CSV could not be read past this point (${reason})` };
  }
}

/** Every record of an input file, in order, each parsed or an error naming its line and field. */
export function readApplications(file: string, options: ReadOptions = {}): AsyncGenerator<ParseOutcome> {
  const format = options.format ?? inputFormatOf(file);
  return format === 'csv' ? readCsv(file, options) : readJsonl(file, options);
}
