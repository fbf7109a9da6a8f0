import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig } from '../../src/server/config.js';
import { openStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ENGINES } from '../store/store-engines.js';
import { runHirewatch } from '../store/run-cli.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/** The hash-chained audit log through the API, and the keys and audit commands. */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`audit log (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    it('records every change and every read of evidence, and the chain verifies', async () => {
      const before = (await h.store.withOrg(ORG).admin.audit.list()).length;
      const app = sampleApplication();
      await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app });
      await h.request('POST', '/api/v1/applications/batch', { key: h.keys.recruiter, body: { applications: [sampleApplication(), sampleApplication()] } });
      await h.request('GET', `/api/v1/applications/${app.id}`, { key: h.keys.recruiter }); // band only: not an evidence read
      await h.request('GET', `/api/v1/applications/${app.id}`, { key: h.keys.analyst });
      await h.request('GET', '/api/v1/results', { key: h.keys.analyst });
      await h.request('GET', '/api/v1/alerts', { key: h.keys.analyst });
      const entries = (await h.store.withOrg(ORG).admin.audit.list()).slice(before);
      expect(entries.map((e) => e.action)).toEqual(['application.submit', 'application.submit_batch', 'application.read', 'results.read', 'alerts.read']);
      expect(entries[2]).toMatchObject({ target: app.id, detail: { role: 'analyst', evidence: true } });
      expect(entries.every((e) => e.actor.startsWith('key:') && !e.actor.includes('_'))).toBe(true);

      const res = await h.request('GET', '/api/v1/audit?verify=true&limit=1000', { key: h.keys.auditor });
      expect(res.statusCode).toBe(200);
      expect(res.json().verification).toEqual({ ok: true, checked: before + 5 });
      expect(res.json().entries).toHaveLength(before + 5);
      // The auditor reads the log and nothing else.
      expect((await h.request('GET', '/api/v1/results', { key: h.keys.auditor })).statusCode).toBe(403);
      // Another organisation's log is its own.
      expect((await h.store.withOrg('globex').admin.audit.list()).length).toBe(0);
    });
  });
}

describe('hirewatch keys and hirewatch audit verify (SQLite)', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hirewatch-cli-'));
    file = join(dir, 'hirewatch.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keys create prints the key once and stores only its hash; the key works; list never shows it', async () => {
    const created = await runHirewatch(['keys', 'create', '--role', 'analyst', '--org', ORG, '--label', 'ci', '--db', file]);
    expect(created.code, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const key = lines[0]!;
    expect(key).toMatch(/^hw_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}$/);
    expect(created.stderr).not.toContain(key);

    const sqlite = new Database(file, { readonly: true });
    const rows = sqlite.prepare('select * from api_keys').all() as Record<string, unknown>[];
    const dump = JSON.stringify(sqlite.prepare('select * from audit_log').all()) + JSON.stringify(rows);
    sqlite.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ org_id: ORG, role: 'analyst', key_hash: createHash('sha256').update(key).digest('hex') });
    expect(dump).not.toContain(key.split('_').slice(2).join('_'));

    const list = await runHirewatch(['keys', 'list', '--org', ORG, '--db', file]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('analyst');
    expect(list.stdout + list.stderr).not.toContain(key);

    const store = await openStore(file);
    try {
      const app = await buildServer({ store, config: parseServerConfig({}), screenContext: context, keyCacheMs: 0 });
      expect((await app.inject({ method: 'GET', url: '/api/v1/results', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
      const prefix = key.split('_')[1]!;
      const revoked = await runHirewatch(['keys', 'revoke', prefix, '--org', ORG, '--db', file]);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/api/v1/results', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
      await app.close();
    } finally {
      await store.close();
    }
  });

  it('audit verify prints ok and the count (keys.create, results.read, keys.revoke), and finds a tampered entry (exit 1)', async () => {
    const ok = await runHirewatch(['audit', 'verify', '--db', file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`ok: organisation ${ORG}: 3 entries verified`);

    const sqlite = new Database(file);
    sqlite.prepare("update audit_log set detail_json = ? where org_id = ? and seq = 1").run(JSON.stringify({ role: 'admin' }), ORG);
    sqlite.close();
    const broken = await runHirewatch(['audit', 'verify', '--db', file]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN: organisation ${ORG}: entry 1`);
  });
});
