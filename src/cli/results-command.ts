import type { Command } from 'commander';
import type { z } from 'zod';
import { DEFAULT_DB_FILE, DEFAULT_ORG, StoreError, type BandSchema, type HirewatchStore, type ResultSummary } from '../store/index.js';
import { EXIT, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { oneOf, positiveInteger, wholeNumber } from './option-parsers.js';
import { count } from './plural.js';
import { formatRows, STORED_FORMATS, type Column, type StoredFormat } from './stored-output.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * `hirewatch results list|show`: what is stored, read from the database
 * without a server. Reads only: a database that does not exist is not
 * created. `list` pages through the latest results (newest received first,
 * or by score) with the filters of GET /api/v1/results; `show` prints one
 * application's latest result with its evidence, cluster and versions.
 */
interface StoreOptions {
  readonly db?: string;
  readonly org: string;
}
interface ListOptions extends StoreOptions {
  readonly band?: Band[];
  readonly minScore?: number;
  readonly source?: string;
  readonly attention?: boolean;
  readonly order: 'received' | 'score';
  readonly limit: number;
  readonly all?: boolean;
  readonly format: StoredFormat;
}

type Band = z.infer<typeof BandSchema>;
const BANDS: readonly Band[] = ['clear', 'review', 'hold'];
function bandList(value: string): Band[] {
  const bands = value.split(',').map((b) => b.trim()).filter(Boolean);
  const wrong = bands.find((b) => !BANDS.includes(b as Band));
  if (wrong !== undefined || bands.length === 0) throw new UsageError(`--band ${JSON.stringify(value)}: give one or more of ${BANDS.join(', ')}, separated by commas`);
  return bands as Band[];
}

const COLUMNS: readonly Column<ResultSummary>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'source', value: (r) => r.source },
  { header: 'name', value: (r) => r.fullName, width: 28 },
  { header: 'score', value: (r) => r.score },
  { header: 'band', value: (r) => r.band },
  { header: 'received', value: (r) => r.receivedAt.slice(0, 16).replace('T', ' ') },
  { header: 'cluster', value: (r) => (r.cluster ? `${r.cluster.id} (${r.cluster.size})` : '') },
  { header: 'top signal', value: (r) => r.signals[0]?.id ?? '', width: 44 },
];

async function withStore<T>(options: StoreOptions, work: (store: HirewatchStore) => Promise<T>): Promise<T> {
  const org = parseOrg(options.org);
  const store = await openNamedStore(existingStoreTarget(options.db), { org });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function list(options: ListOptions): Promise<void> {
  await withStore(options, async (store) => {
    const rows: ResultSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listResults({
        ...(options.band ? { band: options.band } : {}),
        ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
        ...(options.source !== undefined ? { source: options.source } : {}),
        ...(options.attention ? { attention: true } : {}),
        orderBy: options.order,
        limit: Math.min(options.limit, 1000),
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (options.all && cursor);
    process.stdout.write(formatRows(rows, COLUMNS, options.format, (r) => ({ id: r.id, source: r.source, name: r.fullName, submittedAt: r.submittedAt, receivedAt: r.receivedAt, version: r.version, score: r.score, band: r.band, signals: r.signals, ...(r.cluster ? { cluster: r.cluster } : {}), screenedAt: r.screenedAt })));
    say(`${count(rows.length, 'result')}${cursor && !options.all ? ' (more: --all, or a larger --limit)' : ''}`);
    if (rows.length === 0) process.exitCode = EXIT.failed;
  });
}

async function show(id: string, options: StoreOptions & { source?: string; format: 'table' | 'json' }): Promise<void> {
  await withStore(options, async (store) => {
    let app;
    try {
      app = await store.getApplication(id, options.source);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'ambiguous') throw new UsageError(`${id} is stored under several sources: name one with --source`);
      throw err;
    }
    if (!app) {
      say(`no application ${id}${options.source !== undefined ? ` from ${options.source}` : ''} in organisation ${options.org}`);
      process.exitCode = EXIT.failed;
      return;
    }
    const versions = await store.listVersions({ id: app.id, source: app.source });
    if (options.format === 'json') {
      process.stdout.write(forStdout(`${JSON.stringify({ ...app, versions }, null, 2)}\n`));
      return;
    }
    const r = app.result;
    const out = [
      `${terminalSafe(app.id)} (source ${terminalSafe(app.source || '-')}): ${terminalSafe(app.fullName)}, submitted ${terminalSafe(app.submittedAt)}`,
      `version ${app.version} of ${versions.length}, first received ${app.firstReceivedAt}`,
      r ? `score ${r.score}, ${r.band}, screened ${r.screenedAt}` : 'not screened',
    ];
    for (const s of r?.signals ?? []) out.push(`  ${s.id} (+${s.weight.toFixed(2)}): ${terminalSafe(s.evidence)}`);
    if (app.cluster) out.push(`cluster ${app.cluster.id}: ${app.cluster.members.map((m) => terminalSafe(m.source ? `${m.id} (${m.source})` : m.id)).join(', ')}`);
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

export function registerResultsCommand(program: Command): void {
  const results = program.command('results').description('read the stored results (no server needed)');
  const dbOption = `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`;
  results
    .command('list')
    .description('latest results, newest received first (or by score), with filters')
    .option('--db <path|url>', dbOption)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--band <bands>', 'only these bands, e.g. hold,review', bandList)
    .option('--min-score <n>', 'only scores of at least n', wholeNumber)
    .option('--source <source>', 'only applications from this source')
    .option('--attention', 'only those a person must look at: review or hold, or a member of a case not yet decided (the first of a ring, clear when it arrived)')
    .option('--order <order>', 'received or score', oneOf(['received', 'score'] as const), 'received')
    .option('--limit <n>', 'how many (at most 1000 a page)', positiveInteger, 50)
    .option('--all', 'every page, not only the first')
    .option('--format <format>', 'table, jsonl or csv', oneOf(STORED_FORMATS), 'table')
    .action((options: ListOptions) => list(options));
  results
    .command('show')
    .description("one application's latest result: evidence, cluster, versions")
    .argument('<id>', 'application id')
    .option('--source <source>', 'the source, when the id is stored under several')
    .option('--db <path|url>', dbOption)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--format <format>', 'table or json', oneOf(['table', 'json'] as const), 'table')
    .action((id: string, options: StoreOptions & { source?: string; format: 'table' | 'json' }) => show(id, options));
}
