/**
 * Linkage across runs: `screen --db` and `import` keep what they screened,
 * and the next run links new applications to everything stored before.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { runHirewatch } from '../store/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-screen-db-'));
const examples = readFileSync('examples/applications.jsonl', 'utf8').split('\n').filter((l) => l.trim());
const line = (id: string) => examples.find((l) => JSON.parse(l).id === id)!;
const file = (name: string, ids: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${ids.map(line).join('\n')}\n`);
  return path;
};

describe('screen --db and import link against earlier runs', () => {
  it("links today's file to what an earlier run stored, and stores the links and the cluster", async () => {
    const db = join(dir, 'hw.db');
    const first = await runHirewatch(['import', file('monday.jsonl', ['gh-5001', 'ln-8001']), '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const second = await runHirewatch(['screen', file('tuesday.jsonl', ['ln-8002', 'ab-9103']), '--db', db, '-f', 'jsonl']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('linking against 2 applications stored in');
    const out = new Map(second.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
    const phone = out.get('ln-8002').signals.find((s: { id: string }) => s.id === 'linkage.shared_phone_other_identity');
    expect(phone.evidence).toBe('phone +16025550147 also on ln-8001 (Ethan Caldwell)');
    expect(out.get('ln-8002').cluster.size).toBe(2);
    expect(out.get('ab-9103').signals).toEqual([]);

    const third = await runHirewatch(['import', file('wednesday.jsonl', ['ln-8003']), '--db', db]);
    expect(third.code, third.stderr).toBe(0);
    const store = await openStore(db);
    const stored = await store.getApplication('ln-8003');
    expect(stored?.result?.signals.map((s) => s.id)).toContain('linkage.cluster_many_identities');
    expect(stored?.cluster?.members.map((m) => m.id).sort()).toEqual(['ln-8001', 'ln-8002', 'ln-8003']);
    const links = await store.listLinks({ id: 'ln-8003', source: 'lever' });
    expect(new Set(links.map((l) => `${l.other.id}:${l.kind}`))).toEqual(new Set(['ln-8001:phone', 'ln-8002:phone', 'ln-8001:device', 'ln-8002:device', 'ln-8001:ipPrefix', 'ln-8002:ipPrefix', 'ln-8001:resume', 'ln-8002:resume']));
    expect((await store.counts()).applications).toBe(5);
    await store.close();
  }, 180_000);
});
