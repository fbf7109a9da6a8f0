/**
 * `npm run bench -- cases [APPLICATIONS [OPEN_CASES]]`: latency of the case
 * queue's first page and of a case page over HTTP, with many stored
 * applications and open cases (issue 14's goal: 1,000,000 applications and
 * 20,000 open cases, p95 < 100 ms on SQLite and PostgreSQL).
 *
 * 1. Seed APPLICATIONS applications (default 50,000; bench/api-seed.ts) and
 *    OPEN_CASES open cases over them (default 2,000) straight into the
 *    store's tables: each case with a member, a plan of four steps and an
 *    `opened` event, priorities, due dates and bands spread. Reused when the
 *    database holds them (SQLite: HIREWATCH_BENCH_CASES_DB, default
 *    /tmp/hirewatch-bench-cases-N.db; PostgreSQL: schema hw_bench_cases_N).
 * 2. Start `buildServer` in a child process on 127.0.0.1 with an analyst key.
 * 3. A client on loopback (fetch, keep-alive, sequential): warm-up, then the
 *    measured requests, interleaved: the queue's first page (default sort),
 *    the first page of holds by due date, and the page of a case picked from
 *    the queue; p50/p95/p99 of each.
 * 4. The same on PostgreSQL when reachable (TEST_DATABASE_URL, DATABASE_URL
 *    or 127.0.0.1:5432/test).
 *
 * The full size: `npm run bench -- cases 1000000 20000`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Insertable, Kysely } from 'kysely';
import pg from 'pg';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { buildServer } from '../src/server/app.js';
import { parseServerConfig } from '../src/server/config.js';
import { buildScreenContext } from '../src/service/index.js';
import { connect } from '../src/store/connect.js';
import type { HirewatchDatabase } from '../src/store/database-schema.js';
import { openStore, parseStoreTarget, screeningProvenance, type StoreTarget } from '../src/store/index.js';
import { SEED_ORG, seedApplications } from './api-seed.js';
import { generateApplication } from './generate-applications.js';

const argv = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const APPLICATIONS = argv[0] ?? 50_000;
const OPEN_CASES = Math.min(argv[1] ?? 2_000, APPLICATIONS);
const SQLITE_FILE = process.env.HIREWATCH_BENCH_CASES_DB ?? `/tmp/hirewatch-bench-cases-${APPLICATIONS}.db`;
const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `hw_bench_cases_${APPLICATIONS}`;
const WARMUP = Number(process.env.HIREWATCH_BENCH_CASES_WARMUP ?? 50);
const REQUESTS = Number(process.env.HIREWATCH_BENCH_CASES_REQUESTS ?? 300);

const SIGNALS = [['contact.disposable_email', 'contact'], ['interview.face_mismatch', 'interview'], ['employment.overlapping_full_time', 'employment'], ['onboarding.shipping_to_mail_drop', 'onboarding']] as const;
const caseIdOf = (i: number): string => `c_${i.toString(16).padStart(16, '0')}`;

/** Bring the open cases of SEED_ORG up to `n` (one per application 0..n-1). */
async function seedCases(target: StoreTarget, n: number, schema?: string): Promise<number> {
  const { db } = await connect(target, schema ? { schema } : {});
  const d = db as Kysely<HirewatchDatabase>;
  try {
    const have = Number((await d.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', SEED_ORG).executeTakeFirstOrThrow()).n);
    for (let from = have; from < n; from += 2_000) {
      const to = Math.min(n, from + 2_000);
      const cases: Insertable<HirewatchDatabase['cases']>[] = [];
      const members: Insertable<HirewatchDatabase['case_members']>[] = [];
      const steps: Insertable<HirewatchDatabase['case_steps']>[] = [];
      const events: Insertable<HirewatchDatabase['case_events']>[] = [];
      for (let i = from; i < to; i++) {
        const app = generateApplication(i);
        const h = (Math.imul(i, 2654435761) >>> 0) % 1000;
        const opened = new Date(Date.UTC(2026, 9, 1) + (h % 60) * 86_400_000 + i).toISOString();
        const band = h % 5 === 0 ? 'review' : 'hold';
        const signals = SIGNALS.slice(0, 1 + (h % 4));
        const id = caseIdOf(i);
        cases.push({
          org_id: SEED_ORG, case_id: id, status: h % 3 === 0 ? 'verifying' : 'open', is_open: 1, band, score: 40 + (h % 60), priority: 40 + (h % 61),
          subject_kind: 'application', subject_name: String((app.applicant as { fullName: string }).fullName), employee_id: null, job_title: null,
          member_ids_json: JSON.stringify([String(app.id)]), member_count: 1, families_json: JSON.stringify(signals.map((s) => s[1]).sort()),
          signals_json: JSON.stringify(signals.map((s) => s[0]).sort()), assignee: h % 7 === 0 ? 'dana' : null, opened_at: opened,
          due_at: new Date(Date.parse(opened) + (band === 'hold' ? 2 : 5) * 86_400_000).toISOString(), decided_at: null, outcome: null,
          decision_json: null, pending_json: null, snapshot_json: null, next_seq: 2, updated_at: opened,
        });
        members.push({ org_id: SEED_ORG, case_id: id, source: String(app.source), application_id: String(app.id), joined_at: opened });
        for (let s = 0; s < 4; s++) {
          steps.push({ org_id: SEED_ORG, case_id: id, step_id: `s${s + 1}`, position: s, step_json: JSON.stringify({ id: `s${s + 1}`, key: `bench.step${s}`, family: 'contact', check: 'Call back through the main line.', who: 'recruiter', stage: 'before offer', why: 'bench', state: 'pending' }) });
        }
        events.push({ org_id: SEED_ORG, case_id: id, seq: 1, at: opened, actor: 'bench', type: 'opened', detail_json: JSON.stringify({ band }) });
      }
      await d.transaction().execute(async (trx) => {
        for (let k = 0; k < cases.length; k += 200) await trx.insertInto('cases').values(cases.slice(k, k + 200)).execute();
        for (let k = 0; k < members.length; k += 500) await trx.insertInto('case_members').values(members.slice(k, k + 500)).execute();
        for (let k = 0; k < steps.length; k += 500) await trx.insertInto('case_steps').values(steps.slice(k, k + 500)).execute();
        for (let k = 0; k < events.length; k += 500) await trx.insertInto('case_events').values(events.slice(k, k + 500)).execute();
      });
    }
    return Math.max(have, n);
  } finally {
    await d.destroy();
  }
}

// ---------------------------------------------------------------- server mode (child process)

async function serve(target: string, schema: string | undefined): Promise<void> {
  const store = await openStore(target, { org: SEED_ORG, ...(schema ? { schema } : {}) });
  const { secret } = await store.admin.apiKeys.create('analyst', 'bench cases');
  const app = await buildServer({
    store, config: parseServerConfig({ rateLimit: { max: 1_000_000_000, windowMs: 60_000 } }),
    screenContext: buildScreenContext(DEFAULT_SCORING, { watchlists: false }), consoleDir: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ address, key: secret })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => store.close()).then(() => process.exit(0)));
}

