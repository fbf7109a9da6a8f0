import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/parse/application-schema.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

/**
 * The stale-update rule of the write path: a record given a source time
 * (when the source system last changed it, ImportOptions.sourceTime) older
 * than the newest one the store has seen for that application never becomes
 * its latest version; the outcome is `unchanged` with `stale: true`.
 */
const record = (id: string, phone: string): Application => ({
  id, source: 'ats', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Daniel Reyes', phones: [phone] },
}) as Application;

const at = (time: string | undefined) => ({ sourceTime: () => time });

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`source times order updates (${engine.title})`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open({ org: 'acme' });
    });
    afterAll(async () => {
      await store?.close();
      await db?.tearDown();
    });

    const phones = async (id: string) => ((await store.getApplication(id, 'ats'))?.record.applicant as { phones: string[] }).phones;

    it('an older update is refused (stale), a newer or equal one is taken', async () => {
      expect(await store.putVersion(record('a-1', '5550001'), at('2025-11-03T10:00:00Z'))).toMatchObject({ status: 'new', version: 1 });
      expect(await store.putVersion(record('a-1', '5550002'), at('2025-11-04T10:00:00Z'))).toMatchObject({ status: 'changed', version: 2 });
      expect(await store.putVersion(record('a-1', '5550001'), at('2025-11-03T10:00:00Z'))).toEqual({ id: 'a-1', source: 'ats', status: 'unchanged', version: 2, stale: true });
      expect(await phones('a-1')).toEqual(['5550002']);
      expect(await store.listVersions({ id: 'a-1', source: 'ats' })).toHaveLength(2);
      // Equal: a timestamp of one-second precision cannot order two updates of one second; the later arrival wins.
      expect(await store.putVersion(record('a-1', '5550003'), at('2025-11-04T10:00:00.000Z'))).toMatchObject({ status: 'changed', version: 3 });
    });

    it('an update without a source time is not ordered, and does not lower the newest time seen', async () => {
      expect(await store.putVersion(record('a-2', '5550001'), at('2025-11-05T10:00:00Z'))).toMatchObject({ status: 'new' });
      expect(await store.putVersion(record('a-2', '5550009'))).toMatchObject({ status: 'changed', version: 2 });
      expect(await store.putVersion(record('a-2', '5550008'), at('2025-11-04T10:00:00Z'))).toMatchObject({ status: 'unchanged', version: 2, stale: true });
      expect(await phones('a-2')).toEqual(['5550009']);
    });

    it('the same content with a newer time raises the newest time seen, so an update from between is stale', async () => {
      await store.putVersion(record('a-3', '5550001'), at('2025-11-01T10:00:00Z'));
      expect(await store.putVersion(record('a-3', '5550001'), at('2025-11-09T10:00:00Z'))).toMatchObject({ status: 'unchanged', version: 1 });
      expect(await store.putVersion(record('a-3', '5550002'), at('2025-11-05T10:00:00Z'))).toMatchObject({ status: 'unchanged', version: 1, stale: true });
    });

    it('in one batch, records are ordered among themselves too', async () => {
      const outcomes = await store.importBatch([record('a-4', '5550002'), record('a-4', '5550001')], {
        sourceTime: (r) => (r.applicant.phones?.[0] === '5550002' ? '2025-11-02T00:00:00Z' : '2025-11-01T00:00:00Z'),
      });
      expect(outcomes.map((o) => [o.status, o.version, o.stale ?? false])).toEqual([['new', 1, false], ['unchanged', 1, true]]);
      expect(await phones('a-4')).toEqual(['5550002']);
    });
  });
}
