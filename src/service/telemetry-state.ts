import { z } from 'zod';
import { createAggregate, type Aggregate, type DeviceDay, type EmployeeInfo } from '../monitor/aggregate.js';
import type { HirewatchStore } from '../store/index.js';

/** Post-hire state in the store, typed: employees (validated on read) and per-device-day aggregates. */
const EmployeeInfoSchema = z.object({
  employeeId: z.string(),
  applicationId: z.string().optional(),
  startDate: z.string().optional(),
  workLocation: z.object({ city: z.string().optional(), region: z.string().optional(), country: z.string().optional() }).optional(),
  deviceIds: z.array(z.string()),
  authenticators: z.record(z.string(), z.object({ method: z.string().optional(), first: z.string(), last: z.string() })).optional(),
});

export async function readEmployee(store: HirewatchStore, employeeId: string): Promise<EmployeeInfo | undefined> {
  const raw = await store.monitor.getEmployee(employeeId);
  const parsed = raw ? EmployeeInfoSchema.safeParse(raw) : undefined;
  return parsed?.success ? (parsed.data as EmployeeInfo) : undefined;
}

export async function writeEmployee(store: HirewatchStore, employee: EmployeeInfo): Promise<void> {
  await store.monitor.putEmployee({ employeeId: employee.employeeId, info: { ...employee } });
}

/** Employees the authenticator is recorded on (a second factor shared across accounts). */
export async function readAuthenticatorSharers(store: HirewatchStore, authenticatorId: string): Promise<string[]> {
  return store.monitor.employeesWithAuthenticator(authenticatorId);
}

export async function readOwners(store: HirewatchStore, deviceId: string): Promise<string[]> {
  return store.monitor.employeesOfDevice(deviceId);
}

/** Stored device-days of one device between two days (inclusive). */
export async function readDeviceDays(store: HirewatchStore, deviceId: string, fromDay: string, toDay: string): Promise<DeviceDay[]> {
  const rows = await store.monitor.getDeviceDays(deviceId, fromDay, toDay);
  return rows.map((r) => r.aggregate as unknown as DeviceDay);
}

export async function writeDeviceDay(store: HirewatchStore, day: DeviceDay): Promise<void> {
  await store.monitor.putDeviceDay({ deviceId: day.deviceId, day: day.day, aggregate: day as unknown as Record<string, unknown> });
}

/** Everything the organisation's monitors have stored, as one aggregate (a report over all employees). */
export async function readEverything(store: HirewatchStore): Promise<Aggregate> {
  const { devices, employees } = await store.monitor.everything();
  const aggregate = createAggregate();
  for (const d of devices) {
    const day = d.aggregate as unknown as DeviceDay;
    (aggregate.devices[d.deviceId] ??= {})[d.day] = day;
    aggregate.events += day.events;
  }
  for (const e of employees) {
    const parsed = EmployeeInfoSchema.safeParse(e.info);
    if (parsed.success) aggregate.employees[e.employeeId] = parsed.data as EmployeeInfo;
  }
  return aggregate;
}
