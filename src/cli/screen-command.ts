import { closeSync, createWriteStream, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { ColumnMappingSchema } from '../parse/csv-layout.js';
import { locationText } from '../parse/record-error.js';
import type { InputFormat } from '../parse/read-input.js';
import { describeIssues } from '../parse/record-error.js';
import type { Application } from '../parse/application-schema.js';
import { Screening, type DetectPool, type Screened } from '../service/index.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, describeStoreTarget, resolveStoreTarget, screeningProvenance, type HirewatchStore, type StoreTarget } from '../store/index.js';
import { CliFailure, EXIT, readNamedFile, requireFile, say } from './cli-errors.js';
import { openNamedStore, parseOrg } from './cli-store.js';
import { forStdout } from './terminal-text.js';
import { RingNotice } from './ring-notice.js';
import { csvWriter } from './formats/csv.js';
import { htmlWriter } from './formats/html.js';
import { packageVersion } from './package-version.js';
import { fileProgress } from './progress.js';
import { jsonlWriter } from './formats/jsonl.js';
import { tableWriter } from './formats/table.js';
import { OUTPUT_FORMATS, type OutputFormat, type ResultWriter } from './formats/types.js';
import { loadScoringConfig } from './load-config.js';
import type { OutboundSettings } from '../outbound/index.js';
import { addAlertOptions, closeAlertSinks, openAlertSinks } from './alert-options.js';
import { positiveInteger } from './option-parsers.js';
import { screeningInput, workerCount, WORKERS_HELP, type ScreeningInput } from './screen-workers.js';
import { INTEL_KEY_FILE_HELP, intelKeyFrom, unmatchableSharedText } from './key-file.js';

interface ScreenOptions extends OutboundSettings {
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
  /** Threads that parse and detect (default: the number of cores, 1 for a small file); 1 screens on the main thread. */
  workers?: number;
  /** Worker threads already started, kept by the caller across runs (the bench measures throughput without their start); not a command-line option. */
  pool?: DetectPool;
  /** The consortium key's file, for matching keyed shared indicators when storing (--db). */
  intelKeyFile?: string;
}

/** Records per store transaction when screening into a database. */
const STORE_CHUNK = 500;


/** Ids of applications a reviewer held or confirmed: one per line, '#' starts a comment. */
export function readHeldIds(file: string): Set<string> {
  const text = readNamedFile(file, 'the held-ids file', 'give --held a text file of application ids, one per line');
  return new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}

const MAP_EXAMPLE = 'give --map a JSON file such as {"columns": {"Candidate ID": "id"}} (README, Input)';

/** A --map file: CSV headers onto record fields (README), checked with zod; every error names the file. */
export function readColumnMap(file: string): Record<string, string> {
  const text = readNamedFile(file, 'the column map', MAP_EXAMPLE);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliFailure(`the column map ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}): ${MAP_EXAMPLE}`);
  }
  const parsed = ColumnMappingSchema.safeParse(value);
  if (!parsed.success) throw new CliFailure(`the column map ${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** The applications file a command reads: one sentence when it is missing or unreadable. */
export function requireApplicationsFile(file: string, instead = 'give the path of a JSON Lines (.jsonl) or CSV (.csv) file of applications'): void {
  requireFile(file, 'the applications file', instead);
}

function outputProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'its directory does not exist';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'no space left on the device';
  return err instanceof Error ? err.message : String(err);
}

/**
 * The --out file, opened before anything is stored so that an output that
 * cannot be written stops the run with one sentence (not an 'error' event
 * after the screening). Created with mode 0o600: the results are personal data.
 */
function openOutput(out: string): { fd: number; created: boolean } {
  const existed = existsSync(out);
  try {
    return { fd: openSync(out, 'w', 0o600), created: !existed };
  } catch (err) {
    throw new CliFailure(`cannot write ${out}: ${outputProblem(err)}: give --out a file in an existing directory you may write to`);
  }
}

export async function runScreen(file: string, options: ScreenOptions): Promise<number> {
  // Everything named on the command line is checked before anything is stored or created.
  requireApplicationsFile(file);
  const scoring = loadScoringConfig(options.config);
  const held = options.held ? readHeldIds(options.held) : undefined;
  const columnMap = options.map ? readColumnMap(options.map) : undefined;
  const target: StoreTarget | undefined = options.db ? resolveStoreTarget(options.db) : undefined;
  const org = parseOrg(options.org ?? DEFAULT_ORG);
  // Shared indicators live in the store: without --db there are none to match.
  const intelKey = target ? intelKeyFrom(options.intelKeyFile) : undefined;
  // Findings go out only for what is stored (a hold is a result entering hold in the store).
  const sinks = target ? openAlertSinks(options) : undefined;
  const output = options.out ? openOutput(options.out) : undefined;
  const input = screeningInput(workerCount(options.workers, file), scoring, undefined, options.pool);
  const screening = new Screening(input.context, {
    provenance: screeningProvenance(scoring),
    linkage: options.linkage !== false,
    ...(held ? { held } : {}),
    ...(intelKey ? { intelKey } : {}),
  });
  screening.useSink(sinks);
  let store: HirewatchStore | undefined;
  try {
    store = target ? await openNamedStore(target, { org }) : undefined;
  } catch (err) {
    await input.close();
    if (output) {
      closeSync(output.fd);
      if (output.created) unlinkSync(options.out!);
    }
    throw err;
  }
  try {
    return await screenInto(file, options, { screening, scoring, org, columnMap, store, target, output, input });
  } finally {
    await input.close();
    await closeAlertSinks(sinks);
    await store?.close();
  }
}

interface ScreenRun {
  screening: Screening;
  scoring: ReturnType<typeof loadScoringConfig>;
  org: string;
  columnMap: Record<string, string> | undefined;
  store: HirewatchStore | undefined;
  target: StoreTarget | undefined;
  output: { fd: number } | undefined;
  input: ScreeningInput;
}

async function screenInto(file: string, options: ScreenOptions, run: ScreenRun): Promise<number> {
  const { screening, scoring, org, columnMap, store, target, output, input } = run;
  const replayed = store ? await screening.warm(store) : 0;
  if (replayed > 0 && target) say(`linking against ${replayed} applications stored in ${describeStoreTarget(target)}`);
  const unmatchable = store ? unmatchableSharedText((await screening.shared.load(store)).skipped) : undefined;
  if (unmatchable) say(unmatchable);
  // Findings an earlier run stored but was stopped before sending.
  if (store) await screening.sendLeftovers(store);
  const actor = { actor: 'cli', action: 'application.import', detail: { file: basename(file) } };
  let chunk: { record: Application; screened: Screened }[] = [];
  const flush = async (): Promise<void> => {
    if (!store || chunk.length === 0) return;
    await screening.store(store, chunk, actor);
    chunk = [];
  };
  const toFile = output ? createWriteStream(options.out!, { fd: output.fd }) : undefined;
  let writeError: Error | undefined;
  toFile?.on('error', (err) => void (writeError ??= err));
  const emit = (chunk: string): void => {
    // The table makes its own cells safe (and keeps its colours); other formats are data.
    if (!toFile) process.stdout.write(options.format === 'table' ? chunk : forStdout(chunk));
    else if (!writeError) toFile.write(chunk);
  };
  const writers: Record<OutputFormat, () => ResultWriter> = {
    table: () => tableWriter({ colour: !toFile && Boolean(process.stdout.isTTY), width: process.stdout.columns ?? 140 }),
    jsonl: () => jsonlWriter(emit),
    csv: () => csvWriter(emit),
    html: () => htmlWriter({ config: scoring, title: `hirewatch screening: ${basename(file)}`, generatedFrom: basename(file), generatedAt: new Date().toISOString(), version: packageVersion(), provenance: screening.provenance, ...(options.linkage !== false ? { clusterOf: (id: string, source?: string) => screening.clusterOf(org, id, source) } : {}) }),
  };
  const writer = writers[options.format]();

  const size = statSync(file).size;
  const bar = fileProgress('screening', size, options.progress !== false);

  let read = 0;
  let failed = 0;
  const rings = options.linkage !== false ? new RingNotice() : undefined;
  for await (const outcome of input.outcomes(file, {
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    ...(columnMap ? { columnMap } : {}),
    onBytes: (bytes: number) => bar.update(bytes, read + failed),
  })) {
    if (outcome.ok) {
      read++;
      const screened = 'prepared' in outcome ? screening.screenDetected(org, outcome.record, outcome.prepared) : screening.screen(org, outcome.record);
      writer.write({ ok: true, result: screened.result });
      rings?.see(screened.result);
      if (store) {
        chunk.push({ record: outcome.record, screened });
        if (chunk.length >= STORE_CHUNK) await flush();
      }
    } else {
      failed++;
      writer.write(outcome);
      if (options.format !== 'table') say(`${locationText(outcome.location)}: ${outcome.error}`);
    }
  }
  bar.stop(read + failed);
  await flush();
  emit(writer.finish());
  if (toFile) {
    await new Promise<void>((resolve) => toFile.end((err?: Error | null) => {
      if (err) writeError ??= err;
      resolve();
    }));
  }
  if (writeError) throw new CliFailure(`cannot write ${options.out}: ${outputProblem(writeError)}`);
  if (read === 0) {
    say(`no application could be read from ${file}${failed ? ` (${failed} unreadable)` : ''}`);
    return EXIT.failed;
  }
  if (options.out) say(`${read} screened${failed ? `, ${failed} unreadable` : ''}, written to ${options.out}`);
  for (const line of rings?.lines((refs) => screening.clustersWith(org, refs), replayed) ?? []) say(line);
  return EXIT.done;
}

export function registerScreenCommand(program: Command): void {
  const command = program
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
    .addOption(new Option('--db <path|url>', 'keep versions and results and link against earlier runs: an SQLite file or postgres:// URL').default(process.env.DATABASE_URL || DEFAULT_DB_FILE, `DATABASE_URL, else ${DEFAULT_DB_FILE}`))
    .option('--no-db', 'keep nothing: screen the file alone, linked only within itself')
    .option('--org <org>', 'organisation in the database (default "default")')
    .option('--workers <n>', WORKERS_HELP, positiveInteger)
    .option('--intel-key-file <file>', INTEL_KEY_FILE_HELP)
    .option('--held <file>', 'ids of applications a reviewer held or confirmed (one per line): their clusters count as evidence')
    .action(async (file: string, options: ScreenOptions) => {
      process.exitCode = await runScreen(file, options);
    });
  addAlertOptions(command);
}
