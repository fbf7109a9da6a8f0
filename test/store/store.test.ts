import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { screenApplication } from '../../src/score/screen.js';
import { StoreError, screeningProvenance, valueFingerprint, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ENGINES, type TestDatabase } from './store-engines.js';
import { application, renamed, screening } from './store-fixtures.js';

/** The same content with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(engine.title, () => {
    let database: TestDatabase;
    let store: HirewatchStore;

    beforeAll(async () => {
      database = await engine.setUp();
      store = await database.open({ org: 'acme' });
    });
    afterAll(async () => {
      await store?.close();
      await database?.tearDown();
    });

    it('opens an existing database again (migrations already applied are skipped)', async () => {
      const again = await database.open({ org: 'acme' });
      expect(again.engine).toBe(engine.name);
      await again.close();
    });

    it('creates two fresh databases side by side at once (PostgreSQL: two schemas of one database)', async () => {
      const fresh = await Promise.all([engine.setUp(), engine.setUp()]);
      try {
        const stores = await Promise.all(fresh.map((d) => d.open({ org: 'side' })));
        await Promise.all(stores.map((s, i) => s.importBatch([application(`side-${i}`)])));
        expect(await Promise.all(stores.map(async (s) => (await s.counts()).applications))).toEqual([1, 1]);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await Promise.all(fresh.map((d) => d.tearDown()));
      }
    });

    it('stores a new application with its version, normalised form and result', async () => {
      const [outcome] = await store.importBatch([application('new-1')], screening);
      expect(outcome).toEqual({ id: 'new-1', source: 'greenhouse', status: 'new', version: 1 });
      const stored = await store.getApplication('new-1');
      expect(stored).toMatchObject({ id: 'new-1', source: 'greenhouse', version: 1, fullName: 'Daniel Reyes' });
      expect(stored!.record).toMatchObject({ id: 'new-1', applicant: { fullName: 'Daniel Reyes' } });
      expect(stored!.result).toMatchObject({ version: 1, resultNo: 1, band: expect.stringMatching(/clear|review|hold/) });
      expect(stored!.result!.provenance.catalogueVersion).toMatch(/^cat-[0-9a-f]{12}$/);
      expect(stored!.result!.provenance.referenceDatasets).toHaveProperty('ofac-sdn');
      // Why the band is kept with it, as the screening said it (migration 2026_007).
      expect(stored!.result!.bandReason).toMatch(/^(holds-alone|independent-lines|strong-signal|one-substantive-line|one-line|weak-only|below-review|no-evidence): ./);
      const listed = (await store.listResults({ limit: 500 })).items.find((r) => r.id === 'new-1');
      expect(listed?.bandReason).toBe(stored!.result!.bandReason);
    });

    it('treats an identical re-import as a no-op, whatever the order of fields', async () => {
      const first = application('same-1');
      await store.importBatch([first], screening);
      const reordered = reverseKeys(first) as typeof first;
      const before = await store.counts();
      const outcomes = await store.importBatch([first, reordered], screening);
      expect(outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
      expect(await store.counts()).toEqual(before);
      expect(await store.listVersions({ id: 'same-1', source: 'greenhouse' })).toHaveLength(1);
      expect(await store.listResultHistory({ id: 'same-1', source: 'greenhouse' })).toHaveLength(1);
    });

    it('keeps a changed record as version 2 with a new result, the first kept as received', async () => {
      await store.importBatch([application('chg-1')], screening);
      const changed = application('chg-1', (raw) => {
        renamed(raw, 'Kevin Park');
        (raw.applicant as Record<string, unknown>).phones = ['+1 (512) 555-0143'];
      });
      const [outcome] = await store.importBatch([changed], screening);
      expect(outcome).toMatchObject({ status: 'changed', version: 2 });
      const stored = await store.getApplication('chg-1', 'greenhouse');
      expect(stored).toMatchObject({ version: 2, fullName: 'Kevin Park', result: { version: 2, resultNo: 1 } });
      expect(stored!.result!.signals.map((s) => s.id)).toContain('contact.phone_plus1_format');
      const versions = await store.listVersions({ id: 'chg-1', source: 'greenhouse' });
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[0]!.contentHash).not.toBe(versions[1]!.contentHash);
      expect(await store.getVersionRecord({ id: 'chg-1', source: 'greenhouse' }, 1)).toMatchObject({ applicant: { fullName: 'Daniel Reyes' } });
      expect((await store.listResultHistory({ id: 'chg-1', source: 'greenhouse' })).map((r) => r.version)).toEqual([1, 2]);
    });

    it('handles the same id twice in one batch: unchanged repeat, changed repeat', async () => {
      const a = application('dup-1');
      const b = application('dup-1', (raw) => renamed(raw, 'Alan Smith'));
      const outcomes = await store.importBatch([a, a, b], screening);
      expect(outcomes.map((o) => [o.status, o.version])).toEqual([['new', 1], ['unchanged', 1], ['changed', 2]]);
      expect((await store.getApplication('dup-1'))!.version).toBe(2);
    });

    it('keeps the same id from two sources apart, and asks which one when none is named', async () => {
      await store.importBatch([application('both-1'), application('both-1', (raw) => { raw.source = 'lever'; })], screening);
      expect((await store.getApplication('both-1', 'lever'))!.source).toBe('lever');
      await expect(store.getApplication('both-1')).rejects.toBeInstanceOf(StoreError);
    });

    it('isolates organisations: org B cannot read, list or count org A applications', async () => {
      await store.importBatch([application('secret-1')], screening);
      const other = store.withOrg('globex');
      expect(await other.getApplication('secret-1')).toBeUndefined();
      expect(await other.getApplication('secret-1', 'greenhouse')).toBeUndefined();
      expect(await other.listVersions({ id: 'secret-1', source: 'greenhouse' })).toEqual([]);
      expect((await other.listResults()).items).toEqual([]);
      expect((await other.counts()).applications).toBe(0);
      const [outcome] = await other.importBatch([application('secret-1')], screening);
      expect(outcome!.status).toBe('new');
      expect((await store.getApplication('secret-1'))!.version).toBe(1);
      expect(() => store.withOrg('bad org!')).toThrow();
    });

    it('stores a version without a result, then its result; re-screens append a result', async () => {
      const outcome = await store.putVersion(application('two-step-1'));
      expect((await store.getApplication('two-step-1'))!.result).toBeUndefined();
      const provenance = screeningProvenance(DEFAULT_SCORING);
      const result = screenApplication(application('two-step-1'), context);
      expect((await store.putResult({ id: 'two-step-1', source: 'greenhouse', version: outcome.version }, result, provenance)).resultNo).toBe(1);
      expect((await store.putResult({ id: 'two-step-1', source: 'greenhouse', version: 1 }, result, provenance)).resultNo).toBe(2);
      expect((await store.getApplication('two-step-1'))!.result!.resultNo).toBe(2);
      await expect(store.putResult({ id: 'two-step-1', source: 'greenhouse', version: 9 }, result, provenance)).rejects.toThrow(/no version 9/);
    });

    it('screens a stored, never-screened version when the record arrives again', async () => {
      await store.putVersion(application('late-1'));
      const [outcome] = await store.importBatch([application('late-1')], screening);
      expect(outcome!.status).toBe('unchanged');
      expect((await store.getApplication('late-1'))!.result).toMatchObject({ version: 1, resultNo: 1 });
    });

    it('lists latest results with filters and key-based pages that neither repeat nor skip', async () => {
      const paged = store.withOrg('paging');
      await paged.importBatch(Array.from({ length: 25 }, (_, i) => application(`p-${String(i).padStart(2, '0')}`, (raw) => {
        if (i % 3 === 0) (raw.applicant as Record<string, unknown>).emails = ['someone@mailinator.com'];
      })), screening);
      for (const orderBy of ['received', 'score'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await paged.listResults({ orderBy, limit: 7, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(25);
        expect(seen).toHaveLength(25);
      }
      const byScore = (await paged.listResults({ orderBy: 'score', limit: 25 })).items.map((i) => i.score);
      expect(byScore).toEqual([...byScore].sort((a, b) => b - a));
      const counts = await paged.counts();
      expect(counts).toMatchObject({ applications: 25, versions: 25, unscreened: 0 });
      const band = (await paged.listResults({ limit: 1, orderBy: 'score' })).items[0]!.band;
      const inBand = await paged.listResults({ band, limit: 100 });
      expect(inBand.items.length).toBe(counts.byBand[band]);
      expect((await paged.listResults({ minScore: 101 as number }).catch((e: unknown) => e))).toBeInstanceOf(StoreError);
      await expect(paged.listResults({ cursor: 'nonsense' })).rejects.toThrow(/cursor/);
    });

    it('keeps links by fingerprint and cluster members', async () => {
      await store.importBatch([application('ring-1'), application('ring-2', (raw) => renamed(raw, 'Alan Smith'))], screening);
      const fingerprint = valueFingerprint('phone', '+15125550143');
      await store.putLinks({ id: 'ring-2', source: 'greenhouse' }, [{ other: { id: 'ring-1', source: 'greenhouse' }, kind: 'phone', valueFingerprint: fingerprint }]);
      await store.putLinks({ id: 'ring-2', source: 'greenhouse' }, [{ other: { id: 'ring-1', source: 'greenhouse' }, kind: 'phone', valueFingerprint: fingerprint }]);
      expect(await store.listLinks({ id: 'ring-2', source: 'greenhouse' })).toMatchObject([{ other: { id: 'ring-1' }, kind: 'phone', valueFingerprint: fingerprint }]);
      await store.addClusterMembers('c-0f3a', [{ id: 'ring-1', source: 'greenhouse' }, { id: 'ring-2', source: 'greenhouse' }]);
      expect((await store.getCluster('c-0f3a'))!.members.map((m) => m.id).sort()).toEqual(['ring-1', 'ring-2']);
      expect((await store.getApplication('ring-1'))!.cluster!.id).toBe('c-0f3a');
      expect(await store.withOrg('globex').getCluster('c-0f3a')).toBeUndefined();
    });

    it('keeps API keys hashed, a hash-chained audit log, alerts and telemetry aggregates per organisation', async () => {
      const { keyId, secret } = await store.admin.apiKeys.create('analyst', 'ci');
      expect(await store.admin.apiKeys.authenticate(secret)).toMatchObject({ org: 'acme', keyId, role: 'analyst' });
      expect(await store.admin.apiKeys.authenticate(`${secret}x`)).toBeUndefined();
      expect(await store.withOrg('globex').admin.apiKeys.revoke(keyId)).toBe(false);
      expect(await store.admin.apiKeys.revoke(keyId)).toBe(true);
      expect((await store.admin.apiKeys.authenticate(secret))!.revokedAt).toBeDefined();

      for (const action of ['read_evidence', 'decide', 'read_evidence']) await store.admin.audit.append({ actor: 'key:1', action, target: 'gh-1', detail: { n: 1 } });
      const log = await store.admin.audit.list();
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(log[1]!.prevHash).toBe(log[0]!.hash);
      expect(await store.admin.audit.verify()).toMatchObject({ ok: true, checked: 3 });
      expect(await store.withOrg('globex').admin.audit.list()).toEqual([]);

      const alert = { subjectKind: 'employee' as const, subjectId: 'E1029', signalId: 'telemetry.remote_control', evidence: 'AnyDesk.exe', at: '2025-12-03T02:35:00Z' };
      await store.admin.alerts.record(alert);
      await store.admin.alerts.record({ ...alert, at: '2025-12-04T02:35:00Z' });
      expect(await store.admin.alerts.list()).toMatchObject([{ count: 2, firstSeen: alert.at, lastSeen: '2025-12-04T02:35:00Z' }]);

      await store.monitor.putDeviceDay({ deviceId: 'LAP-55', day: '2025-12-03', aggregate: { logins: 1 } });
      await store.monitor.putDeviceDay({ deviceId: 'LAP-55', day: '2025-12-03', aggregate: { logins: 2 } });
      expect(await store.monitor.getDeviceDays('LAP-55', '2025-12-01', '2025-12-31')).toEqual([{ deviceId: 'LAP-55', day: '2025-12-03', aggregate: { logins: 2 } }]);
    });
  });
}
