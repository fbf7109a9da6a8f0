/**
 * Many machines (issue 18, docs/SCALE.md): three `hirewatch worker`
 * processes consume applications of nine organisations from NATS JetStream
 * (loopback, started by .ci/run) into one PostgreSQL database; one is killed
 * with SIGKILL midway; the other two take over its partitions, warm their
 * linkage state from the store and finish. The stored applications (with
 * their arrival order), results, links and clusters must equal those of the
 * import path (the code of `hirewatch import`) over the same files into
 * another schema: nothing lost, nothing stored twice. Size:
 * HIREWATCH_TAKEOVER_COUNT (default 6,000; 100,000 by hand, see SCALE.md).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateJsonLines } from '../../bench/generate-applications.js';
import { readApplications } from '../../src/parse/read-input.js';
import { buildScreenContext, importChunks, Screening } from '../../src/service/index.js';
import { openStore, screeningProvenance } from '../../src/store/index.js';
import { loadScoringConfig } from '../../src/cli/load-config.js';
import { partitionOf } from '../../src/worker/partitions.js';
import { publishApplications } from '../../src/worker/publish.js';
import { startHirewatch, type CliRun } from '../store/run-cli.js';

const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PG = process.env.TEST_DATABASE_URL;
const reachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(NATS.replace(/^nats:/, 'http:'));
  const socket = createConnection({ host: hostname, port: Number(port || 4222) });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});
if (!reachable && process.env.REQUIRE_NATS === '1') throw new Error(`REQUIRE_NATS=1 but no NATS server answers at ${NATS}`);

const COUNT = Number(process.env.HIREWATCH_TAKEOVER_COUNT ?? 6000);
const PARTITIONS = 9;
const run = `${process.pid}_${Date.now().toString(36)}`;
const layout = { servers: NATS, stream: `HWTAKE_${run}`, prefix: `hwtake.${run}`, partitions: PARTITIONS };
const schemas = { workers: `hw_take_w_${run}`.toLowerCase(), reference: `hw_take_r_${run}`.toLowerCase() };

/** Nine organisations, one per partition, so each of three workers owns three of them. */
function organisations(): string[] {
  const byPartition = new Map<number, string>();
  for (let k = 0; byPartition.size < PARTITIONS; k++) {
    const p = partitionOf(`org-${k}`, PARTITIONS);
    if (!byPartition.has(p)) byPartition.set(p, `org-${k}`);
  }
  return [...byPartition.values()];
}

