import { Command } from 'commander';
import { port, wholeNumber } from './option-parsers.js';
import { buildServer } from '../server/app.js';
import { describeServerConfig, serverConfigFromEnv, type ServerConfig } from '../server/config.js';
import { listOrganisations } from '../server/persistence/org-list.js';
import { leverApiFetcher, leverKeysFromEnv } from '../server/webhooks/lever-fetch.js';
import { DEFAULT_DB_FILE, describeStoreTarget, resolveStoreTarget, screeningProvenance } from '../store/index.js';
import { say } from './cli-errors.js';
import { openNamedStore } from './cli-store.js';
import { loadScoringConfig } from './load-config.js';
import type { OutboundSettings } from '../outbound/index.js';
import { addAlertOptions, closeAlertSinks, openAlertSinks } from './alert-options.js';
import { buildLazyScreenContext, warmReference } from '../service/lazy-reference.js';
import { existsSync } from 'node:fs';
import { DEFAULT_ORG } from '../store/index.js';
import { UsageError } from './cli-errors.js';
import { INTEL_REFRESH_HELP, intelKeyFrom } from './key-file.js';
import type { DemoLoad } from './demo.js';

/**
 * `hirewatch serve [--db PATH|URL] [--port N] [--host H]`: the HTTP API
 * (src/server) over the store. Configuration comes from the environment
 * (HIREWATCH_* variables, see src/server/config.ts); flags win over it.
 * Secrets (webhook secrets, Lever API keys) are read from the environment
 * only and never printed.
 */
interface ServeOptions extends OutboundSettings {
  db?: string;
  port?: number;
  host?: string;
  config?: string;
  approvedTools?: string;
  corporateNetworks?: string;
  log: boolean;
  linkageWarmup: number;
  demo: boolean;
  trustProxy: boolean;
  intelKeyFile?: string;
  intelRefresh: number;
}

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export async function runServe(options: ServeOptions): Promise<number> {
  const fromEnv = serverConfigFromEnv(process.env);
  const config: ServerConfig = {
    ...fromEnv,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
  };
  if (options.demo && options.db && existsSync(options.db.replace(/^sqlite:/, ''))) {
    throw new UsageError(`--demo loads the examples into a fresh database, and ${options.db} exists; name a new file, or leave out --db for a temporary one`);
  }
  if (options.demo && options.db && /^postgres(ql)?:\/\//.test(options.db)) {
    throw new UsageError('--demo loads the examples into a fresh SQLite file; leave out --db for a temporary one, or name a new file');
  }
  const intelKey = intelKeyFrom(options.intelKeyFile);
  // The demo's module (the importer, the examples' readers) only when --demo is given.
  const demoModule = options.demo ? await import('./demo.js') : undefined;
  const target = resolveStoreTarget(demoModule ? (options.db ?? demoModule.demoDatabaseFile()) : options.db);
  const scoring = loadScoringConfig(options.config);
  const sinks = openAlertSinks(options);
  const started = performance.now();
  // Reference data is loaded at its first use, and warmed in steps once listening (issue 18, instant start).
  const screenContext = buildLazyScreenContext(scoring, { warn: (m) => say(m.replace(/^hirewatch: /, '')) });
  const store = await openNamedStore(target, { walCheckpoint: 'background' });
  let demo: DemoLoad | undefined;
  if (demoModule) {
    say(`demo: loading the examples into ${describeStoreTarget(target)} (organisation ${DEFAULT_ORG})`);
    demo = await demoModule.loadDemo(store.withOrg(DEFAULT_ORG), screenContext);
  }
  const app = await buildServer({
    store,
    config,
    screenContext,
    provenance: screeningProvenance(scoring),
    monitor: { approvedTools: list(options.approvedTools), corporateNetworks: list(options.corporateNetworks) },
    leverFetcher: leverApiFetcher(leverKeysFromEnv(process.env)),
    ...(options.linkageWarmup > 0 ? { linkageWarmup: { orgs: await listOrganisations(target), perOrg: options.linkageWarmup } } : {}),
    logger: options.log,
    trustProxy: options.trustProxy,
    intel: { ...(intelKey ? { key: intelKey } : {}), orgs: await listOrganisations(target), refreshMs: options.intelRefresh * 1000 },
    ...(sinks ? { findings: sinks } : {}),
    onServicesError: (err) => say(`the API services (screening, linkage warm-up, monitoring) could not be loaded: ${err instanceof Error ? err.message : String(err)}; the next request tries again`),
  });
  const close = async (): Promise<void> => {
    await app.close();
    await closeAlertSinks(sinks);
    await store.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}, closing`);
      void close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  const address = await app.listen({ host: config.host, port: config.port });
  say(`serving ${describeStoreTarget(target)} at ${address}/api/v1 (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  say(`configuration ${JSON.stringify(describeServerConfig(config))}`);
  if (sinks) say(`findings go to ${sinks.targets.map((t) => t.label).join(', ')} (docs/ALERTS.md)`);
  const consoleUrl = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
  say(`console at ${consoleUrl}/`);
  void warmReference(screenContext.detect.reference).then(
    (ms) => say(`reference data loaded (${(ms / 1000).toFixed(1)} s of loading after start)`),
    (err: unknown) => {
      // What used to stop the start (a missing education file): stop, rather than answer every screening with an error.
      say(`reference data could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
      void close().then(() => process.exit(1), () => process.exit(1));
    },
  );
  if (demo) {
    const a = demo.applications;
    process.stdout.write(`\nhirewatch demo: ${a.new + a.changed + a.unchanged} applications and ${demo.telemetryEvents} telemetry events loaded into ${describeStoreTarget(target)}.\n`);
    process.stdout.write(`Open ${consoleUrl}/ and sign in with one of these keys (organisation ${DEFAULT_ORG}; they work as API keys too):\n\n`);
    for (const k of demo.keys) process.stdout.write(`  ${k.label.padEnd(22)} ${k.secret}\n`);
    process.stdout.write(`\nA confirmed-fraud decision needs both analysts (four eyes). Stop with Ctrl-C; the database stays at ${describeStoreTarget(target)}.\n`);
  }
  return 0;
}

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('serve the analyst console (/) and the JSON API (/api/v1): submissions, results, cases, networks, ATS webhooks, telemetry, alerts, audit')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE})`)
    .option('--port <n>', 'TCP port (default: HIREWATCH_PORT, else 8080)', port)
    .option('--host <host>', 'address to listen on (default: HIREWATCH_HOST, else 127.0.0.1)')
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .option('--approved-tools <names>', 'remote-access tools the organisation approves, comma-separated')
    .option('--corporate-networks <cidrs>', "the organisation's own egress networks, comma-separated CIDRs")
    .option('--linkage-warmup <n>', "link new applications to each organisation's N most recent stored ones (0: only those received since start)", wholeNumber, 5000)
    .option('--intel-key-file <file>', 'the consortium key (docs/SHARING.md; default: HIREWATCH_INTEL_KEY_FILE): serve TAXII 2.1 at /taxii2/ and match keyed shared indicators')
    .option('--intel-refresh <seconds>', INTEL_REFRESH_HELP, wholeNumber, 30)
    .option('--log', 'log each request (keys and signatures redacted)', false)
    .option('--demo', 'load the examples into a fresh database (a temporary file unless --db names a new one), create keys for a small team and print them, then serve the console', false)
    .option('--trust-proxy', 'behind a reverse proxy: take the client address and https from X-Forwarded-For/-Proto (rate limits, Secure session cookies)', false)
    .action(async (options: ServeOptions) => {
      process.exitCode = await runServe(options);
    });
  addAlertOptions(command);
}
