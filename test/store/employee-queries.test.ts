/**
 * The employee reads behind GET /api/v1/employees, on every engine: alert
 * counts (alerts under the employee, or under its application naming the
 * employee in the evidence), the three sorts with keyset paging, the
 * withAlerts filter, one employee's alerts, devices' last days, and nothing
 * of another organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeFilter, HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: employee queries', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
    const m = store.monitor;
    for (const [id, app, devices] of [['E1', 'gh-1', ['LAP-1']], ['E2', 'gh-2', ['LAP-2', 'PHN-2']], ['E3', undefined, ['LAP-3']], ['E4', 'gh-4', []], ['E5', 'gh-1', ['LAP-5']]] as const) {
      await m.putEmployee({ employeeId: id, info: { employeeId: id, ...(app ? { applicationId: app } : {}), deviceIds: [...devices] } });
    }
    await m.putDeviceDay({ deviceId: 'LAP-2', day: '2025-12-01', aggregate: { events: 1 } });
    await m.putDeviceDay({ deviceId: 'LAP-2', day: '2025-12-03', aggregate: { events: 2 } });
    await m.putDeviceDay({ deviceId: 'PHN-2', day: '2025-12-02', aggregate: { events: 3 } });
    const alert = (subjectKind: 'application' | 'employee', subjectId: string, signalId: string, evidence: string, at: string) => store.admin.alerts.record({ subjectKind, subjectId, signalId, evidence, at });
    await alert('application', 'gh-2', 'telemetry.a', 'employee E2: one', '2025-12-02T00:00:00Z');
    await alert('application', 'gh-2', 'telemetry.b', 'employee E2: two', '2025-12-01T00:00:00Z');
    await alert('employee', 'E3', 'telemetry.a', 'employee E3: three', '2025-12-05T00:00:00Z');
    // gh-1 was the application of E1 and of E5: the evidence says whose alert it is.
    await alert('application', 'gh-1', 'telemetry.c', 'employee E5: five', '2025-12-04T00:00:00Z');
    // Another organisation's employee with the same id and alerts of its own.
    const other = store.withOrg('globex');
    await other.monitor.putEmployee({ employeeId: 'E1', info: { employeeId: 'E1', applicationId: 'gh-1', deviceIds: ['LAP-1'] } });
    await other.admin.alerts.record({ subjectKind: 'application', subjectId: 'gh-1', signalId: 'telemetry.z', evidence: 'employee E1: elsewhere', at: '2025-12-09T00:00:00Z' });
    await other.monitor.putDeviceDay({ deviceId: 'LAP-2', day: '2025-12-09', aggregate: { events: 1 } });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  async function all(filter: EmployeeFilter): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await store.monitor.listEmployees({ ...filter, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((e) => e.employeeId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  it.skipIf(!engine.available)('counts each employee\'s alerts and sorts by alerts, by last alert and by id, paged by key', async () => {
    const first = await store.monitor.listEmployees({ limit: 10 });
    expect(first.items.map((e) => [e.employeeId, e.alertCount, e.lastAlertAt ?? null])).toEqual([
      ['E2', 2, '2025-12-02T00:00:00Z'], ['E3', 1, '2025-12-05T00:00:00Z'], ['E5', 1, '2025-12-04T00:00:00Z'], ['E1', 0, null], ['E4', 0, null],
    ]);
    expect(first.nextCursor).toBeUndefined();
    expect(first.items[0]!.applicationId).toBe('gh-2');
    expect(first.items[0]!.info.deviceIds).toEqual(['LAP-2', 'PHN-2']);
    for (const limit of [1, 2, 3]) {
      expect(await all({ limit })).toEqual(['E2', 'E3', 'E5', 'E1', 'E4']);
      expect(await all({ limit, sort: 'lastAlert' })).toEqual(['E3', 'E5', 'E2', 'E1', 'E4']);
      expect(await all({ limit, sort: 'id' })).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
      expect(await all({ limit, withAlerts: true })).toEqual(['E2', 'E3', 'E5']);
    }
    await expect(store.monitor.listEmployees({ cursor: 'not-a-cursor' })).rejects.toThrow('cursor');
  });

  it.skipIf(!engine.available)('lists one employee\'s alerts (its own, not another employee\'s of the same application) and devices\' last days, in its organisation only', async () => {
    expect((await store.monitor.alertsOfEmployee('E2', 'gh-2')).map((a) => a.signalId)).toEqual(['telemetry.a', 'telemetry.b']);
    expect(await store.monitor.alertsOfEmployee('E1', 'gh-1')).toEqual([]);
    expect((await store.monitor.alertsOfEmployee('E5', 'gh-1')).map((a) => a.evidence)).toEqual(['employee E5: five']);
    expect((await store.monitor.alertsOfEmployee('E3')).map((a) => a.subjectKind)).toEqual(['employee']);
    expect(Object.fromEntries(await store.monitor.lastDeviceDays(['LAP-2', 'PHN-2', 'LAP-9']))).toEqual({ 'LAP-2': '2025-12-03', 'PHN-2': '2025-12-02' });
    expect(await store.monitor.lastDeviceDays([])).toEqual(new Map());
    const other = await store.withOrg('globex').monitor.listEmployees({});
    expect(other.items.map((e) => [e.employeeId, e.alertCount])).toEqual([['E1', 1]]);
  });
});
