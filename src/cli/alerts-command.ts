import type { Command } from 'commander';
import { DEFAULT_DB_FILE, DEFAULT_ORG, type AlertRow } from '../store/index.js';
import { EXIT, say } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { oneOf, positiveInteger } from './option-parsers.js';
import { count } from './plural.js';
import { registerAlertsReplay } from './alert-options.js';
import { formatRows, STORED_FORMATS, type Column, type StoredFormat } from './stored-output.js';

/**
 * `hirewatch alerts list`: the post-hire alerts stored by `monitor --db`,
 * POST /telemetry and the NATS consumer, newest first: one row per subject
 * (the employee's application, else the employee) and signal, with how often
 * it fired and when first and last. Reads only; the database is never created.
 */
interface AlertsOptions {
  readonly db?: string;
  readonly org: string;
  readonly limit: number;
  readonly format: StoredFormat;
}

const COLUMNS: readonly Column<AlertRow>[] = [
  { header: 'subject', value: (a) => `${a.subjectKind} ${a.subjectId}` },
  { header: 'signal', value: (a) => a.signalId },
  { header: 'count', value: (a) => a.count },
  { header: 'first seen', value: (a) => a.firstSeen.slice(0, 16).replace('T', ' ') },
  { header: 'last seen', value: (a) => a.lastSeen.slice(0, 16).replace('T', ' ') },
  { header: 'evidence', value: (a) => a.evidence, width: 70 },
];

export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('read the stored post-hire alerts (no server needed); replay findings kept in the dead-letter file');
  alerts
    .command('list')
    .description('post-hire alerts, newest first')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--limit <n>', 'how many', positiveInteger, 100)
    .option('--format <format>', 'table, jsonl or csv', oneOf(STORED_FORMATS), 'table')
    .action(async (options: AlertsOptions) => {
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const alerts = await store.admin.alerts.list(Math.min(options.limit, 10_000));
        process.stdout.write(formatRows(alerts, COLUMNS, options.format, (a) => a));
        say(count(alerts.length, 'alert'));
        if (alerts.length === 0) process.exitCode = EXIT.failed;
      } finally {
        await store.close();
      }
    });
  registerAlertsReplay(alerts);
}
