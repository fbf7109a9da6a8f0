import { hostname } from 'node:os';
import { Command } from 'commander';
import { buildMonitorReference, buildScreenContext, Monitoring, Screening, sweepLeftovers } from '../service/index.js';
import { DEFAULT_ORG, describeStoreTarget, resolveStoreTarget, screeningProvenance } from '../store/index.js';
import { openLeaseSession } from '../store/lease-session.js';
import { DEFAULT_PREFIX, DEFAULT_STREAM } from '../worker/partitions.js';
import { publishApplications, publishTelemetry } from '../worker/publish.js';
import { runWorker } from '../worker/worker.js';
import { EXIT, say, UsageError } from './cli-errors.js';
import { openNamedStore, parseOrg } from './cli-store.js';
import { locationText } from '../parse/record-error.js';
import { loadScoringConfig } from './load-config.js';
import type { OutboundSettings } from '../outbound/index.js';
import { addAlertOptions, closeAlertSinks, openAlertSinks } from './alert-options.js';
import { positiveInteger, wholeNumber } from './option-parsers.js';
import { requireApplicationsFile } from './screen-command.js';
import { INTEL_KEY_FILE_HELP, INTEL_REFRESH_HELP, intelKeyFrom } from './key-file.js';

/**
 * `hirewatch worker` and `hirewatch publish` (docs/SCALE.md): applications
 * and telemetry enter a JetStream stream partitioned by organisation, and
 * any number of workers consume it into one PostgreSQL database through the
 * screening and monitoring services.
 */
interface StreamOptions {
  nats: string;
  stream: string;
  prefix: string;
  partitions?: number;
}

interface WorkerCommandOptions extends StreamOptions, OutboundSettings {
  db?: string;
  name: string;
  batch: number;
  heartbeat: number;
  config?: string;
  telemetry: boolean;
  intelKeyFile?: string;
  intelRefresh: number;
}

interface PublishCommandOptions extends StreamOptions {
  org: string;
  telemetry: boolean;
}

const layoutOf = (o: StreamOptions) => ({ servers: o.nats, stream: o.stream, prefix: o.prefix, ...(o.partitions ? { partitions: o.partitions } : {}) });

function streamOptions(command: Command): Command {
  return command
    .option('--nats <url>', 'NATS server URL(s), comma-separated', process.env.NATS_URL ?? 'nats://127.0.0.1:4222')
    .option('--stream <name>', 'JetStream stream', DEFAULT_STREAM)
    .option('--prefix <subject>', 'subject prefix: PREFIX.applications.P and PREFIX.telemetry.P', DEFAULT_PREFIX)
    .option('--partitions <n>', 'partitions of a stream created now (an existing stream keeps its own)', positiveInteger);
}

async function runWorkerCommand(options: WorkerCommandOptions): Promise<number> {
  const target = resolveStoreTarget(options.db);
  if (target.engine !== 'postgres') throw new UsageError('hirewatch worker writes to one PostgreSQL database shared by every worker: give --db postgres://...');
  const scoring = loadScoringConfig(options.config);
  const intelKey = intelKeyFrom(options.intelKeyFile);
  const sinks = openAlertSinks(options);
  const context = buildScreenContext(scoring, { warn: (m) => say(m.replace(/^hirewatch: /, '')) });
  const provenance = screeningProvenance(scoring);
  const monitoring = options.telemetry ? new Monitoring(() => buildMonitorReference({ warn: (m) => say(m.replace(/^hirewatch: /, '')) }), scoring) : undefined;
  monitoring?.useSink(sinks);
  const store = await openNamedStore(target, { org: DEFAULT_ORG });
  const leases = await openLeaseSession(target.url);
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  // Findings a stopped worker or server stored but had not sent, now and every minute (a worker's destinations serve every organisation).
  const stopSweeps = sweepLeftovers(store, sinks, { everyOrganisation: true });
  say(`worker ${options.name}: consuming stream ${options.stream} at ${options.nats} into ${describeStoreTarget(target)}`);
  try {
    const totals = await runWorker({
      layout: layoutOf(options), store, leases, name: options.name, batch: options.batch, heartbeatMs: options.heartbeat, signal: stop.signal,
      newScreening: () => {
        const screening = new Screening(context, { provenance, ...(intelKey ? { intelKey } : {}), ...(options.intelRefresh > 0 ? { sharedRefreshMs: options.intelRefresh * 1000 } : {}) });
        screening.useSink(sinks);
        return screening;
      },
      ...(monitoring ? { monitoring } : {}),
      log: say,
    });
    process.stdout.write(`${JSON.stringify({ worker: options.name, ...totals })}\n`);
    return EXIT.done;
  } catch (err) {
    // The lease session is gone (or the stream): another worker may own these partitions now. Stop without finishing anything.
    say(err instanceof Error ? err.message : String(err));
    process.exit(EXIT.failed);
  } finally {
    await stopSweeps();
    await leases.close().catch(() => undefined);
    await closeAlertSinks(sinks);
    await store.close();
  }
}

async function runPublishCommand(file: string, options: PublishCommandOptions): Promise<number> {
  const org = parseOrg(options.org);
  if (!options.telemetry) requireApplicationsFile(file);
  const o = { layout: layoutOf(options), org, onError: (e: { location: { file?: string; line: number }; id?: string; error: string }) => say(`${locationText(e.location)}: ${e.id ? `${e.id}: ` : ''}${e.error}`) };
  const sent = options.telemetry ? await publishTelemetry(file, o) : await publishApplications(file, o);
  say(`${sent.published} ${options.telemetry ? 'events' : 'applications'} of ${org} published to ${sent.subject}${sent.duplicates ? ` (${sent.duplicates} already on the stream)` : ''}${sent.errors ? `, ${sent.errors} unreadable` : ''}`);
  return sent.published + sent.duplicates > 0 ? EXIT.done : EXIT.failed;
}

export function registerWorkerCommands(program: Command): void {
  addAlertOptions(streamOptions(program
    .command('worker')
    .description('consume applications and telemetry from NATS JetStream, partitioned by organisation, into PostgreSQL (run any number)')
    .option('--db <url>', 'the PostgreSQL database every worker writes to (default: DATABASE_URL)')
    .option('--name <name>', 'this worker in logs and the audit log', `${hostname()}-${process.pid}`)
    .option('--batch <n>', 'messages per fetch', positiveInteger, 500)
    .option('--heartbeat <ms>', 'between looks at the partition leases', positiveInteger, 1000)
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .option('--intel-key-file <file>', INTEL_KEY_FILE_HELP)
    .option('--intel-refresh <seconds>', INTEL_REFRESH_HELP, wholeNumber, 30)
    .option('--no-telemetry', 'consume applications only')))
    .action(async (options: WorkerCommandOptions) => {
      process.exitCode = await runWorkerCommand(options);
    });
  streamOptions(program
    .command('publish')
    .description("put an organisation's applications (or, with --telemetry, telemetry events) onto the NATS JetStream stream the workers consume")
    .argument('<file>', 'applications (.jsonl or .csv), or telemetry events (.jsonl) with --telemetry')
    .option('--org <org>', 'organisation the records belong to', DEFAULT_ORG)
    .option('--telemetry', 'the file holds telemetry events', false))
    .action(async (file: string, options: PublishCommandOptions) => {
      process.exitCode = await runPublishCommand(file, options);
    });
}
