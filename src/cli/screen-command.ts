import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { ColumnMappingSchema } from '../parse/csv-layout.js';
import { locationText } from '../parse/record-error.js';
import { readApplications, type InputFormat } from '../parse/read-input.js';
import { describeIssues } from '../parse/record-error.js';
import type { Application } from '../parse/application-schema.js';
import { buildScreenContext, Screening, type Screened } from '../service/index.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, describeStoreTarget, openStore, resolveStoreTarget, screeningProvenance, type HirewatchStore } from '../store/index.js';
import { csvWriter } from './formats/csv.js';
import { htmlWriter } from './formats/html.js';
import { jsonlWriter } from './formats/jsonl.js';
import { tableWriter } from './formats/table.js';
import { OUTPUT_FORMATS, type OutputFormat, type ResultWriter } from './formats/types.js';
import { loadScoringConfig } from './load-config.js';

interface ScreenOptions {
  format: OutputFormat;
  out?: string;
  map?: string;
  inputFormat?: InputFormat;
  config?: string;
  progress: boolean;
  /** Link each application to the earlier ones (default true). */
  linkage?: boolean;
  held?: string;
  /**
   * Keep every version and result, and link against what earlier runs stored
   * (SQLite path or postgres:// URL); the command line defaults it to
   * DATABASE_URL or ./hirewatch.db, `--no-db` (false) keeps nothing.
   */
  db?: string | false;
  org?: string;
}

/** Records per store transaction when screening into a database. */
const STORE_CHUNK = 500;

const PROGRESS_MIN_BYTES = 2 * 1024 * 1024;

/** Ids of applications a reviewer held or confirmed: one per line, '#' starts a comment. */
export function readHeldIds(file: string): Set<string> {
  return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}

/** A --map file: CSV headers onto record fields (README), checked with zod. */
export function readColumnMap(file: string): Record<string, string> {
  const parsed = ColumnMappingSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

export async function runScreen(file: string, options: ScreenOptions): Promise<number> {
  if (!existsSync(file)) {
    process.stderr.write(`hirewatch: cannot read ${file}: no such file\n`);
    return 1;
  }
  const scoring = loadScoringConfig(options.config);
  const org = options.org ?? DEFAULT_ORG;
  const screening = new Screening(buildScreenContext(scoring), {
    provenance: screeningProvenance(scoring),
    linkage: options.linkage !== false,
    ...(options.held ? { held: readHeldIds(options.held) } : {}),
  });
  const store: HirewatchStore | undefined = options.db ? await openStore(resolveStoreTarget(options.db), { org }) : undefined;
  const replayed = store ? await screening.warm(store) : 0;
  if (replayed > 0) process.stderr.write(`hirewatch: linking against ${replayed} applications stored in ${describeStoreTarget(resolveStoreTarget(options.db || undefined))}\n`);
  const actor = { actor: 'cli', action: 'application.import', detail: { file: basename(file) } };
  let chunk: { record: Application; screened: Screened }[] = [];
  const flush = async (): Promise<void> => {
    if (!store || chunk.length === 0) return;
    await screening.store(store, chunk, actor);
    chunk = [];
  };
  const toFile = options.out ? createWriteStream(options.out, { mode: 0o600 }) : undefined;
  const emit = (chunk: string): void => void (toFile ? toFile.write(chunk) : process.stdout.write(chunk));
  const writers: Record<OutputFormat, () => ResultWriter> = {
    table: () => tableWriter({ colour: !toFile && Boolean(process.stdout.isTTY), width: process.stdout.columns ?? 140 }),
    jsonl: () => jsonlWriter(emit),
    csv: () => csvWriter(emit),
    html: () => htmlWriter({ config: scoring, title: `hirewatch screening: ${basename(file)}`, generatedFrom: basename(file), ...(options.linkage !== false ? { clusterOf: (id: string, source?: string) => screening.clusterOf(org, id, source) } : {}) }),
  };
  const writer = writers[options.format]();

  const size = statSync(file).size;
  const bar = options.progress && process.stderr.isTTY && size >= PROGRESS_MIN_BYTES
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'screening {bar} {percentage}% | {records} records', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(size, 0, { records: 0 });

  let read = 0;
  let failed = 0;
  const columnMap = options.map ? readColumnMap(options.map) : undefined;
  for await (const outcome of readApplications(file, {
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    ...(columnMap ? { columnMap } : {}),
    ...(bar ? { onBytes: (bytes: number) => bar.update(bytes, { records: read + failed }) } : {}),
  })) {
    if (outcome.ok) {
      read++;
      const screened = screening.screen(org, outcome.record);
      writer.write({ ok: true, result: screened.result });
      if (store) {
        chunk.push({ record: outcome.record, screened });
        if (chunk.length >= STORE_CHUNK) await flush();
      }
    } else {
      failed++;
      writer.write(outcome);
      if (options.format !== 'table') process.stderr.write(`hirewatch: ${locationText(outcome.location)}: ${outcome.error}\n`);
    }
  }
  bar?.stop();
  await flush();
  await store?.close();
  emit(writer.finish());
  if (toFile) await new Promise<void>((resolve, reject) => toFile.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (read === 0) {
    process.stderr.write(`hirewatch: no application could be read from ${file}${failed ? ` (${failed} unreadable)` : ''}\n`);
    return 1;
  }
  if (options.out) process.stderr.write(`hirewatch: ${read} screened${failed ? `, ${failed} unreadable` : ''}, written to ${options.out}\n`);
  return 0;
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('screen applications (JSON Lines or CSV) and explain every flag')
    .argument('<file>', 'applications file: .jsonl (records.md) or .csv (see README for columns)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('-o, --out <file>', 'write output to a file instead of standard output')
    .option('-m, --map <mapping.json>', 'CSV: map your column headers onto record fields')
    .addOption(new Option('--input-format <format>', 'input format (default: from the file extension)').choices(['jsonl', 'csv']))
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .option('--no-progress', 'never show a progress bar')
    .option('--no-linkage', 'screen each application alone, without linking it to the ones before it')
    .option('--db <path|url>', `keep versions and results and link against earlier runs: an SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE})`, process.env.DATABASE_URL || DEFAULT_DB_FILE)
    .option('--no-db', 'keep nothing: screen the file alone, linked only within itself')
    .option('--org <org>', 'organisation in the database (default "default")')
    .option('--held <file>', 'ids of applications a reviewer held or confirmed (one per line): their clusters count as evidence')
    .action(async (file: string, options: ScreenOptions) => {
      process.exitCode = await runScreen(file, options);
    });
}
