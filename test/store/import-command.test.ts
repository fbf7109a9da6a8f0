import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { baseApplication } from '../helpers/applications.js';
import { runHirewatch } from './run-cli.js';

describe('hirewatch import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hirewatch-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the readable records, names the record and field of each bad one, and goes on', async () => {
    const file = join(dir, 'mixed.jsonl');
    const bad = { ...baseApplication(), id: 'bad-1', applicant: { emails: ['x@example.com'] } };
    writeFileSync(file, [
      JSON.stringify({ ...baseApplication(), id: 'ok-1' }),
      JSON.stringify(bad),
      '{not json',
      JSON.stringify({ ...baseApplication(), id: 'ok-2' }),
    ].join('\n'));
    const db = join(dir, 'mixed.db');
    const run = await runHirewatch(['import', file, '--db', db, '--org', 'acme', '--chunk', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 new, 0 changed, 0 unchanged, 2 errors \(2 chunks/);
    expect(run.stderr).toContain('mixed.jsonl:2: bad-1: applicant.fullName');
    expect(run.stderr).toContain('mixed.jsonl:3: not valid JSON');

    const store = await openStore(db, { org: 'acme' });
    try {
      expect((await store.counts()).applications).toBe(2);
      expect((await store.getApplication('ok-2'))!.result).toBeDefined();
      expect(await store.getApplication('bad-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  }, 180_000);

  it('reads CSV like screen does and fails only when nothing could be read', async () => {
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, 'Candidate ID,submitted_at,full_name\nc-1,2025-11-03T14:22:05Z,Daniel Reyes\n');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ columns: { 'Candidate ID': 'id' } }));
    const db = join(dir, 'csv.db');
    const ok = await runHirewatch(['import', csv, '--map', map, '--db', db, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ new: 1, errors: 0, org: 'default' });

    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '{"id": "x"}\n');
    const none = await runHirewatch(['import', empty, '--db', db]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no application could be read/);
  }, 180_000);
});
