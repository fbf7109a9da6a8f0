import { z } from 'zod';
import { StoreError, type AlertRow, type EmployeeFilter, type HirewatchStore } from '../store/index.js';

/**
 * The organisation's hired employees as telemetry knows them (GET
 * /api/v1/employees and the console's Employees page): the employee record
 * of `employee` events, the application they were hired from with its name
 * and latest band, their devices with the last day telemetry was stored,
 * their post-hire alerts, and their cases. Telemetry keeps per-device-day
 * aggregates, not raw events, so an employee's detail shows those days.
 * Reads only: the API handler audits them.
 */

const MAX_DEVICES = 50;
export const RECENT_DAYS_MAX = 31;

const InfoSchema = z.object({
  startDate: z.string().optional(),
  applicationId: z.string().optional(),
  workLocation: z.object({ city: z.string().optional(), region: z.string().optional(), country: z.string().optional() }).optional(),
  deviceIds: z.array(z.string()).default([]),
});

export interface HiredFrom {
  readonly id: string;
  readonly source?: string;
  readonly name?: string;
  readonly band?: 'clear' | 'review' | 'hold';
  readonly score?: number;
}

export interface EmployeeSummary {
  readonly employeeId: string;
  readonly application?: HiredFrom;
  readonly startDate?: string;
  readonly workLocation?: { city?: string; region?: string; country?: string };
  readonly devices: string[];
  /** The last UTC day any of the employee's devices has stored telemetry. */
  readonly lastTelemetryDay?: string;
  readonly alertCount: number;
  readonly lastAlertAt?: string;
}

/** One device-day, summarised from the stored aggregate (src/monitor/aggregate.ts). */
export interface DeviceDaySummary {
  readonly day: string;
  readonly events: number;
  readonly activeHours: number;
  readonly keystrokeSamples: number;
  readonly minRttMs?: number;
  readonly processes: { name: string; events: number }[];
  readonly usb: { id: string; product: string; events: number }[];
  readonly loginIps: string[];
  readonly displays: number;
}

export interface EmployeeDetail extends EmployeeSummary {
  readonly deviceDays: { deviceId: string; lastDay?: string; days: DeviceDaySummary[] }[];
  readonly alerts: AlertRow[];
  readonly cases: { id: string; status: string; band: string; score: number; openedAt: string; decidedAt?: string }[];
}

const DayAggregateSchema = z.object({
  day: z.string(),
  events: z.number().default(0),
  hours: z.array(z.number()).default([]),
  keystroke: z.object({ samples: z.number().default(0) }).optional(),
  rtt: z.object({ minMs: z.number().nullable().optional() }).optional(),
  processes: z.record(z.string(), z.number()).default({}),
  processNames: z.record(z.string(), z.string()).default({}),
  usb: z.record(z.string(), z.object({ product: z.string().default(''), count: z.number().default(0) })).default({}),
  logins: z.record(z.string(), z.number()).default({}),
  displays: z.record(z.string(), z.unknown()).optional(),
});

const nameOf = (names: Record<string, string>, key: string): string => {
  const found = Object.entries(names).find(([k]) => k === key);
  return found ? found[1] : key;
};

export function summariseDay(aggregate: Record<string, unknown>, fallbackDay: string): DeviceDaySummary {
  const parsed = DayAggregateSchema.safeParse({ day: fallbackDay, ...aggregate });
  if (!parsed.success) return { day: fallbackDay, events: 0, activeHours: 0, keystrokeSamples: 0, processes: [], usb: [], loginIps: [], displays: 0 };
  const a = parsed.data;
  return {
    day: a.day,
    events: a.events,
    activeHours: a.hours.filter((h) => h > 0).length,
    keystrokeSamples: a.keystroke?.samples ?? 0,
    ...(typeof a.rtt?.minMs === 'number' ? { minRttMs: a.rtt.minMs } : {}),
    processes: Object.entries(a.processes).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 8).map(([k, n]) => ({ name: nameOf(a.processNames, k), events: n })),
    usb: Object.entries(a.usb).slice(0, 8).map(([id, u]) => ({ id, product: u.product, events: u.count })),
    loginIps: Object.keys(a.logins).sort().slice(0, 8),
    displays: a.displays ? Object.keys(a.displays).length : 0,
  };
}

