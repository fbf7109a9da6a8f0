import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { CASE_STATUSES, type CaseStatus } from '../cases/index.js';
import { Cases } from '../service/index.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, type StoredCase } from '../store/index.js';
import { EXIT, say } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { oneOf, positiveInteger } from './option-parsers.js';
import { count, formatRows, STORED_FORMATS, type Column, type StoredFormat } from './stored-output.js';

/**
 * `hirewatch cases list`: the case queue (docs/CASES.md), highest priority
 * first. `hirewatch cases export --labels FILE`: every decided case's
 * members as labels, one JSON line each ({applicationId, source, caseId,
 * decision, date, signals}: the signals the application had when it was
 * decided), the input of `hirewatch evaluate` and `train`. The file is
 * created with mode 0600 (decisions about people). Reads only.
 */
interface ListOptions {
  readonly db?: string;
  readonly org: string;
  readonly status?: CaseStatus;
  readonly limit: number;
  readonly format: StoredFormat;
}

interface ExportOptions {
  readonly db?: string;
  readonly org: string;
  readonly labels: string;
}

const COLUMNS: readonly Column<StoredCase>[] = [
  { header: 'case', value: (c) => c.id },
  { header: 'status', value: (c) => c.status },
  { header: 'band', value: (c) => c.band },
  { header: 'priority', value: (c) => c.priority },
  { header: 'due', value: (c) => c.dueAt.slice(0, 16).replace('T', ' ') },
  { header: 'subject', value: (c) => `${c.subjectKind} ${c.memberIds.slice(0, 3).join(', ')}${c.memberCount > 3 ? ` +${c.memberCount - 3}` : ''}` },
  { header: 'assignee', value: (c) => c.assignee ?? '' },
  { header: 'decision', value: (c) => c.decision?.outcome ?? (c.pendingDecision ? `${c.pendingDecision.outcome}?` : '') },
];

export function registerCasesCommand(program: Command): void {
  const cases = program.command('cases').description('cases of human verification (no server needed)');
  const db = `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`;
  cases
    .command('list')
    .description('the case queue, highest priority first (default: every case not decided)')
    .option('--db <path|url>', db)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--status <status>', `${CASE_STATUSES.join(', ')}`, oneOf(CASE_STATUSES))
    .option('--limit <n>', 'how many (at most 200)', positiveInteger, 50)
    .option('--format <format>', 'table, jsonl or csv', oneOf(STORED_FORMATS), 'table')
    .action(async (options: ListOptions) => {
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const page = await store.cases.list({ ...(options.status ? { status: options.status } : {}), limit: Math.min(options.limit, 200) });
        process.stdout.write(formatRows(page.cases, COLUMNS, options.format, (c) => c));
        say(`${count(page.cases.length, 'case')} shown of ${page.total}`);
      } finally {
        await store.close();
      }
    });
  cases
    .command('export')
    .description('export decided cases as labels (JSON Lines, mode 0600): application id, decision, date, signals at the time')
    .requiredOption('--labels <file>', 'the labels file to write')
    .option('--db <path|url>', db)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .action(async (options: ExportOptions) => {
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const labels = await new Cases().labels(store);
        const fd = openSync(options.labels, 'w', 0o600);
        try {
          fchmodSync(fd, 0o600);
          for (const l of labels) writeSync(fd, `${JSON.stringify(l)}\n`);
        } finally {
          closeSync(fd);
        }
        say(`${count(labels.length, 'label')} written to ${options.labels}`);
        if (labels.length === 0) process.exitCode = EXIT.failed;
      } finally {
        await store.close();
      }
    });
}
