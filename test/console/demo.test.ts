import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

/** `hirewatch serve --demo`: the examples through the service layer, open cases, five keys. */
describe('serve --demo', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  }, 120_000);
  afterAll(async () => server?.close());

  it('holds open cases (the ring among them) and alerts, and each key signs in with its role', async () => {
    const get = async (label: string, path: string) => {
      const r = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${server.keys[label]!.secret}` } });
      return { status: r.status, body: await r.json() as Record<string, unknown> };
    };
    const holds = await get('Dana (analyst)', '/cases?band=hold');
    expect(holds.status).toBe(200);
    const cases = holds.body.cases as { subject: { kind: string; applicationIds: string[] } }[];
    expect(cases.length).toBeGreaterThan(1);
    expect(cases.some((c) => c.subject.kind === 'ring' && c.subject.applicationIds.includes('ln-8002'))).toBe(true);
    expect(((await get('Dana (analyst)', '/alerts')).body.items as unknown[]).length).toBeGreaterThan(0);
    expect(Object.values(server.keys).map((k) => k.role).sort()).toEqual(['admin', 'analyst', 'analyst', 'auditor', 'recruiter']);
    expect((await get('Riley (recruiter)', '/cases')).status).toBe(403);
    expect((await get('Alex (auditor)', '/audit?verify=true')).body.verification).toMatchObject({ ok: true });
  });

  it('refuses a --db that exists (the demo needs a fresh database) before loading anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-demo-'));
    try {
      const db = join(dir, 'existing.db');
      writeFileSync(db, '');
      const r = hirewatch(['serve', '--demo', '--db', db, '--port', '0']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--demo loads the examples into a fresh database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
