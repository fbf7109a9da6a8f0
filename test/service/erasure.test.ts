/**
 * Erasure on request and retention (docs/RETENTION.md), on every engine:
 * what a user notices afterwards. The erased application is not found, an
 * application linked to it no longer names it, a new application sharing
 * its phone links to nothing, the audit chain still verifies and its
 * tombstone names no name, mailbox or phone; a legal hold and an open case
 * keep what they need and say so; retention removes what is past its period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Retention, Screening, type Actor } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor = (action: string): Actor => ({ actor: 'key:admin', action });
const SHARED_PHONE = '(512) 555-0177';

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: erasure and retention', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING) });
  const retention = new Retention(screening);
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
    await screening.warm(store);
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('erase --applicant: gone, forgotten by linkage and by the application it linked, tombstone without personal data', async () => {
    await screening.submit(store, [ordinaryApplication('er-1', (a) => { a.applicant.fullName = 'Amelia Hartford'; a.applicant.phones = [SHARED_PHONE]; a.applicant.emails = ['amelia.hartford@gmail.com']; })], actor('submit'));
    const [linked] = await screening.submit(store, [ordinaryApplication('er-2', (a) => { a.applicant.fullName = 'Kevin Park'; a.applicant.phones = [SHARED_PHONE]; })], actor('submit'));
    const phoneSignal = linked!.result.signals.find((s) => s.id === 'linkage.shared_phone_other_identity');
    expect(phoneSignal?.evidence).toBe('phone +15125550177 also on er-1 (Amelia Hartford)');
    expect(linked!.result.cluster?.size).toBe(2);

    const dry = await retention.erase(store, { kind: 'applicant', id: 'er-1' }, actor('erasure'), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, found: 1, kept: [], removed: { applications: 1, versions: 1, results: 1, links: 1, clusterMemberships: 1, otherResultsRedacted: 1 } });
    expect(dry.tombstone).toBeUndefined();
    expect(await store.getApplication('er-1')).toBeDefined();

    const report = await retention.erase(store, { kind: 'applicant', id: 'er-1' }, actor('erasure'));
    expect(report).toMatchObject({ dryRun: false, found: 1, kept: [], removed: { applications: 1, versions: 1, normalisedForms: 1, results: 1, links: 1, clusterMemberships: 1, otherResultsRedacted: 1 } });
    expect(report.subject).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);

    expect(await store.getApplication('er-1')).toBeUndefined();
    const other = await store.getApplication('er-2');
    expect(other!.result!.signals.find((s) => s.id === 'linkage.shared_phone_other_identity')?.evidence).toBe('phone +15125550177 also on an erased application');
    expect(await store.listLinks({ id: 'er-2', source: 'greenhouse' })).toEqual([]);
    expect(JSON.stringify(other)).not.toContain('Amelia');

    // A new application with the erased phone and a third name links only to er-2, never to er-1.
    const [fresh] = await screening.submit(store, [ordinaryApplication('er-3', (a) => { a.applicant.fullName = 'Maria Lopez'; a.applicant.phones = [SHARED_PHONE]; })], actor('submit'));
    expect(fresh!.result.signals.find((s) => s.id === 'linkage.shared_phone_other_identity')?.evidence).toBe('phone +15125550177 also on er-2 (Kevin Park)');
    expect(JSON.stringify(fresh!.result)).not.toContain('er-1');

    const entries = await store.admin.audit.list();
    const tombstone = entries.find((e) => e.seq === report.tombstone)!;
    expect(tombstone.action).toBe('erasure');
    expect(tombstone.target).toBeUndefined();
    expect(tombstone.detail).toMatchObject({ subject: report.subject, by: 'applicant', kept: { legalHold: 0, openCase: 0 } });
    const text = JSON.stringify(tombstone);
    for (const personal of ['Amelia', 'Hartford', 'amelia.hartford@gmail.com', '555-0177', '5125550177', 'er-1']) expect(text).not.toContain(personal);
    expect((await store.admin.audit.verify()).ok).toBe(true);
  });

  it.skipIf(!engine.available)('erase --email finds every application giving the mailbox, whatever its case', async () => {
    await screening.submit(store, [
      ordinaryApplication('em-1', (a) => { a.applicant.emails = ['Jo.Smith@Example.org']; }),
      ordinaryApplication('em-2', (a) => { a.applicant.emails = ['jo.smith@example.org']; }),
      ordinaryApplication('em-3', (a) => { a.applicant.emails = ['jo.smithers@example.org']; }),
    ], actor('submit'));
    const report = await retention.erase(store, { kind: 'email', address: 'JO.SMITH@example.org' }, actor('erasure'));
    expect(report).toMatchObject({ found: 2, kept: [], removed: { applications: 2 } });
    expect(await store.getApplication('em-1')).toBeUndefined();
    expect(await store.getApplication('em-2')).toBeUndefined();
    expect(await store.getApplication('em-3')).toBeDefined();
    const none = await retention.erase(store, { kind: 'email', address: 'nobody@example.org' }, actor('erasure'));
    expect(none).toMatchObject({ found: 0, kept: [] });
    expect(none.tombstone).toBeUndefined();
  });

  it.skipIf(!engine.available)('a legal hold and an open case keep the application, and the report says why', async () => {
    await screening.submit(store, [ordinaryApplication('lh-1')], actor('submit'));
    await retention.setHold(store, { id: 'lh-1' }, 'matter 2026-17', actor('legal_hold.set'));
    const held = await retention.erase(store, { kind: 'applicant', id: 'lh-1' }, actor('erasure'));
    expect(held).toMatchObject({ found: 1, kept: [{ source: 'greenhouse', id: 'lh-1', reason: 'legal hold (matter 2026-17)' }], removed: { applications: 0 } });
    expect(await store.getApplication('lh-1')).toBeDefined();
    expect((await store.admin.audit.list()).find((e) => e.seq === held.tombstone)!.detail.kept).toEqual({ legalHold: 1, openCase: 0 });
    expect(await retention.releaseHold(store, { id: 'lh-1' }, actor('legal_hold.release'))).toBe(true);
    expect(await retention.erase(store, { kind: 'applicant', id: 'lh-1' }, actor('erasure'))).toMatchObject({ kept: [], removed: { applications: 1 } });

    await screening.submit(store, [heldApplication('oc-1')], actor('submit'));
    const caseId = (await screening.cases.list(store, {})).cases.find((c) => c.memberIds.includes('oc-1'))!.id;
    const open = await retention.erase(store, { kind: 'applicant', id: 'oc-1' }, actor('erasure'));
    expect(open).toMatchObject({ found: 1, kept: [{ source: 'greenhouse', id: 'oc-1', reason: `open case ${caseId}` }], removed: { applications: 0 } });
    expect(await store.getApplication('oc-1')).toBeDefined();
    expect((await store.admin.audit.verify()).ok).toBe(true);
  });

  it.skipIf(!engine.available)('retention apply removes applications past their period, keeps held ones, and counts per kind', async () => {
    const org = store.withOrg('keeper');
    await screening.submit(org, [ordinaryApplication('rt-1'), ordinaryApplication('rt-2')], actor('submit'));
    await retention.setHold(org, { id: 'rt-2' }, 'litigation', actor('legal_hold.set'));
    const later = new Retention(screening, () => new Date(Date.now() + 40 * 86_400_000));
    expect(await later.apply(org, actor('retention.apply'))).toMatchObject({ removed: {}, kept: { legalHold: 0, openCase: 0 } });
    await later.setPolicy(org, { applications: 30, telemetry: 90, cases: 365 }, actor('retention.policy'));
    const dry = await later.apply(org, actor('retention.apply'), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, removed: { applications: { applications: 1, versions: 1, results: 1 }, telemetry: { deviceDays: 0, alerts: 0 } }, kept: { legalHold: 1, openCase: 0 } });
    expect((await org.counts()).applications).toBe(2);
    const done = await later.apply(org, actor('retention.apply'));
    expect(done).toMatchObject({ dryRun: false, removed: { applications: { applications: 1 }, cases: { cases: 0 } }, kept: { legalHold: 1 } });
    expect(await org.getApplication('rt-1')).toBeUndefined();
    expect(await org.getApplication('rt-2')).toBeDefined();
    expect((await org.admin.audit.verify()).ok).toBe(true);
  });

  it.skipIf(!engine.available)('an erased hire takes their employee record and device-days along; a device another employee lists stays; telemetry retention counts device-days', async () => {
    const org = store.withOrg('hires');
    await screening.submit(org, [ordinaryApplication('hi-1'), ordinaryApplication('hi-2')], actor('submit'));
    await org.monitor.putEmployee({ employeeId: 'E1', info: { employeeId: 'E1', applicationId: 'hi-1', deviceIds: ['LAP-1', 'LAP-SHARED'] } });
    await org.monitor.putEmployee({ employeeId: 'E2', info: { employeeId: 'E2', applicationId: 'hi-2', deviceIds: ['LAP-SHARED'] } });
    for (const [deviceId, day] of [['LAP-1', '2026-11-30'], ['LAP-SHARED', '2026-11-30'], ['LAP-SHARED', '2020-01-01']] as const) {
      await org.monitor.putDeviceDay({ deviceId, day, aggregate: { deviceId, day, events: 1 } });
    }
    const report = await retention.erase(org, { kind: 'applicant', id: 'hi-1' }, actor('erasure'));
    expect(report.removed).toMatchObject({ applications: 1, employees: 1, deviceDays: 1 });
    expect(await org.monitor.getEmployee('E1')).toBeUndefined();
    expect(await org.monitor.getEmployee('E2')).toBeDefined();
    expect((await org.monitor.getDeviceDays('LAP-1', '2000-01-01', '2100-01-01')).length).toBe(0);
    expect((await org.monitor.getDeviceDays('LAP-SHARED', '2000-01-01', '2100-01-01')).map((d) => d.day)).toEqual(['2020-01-01', '2026-11-30']);

    await retention.setPolicy(org, { telemetry: 365 }, actor('retention.policy'));
    const applied = await new Retention(screening, () => new Date('2026-12-04T00:00:00Z')).apply(org, actor('retention.apply'));
    expect(applied.removed).toEqual({ telemetry: { deviceDays: 1, alerts: 0 } });
    expect((await org.monitor.getDeviceDays('LAP-SHARED', '2000-01-01', '2100-01-01')).map((d) => d.day)).toEqual(['2026-11-30']);
    expect((await org.admin.audit.verify()).ok).toBe(true);
  });
});
