/**
 * The referral and the trends read the store alike on SQLite and PostgreSQL:
 * a confirmed ring (gh-200, gh-201) and a cleared hold (gh-300).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferral } from '../../src/service/referral.js';
import { buildTrends } from '../../src/service/trends.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { confirmRing } from '../helpers/confirmed-ring.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`reports, ${engine.title}`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    let ringCaseId = '';
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open();
      ({ ringCaseId } = await confirmRing(store));
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await db?.tearDown();
    });

    it('referral: the ring\'s identities, the shared phone and device, payroll, the decision; audited', async () => {
      const r = await buildReferral(store, ringCaseId, { actor: 'key:a', action: 'report.referral' }, new Date('2026-12-03T00:00:00Z'));
      expect(r.case).toMatchObject({ id: ringCaseId, outcome: 'confirmed_fraud', subjectKind: 'ring' });
      expect(r.identities.map((i) => i.applicationId).sort()).toEqual(['gh-200', 'gh-201']);
      expect(r.identifiers).toContainEqual({ kind: 'phone', value: '+15125550199', usedBy: expect.arrayContaining(['gh-200', 'gh-201']) });
      expect(r.identifiers).toContainEqual({ kind: 'device', value: 'fp_ring', usedBy: expect.arrayContaining(['gh-200', 'gh-201']) });
      expect(r.payroll).toContainEqual(expect.objectContaining({ applicationId: 'gh-200', payrollAccountHash: 'sha256:5D41402ABC' }));
      expect(r.timeline.at(-1)).toMatchObject({ type: 'decided', by: 'key:b' });
      const last = (await store.admin.audit.list(0, 10_000)).at(-1)!;
      expect(last).toMatchObject({ action: 'report.referral', target: ringCaseId, actor: 'key:a' });
      expect((await store.admin.audit.verify()).ok).toBe(true);
    });

    it('an unknown case is refused', async () => {
      await expect(buildReferral(store, 'c_ffffffffffffffff', { actor: 'key:a', action: 'report.referral' })).rejects.toThrow('no case c_ffffffffffffffff');
    });

    it('trends: three applications, the ring\'s two confirmed', async () => {
      const t = await buildTrends(store, 'quarter');
      expect(t.totals.screened).toBe(3);
      expect(t.totals.confirmed).toBe(2);
      expect(t.totals.held).toBeGreaterThanOrEqual(2);
    });
  });
}