async function hiredFrom(store: HirewatchStore, applicationId: string | undefined): Promise<HiredFrom | undefined> {
  if (!applicationId) return undefined;
  try {
    const app = await store.getApplication(applicationId);
    if (!app) return { id: applicationId };
    return { id: app.id, source: app.source, name: app.fullName, ...(app.result ? { band: app.result.band, score: app.result.score } : {}) };
  } catch (e) {
    // The same id under several sources: name the id only.
    if (e instanceof StoreError && e.code === 'ambiguous') return { id: applicationId };
    throw e;
  }
}

const latest = (days: Iterable<string>): string | undefined => {
  let max: string | undefined;
  for (const d of days) if (max === undefined || d > max) max = d;
  return max;
};

function summary(
  employeeId: string, info: z.infer<typeof InfoSchema>, application: HiredFrom | undefined, lastDays: ReadonlyMap<string, string>,
  alertCount: number, lastAlertAt: string | undefined,
): EmployeeSummary {
  const devices = info.deviceIds.slice(0, MAX_DEVICES);
  const lastTelemetryDay = latest(devices.flatMap((d) => (lastDays.has(d) ? [lastDays.get(d)!] : [])));
  return {
    employeeId,
    ...(application ? { application } : {}),
    ...(info.startDate ? { startDate: info.startDate } : {}),
    ...(info.workLocation ? { workLocation: info.workLocation } : {}),
    devices,
    ...(lastTelemetryDay ? { lastTelemetryDay } : {}),
    alertCount,
    ...(lastAlertAt ? { lastAlertAt } : {}),
  };
}

const infoOf = (raw: Record<string, unknown>): z.infer<typeof InfoSchema> => {
  const parsed = InfoSchema.safeParse(raw);
  return parsed.success ? parsed.data : { deviceIds: [] };
};

/** A page of the organisation's employees (the store's order and cursor). */
export async function listEmployees(store: HirewatchStore, filter: EmployeeFilter): Promise<{ items: EmployeeSummary[]; nextCursor?: string }> {
  const page = await store.monitor.listEmployees(filter);
  const infos = page.items.map((e) => infoOf(e.info));
  const lastDays = await store.monitor.lastDeviceDays(infos.flatMap((i) => i.deviceIds.slice(0, MAX_DEVICES)));
  const items: EmployeeSummary[] = [];
  for (const [i, e] of page.items.entries()) {
    const info = infos[i]!;
    items.push(summary(e.employeeId, info, await hiredFrom(store, e.applicationId ?? info.applicationId), lastDays, e.alertCount, e.lastAlertAt));
  }
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

const minusDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** One employee of the organisation (undefined when the organisation has no such employee), with the last `days` stored days of each device. */
export async function employeeDetail(store: HirewatchStore, employeeId: string, days = 14): Promise<EmployeeDetail | undefined> {
  const raw = await store.monitor.getEmployee(employeeId);
  if (!raw) return undefined;
  const info = infoOf(raw);
  const devices = info.deviceIds.slice(0, MAX_DEVICES);
  const lastDays = await store.monitor.lastDeviceDays(devices);
  const alerts = await store.monitor.alertsOfEmployee(employeeId, info.applicationId);
  const lastAlertAt = latest(alerts.map((a) => a.lastSeen));
  const span = Math.min(Math.max(1, days), RECENT_DAYS_MAX);
  const deviceDays: EmployeeDetail['deviceDays'] = [];
  for (const deviceId of devices) {
    const lastDay = lastDays.get(deviceId);
    if (!lastDay) {
      deviceDays.push({ deviceId, days: [] });
      continue;
    }
    const stored = await store.monitor.getDeviceDays(deviceId, minusDays(lastDay, span - 1), lastDay);
    deviceDays.push({ deviceId, lastDay, days: stored.reverse().map((d) => summariseDay(d.aggregate, d.day)) });
  }
  const cases = (await store.cases.ofEmployee(employeeId)).map((c) => ({
    id: c.id, status: c.status, band: c.band, score: c.score, openedAt: c.openedAt, ...(c.decidedAt ? { decidedAt: c.decidedAt } : {}),
  }));
  return {
    ...summary(employeeId, info, await hiredFrom(store, info.applicationId), lastDays, alerts.length, lastAlertAt),
    deviceDays,
    alerts,
    cases,
  };
}