// ---------------------------------------------------------------- client mode

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

interface Spread { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number }
interface Figures { applications: number; openCases: number; queue: Spread; holdsByDue: Spread; casePage: Spread; errors: number }

const spread = (ms: number[]): Spread => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50Ms: round(quantile(s, 0.5)), p95Ms: round(quantile(s, 0.95)), p99Ms: round(quantile(s, 0.99)), maxMs: round(s.at(-1)!) };
};

async function measure(label: string, target: string, applications: number, openCases: number, schema?: string): Promise<Figures> {
  const { child, address, key } = await startServer(target, schema);
  let errors = 0;
  const get = async (path: string): Promise<{ ms: number; body: unknown }> => {
    const t0 = performance.now();
    const res = await fetch(`${address}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200) errors++;
    return { ms, body };
  };
  try {
    const first = (await get('/cases?limit=50')).body as { cases: { id: string }[]; total: number };
    const ids = first.cases.map((c) => c.id);
    const times = { queue: [] as number[], holdsByDue: [] as number[], casePage: [] as number[] };
    for (let k = 0; k < WARMUP + REQUESTS; k++) {
      const queue = await get('/cases?limit=50');
      const holds = await get('/cases?band=hold&sort=due&limit=50');
      const page = await get(`/cases/${ids[k % ids.length]}`);
      if (k < WARMUP) continue;
      times.queue.push(queue.ms);
      times.holdsByDue.push(holds.ms);
      times.casePage.push(page.ms);
    }
    const f: Figures = { applications, openCases: first.total, queue: spread(times.queue), holdsByDue: spread(times.holdsByDue), casePage: spread(times.casePage), errors };
    console.log(`${label}: ${applications.toLocaleString('en-US')} applications, ${f.openCases.toLocaleString('en-US')} open cases; ${REQUESTS} rounds after ${WARMUP} warm-up`);
    for (const [name, s] of [['queue first page', f.queue], ['holds by due date', f.holdsByDue], ['case page', f.casePage]] as const) {
      console.log(`  ${name.padEnd(18)} p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, p99 ${s.p99Ms} ms, max ${s.maxMs} ms`);
    }
    if (errors) console.log(`  ${errors} errors`);
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

  const sqliteTarget = parseStoreTarget(SQLITE_FILE);
  const seeded = await seedApplications(sqliteTarget, APPLICATIONS, provenance, { onProgress: progress('sqlite seed') });
  const sqliteCases = await seedCases(sqliteTarget, OPEN_CASES);
  console.log(`sqlite: ${SQLITE_FILE} holds ${seeded.rows.toLocaleString('en-US')} applications and ${sqliteCases.toLocaleString('en-US')} cases`);
  const sqlite = await measure('sqlite', SQLITE_FILE, seeded.rows, sqliteCases);

  let postgres: Figures | { skipped: string };
  const unreachable = await postgresReachable(PG_URL);
  if (unreachable) {
    postgres = { skipped: `PostgreSQL not reachable (${unreachable})` };
  } else {
    const target = parseStoreTarget(PG_URL);
    const seed = await seedApplications(target, APPLICATIONS, provenance, { schema: PG_SCHEMA, onProgress: progress('postgres seed') });
    const pgCases = await seedCases(target, OPEN_CASES, PG_SCHEMA);
    console.log(`postgres: schema ${PG_SCHEMA} holds ${seed.rows.toLocaleString('en-US')} applications and ${pgCases.toLocaleString('en-US')} cases`);
    postgres = await measure('postgres', PG_URL, seed.rows, pgCases, PG_SCHEMA);
  }
  const p95s = [sqlite, postgres].flatMap((f) => ('skipped' in f ? [] : [f.queue.p95Ms, f.holdsByDue.p95Ms, f.casePage.p95Ms]));
  const met = p95s.every((p) => p < 100);
  console.log(`goal (p95 < 100 ms for the queue's first page and a case page, at 1,000,000 applications and 20,000 open cases): ${met ? 'met' : 'NOT met'} at this size`);
  console.log(JSON.stringify({
    bench: 'cases', applications: APPLICATIONS, openCases: OPEN_CASES, requests: REQUESTS, warmup: WARMUP, client: 'fetch keep-alive, sequential, loopback, interleaved',
    sqlite, postgres, goal: { p95Ms: 100, met, fullSize: APPLICATIONS >= 1_000_000 && OPEN_CASES >= 20_000 },
    loadAvgBefore: loadBefore, loadAvgAfter: loadavg().map((n) => round(n)), node: process.version,
  }));
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1]!, process.argv[serveAt + 2]);
else await run();
