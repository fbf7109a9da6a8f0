import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type HirewatchStore } from '../../src/store/index.js';
import { application, screening } from './store-fixtures.js';

const dirs: string[] = [];
const stores: HirewatchStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hw-wal-'));
  dirs.push(dir);
  return join(dir, 'hirewatch.db');
}

/** Applications found in the database file alone, as if the write-ahead log were lost: what a checkpoint has copied into it. */
function applicationsInFileAlone(file: string): number {
  const copy = `${file}.copy`;
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    // Before any checkpoint the file does not even hold the tables (the migrations are in the log too).
    if (!db.prepare("select 1 from sqlite_master where name = 'applications'").get()) return 0;
    return (db.prepare('select count(*) as n from applications').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

describe('SQLite checkpoints off the main thread (walCheckpoint: background)', () => {
  it('copies committed writes into the database file by itself, while SQLite alone would keep them in the log', async () => {
    const inline = tempFile();
    const background = tempFile();
    const a = await openStore(inline);
    const b = await openStore(background, { walCheckpoint: 'background' });
    stores.push(a, b);
    const records = Array.from({ length: 20 }, (_, i) => application(`wal-${i}`));
    await a.importBatch(records, screening);
    await b.importBatch(records, screening);
    expect(await until(() => applicationsInFileAlone(background) === 20)).toBe(true);
    // A few pages of log are under SQLite's 1,000-page automatic checkpoint: nothing copied yet.
    expect(applicationsInFileAlone(inline)).toBe(0);
  });

  it('leaves a database that opens with every write after close, and no log behind', async () => {
    const file = tempFile();
    const store = await openStore(file, { walCheckpoint: 'background' });
    await store.importBatch(Array.from({ length: 5 }, (_, i) => application(`closed-${i}`)), screening);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(applicationsInFileAlone(file)).toBe(5);
    const again = await openStore(file, { walCheckpoint: 'background' });
    stores.push(again);
    expect((await again.counts()).applications).toBe(5);
  });
});
