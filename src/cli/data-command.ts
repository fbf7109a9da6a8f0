import { Argument, Command } from 'commander';
import pc from 'picocolors';
import { dataDir } from '../reference/data-dir.js';
import { datasetStatus, STALE_AFTER_DAYS } from '../reference/data-status.js';
import { disposableDomainsVersion, loadDisposableMailDomains } from '../reference/disposable-domains.js';
import { readManifest } from '../reference/manifest.js';
import { UPDATERS, updateDataset } from '../reference/update-dataset.js';

/** `hirewatch data status` and `hirewatch data update [NAME]`. */
function printStatus(json: boolean): number {
  const dir = dataDir();
  const rows = datasetStatus(readManifest(dir), new Date());
  const disposable = { name: 'disposable-email-domains', version: disposableDomainsVersion(), records: loadDisposableMailDomains().size };
  if (json) {
    process.stdout.write(`${JSON.stringify({ dataDir: dir, datasets: rows, packages: [disposable] })}\n`);
    return 0;
  }
  const colour = Boolean(process.stdout.isTTY);
  const warn = (s: string): string => (colour ? pc.yellow(s) : s);
  process.stdout.write(`reference data in ${dir}\n\n`);
  process.stdout.write(`${'DATASET'.padEnd(26)} ${'AS OF'.padEnd(10)} ${'RETRIEVED'.padEnd(10)} ${'RECORDS'.padStart(8)}  STATUS\n`);
  for (const r of rows) {
    const status = r.stale
      ? warn(`older than ${STALE_AFTER_DAYS} days (${r.ageDays} d)${r.updater ? `: run hirewatch data update ${r.name}` : ': no automatic update, see data/SOURCES.md'}`)
      : `current (${r.ageDays} d)`;
    process.stdout.write(`${r.name.padEnd(26)} ${r.asOf.padEnd(10)} ${r.retrieved.padEnd(10)} ${String(r.records).padStart(8)}  ${status}\n`);
  }
  process.stdout.write(`${disposable.name.padEnd(26)} ${'npm'.padEnd(10)} ${disposable.version.replace(/^.*@/, '').padEnd(10)} ${String(disposable.records).padStart(8)}  from the npm package; refresh with npm update\n`);
  const stale = rows.filter((r) => r.stale).length;
  if (stale) process.stderr.write(warn(`\nwarning: ${stale} dataset(s) older than ${STALE_AFTER_DAYS} days\n`));
  return 0;
}

export function registerDataCommand(program: Command): void {
  const data = program.command('data').description('reference data: what is loaded, how old it is, and refreshing it');
  data
    .command('status')
    .description('list each dataset with its date and record count; warn when one is older than 30 days')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) => {
      process.exitCode = printStatus(Boolean(options.json));
    });
  data
    .command('update')
    .description('download a dataset from its official publisher, verify it and swap it in atomically')
    .addArgument(new Argument('[name]', 'dataset to refresh').choices(Object.keys(UPDATERS)).default('ofac-sdn'))
    .option('--from <dir-or-url>', "fetch from this folder or URL instead of the publisher's")
    .option('--as-of <date>', 'the date the new files describe (default: today)')
    .option('--force', 'accept a list much smaller than the one in use')
    .action(async (name: string, options: { from?: string; asOf?: string; force?: boolean }) => {
      const today = new Date().toISOString().slice(0, 10);
      const result = await updateDataset(dataDir(), name, { ...options, today });
      process.stdout.write(`${result.name}: ${result.records} records (was ${result.previousRecords ?? 0}); files ${result.files.join(', ')} swapped in\n`);
      // The watchlist index is built again now, so the next run reads a fresh snapshot (issue 18, instant start).
      const { loadWatchlists } = await import('../reference/watchlists.js');
      const rebuilt = loadWatchlists(dataDir(), { rebuild: true });
      process.stdout.write(`watchlist index: ${rebuilt.stats.names} names indexed in ${rebuilt.stats.loadMs} ms; ${rebuilt.stats.saved ? 'snapshot saved' : 'no snapshot saved (the cache folder cannot be written, or HIREWATCH_CACHE_DIR=off)'}\n`);
    });
}
