/**
 * `hirewatch serve` under concurrent submissions, as a process: 400
 * submissions at 50 concurrent connections answer no 5xx, and a server
 * killed with SIGKILL in the middle of concurrent submissions leaves every
 * acknowledged submission stored with its audit entry, nothing stored
 * without one, and an audit chain that verifies. On SQLite and, when
 * TEST_DATABASE_URL is set, PostgreSQL.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HirewatchStore } from '../../src/store/index.js';
import { baseApplication } from '../helpers/applications.js';
import { startHirewatch } from '../store/run-cli.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const ORG = 'acme';

/** A distinct ordinary applicant: own id, phone, mailbox, device and address. */
function applicant(n: number): Record<string, unknown> {
  const app = baseApplication() as Record<string, any>;
  const four = String(1000 + (n % 9000)).padStart(4, '0');
  app.id = `kill-${n}`;
  app.applicant = { ...app.applicant, fullName: `Applicant Number${n}`, emails: [`applicant.${n}@example.com`], phones: [`(512) 555-${four}`], address: { ...app.applicant.address, line1: `${n} Barton Springs Rd` } };
  app.session = { ...app.session, deviceId: `fp_${n}` };
  app.references = [];
  app.profiles = {};
  app.applicant.links = [];
  return app;
}

async function startServer(db: string): Promise<{ child: ChildProcess; base: string; done: Promise<unknown> }> {
  const run = startHirewatch(['serve', '--db', db, '--port', '0', '--linkage-warmup', '0']);
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 90 s')), 90_000);
    run.child.stderr!.on('data', () => undefined);
    let seen = '';
    run.child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /at (http:\/\/[^\s]+)\/api\/v1/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void run.done.then((r) => reject(new Error(`server exited early: ${r.stderr}`)));
  });
  return { child: run.child, base, done: run.done };
}

/** Submit applications `from`..`to` with `concurrency` requests in flight; the ids acknowledged (201: each is new) and the statuses seen. */
async function submitAll(base: string, key: string, from: number, to: number, concurrency: number, onAck?: (acked: number) => void) {
  const acked: string[] = [];
  const statuses = new Map<number, number>();
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const n = next++;
      let status = 0;
      try {
        const res = await fetch(`${base}/api/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(applicant(n)) });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = -1; // the connection died with the server
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 201) {
        acked.push(`kill-${n}`);
        onAck?.(acked.length);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { acked, statuses };
}

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: hirewatch serve under concurrent submissions', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  let key: string;
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: ORG });
    key = (await store.admin.apiKeys.create('recruiter', 'kill test')).secret;
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('400 submissions at 50 concurrent connections: all 201, each with its audit entry', async () => {
    const server = await startServer(db.cliTarget);
    try {
      const { acked, statuses } = await submitAll(server.base, key, 0, 400, 50);
      expect(Object.fromEntries(statuses)).toEqual({ 201: 400 });
      expect(acked).toHaveLength(400);
    } finally {
      server.child.kill('SIGTERM');
      await server.done;
    }
    const submits = (await store.admin.audit.list(0, 10_000)).filter((e) => e.action === 'application.submit');
    expect(new Set(submits.map((e) => e.target))).toEqual(new Set(Array.from({ length: 400 }, (_, n) => `kill-${n}`)));
    expect(await store.admin.audit.verify()).toMatchObject({ ok: true });
  }, 240_000);

  it.skipIf(!engine.available)('SIGKILL mid-stream: every acknowledged submission is stored with its audit entry, nothing stored without one', async () => {
    const server = await startServer(db.cliTarget);
    let killed = false;
    const { acked } = await submitAll(server.base, key, 1000, 1600, 50, (n) => {
      if (n >= 150 && !killed) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    });
    const exit = (await server.done) as { signal: string | null };
    expect(exit.signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(150);
    expect(acked.length).toBeLessThan(600);

    const audited = new Set((await store.admin.audit.list(0, 100_000)).filter((e) => e.action === 'application.submit').map((e) => e.target));
    const stored = new Set<string>();
    for (let n = 1000; n < 1600; n++) if (await store.getApplication(`kill-${n}`, 'greenhouse')) stored.add(`kill-${n}`);
    for (const id of acked) expect(stored.has(id), `${id} was acknowledged but not stored`).toBe(true);
    for (const id of stored) expect(audited.has(id), `${id} is stored without its audit entry`).toBe(true);
    expect(await store.admin.audit.verify()).toMatchObject({ ok: true });
  }, 240_000);
});
