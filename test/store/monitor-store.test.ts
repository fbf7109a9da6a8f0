/**
 * The monitor's state in the store, on every engine: writes inside one
 * transaction commit together (device-days, employees, the consumer's
 * sequence) or not at all, per organisation; alerts are deduplicated with a cool-down that runs from
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

  it.skipIf(!engine.available)('stores device-days, employees and the sequence in one transaction, per organisation; a failed transaction stores none of them', async () => {
    expect(await store.monitor.everything()).toEqual({ devices: [], employees: [] });
    expect(await store.monitor.checkpoint('nats:S:d')).toBe(0);
    const write = (events: number, sequence: number) => async (tx: HirewatchStore) => {
      await tx.monitor.putDeviceDay({ deviceId: 'LAP-1', day: '2025-12-01', aggregate: { events } });
      await tx.monitor.putEmployee({ employeeId: 'E1', info: { employeeId: 'E1', applicationId: 'gh-1', deviceIds: ['LAP-1'] } });
      await tx.monitor.setCheckpoint('nats:S:d', sequence);
    };
    await store.transaction(write(3, 3));
    await store.transaction(write(5, 5));
    await expect(store.transaction(async (tx) => {
      await write(9, 9)(tx);
      throw new Error('the batch failed half-way');
    })).rejects.toThrow('half-way');
    const state = await store.monitor.everything();
    expect(state.devices).toEqual([{ deviceId: 'LAP-1', day: '2025-12-01', aggregate: { events: 5 } }]);
    expect(state.employees.map((e) => e.info.applicationId)).toEqual(['gh-1']);
    expect(await store.monitor.checkpoint('nats:S:d')).toBe(5);
    expect(await store.monitor.checkpoint('file:/x')).toBe(0);
    expect((await store.withOrg('other').monitor.everything()).devices).toEqual([]);
  });

  it.skipIf(!engine.available)('finds the owners of a device whose id holds LIKE wildcards or a backslash, and no one else', async () => {
    const ids = ['LAP_01', 'LAP%02', 'LAP\\03', 'LAPX01'];
    for (const [i, deviceId] of ids.entries()) await store.monitor.putEmployee({ employeeId: `W${i}`, info: { employeeId: `W${i}`, deviceIds: [deviceId] } });
    expect(await store.monitor.employeesOfDevice('LAP_01')).toEqual(['W0']);
    expect(await store.monitor.employeesOfDevice('LAP%02')).toEqual(['W1']);
    expect(await store.monitor.employeesOfDevice('LAP\\03')).toEqual(['W2']);
    expect(await store.monitor.employeesOfDevice('LAPX01')).toEqual(['W3']);
    expect(await store.monitor.employeesOfDevice('LAP_0')).toEqual([]);
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
