/**
 * One path: the same input through the CLI (`hirewatch screen --db`,
 * `hirewatch monitor --db`) and through the API (POST /applications/batch,
 * POST /telemetry) leaves the same things in the store: results, links and
 * clusters; telemetry aggregates, employees and alerts. On SQLite and, when
 * TEST_DATABASE_URL is set, PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HirewatchStore } from '../../src/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { fullContext } from '../helpers/applications.js';
import { ORG, startHarness, type Harness } from '../server/server-harness.js';
import { runHirewatch } from '../store/run-cli.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const APPLICATIONS = join(ROOT, 'examples/applications.jsonl');
const TELEMETRY = join(ROOT, 'examples/telemetry.jsonl');
const lines = (file: string): unknown[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);

/** What the store holds about every application, without the times of storing. */
async function storedState(store: HirewatchStore, ids: readonly string[]) {
  const out = [];
  for (const id of ids) {
    const app = await store.getApplication(id);
    const links = (await store.listLinks({ id, source: app?.source ?? '' })).map(({ linkedAt: _at, ...l }) => l);
    out.push({
      id,
      version: app?.version,
      result: app?.result && { score: app.result.score, band: app.result.band, signals: app.result.signals, cluster: app.result.cluster },
      cluster: app?.cluster && { id: app.cluster.id, members: app.cluster.members.map((m) => `${m.source}/${m.id}`).sort() },
      links: links.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    });
  }
  return out;
}

async function telemetryState(store: HirewatchStore) {
  const { devices, employees } = await store.monitor.everything();
  const alerts = (await store.admin.alerts.list(10_000)).map(({ firstSeen: _f, lastSeen: _l, ...a }) => a);
  return { devices, employees, alerts: alerts.sort((a, b) => `${a.subjectId} ${a.signalId}`.localeCompare(`${b.subjectId} ${b.signalId}`)) };
}

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: the CLI and the API take one path', (_title, engine) => {
  let cliDb: TestDatabase;
  let cli: HirewatchStore;
  let h: Harness;
  const applications = lines(APPLICATIONS) as { id: string }[];
  const ids = applications.map((a) => a.id);

  beforeAll(async () => {
    if (!engine.available) return;
    cliDb = await engine.setUp();
    cli = await cliDb.open({ org: ORG });
    h = await startHarness(engine, {}, { screenContext: fullContext() });
  }, 120_000);
  afterAll(async () => {
    await cli?.close();
    await cliDb?.tearDown();
    await h?.close();
  });

  it.skipIf(!engine.available)('screen --db and POST /applications/batch store identical results, links and clusters', async () => {
    const run = await runHirewatch(['screen', APPLICATIONS, '--db', cliDb.cliTarget, '--org', ORG, '--format', 'jsonl', '--no-progress']);
    expect(run.code, run.stderr).toBe(0);
    const res = await h.request('POST', '/api/v1/applications/batch', { key: h.keys.analyst, body: { applications } });
    expect(res.statusCode, res.body).toBe(200);

    const viaCli = await storedState(cli, ids);
    const viaApi = await storedState(h.store.withOrg(ORG), ids);
    expect(viaApi).toEqual(viaCli);
    // Not an empty comparison: the demo ring is stored as a cluster with its links.
    const ring = viaCli.find((a) => a.id === 'ln-8003')!;
    expect(ring.cluster?.members).toEqual(['lever/ln-8001', 'lever/ln-8002', 'lever/ln-8003']);
    expect(ring.links.map((l) => l.kind)).toEqual(expect.arrayContaining(['phone', 'device', 'resume']));
    expect(viaCli.filter((a) => a.result?.band === 'hold').length).toBeGreaterThan(0);
  }, 180_000);

  it.skipIf(!engine.available)('monitor --db and POST /telemetry store identical aggregates, employees and alerts', async () => {
    const run = await runHirewatch(['monitor', TELEMETRY, '--db', cliDb.cliTarget, '--org', ORG, '-f', 'jsonl']);
    expect(run.code, run.stderr).toBe(0);
    const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: lines(TELEMETRY) } });
    expect(res.statusCode, res.body).toBe(200);

    const viaCli = await telemetryState(cli);
    const viaApi = await telemetryState(h.store.withOrg(ORG));
    expect(viaApi).toEqual(viaCli);
    expect(viaCli.devices.length).toBeGreaterThan(0);
    expect(viaCli.alerts.length).toBeGreaterThan(0);
  }, 180_000);

  it.skipIf(!engine.available)('every change through either door is in the audit log, and both chains verify', async () => {
    const viaCli = await cli.admin.audit.list();
    const viaApi = await h.store.withOrg(ORG).admin.audit.list();
    expect(viaCli.map((e) => e.action)).toEqual(['application.import', 'telemetry.ingest']);
    expect(viaApi.map((e) => e.action)).toEqual(['application.submit_batch', 'telemetry.ingest']);
    expect(viaCli[0]!.detail).toMatchObject({ records: applications.length, new: applications.length });
    expect(await cli.admin.audit.verify()).toMatchObject({ ok: true, checked: 2 });
    expect(await h.store.withOrg(ORG).admin.audit.verify()).toMatchObject({ ok: true, checked: 2 });
  });
});