const cliUrl = (schema: string): string => {
  const u = new URL(PG!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

async function query<T extends object>(schema: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: cliUrl(schema) });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const stored = async (schema: string): Promise<number> => Number((await query<{ n: string }>(schema, 'select count(*) as n from applications'))[0]!.n);

/** Everything screening stores that must not depend on the door or on a takeover (times and audit entries aside). */
const SNAPSHOT = {
  applications: 'select org_id, source, application_id, latest_version, latest_result_no, arrival from applications order by 1, 2, 3',
  versions: 'select org_id, source, application_id, version, content_hash from application_versions order by 1, 2, 3, 4',
  results: 'select org_id, source, application_id, version, result_no, score, band, log_odds, band_reason, signals_json, skipped_json, cluster_id, cluster_size from screening_results order by 1, 2, 3, 4, 5',
  links: 'select org_id, source, application_id, other_source, other_id, kind, value_fingerprint from links order by 1, 2, 3, 4, 5, 6, 7',
  clusters: 'select org_id, cluster_id, member_source, member_id from clusters order by 1, 2, 3, 4',
};

async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Partitions a worker owns by its log: taken and not released. */
function owned(stderr: string): Set<number> {
  const mine = new Set<number>();
  for (const m of stderr.matchAll(/(took|released) partition (\d+)/g)) m[1] === 'took' ? mine.add(Number(m[2])) : mine.delete(Number(m[2]));
  return mine;
}

const skip = !reachable || !PG;
describe.skipIf(skip)(`workers on NATS JetStream and PostgreSQL${skip ? ' (skipped: needs NATS at 127.0.0.1:4222 and TEST_DATABASE_URL)' : ''}`, () => {
  afterAll(async () => {
    if (skip) return;
    const nc = await connect({ servers: NATS });
    await (await nc.jetstreamManager()).streams.delete(layout.stream).catch(() => undefined);
    await nc.drain();
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    for (const s of Object.values(schemas)) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  });

  it(`three workers, one killed with SIGKILL midway, store what one import stores (${COUNT} applications)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-takeover-'));
    const orgs = organisations();
    // Rings, so links and clusters are compared too: every 40th applicant gives the phone and
    // device of the one nine before it (the same organisation: organisations take every ninth line).
    const lines = generateJsonLines(COUNT).map((line, i, all) => {
      if (i < 9 || i % 40 !== 0) return line;
      const app = JSON.parse(line) as { applicant: { phones?: string[] }; session?: { deviceId?: string } };
      const earlier = JSON.parse(all[i - 9]!) as typeof app;
      app.applicant.phones = earlier.applicant.phones ?? [];
      app.session = { ...app.session, ...(earlier.session?.deviceId ? { deviceId: earlier.session.deviceId } : {}) };
      return JSON.stringify(app);
    });
    const files = orgs.map((org, k) => {
      const file = join(dir, `${org}.jsonl`);
      writeFileSync(file, `${lines.filter((_, i) => i % orgs.length === k).join('\n')}\n`);
      return file;
    });
    for (const s of Object.values(schemas)) await (await openStore(PG!, { schema: s, poolSize: 1 })).close();

    const workers: { child: import('node:child_process').ChildProcess; done: Promise<CliRun>; err: () => string }[] = [];
    for (let w = 0; w < 3; w++) {
      let err = '';
      const started = startHirewatch(['worker', '--db', cliUrl(schemas.workers), '--stream', layout.stream, '--prefix', layout.prefix, '--partitions', String(PARTITIONS),
        '--name', `w${w}`, '--heartbeat', '300', '--batch', '250', '--no-telemetry'], (soFar) => void (err = soFar));
      workers.push({ ...started, err: () => err });
    }
    // Each worker holds its share (three partitions) before anything is published.
    await waitFor('three workers sharing the partitions', async () => workers.every((w) => owned(w.err()).size === 3), 180_000);
    for (const [k, org] of orgs.entries()) {
      const sent = await publishApplications(files[k]!, { layout, org });
      expect(sent.errors).toBe(0);
    }

    // Midway, the first worker dies without a word.
    await waitFor('a third of the applications stored', async () => (await stored(schemas.workers)) >= COUNT / 3, 600_000);
    const victim = workers[0]!;
    const orphaned = owned(victim.err());
    victim.child.kill('SIGKILL');
    const killedAt = await stored(schemas.workers);
    expect((await victim.done).signal).toBe('SIGKILL');
    const before = workers.slice(1).map((w) => w.err().length);

    await waitFor('every application stored', async () => (await stored(schemas.workers)) >= COUNT, 900_000);
    // The survivors took every partition of the dead worker.
    const takenAfter = new Set(workers.slice(1).flatMap((w, i) => [...w.err().slice(before[i]).matchAll(/took partition (\d+)/g)].map((m) => Number(m[1]))));
    for (const p of orphaned) expect(takenAfter.has(p)).toBe(true);
    for (const w of workers.slice(1)) w.child.kill('SIGTERM');
    for (const w of workers.slice(1)) expect((await w.done).code).toBe(0);
    expect(killedAt).toBeLessThan(COUNT);

    // The import path over the same files, one organisation at a time, into another schema.
    const scoring = loadScoringConfig(undefined);
    const context = buildScreenContext(scoring);
    for (const [k, org] of orgs.entries()) {
      const store = await openStore(PG!, { schema: schemas.reference, org, poolSize: 2 });
      const screening = new Screening(context, { provenance: screeningProvenance(scoring) });
      await screening.warm(store);
      await importChunks(screening, store, readApplications(files[k]!), { actor: { actor: 'cli', action: 'application.import' } });
      await store.close();
    }

    for (const [name, sql] of Object.entries(SNAPSHOT)) {
      const [got, want] = [await query(schemas.workers, sql), await query(schemas.reference, sql)];
      expect(want.length, `${name} stored by the import`).toBeGreaterThan(0);
      expect(got.length, name).toBe(want.length);
      expect(got, name).toEqual(want);
    }
    // Nothing lost, nothing twice: one version and one result per application.
    expect(await stored(schemas.workers)).toBe(COUNT);
    expect((await query<{ n: string }>(schemas.workers, 'select count(*) as n from screening_results'))[0]!.n).toBe(String(COUNT));
    expect((await query<{ n: string }>(schemas.workers, 'select count(*) as n from application_versions'))[0]!.n).toBe(String(COUNT));
  }, 1_500_000);
});
