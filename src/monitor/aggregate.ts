import type { TelemetryEvent } from './events.js';

/**
 * Telemetry aggregated per device and UTC day; raw events are not kept.
 *
 * `fold(aggregate, event)` is deterministic and reads no clock and no I/O: the
 * aggregate of a stream depends only on its events. For speed it updates the
 * aggregate it is given (the caller owns it, as an accumulator) and returns
 * it. `merge(a, b)` combines two aggregates into a new one, so a stream cut
 * anywhere gives the same result: merge(fold(first part), fold(rest)) equals
 * fold(whole stream). The aggregate is plain JSON: it can be stored and
 * resumed (`JSON.parse(JSON.stringify(a))` is a valid aggregate).
 */
export const AGGREGATE_VERSION = 1;

/** Keystroke latency histogram: 1 ms buckets to 200 ms, 10 ms buckets to 1,000 ms, then one. */
export function latencyBucket(ms: number): number {
  if (ms < 200) return Math.floor(ms);
  if (ms < 1000) return 200 + Math.floor((ms - 200) / 10) * 10;
  return 1000;
}

export interface DeviceDay {
  readonly deviceId: string;
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  events: number;
  /** Events per UTC hour (24 counts). */
  hours: number[];
  keystroke: { batches: number; samples: number; /** bucket (ms, lower bound) -> samples */ hist: Record<string, number> };
  rtt: { count: number; minMs: number | null; minPeer: string | null; sumMs: number };
  /** Process key (base name, lower case) -> events; the first spelling seen is kept in `processNames`. */
  processes: Record<string, number>;
  processNames: Record<string, string>;
  /** "vvvv:pppp" -> product string and events. */
  usb: Record<string, { product: string; count: number }>;
  /** Login IP -> events. */
  logins: Record<string, number>;
  /** Employee ids named by login events on this device. */
  loginEmployees: Record<string, number>;
}

export interface EmployeeInfo {
  readonly employeeId: string;
  applicationId?: string;
  startDate?: string;
  workLocation?: { city?: string; region?: string; country?: string };
  deviceIds: string[];
}

export interface Aggregate {
  readonly version: number;
  events: number;
  employees: Record<string, EmployeeInfo>;
  /** deviceId -> day -> aggregate. */
  devices: Record<string, Record<string, DeviceDay>>;
}

export function createAggregate(): Aggregate {
  return { version: AGGREGATE_VERSION, events: 0, employees: {}, devices: {} };
}

function newDay(deviceId: string, day: string): DeviceDay {
  return {
    deviceId, day, events: 0, hours: new Array<number>(24).fill(0),
    keystroke: { batches: 0, samples: 0, hist: {} },
    rtt: { count: 0, minMs: null, minPeer: null, sumMs: 0 },
    processes: {}, processNames: {}, usb: {}, logins: {}, loginEmployees: {},
  };
}

/** At most this many distinct processes, USB ids or IPs per device and day (a runaway source cannot grow memory). */
export const DISTINCT_LIMIT = 1000;
const DAY_MS = 86_400_000;
const dayNames = new Map<number, string>();

function dayName(index: number): string {
  let name = dayNames.get(index);
  if (!name) {
    name = new Date(index * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size < 100_000) dayNames.set(index, name);
  }
  return name;
}

function bump(map: Record<string, number>, key: string, by = 1): boolean {
  const seen = map[key];
  if (seen !== undefined) {
    map[key] = seen + by;
    return true;
  }
  if (Object.keys(map).length >= DISTINCT_LIMIT) return false;
  map[key] = by;
  return true;
}

function employeeFrom(e: Extract<TelemetryEvent, { type: 'employee' }>, into: EmployeeInfo | undefined): EmployeeInfo {
  const out: EmployeeInfo = into ?? { employeeId: e.employeeId, deviceIds: [] };
  if (e.applicationId) out.applicationId = e.applicationId;
  if (e.startDate) out.startDate = e.startDate;
  if (e.workLocation) out.workLocation = { ...e.workLocation };
  for (const d of e.deviceIds ?? []) if (!out.deviceIds.includes(d)) out.deviceIds.push(d);
  return out;
}

/** The UTC day (YYYY-MM-DD) an event is aggregated under; undefined for employee events and unreadable times. */
export function eventDay(event: TelemetryEvent): string | undefined {
  if (event.type === 'employee') return undefined;
  const ms = Date.parse(event.at);
  return Number.isFinite(ms) ? dayName(Math.floor(ms / DAY_MS)) : undefined;
}

