/**
 * `npm run bench -- load [SECONDS] [ROWS]`: the server under load (issue 16).
 * autocannon drives `hirewatch serve`'s server (buildServer in a child
 * process, 127.0.0.1, an ephemeral port) for SECONDS (default 30) at 50
 * connections against a read (GET /applications/:id), a list (GET
 * /results?limit=50) and a write (POST /applications, a new application per
 * request), on SQLite and on PostgreSQL (when reachable), with ROWS stored
 * applications (default 100,000; seeded once by api-seed.ts and reused).
 * Each route is warmed up for 3 s first. Reports requests/s, p50, p99, max,
 * non-2xx answers and errors, and the server's resident memory and live
 * heap (after a full collection) before the runs and after each. Goal: no 5xx; list p99 < 100 ms and write p99 < 250 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildScreenContext } from '../src/service/index.js';
import { buildServer } from '../src/server/app.js';
import { parseServerConfig } from '../src/server/config.js';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { openStore, parseStoreTarget, screeningProvenance } from '../src/store/index.js';
import { SEED_ORG, seedApplications } from './api-seed.js';
import { generateApplication } from './generate-applications.js';

const SECONDS = Number(process.argv[3] ?? 30);
const ROWS = Number(process.argv[4] ?? 100_000);
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;
const SQLITE_FILE = process.env.HIREWATCH_BENCH_LOAD_DB ?? `/tmp/hirewatch-bench-load-${ROWS}.db`;
const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `hw_bench_load_${ROWS}`;

// ---------------------------------------------------------------- server (child process)

async function serve(target: string, schema: string | undefined): Promise<void> {
  const store = await openStore(target, { org: SEED_ORG, walCheckpoint: 'background', ...(schema ? { schema } : {}) });
  const { secret } = await store.admin.apiKeys.create('analyst', 'bench load');
  const app = await buildServer({
    store,
    config: parseServerConfig({ rateLimit: { max: 1_000_000_000, windowMs: 60_000 } }),
    screenContext: buildScreenContext(DEFAULT_SCORING),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ address, key: secret })}\n`);
  // Memory is read after a full collection (the child runs with --expose-gc): what the server keeps, not garbage not yet collected.
  process.on('message', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed });
  });
  process.once('SIGTERM', () => void app.close().then(() => store.close()).then(() => process.exit(0)));
}

// ---------------------------------------------------------------- client

interface RouteFigures { perSec: number; p50Ms: number; p99Ms: number; maxMs: number; non2xx: number; errors: number; rssMiB: number; heapMiB: number }

function startServer(target: string, schema?: string): Promise<{ child: ChildProcess; address: string; key: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', target, ...(schema ? [schema] : [])], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, ...(JSON.parse(line) as { address: string; key: string }) });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

interface Memory { rssMiB: number; heapMiB: number }

/** The server's resident memory and live heap, after a full collection, in MiB. */
const memoryOf = (child: ChildProcess): Promise<Memory> =>
  new Promise((resolve) => {
    child.once('message', (m) => {
      const { rss, heapUsed } = m as { rss: number; heapUsed: number };
      resolve({ rssMiB: Math.round(rss / 2 ** 20), heapMiB: Math.round(heapUsed / 2 ** 20) });
    });
    child.send('memory');
  });

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measureEngine(label: string, target: string, schema?: string): Promise<Record<string, unknown>> {
  const { child, address, key } = await startServer(target, schema);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const runId = Date.now().toString(36);
  let written = 0;
  const routes: Record<string, (seconds: number) => autocannon.Options> = {
    read: (duration) => ({ url: `${address}/api/v1/applications/gen-${ROWS >> 1}`, connections: CONNECTIONS, duration, headers }),
    list: (duration) => ({ url: `${address}/api/v1/results?limit=50`, connections: CONNECTIONS, duration, headers }),
    write: (duration) => ({
      url: `${address}/api/v1/applications`, method: 'POST', connections: CONNECTIONS, duration, headers,
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...generateApplication(ROWS + written), id: `load-${runId}-${written++}` }) }) }],
    }),
  };
  const figures: Record<string, unknown> = {};
  try {
    const before = await memoryOf(child);
    for (const [name, options] of Object.entries(routes)) {
      await cannon(options(WARM_UP_SECONDS));
      const r = await cannon(options(SECONDS));
      const memory = await memoryOf(child);
      const f: RouteFigures = { perSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, non2xx: r.non2xx, errors: r.errors + r.timeouts, ...memory };
      figures[name] = f;
      console.log(`${label} ${name}: ${f.perSec} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms, non-2xx ${f.non2xx}, errors ${f.errors}; then ${memory.rssMiB} MiB resident, ${memory.heapMiB} MiB live heap`);
    }
    console.log(`${label}: server memory ${before.rssMiB} MiB resident (${before.heapMiB} MiB live heap) before the runs; after each run as above (the write run adds every application it writes to the organisation's linkage index)`);
    return { ...figures, rssBeforeMiB: before.rssMiB, heapBeforeMiB: before.heapMiB };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(): Promise<void> {
  const provenance = screeningProvenance(DEFAULT_SCORING);
  const loadBefore = loadavg()[0]!.toFixed(2);
  console.log(`${SECONDS} s per route at ${CONNECTIONS} connections, ${ROWS.toLocaleString('en-US')} stored applications; load average ${loadBefore}`);
  await seedApplications(parseStoreTarget(SQLITE_FILE), ROWS, provenance);
  const sqlite = await measureEngine('sqlite', SQLITE_FILE);
  let postgres: Record<string, unknown> = { skipped: 'PostgreSQL not reachable' };
  if (await postgresReachable(PG_URL)) {
    await seedApplications(parseStoreTarget(PG_URL), ROWS, provenance, { schema: PG_SCHEMA });
    postgres = await measureEngine('postgres', PG_URL, PG_SCHEMA);
  }
  console.log(JSON.stringify({ bench: 'load', seconds: SECONDS, connections: CONNECTIONS, rows: ROWS, sqlite, postgres, loadAvgBefore: Number(loadBefore), loadAvgAfter: Number(loadavg()[0]!.toFixed(2)) }));
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1]!, process.argv[serveAt + 2]);
else await run();
