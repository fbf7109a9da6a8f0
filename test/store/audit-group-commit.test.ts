import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

/**
 * Reads are audited outside any change's transaction, many at once (fifty
 * analysts paging the queue). They are committed in groups; what a user
 * relies on must not change: every append answers with its own entry once it
 * is stored, in the order the appends were made, one organisation's chain
 * never mixed with another's, and a refused entry fails only its caller.
 */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`audit entries appended at once (${engine.title})`, () => {
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

    it('stores each of 150 concurrent appends of two organisations once, in order, and the chains verify', async () => {
      const globex = store.withOrg('globex');
      const appends = Array.from({ length: 150 }, (_, i) => {
        const org = i % 3 === 0 ? globex : store;
        return org.admin.audit.append({ actor: `key:analyst${i % 7}`, action: 'application.read', target: `app-${i}`, detail: { i } });
      });
      const refused = store.admin.audit.append({ actor: '', action: 'application.read' });
      await expect(refused).rejects.toThrow();
      const entries = await Promise.all(appends);

      // Each caller got its own entry back, numbered in the order the appends were made, per organisation.
      expect(entries.map((e) => e.target)).toEqual(Array.from({ length: 150 }, (_, i) => `app-${i}`));
      const acmeSeqs = entries.filter((_, i) => i % 3 !== 0).map((e) => e.seq);
      const globexSeqs = entries.filter((_, i) => i % 3 === 0).map((e) => e.seq);
      expect(acmeSeqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(globexSeqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

      const acmeLog = await store.admin.audit.list(0, 1000);
      expect(acmeLog.map((e) => e.target)).toEqual(entries.filter((_, i) => i % 3 !== 0).map((e) => e.target));
      expect(acmeLog.some((e) => e.actor === '')).toBe(false);
      expect((await store.admin.audit.verify()).ok).toBe(true);
      expect((await globex.admin.audit.verify()).ok).toBe(true);
      expect((await globex.admin.audit.list(0, 1000)).length).toBe(50);
    });

    it('has an entry stored by the time its append answers', async () => {
      const entry = await store.admin.audit.append({ actor: 'key:lone', action: 'results.read', detail: { count: 50 } });
      const last = await store.admin.audit.last();
      expect(last).toEqual(entry);
      expect(last?.detail).toEqual({ count: 50 });
    });
  });
}