/** Add one event to the aggregate (in place) and return it. */
export function fold(agg: Aggregate, event: TelemetryEvent): Aggregate {
  agg.events++;
  if (event.type === 'employee') {
    agg.employees[event.employeeId] = employeeFrom(event, agg.employees[event.employeeId]);
    return agg;
  }
  const ms = Date.parse(event.at);
  if (!Number.isFinite(ms)) return agg;
  const dayIndex = Math.floor(ms / DAY_MS);
  const day = dayName(dayIndex);
  let days = agg.devices[event.deviceId];
  if (!days) days = agg.devices[event.deviceId] = {};
  let d = days[day];
  if (!d) d = days[day] = newDay(event.deviceId, day);
  d.events++;
  d.hours[Math.floor((ms - dayIndex * DAY_MS) / 3_600_000)]!++;
  switch (event.type) {
    case 'keystroke': {
      const k = d.keystroke;
      k.batches++;
      k.samples += event.samples;
      const b = String(latencyBucket(event.medianLatencyMs));
      k.hist[b] = (k.hist[b] ?? 0) + event.samples;
      break;
    }
    case 'network_rtt': {
      const r = d.rtt;
      r.count++;
      r.sumMs += event.rttMs;
      if (r.minMs === null || event.rttMs < r.minMs) {
        r.minMs = event.rttMs;
        r.minPeer = event.peer ?? null;
      }
      break;
    }
    case 'process': {
      const name = event.name;
      const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).toLowerCase();
      const key = base.endsWith('.exe') || base.endsWith('.app') ? base.slice(0, -4) : base;
      if (bump(d.processes, key) && d.processNames[key] === undefined) d.processNames[key] = name;
      break;
    }
    case 'usb': {
      const key = `${event.vendorId.toLowerCase()}:${event.productId.toLowerCase()}`;
      const seen = d.usb[key];
      if (seen) seen.count++;
      else if (Object.keys(d.usb).length < DISTINCT_LIMIT) d.usb[key] = { product: event.product ?? '', count: 1 };
      break;
    }
    case 'login':
      bump(d.logins, event.ip.trim());
      if (event.employeeId) bump(d.loginEmployees, event.employeeId);
      break;
  }
  return agg;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) bump(into, k, v);
}

function mergeDay(a: DeviceDay, b: DeviceDay): DeviceDay {
  const out = structuredClone(a);
  out.events += b.events;
  for (let h = 0; h < 24; h++) out.hours[h]! += b.hours[h] ?? 0;
  out.keystroke.batches += b.keystroke.batches;
  out.keystroke.samples += b.keystroke.samples;
  for (const [k, v] of Object.entries(b.keystroke.hist)) out.keystroke.hist[k] = (out.keystroke.hist[k] ?? 0) + v;
  out.rtt.count += b.rtt.count;
  out.rtt.sumMs += b.rtt.sumMs;
  if (b.rtt.minMs !== null && (out.rtt.minMs === null || b.rtt.minMs < out.rtt.minMs)) {
    out.rtt.minMs = b.rtt.minMs;
    out.rtt.minPeer = b.rtt.minPeer;
  }
  addCounts(out.processes, b.processes);
  for (const [k, v] of Object.entries(b.processNames)) if (out.processes[k] !== undefined) out.processNames[k] ??= v;
  for (const [k, v] of Object.entries(b.usb)) {
    const seen = out.usb[k];
    if (seen) seen.count += v.count;
    else if (Object.keys(out.usb).length < DISTINCT_LIMIT) out.usb[k] = { ...v };
  }
  addCounts(out.logins, b.logins);
  addCounts(out.loginEmployees, b.loginEmployees);
  return out;
}

/** The aggregate of two streams (or two parts of one, `a` first). Pure: neither input changes. */
export function merge(a: Aggregate, b: Aggregate): Aggregate {
  const out: Aggregate = structuredClone(a);
  out.events += b.events;
  for (const [id, e] of Object.entries(b.employees)) {
    const cur = out.employees[id];
    out.employees[id] = employeeFrom({ type: 'employee', ...structuredClone(e) }, cur);
  }
  for (const [deviceId, days] of Object.entries(b.devices)) {
    const mine = (out.devices[deviceId] ??= {});
    for (const [day, d] of Object.entries(days)) mine[day] = mine[day] ? mergeDay(mine[day], d) : structuredClone(d);
  }
  return out;
}

/** The latency below which `fraction` of a day's keystroke samples fall (weighted by samples), or undefined. */
export function latencyPercentile(k: DeviceDay['keystroke'], fraction: number): number | undefined {
  if (k.samples <= 0) return undefined;
  const buckets = Object.entries(k.hist).map(([b, n]) => [Number(b), n] as const).sort((x, y) => x[0] - y[0]);
  const target = fraction * k.samples;
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen >= target) return b;
  }
  return buckets.at(-1)?.[0];
}
