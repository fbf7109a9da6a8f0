/**
 * `npm run bench -- api`: latency of single submissions through the HTTP
 * API with a large organisation already stored.
 *
 * 1. Seed 1,000,000 applications into an SQLite file (HIREWATCH_BENCH_API_DB,
 *    default /tmp/hirewatch-bench-api.db; reused when it holds them).
 * 2. Start `buildServer` in a child process on 127.0.0.1 (ephemeral port).
 * 3. A client on loopback (fetch, keep-alive, sequential) submits new
 *    applications (generateApplication with a varied resume, as in the
 *    linkage benchmark): warm-up, then the measured requests; p50/p95/p99, req/s.
 * 4. The same against PostgreSQL when reachable (TEST_DATABASE_URL,
 *    DATABASE_URL or 127.0.0.1:5432/test), seeded with fewer rows
 *    (HIREWATCH_BENCH_API_PG_ROWS, default 200,000), printed side by side.
 *
 * Goal (issue 6): SQLite p50 < 5 ms, p99 < 25 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildScreenContext } from '../src/service/index.js';
import { buildServer } from '../src/server/app.js';
import { parseServerConfig } from '../src/server/config.js';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { openStore, parseStoreTarget, screeningProvenance } from '../src/store/index.js';
import { SEED_ORG, seedApplications } from './api-seed.js';
import { generateApplication } from './generate-applications.js';
import { prng } from '../test/helpers/prng.js';
import { variedResume } from './generate-rings.js';

const SQLITE_FILE = process.env.HIREWATCH_BENCH_API_DB ?? '/tmp/hirewatch-bench-api.db';
const SQLITE_ROWS = Number(process.env.HIREWATCH_BENCH_API_ROWS ?? 1_000_000);
const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_ROWS = Number(process.env.HIREWATCH_BENCH_API_PG_ROWS ?? 200_000);
const PG_SCHEMA = 'hw_bench_api';
const WARMUP = Number(process.env.HIREWATCH_BENCH_API_WARMUP ?? 500);
const REQUESTS = Number(process.env.HIREWATCH_BENCH_API_REQUESTS ?? 3000);

// ---------------------------------------------------------------- server mode (child process)

async function serve(target: string, schema: string | undefined): Promise<void> {
  const context = buildScreenContext(DEFAULT_SCORING);
  const store = await openStore(target, { org: SEED_ORG, ...(schema ? { schema } : {}) });
  const { secret } = await store.admin.apiKeys.create('recruiter', 'bench api');
  const app = await buildServer({ store, config: parseServerConfig({ rateLimit: { max: 1_000_000_000, windowMs: 60_000 } }), screenContext: context });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ address, key: secret })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => store.close()).then(() => process.exit(0)));
}

// ---------------------------------------------------------------- client mode

interface Figures { stored: number; reused: boolean; seedSeconds: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; perSec: number; errors: number }

function startServer(target: string, schema?: string): Promise<{ child: ChildProcess; address: string; key: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', target, ...(schema ? [schema] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
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

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number, d = 2): number => Number(n.toFixed(d));

async function measure(label: string, target: string, stored: { rows: number; reused: number; seconds: number }, schema?: string): Promise<Figures> {
  const { child, address, key } = await startServer(target, schema);
  const runId = Date.now().toString(36);
  const url = `${address}/api/v1/applications`;
  let errors = 0;
  // generateApplication's resume is one template (every pair a near-duplicate once names are
  // ignored, so linkage would join everything into one cluster): a varied resume per record, as
  // the linkage benchmark does (generate-rings.ts).
  const rand = prng(42);
  const submit = async (k: number): Promise<number> => {
    const record = { ...generateApplication(SQLITE_ROWS + k), id: `api-${runId}-${k}`, resumeText: variedResume(rand) };
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(record) });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 201) errors++; // each is a new application
    return ms;
  };
  try {
    for (let k = 0; k < WARMUP; k++) await submit(k);
    const latencies: number[] = [];
    const started = performance.now();
    for (let k = WARMUP; k < WARMUP + REQUESTS; k++) latencies.push(await submit(k));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const f: Figures = {
      stored: stored.rows, reused: stored.reused >= stored.rows, seedSeconds: round(stored.seconds, 1),
      p50Ms: round(quantile(latencies, 0.5)), p95Ms: round(quantile(latencies, 0.95)), p99Ms: round(quantile(latencies, 0.99)),
      maxMs: round(latencies.at(-1)!), perSec: Math.round(REQUESTS / seconds), errors,
    };
    console.log(`${label}: ${REQUESTS} submissions after ${WARMUP} warm-up: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms, ${f.perSec} req/s, ${errors} errors`);
    return f;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function postgresReachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(): Promise<void> {
  const provenance = screeningProvenance(DEFAULT_SCORING);
  const loadBefore = loadavg().map((n) => round(n));
  console.log(`load average before: ${loadBefore.join(' ')}`);
  const progress = (label: string) => (done: number) => { if (done % 100_000 === 0) console.log(`${label}: ${done.toLocaleString('en-US')} applications stored`); };

  const sqliteSeed = await seedApplications(parseStoreTarget(SQLITE_FILE), SQLITE_ROWS, provenance, { onProgress: progress('sqlite seed') });
  console.log(`sqlite: ${SQLITE_FILE} holds ${sqliteSeed.rows.toLocaleString('en-US')} applications (${sqliteSeed.reused >= SQLITE_ROWS ? 'reused' : `seeded in ${sqliteSeed.seconds.toFixed(1)} s`})`);
  const sqlite = await measure('sqlite', SQLITE_FILE, sqliteSeed);

  let postgres: Figures | { skipped: string };
  const unreachable = await postgresReachable(PG_URL);
  if (unreachable) {
    postgres = { skipped: `PostgreSQL not reachable (${unreachable})` };
  } else {
    const target = parseStoreTarget(PG_URL);
    const seed = await seedApplications(target, PG_ROWS, provenance, { schema: PG_SCHEMA, onProgress: progress('postgres seed') });
    console.log(`postgres: schema ${PG_SCHEMA} holds ${seed.rows.toLocaleString('en-US')} applications (fewer than SQLite's ${SQLITE_ROWS.toLocaleString('en-US')}, to bound the seeding time; ${seed.reused >= PG_ROWS ? 'reused' : `seeded in ${seed.seconds.toFixed(1)} s`})`);
    postgres = await measure('postgres', PG_URL, seed, PG_SCHEMA);
  }

  console.log('');
  console.log(`${'engine'.padEnd(10)}${'stored'.padStart(11)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(8)}`);
  for (const [name, f] of [['sqlite', sqlite], ['postgres', postgres]] as const) {
    if ('skipped' in f) console.log(`${name.padEnd(10)}${f.skipped}`);
    else console.log(`${name.padEnd(10)}${f.stored.toLocaleString('en-US').padStart(11)}${String(f.p50Ms).padStart(9)}${String(f.p95Ms).padStart(9)}${String(f.p99Ms).padStart(9)}${String(f.perSec).padStart(8)}`);
  }
  const met = sqlite.p50Ms < 5 && sqlite.p99Ms < 25;
  console.log(`goal (SQLite p50 < 5 ms, p99 < 25 ms): ${met ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({
    bench: 'api', requests: REQUESTS, warmup: WARMUP, client: 'fetch keep-alive, sequential, loopback', sqlite, postgres,
    goal: { sqliteP50Ms: 5, sqliteP99Ms: 25, met }, loadAvgBefore: loadBefore, loadAvgAfter: loadavg().map((n) => round(n)), node: process.version,
  }));
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1]!, process.argv[serveAt + 2]);
else await run();
