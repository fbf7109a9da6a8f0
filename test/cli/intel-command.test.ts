/**
 * `hirewatch intel export`: keyed indicators under the consortium key from a
 * file only its owner can read, written mode 0600, no clear value in them;
 * clear mode for law enforcement.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { confirmRing } from '../helpers/confirmed-ring.js';
import { runHirewatch } from '../store/run-cli.js';

const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('hirewatch intel export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-intel-'));
  const db = join(dir, 'a.db');
  const key = join(dir, 'consortium.key');
  beforeAll(async () => {
    const store = await openStore(db);
    await confirmRing(store);
    await store.close();
    writeFileSync(key, `${KEY_HEX}\n`, { mode: 0o600 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('private JSON Lines: keyed hashes only, the key named by its id, mode 0600', async () => {
    const out = join(dir, 'private.jsonl');
    const run = await runHirewatch(['intel', 'export', '--db', db, '--format', 'jsonl', '--key-file', key, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('18 indicators from 1 ring written to');
    expect(run.stderr).not.toContain(KEY_HEX);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'hirewatch-indicators', producer: 'default', mode: 'private', keyId: '07d6599ad5a19fc5', count: 18 });
    expect(lines.map((l) => l.hash)).toContain('9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563');
    const text = readFileSync(out, 'utf8');
    for (const clear of ['+15125550199', 'danreyes@gmail.com', 'fp_ring']) expect(text).not.toContain(clear);
  });

  it('clear STIX for law enforcement holds the values', async () => {
    const out = join(dir, 'clear.json');
    const run = await runHirewatch(['intel', 'export', '--db', db, '--format', 'stix', '--mode', 'clear', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o: { pattern?: string }) => o.pattern)).toContain("[email-addr:value = 'danreyes@gmail.com']");
  });

  it('refuses a key file others can read, and private mode without a key', async () => {
    const loose = join(dir, 'loose.key');
    writeFileSync(loose, KEY_HEX, { mode: 0o644 });
    const run = await runHirewatch(['intel', 'export', '--db', db, '--key-file', loose, '--out', join(dir, 'x.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the key file ${loose} is readable by others (mode 0644): make it the owner's alone with chmod 600`);
    expect(run.stderr).not.toContain(KEY_HEX);
    const none = await runHirewatch(['intel', 'export', '--db', db, '--out', join(dir, 'y.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--mode private needs --key-file');
  });
});
