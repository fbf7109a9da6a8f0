/**
 * The monitor's state in the store, on every engine: a commit writes
 * aggregates, employees and the consumer's sequence together and a load
 * gives them back; alerts are deduplicated with a cool-down that runs from
 * the last time they were worth telling someone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: monitor state and alerts', (_title, engine) => {
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

  it.skipIf(!engine.available)('commits aggregates, employees and the sequence together, per organisation', async () => {
    expect(await store.monitor.load('nats:S:d')).toEqual({ devices: [], employees: [], lastSequence: 0 });
    await store.monitor.commit('nats:S:d', { devices: [{ deviceId: 'LAP-1', day: '2025-12-01', aggregate: { events: 3 } }], employees: [{ employeeId: 'E1', info: { employeeId: 'E1', applicationId: 'gh-1', deviceIds: ['LAP-1'] } }], lastSequence: 3 });
    await store.monitor.commit('nats:S:d', { devices: [{ deviceId: 'LAP-1', day: '2025-12-01', aggregate: { events: 5 } }], employees: [], lastSequence: 5 });
    const state = await store.monitor.load('nats:S:d');
    expect(state.devices).toEqual([{ deviceId: 'LAP-1', day: '2025-12-01', aggregate: { events: 5 } }]);
    expect(state.employees.map((e) => e.info.applicationId)).toEqual(['gh-1']);
    expect(state.lastSequence).toBe(5);
    expect(await store.monitor.checkpoint('file:/x')).toBe(0);
    expect((await store.withOrg('other').monitor.load('nats:S:d')).devices).toEqual([]);
  });

  it.skipIf(!engine.available)('an alert is new once, suppressed within the cool-down however often it recurs, and raised again after it', async () => {
    const alert = (at: string) => store.admin.alerts.record({ subjectKind: 'employee', subjectId: 'E1', signalId: 'telemetry.ip_kvm_device', evidence: 'PiKVM gadget', at }, 24 * 3_600_000);
    expect(await alert('2025-12-01T10:00:00Z')).toBe('new');
    expect(await alert('2025-12-01T16:00:00Z')).toBe('suppressed');
    expect(await alert('2025-12-02T09:00:00Z')).toBe('suppressed'); // still within a day of the last report
    expect(await alert('2025-12-02T10:30:00Z')).toBe('again');
    expect(await alert('2025-12-02T11:00:00Z')).toBe('suppressed');
    const [row] = await store.admin.alerts.list();
    expect(row).toMatchObject({ subjectId: 'E1', count: 5, firstSeen: '2025-12-01T10:00:00Z', lastSeen: '2025-12-02T11:00:00Z' });
  });
});
