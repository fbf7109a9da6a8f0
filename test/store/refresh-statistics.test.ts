/**
 * After a bulk load the planner must know how many rows there are: a fresh
 * PostgreSQL table is believed empty until autovacuum reaches it, and a page
 * of GET /results was then planned as a hash join over every stored row (1.6 s
 * at 100,000 rows instead of under 1 ms). refreshStatistics brings the
 * statistics up to date, and an import of many records calls it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChunks, Screening } from '../../src/service/index.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ENGINES, POSTGRES_URL, type TestDatabase } from './store-engines.js';
import { application, screening } from './store-fixtures.js';

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: planner statistics after a bulk load', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('refreshStatistics runs outside a transaction and is refused inside one', async () => {
    await store.importBatch(Array.from({ length: 40 }, (_, i) => application(`st-${i}`)), screening);
    await store.refreshStatistics();
    await expect(store.transaction((tx) => tx.refreshStatistics())).rejects.toThrow('outside a transaction');
  });

  it.skipIf(!engine.available || engine.name !== 'postgres')('on PostgreSQL the planner then counts the rows stored', async () => {
    const schema = new URL(db.cliTarget).searchParams.get('options')!.replace('-c search_path=', '');
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const reltuples = async () => Number((await client.query(`select c.reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = 'applications'`, [schema])).rows[0].reltuples);
      await store.importBatch(Array.from({ length: 60 }, (_, i) => application(`pg-${i}`)), screening);
      await store.refreshStatistics();
      expect(await reltuples()).toBe(100); // 40 from the test before, 60 here
    } finally {
      await client.end();
    }
  });

  it.skipIf(!engine.available)('an import of fewer records than STATISTICS_AFTER leaves it alone; one of as many calls it once', async () => {
    const calls: string[] = [];
    const counting: HirewatchStore = new Proxy(store, {
      get: (target, prop, receiver) => (prop === 'refreshStatistics' ? async () => { calls.push('refresh'); } : Reflect.get(target, prop, receiver)),
    });
    const screeningService = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING) });
    async function* records(from: number, count: number) {
      for (let i = from; i < from + count; i++) yield { ok: true as const, location: { line: i + 1 }, record: application(`imp-${i}`) };
    }
    await importChunks(screeningService, counting, records(0, 10), { actor: { actor: 'test', action: 'import' }, statisticsAfter: 11 });
    expect(calls).toEqual([]);
    await importChunks(screeningService, counting, records(10, 11), { actor: { actor: 'test', action: 'import' }, statisticsAfter: 11 });
    expect(calls).toEqual(['refresh']);
  });
});
