import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { positiveInteger } from './option-parsers.js';
import type { InputFormat } from '../parse/read-input.js';
import { locationText } from '../parse/record-error.js';
import { DEFAULT_CHUNK_SIZE, importChunks, Screening, type ImportTotals } from '../service/index.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, describeStoreTarget, resolveStoreTarget, screeningProvenance } from '../store/index.js';
import { EXIT, say } from './cli-errors.js';
import { openNamedStore, parseOrg } from './cli-store.js';
import { loadScoringConfig } from './load-config.js';
import { count } from './plural.js';
import { fileProgress } from './progress.js';
import { terminalSafe } from './terminal-text.js';
import { readColumnMap, requireApplicationsFile } from './screen-command.js';
import type { OutboundSettings } from '../outbound/index.js';
import { addAlertOptions, closeAlertSinks, openAlertSinks } from './alert-options.js';
import { screeningInput, workerCount, WORKERS_HELP } from './screen-workers.js';
import { INTEL_KEY_FILE_HELP, intelKeyFrom, unmatchableSharedText } from './key-file.js';

/**
 * `hirewatch import FILE`: screen every new or changed application and keep
 * it (version as received, normalised form, result) in the database, one
 * transaction per chunk. Running it again after a crash completes the import
 * without duplicating anything.
 */
interface ImportCommandOptions extends OutboundSettings {
  db?: string;
  org: string;
  chunk: number;
  map?: string;
  inputFormat?: InputFormat;
  config?: string;
  json: boolean;
  verbose: boolean;
  linkage: boolean;
  progress: boolean;
  workers?: number;
  intelKeyFile?: string;
}

/** Passes every outcome on, calling `each` for it (the progress bar's record count). */
async function* counted<T>(items: AsyncIterable<T>, each: () => void): AsyncIterable<T> {
  for await (const item of items) {
    each();
    yield item;
  }
}

function summaryText(totals: ImportTotals, seconds: number): string {
  const read = totals.new + totals.changed + totals.unchanged;
  const rate = seconds > 0 ? Math.round(read / seconds) : read;
  return `${totals.new} new, ${totals.changed} changed, ${totals.unchanged} unchanged, ${count(totals.errors, 'error')} `
    + `(${count(totals.chunks, 'chunk')}, ${seconds.toFixed(1)} s, ${rate} records/s)`;
}

export async function runImport(file: string, options: ImportCommandOptions): Promise<number> {
  // Everything named on the command line is checked before the database is opened (or created).
  requireApplicationsFile(file);
  parseOrg(options.org);
  const target = resolveStoreTarget(options.db);
  const scoring = loadScoringConfig(options.config);
  const columnMap = options.map ? readColumnMap(options.map) : undefined;
  const intelKey = intelKeyFrom(options.intelKeyFile);
  const sinks = openAlertSinks(options);
  const input = screeningInput(workerCount(options.workers, file), scoring, (message) => say(message.replace(/^hirewatch: /, '')));
  const screening = new Screening(input.context, { provenance: screeningProvenance(scoring), linkage: options.linkage, ...(intelKey ? { intelKey } : {}) });
  screening.useSink(sinks);
  let store: Awaited<ReturnType<typeof openNamedStore>>;
  try {
    store = await openNamedStore(target, { org: options.org });
  } catch (err) {
    await input.close();
    throw err;
  }
  const started = performance.now();
  const bar = fileProgress('importing', statSync(file).size, options.progress !== false);
  let records = 0;
  let totals: ImportTotals;
  try {
    const replayed = await screening.warm(store);
    if (replayed > 0 && options.verbose) say(`linking against ${replayed} stored applications`);
    const shared = await screening.shared.load(store);
    if (shared.size > 0 && options.verbose) say(`consulting ${shared.size} shared indicators`);
    const unmatchable = unmatchableSharedText(shared.skipped);
    if (unmatchable) say(unmatchable);
    // Findings an earlier run stored but was stopped before sending.
    await screening.sendLeftovers(store);
    totals = await importChunks(
      screening,
      store,
      counted(input.outcomes(file, { ...(options.inputFormat ? { format: options.inputFormat } : {}), ...(columnMap ? { columnMap } : {}), onBytes: (bytes) => bar.update(bytes, records) }), () => records++),
      {
        chunkSize: options.chunk,
        actor: { actor: 'cli', action: 'application.import', detail: { file: basename(file) } },
        onError: (error) => say(`${locationText(error.location)}: ${error.id ? `${error.id}: ` : ''}${error.error}`),
        ...(options.verbose ? { onChunk: (r) => say(`chunk ${r.chunk} committed (${r.records} records: ${r.counts.new} new, ${r.counts.changed} changed, ${r.counts.unchanged} unchanged)`) } : {}),
      },
    );
  } finally {
    bar.stop(records);
    await closeAlertSinks(sinks);
    await input.close();
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ file, db: describeStoreTarget(target), org: options.org, ...totals, seconds: Number(seconds.toFixed(3)) })}\n`);
  } else {
    process.stdout.write(`imported ${terminalSafe(file)} into ${terminalSafe(describeStoreTarget(target))} (org ${options.org}): ${summaryText(totals, seconds)}\n`);
  }
  if (totals.new + totals.changed + totals.unchanged === 0) {
    say(`no application could be read from ${file}${totals.errors ? ` (${totals.errors} unreadable)` : ''}`);
    return EXIT.failed;
  }
  return EXIT.done;
}

export function registerImportCommand(program: Command): void {
  const command = program
    .command('import')
    .description('screen and store applications (JSON Lines or CSV): new and changed records are kept as versions with their results')
    .argument('<file>', 'applications file: .jsonl (docs/RECORDS.md) or .csv (see README for columns)')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE})`)
    .option('--org <org>', 'organisation the applications belong to', DEFAULT_ORG)
    .option('--chunk <n>', 'records per transaction', positiveInteger, DEFAULT_CHUNK_SIZE)
    .option('-m, --map <mapping.json>', 'CSV: map your column headers onto record fields')
    .addOption(new Option('--input-format <format>', 'input format (default: from the file extension)').choices(['jsonl', 'csv']))
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .option('--json', 'print the summary as one JSON object', false)
    .option('--verbose', 'report each committed chunk on standard error', false)
    .option('--no-linkage', 'screen each application alone, without linking it to the stored ones')
    .option('--workers <n>', WORKERS_HELP, positiveInteger)
    .option('--intel-key-file <file>', INTEL_KEY_FILE_HELP)
    .option('--no-progress', 'never show a progress bar (shown on a terminal for files of 2 MiB or more)')
    .action(async (file: string, options: ImportCommandOptions) => {
      process.exitCode = await runImport(file, options);
    });
  addAlertOptions(command);
}
