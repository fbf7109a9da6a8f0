import { Command, Option } from 'commander';
import { nonNegativeNumber, positiveInteger } from './option-parsers.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EnrichedApplication } from '../normalise/application.js';
import { normaliseApplication } from '../normalise/application.js';
import { readApplications } from '../parse/read-input.js';
import type { MonitorReport } from '../monitor/assess.js';
import { forEachLine, ingestFile } from '../monitor/ingest.js';
import { SequencedLines } from '../monitor/sequenced-lines.js';
import { ContentPrefix, contentConsumer, contentConsumerPrefix, matchedLines } from '../monitor/content-prefix.js';
import { buildMonitorReference, Monitoring, sendLeftovers, type AlertCounts } from '../service/index.js';
import { consumeTelemetry, publishTelemetryFile, type NatsTelemetryOptions } from '../stream/nats-telemetry.js';
import { resolveStoreTarget, type HirewatchStore } from '../store/index.js';
import { EXIT, UsageError, requireFile, say } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { loadScoringConfig } from './load-config.js';
import type { OutboundSettings } from '../outbound/index.js';
import { addAlertOptions, closeAlertSinks, openAlertSinks } from './alert-options.js';
import { fileProgress, type FileProgress } from './progress.js';
import { requireApplicationsFile } from './screen-command.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * `hirewatch monitor [FILE] [--applications FILE] [--db PATH|URL] [--nats URL]
 * [--format table|jsonl] [--approved-tools a,b] [--corporate-networks CIDR,...]`:
 * aggregates telemetry per device and day (from a file, or from a NATS
 * JetStream subject into the store) and scores each employee.
 */
interface MonitorOptions extends OutboundSettings {
  applications?: string;
  format: 'table' | 'jsonl';
  approvedTools?: string;
  corporateNetworks?: string;
  config?: string;
  db?: string;
  org?: string;
  nats?: string;
  subject: string;
  stream: string;
  durable: string;
  untilIdle?: number;
  batch: number;
  publish?: boolean;
  /** false with --no-progress */
  progress?: boolean;
}

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function tableOf(report: MonitorReport): string {
  const lines = ['EMPLOYEE    APPLICATION   SCORE  BAND    TOP REASONS'];
  for (const e of report.employees) {
    const top = e.signals[0];
    lines.push(`${terminalSafe(e.employeeId).padEnd(10).slice(0, 10)}  ${terminalSafe(e.applicationId ?? '-').padEnd(12).slice(0, 12)}  ${String(e.score).padStart(5)}  ${e.band.padEnd(6)}  ${top ? `${top.id} (+${top.weight.toFixed(2)}): ${terminalSafe(top.evidence)}` : 'no signal'}`);
    for (const s of e.signals.slice(1)) lines.push(`${''.padEnd(42)}${s.id} (+${s.weight.toFixed(2)}): ${terminalSafe(s.evidence)}`);
  }
  const counts = { clear: 0, review: 0, hold: 0 };
  for (const e of report.employees) counts[e.band]++;
  lines.push('', `${report.employees.length} employees: ${counts.hold} hold, ${counts.review} review, ${counts.clear} clear`);
  for (const d of report.unassignedDevices) lines.push(`device ${terminalSafe(d.deviceId)}: ${d.events} events on ${d.days} day(s), tied to no employee`);
  return `${lines.join('\n')}\n`;
}

const CLI_ACTOR = { actor: 'cli', action: 'telemetry.ingest' } as const;

/**
 * How many lines of `file` were stored before, known by content (never by
 * name): the longest recorded prefix its lines start with (see
 * ContentPrefix). 0 when none: a new file, or one whose content changed.
 */
async function storedLinesOf(file: string, store: HirewatchStore, monitoring: Monitoring): Promise<number> {
  const prefix = new ContentPrefix();
  let recorded: { consumer: string; lines: number }[] = [];
  const wanted = new Set<number>();
  const digestAt = new Map<number, string>();
  await forEachLine(file, async (text) => {
    prefix.add(text);
    if (prefix.lines === 1) {
      recorded = (await monitoring.checkpointsStartingWith(store, contentConsumerPrefix(prefix.anchor!))).map((c) => ({ consumer: c.consumer, lines: c.lastSequence }));
      for (const r of recorded) wanted.add(r.lines);
    }
    if (wanted.has(prefix.lines)) digestAt.set(prefix.lines, prefix.digest());
  });
  return prefix.anchor === undefined ? 0 : matchedLines(recorded, digestAt, prefix.anchor);
}

/**
 * A telemetry file into the store through the monitoring service, `batch`
 * lines at a time. The file is known by its content: each stored batch
 * records the digest of the lines stored so far (checkpoint
 * "content:<first line digest>:<prefix digest>"), so the same content under
 * another name counts nothing twice, a file that grew adds only its new
 * lines, and a file whose content changed under the same name (a rotated
 * log, a daily export) is read from its first line. A crash loses at most
 * the batch in flight.
 */
async function ingestFileIntoStore(file: string, store: HirewatchStore, monitoring: Monitoring, batch: number, bar: FileProgress): Promise<{ folded: number; skipped: number; errors: number; alerts: AlertCounts }> {
  const lines = new SequencedLines(await storedLinesOf(file, store, monitoring));
  const prefix = new ContentPrefix();
  const totals = { folded: 0, skipped: 0, errors: 0, alerts: { new: 0, again: 0, suppressed: 0 } };
  const storeBatch = async (): Promise<void> => {
    const { events, lastSequence } = lines.batch();
    if (lastSequence === 0 && events.length === 0) return;
    const consumer = contentConsumer(prefix.anchor!, prefix.digest());
    const outcome = await monitoring.ingest(store, events, { actor: { ...CLI_ACTOR, detail: { file: resolve(file) } }, checkpoint: { consumer, lastSequence } });
    lines.stored();
    totals.folded += outcome.accepted;
    for (const k of ['new', 'again', 'suppressed'] as const) totals.alerts[k] += outcome.alerts[k];
  };
  let sinceStored = 0;
  const read = await forEachLine(file, (text, line) => {
    prefix.add(text);
    const outcome = lines.add(text, line);
    if (outcome.status === 'skipped') totals.skipped++;
    else if (outcome.status === 'error') {
      totals.errors++;
      say(`${file}:${line}: ${outcome.error}`);
    }
    if (outcome.status === 'skipped' || ++sinceStored < batch) return undefined;
    sinceStored = 0;
    return storeBatch();
  }, (bytes, lines) => bar.update(bytes, lines));
  if (lines.pendingEvents > 0 || sinceStored > 0) await storeBatch();
  bar.stop(read);
  return totals;
}

const alertLine = (a: AlertCounts): string => `alerts: ${a.new} new, ${a.again} again after the cool-down, ${a.suppressed} already reported today`;

/** The bar on a terminal while a file of 2 MiB or more is read: lines read, the rate, the time left. */
const progressOf = (file: string, options: MonitorOptions): FileProgress => fileProgress('monitoring', statSync(file).size, options.progress !== false);

/** Where the report comes from: a file alone, a file into the store, a NATS subject into the store, or the store. */
async function reportFor(file: string | undefined, options: MonitorOptions, store: HirewatchStore | undefined, monitoring: Monitoring): Promise<MonitorReport | undefined> {
  if (options.nats && store) {
    const nats: NatsTelemetryOptions = { servers: options.nats, subject: options.subject, stream: options.stream, durable: options.durable };
    const stop = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
    const idle = options.untilIdle === undefined ? undefined : options.untilIdle * 1000;
    const totals = await consumeTelemetry({ ...nats, store, monitoring, signal: stop.signal, batch: options.batch, ...(idle !== undefined ? { idleMs: idle } : {}), onError: (seq, e) => say(`${options.subject} message ${seq}: ${e}`) });
    say(`${totals.folded} events stored from ${options.subject} (up to stream sequence ${totals.lastSequence}; ${totals.skipped} already stored, ${totals.errors} unreadable)`);
    if (totals.alerts.new + totals.alerts.again + totals.alerts.suppressed > 0) say(alertLine(totals.alerts));
    return monitoring.report(store);
  }
  if (file && store) {
    const r = await ingestFileIntoStore(file, store, monitoring, options.batch, progressOf(file, options));
    if (r.folded === 0 && r.skipped === 0) {
      say(`no telemetry event could be read from ${file}${r.errors ? ` (${r.errors} unreadable)` : ''}`);
      return undefined;
    }
    say(`${r.folded} events stored from ${file}${r.skipped ? ` (${r.skipped} lines already stored)` : ''}${r.errors ? `, ${r.errors} unreadable` : ''}`);
    if (r.alerts.new + r.alerts.again + r.alerts.suppressed > 0) say(alertLine(r.alerts));
    return monitoring.report(store);
  }
  if (store) return monitoring.report(store);
  const bar = progressOf(file!, options);
  const ingest = await ingestFile(file!, undefined, (bytes, lines) => bar.update(bytes, lines));
  bar.stop(ingest.lines);
  for (const e of ingest.errors) say(`${file}:${e.line}: ${e.error}`);
  if (ingest.errorCount > ingest.errors.length) say(`${ingest.errorCount - ingest.errors.length} more unreadable lines`);
  if (ingest.accepted === 0) {
    say(`no telemetry event could be read from ${file}`);
    return undefined;
  }
  return monitoring.assess(ingest.aggregate, new Map());
}

export async function runMonitor(file: string | undefined, options: MonitorOptions): Promise<number> {
  // The command line first (exit 2), then every file it names (exit 1), before anything is stored.
  if (options.publish && (!file || !options.nats)) throw new UsageError('--publish needs a telemetry FILE and --nats URL');
  if (!file && !options.nats && !options.db) throw new UsageError('give a telemetry FILE, --nats URL (with --db) or --db to assess what is stored');
  if (file) requireFile(file, 'the telemetry file', 'give a JSON Lines file of telemetry events (docs/RECORDS.md section 2)');
  if (options.org) parseOrg(options.org);
  if (options.applications) requireApplicationsFile(options.applications, "give --applications the employees' applications (JSON Lines or CSV)");
  if (options.publish && file && options.nats) {
    const n = await publishTelemetryFile(file, { servers: options.nats, subject: options.subject, stream: options.stream, durable: options.durable });
    say(`${n} events published to ${options.subject}`);
    return EXIT.done;
  }
  const scoring = loadScoringConfig(options.config);
  // Assessing what is stored only reads: a database that does not exist is not created.
  const target = options.db || options.nats ? (!file && !options.nats ? existingStoreTarget(options.db) : resolveStoreTarget(options.db)) : undefined;
  const monitoring = new Monitoring(
    () => buildMonitorReference({ approvedTools: list(options.approvedTools), corporateNetworks: list(options.corporateNetworks), warn: (m) => say(m.replace(/^hirewatch: /, '')) }),
    scoring,
  );
  // Post-hire alerts go out as they are stored (docs/ALERTS.md).
  const sinks = target ? openAlertSinks(options) : undefined;
  monitoring.useSink(sinks);
  const store = target ? await openNamedStore(target, options.org ? { org: options.org } : {}) : undefined;
  try {
    // Findings an earlier run stored but was stopped before sending.
    if (store) await sendLeftovers(store, sinks);
    let report = await reportFor(file, options, store, monitoring);
    if (!report) return EXIT.failed;
    if (options.applications) {
      // Claimed locations from a file the user gives instead of the stored applications.
      const applications = new Map<string, EnrichedApplication>();
      for await (const outcome of readApplications(options.applications)) if (outcome.ok) applications.set(outcome.record.id, normaliseApplication(outcome.record));
      report = store ? await monitoring.reportWith(store, applications) : await reportWithFile(file!, monitoring, applications);
    }
    if (options.format === 'jsonl') {
      for (const e of report.employees) {
        process.stdout.write(forStdout(`${JSON.stringify({ employeeId: e.employeeId, ...(e.applicationId ? { applicationId: e.applicationId } : {}), score: e.score, band: e.band, signals: e.signals })}\n`));
      }
      for (const d of report.unassignedDevices) say(`device ${d.deviceId} (${d.events} events on ${d.days} day(s)) is tied to no employee`);
    } else {
      process.stdout.write(tableOf(report));
    }
    return EXIT.done;
  } finally {
    await closeAlertSinks(sinks);
    await store?.close();
  }
}

async function reportWithFile(file: string, monitoring: Monitoring, applications: ReadonlyMap<string, EnrichedApplication>): Promise<MonitorReport> {
  return monitoring.assess((await ingestFile(file)).aggregate, applications);
}

export function registerMonitorCommand(program: Command): void {
  const command = program
    .command('monitor')
    .description('aggregate post-hire telemetry per device and day and score each employee (laptop farms, remote control)')
    .argument('[file]', 'telemetry events, JSON Lines (docs/RECORDS.md section 2)')
    .option('-a, --applications <file>', "the employees' applications (JSON Lines or CSV): claimed addresses")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'jsonl']).default('table'))
    .option('--approved-tools <names>', 'remote-access tools the organisation approves, comma-separated (e.g. TeamViewer,ScreenConnect)')
    .option('--corporate-networks <cidrs>', "the organisation's own egress networks, comma-separated CIDRs (never counted as VPN, abroad or a farm)")
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .option('--db <path|url>', 'store aggregates and alerts: an SQLite file or postgres:// URL (default with --nats: ./hirewatch.db or DATABASE_URL)')
    .option('--org <org>', 'organisation in the store (default "default")')
    .option('--nats <url>', 'consume events from a NATS JetStream subject (e.g. nats://127.0.0.1:4222) into the store')
    .option('--subject <subject>', 'NATS subject of the events', 'hirewatch.telemetry')
    .option('--stream <name>', 'JetStream stream holding the subject (created when missing)', 'HIREWATCH_TELEMETRY')
    .option('--durable <name>', 'durable consumer name', 'hirewatch-monitor')
    .option('--batch <n>', 'events stored together (one transaction; with --nats, acknowledged together)', positiveInteger, 1000)
    .option('--until-idle <seconds>', 'with --nats: stop after this many seconds without a message (default: run until interrupted)', nonNegativeNumber)
    .option('--publish', 'with FILE and --nats: publish the file\'s events to the subject instead of reading them')
    .option('--no-progress', 'never show a progress bar (shown on a terminal for files of 2 MiB or more)')
    .action(async (file: string | undefined, options: MonitorOptions) => {
      process.exitCode = await runMonitor(file, options);
    });
  addAlertOptions(command);
}
