import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

/**
 * Files holding personal data are readable by their owner only (mode 0600),
 * whatever the umask: the SQLite database and its -wal and -shm (and the
 * report of `screen --out`: report-file-mode.test.ts). A database made before
 * this rule is tightened when opened.
 */
const modeOf = (file: string): number => statSync(file).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

describe('files holding personal data are owner-only', () => {
  let umask = 0;
  beforeEach(() => {
    umask = process.umask(0o000); // the most permissive umask: nothing is narrowed for us
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('a new SQLite database, its -wal and its -shm are created 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-modes-'));
    const file = join(dir, 'nested', 'hirewatch.db');
    const store = await openStore(file);
    try {
      await store.withOrg('acme').admin.apiKeys.create('analyst'); // a write: the -wal exists
      for (const f of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(f), f).toBe(true);
        expect(octal(modeOf(f)), f).toBe('0600');
      }
    } finally {
      await store.close();
    }
  });

  it('also under a umask that would take the owner’s write access away', async () => {
    process.umask(0o277);
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-modes-'));
    const file = join(dir, 'hirewatch.db');
    const store = await openStore(file);
    try {
      await store.withOrg('acme').admin.apiKeys.create('analyst');
      expect(octal(modeOf(file))).toBe('0600');
      expect(octal(modeOf(`${file}-wal`))).toBe('0600');
    } finally {
      await store.close();
    }
  });

  it('an existing database (and a -wal left beside it) readable by others is tightened when opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-modes-'));
    const file = join(dir, 'hirewatch.db');
    await (await openStore(file)).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o666);
    const store = await openStore(file);
    try {
      await store.withOrg('acme').admin.apiKeys.create('analyst');
      expect(octal(modeOf(file))).toBe('0600');
      expect(octal(modeOf(`${file}-wal`))).toBe('0600');
      expect(octal(modeOf(`${file}-shm`))).toBe('0600');
    } finally {
      await store.close();
    }
  });
});
