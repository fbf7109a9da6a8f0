import { addAuthenticator, addDisplay, copyDisplays, mergeAuthenticators, type AuthenticatorSeen, type DisplayCount } from './aggregate-identity.js';
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
 * resumed (`reviveAggregate(JSON.parse(JSON.stringify(a)))` is the aggregate
 * again, and `merge` takes JSON read back as it is).
 *
 * Every map keyed by an outside value (employee, device, process, IP, USB id)
 * is a null-prototype object (`dict()`), so an id such as "__proto__" or
 * "constructor" is a key like any other: it neither reaches Object.prototype
 * nor reads an inherited property. JSON read back has ordinary prototypes:
 * `revive*` rebuild it into dicts, `merge` copies into dicts, and readers
 * look keys up with `own()`, which never returns an inherited property.
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
  /** Displays the device drove (EDID and adapter), keyed by displayKey; absent before the first display event. */
  displays?: Record<string, DisplayCount>;
}

export interface EmployeeInfo {
  readonly employeeId: string;
  applicationId?: string;
  startDate?: string;
  workLocation?: { city?: string; region?: string; country?: string };
  deviceIds: string[];
  /** Authenticators (the identity provider's ids) enrolled on or used by the employee's account. */
  authenticators?: Record<string, AuthenticatorSeen>;
}

export interface Aggregate {
  readonly version: number;
  events: number;
  employees: Record<string, EmployeeInfo>;
  /** deviceId -> day -> aggregate. */
  devices: Record<string, Record<string, DeviceDay>>;
}

/** An empty map for keys from outside: no prototype, so every key is an own property and nothing is inherited. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `map[key]` when `key` is the map's own property, else undefined (safe on maps read back from JSON). */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A dict holding `from`'s own entries, each value copied by `copy`. */
function dictOf<A, B>(from: Readonly<Record<string, A>> | null | undefined, copy: (value: A) => B): Record<string, B> {
  const out = dict<B>();
  if (from) for (const [k, v] of Object.entries(from)) out[k] = copy(v);
  return out;
}

const same = <T>(v: T): T => v;

export function createAggregate(): Aggregate {
  return { version: AGGREGATE_VERSION, events: 0, employees: dict(), devices: dict() };
}

function newDay(deviceId: string, day: string): DeviceDay {
  return {
    deviceId, day, events: 0, hours: new Array<number>(24).fill(0),
    keystroke: { batches: 0, samples: 0, hist: dict() },
    rtt: { count: 0, minMs: null, minPeer: null, sumMs: 0 },
    processes: dict(), processNames: dict(), usb: dict(), logins: dict(), loginEmployees: dict(),
  };
}

/** A device-day as stored (JSON read back, or another aggregate's): a deep copy whose maps are dicts. */
export function reviveDeviceDay(d: DeviceDay): DeviceDay {
  return {
    deviceId: d.deviceId,
    day: d.day,
    events: d.events,
    hours: [...d.hours],
    keystroke: { batches: d.keystroke.batches, samples: d.keystroke.samples, hist: dictOf(d.keystroke.hist, same) },
    rtt: { ...d.rtt },
    processes: dictOf(d.processes, same),
    processNames: dictOf(d.processNames, same),
    usb: dictOf(d.usb, (u) => ({ product: u.product, count: u.count })),
    logins: dictOf(d.logins, same),
    loginEmployees: dictOf(d.loginEmployees, same),
    ...(d.displays ? { displays: copyDisplays(d.displays)! } : {}),
  };
}

/** An employee as stored: a copy (its device list copied too). */
export function reviveEmployee(e: EmployeeInfo): EmployeeInfo {
  return {
    employeeId: e.employeeId,
    ...(e.applicationId !== undefined ? { applicationId: e.applicationId } : {}),
    ...(e.startDate !== undefined ? { startDate: e.startDate } : {}),
    ...(e.workLocation !== undefined ? { workLocation: { ...e.workLocation } } : {}),
    deviceIds: [...e.deviceIds],
    ...(e.authenticators ? { authenticators: mergeAuthenticators(undefined, e.authenticators)! } : {}),
  };
}

/** An aggregate as stored (`JSON.parse` of its JSON): a deep copy whose maps are dicts, ready to fold into. */
export function reviveAggregate(a: Aggregate): Aggregate {
  return {
    version: a.version,
    events: a.events,
    employees: dictOf(a.employees, reviveEmployee),
    devices: dictOf(a.devices, (days) => dictOf(days, reviveDeviceDay)),
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
  const seen = own(map, key);
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
    agg.employees[event.employeeId] = employeeFrom(event, own(agg.employees, event.employeeId));
    return agg;
  }
  if (event.type === 'mfa') {
    const day = eventDay(event);
    const e = own(agg.employees, event.employeeId) ?? (agg.employees[event.employeeId] = { employeeId: event.employeeId, deviceIds: [] });
    if (day) e.authenticators = addAuthenticator(e.authenticators, event.authenticatorId, { ...(event.method !== undefined ? { method: event.method } : {}), first: day, last: day });
    return agg;
  }
  const ms = Date.parse(event.at);
  if (!Number.isFinite(ms)) return agg;
  const dayIndex = Math.floor(ms / DAY_MS);
  const day = dayName(dayIndex);
  let days = own(agg.devices, event.deviceId);
  if (!days) days = agg.devices[event.deviceId] = dict();
  let d = own(days, day);
  if (!d) d = days[day] = newDay(event.deviceId, day);
  d.events++;
  d.hours[Math.floor((ms - dayIndex * DAY_MS) / 3_600_000)]!++;
  switch (event.type) {
    case 'keystroke': {
      const k = d.keystroke;
      k.batches++;
      k.samples += event.samples;
      const b = String(latencyBucket(event.medianLatencyMs));
      k.hist[b] = (own(k.hist, b) ?? 0) + event.samples;
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
      if (bump(d.processes, key) && own(d.processNames, key) === undefined) d.processNames[key] = name;
      break;
    }
    case 'usb': {
      const key = `${event.vendorId.toLowerCase()}:${event.productId.toLowerCase()}`;
      const seen = own(d.usb, key);
      if (seen) seen.count++;
      else if (Object.keys(d.usb).length < DISTINCT_LIMIT) d.usb[key] = { product: event.product ?? '', count: 1 };
      break;
    }
    case 'display': {
      const { adapter, manufacturerId, productCode, monitorName } = event;
      d.displays = addDisplay(d.displays, { ...(adapter !== undefined ? { adapter } : {}), ...(manufacturerId !== undefined ? { manufacturerId } : {}), ...(productCode !== undefined ? { productCode } : {}), ...(monitorName !== undefined ? { monitorName } : {}) });
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

/** Add `b`'s counts into `out` (a dict-backed day this module owns). */
function addDay(out: DeviceDay, b: DeviceDay): void {
  out.events += b.events;
  for (let h = 0; h < 24; h++) out.hours[h]! += b.hours[h] ?? 0;
  out.keystroke.batches += b.keystroke.batches;
  out.keystroke.samples += b.keystroke.samples;
  for (const [k, v] of Object.entries(b.keystroke.hist)) out.keystroke.hist[k] = (own(out.keystroke.hist, k) ?? 0) + v;
  out.rtt.count += b.rtt.count;
  out.rtt.sumMs += b.rtt.sumMs;
  if (b.rtt.minMs !== null && (out.rtt.minMs === null || b.rtt.minMs < out.rtt.minMs)) {
    out.rtt.minMs = b.rtt.minMs;
    out.rtt.minPeer = b.rtt.minPeer;
  }
  addCounts(out.processes, b.processes);
  for (const [k, v] of Object.entries(b.processNames)) if (own(out.processes, k) !== undefined && own(out.processNames, k) === undefined) out.processNames[k] = v;
  for (const [k, v] of Object.entries(b.usb)) {
    const seen = own(out.usb, k);
    if (seen) seen.count += v.count;
    else if (Object.keys(out.usb).length < DISTINCT_LIMIT) out.usb[k] = { product: v.product, count: v.count };
  }
  addCounts(out.logins, b.logins);
  addCounts(out.loginEmployees, b.loginEmployees);
  for (const v of Object.values(b.displays ?? {})) out.displays = addDisplay(out.displays, v, v.count);
}

/**
 * The aggregate of two streams (or two parts of one, `a` first). Pure: neither
 * input changes. Either may be JSON read back; the result's maps are dicts.
 */
export function merge(a: Aggregate, b: Aggregate): Aggregate {
  const out = reviveAggregate(a);
  out.events += b.events;
  for (const [id, e] of Object.entries(b.employees)) {
    const merged = out.employees[id] = employeeFrom({ type: 'employee', ...reviveEmployee(e) }, own(out.employees, id));
    const authenticators = mergeAuthenticators(merged.authenticators, e.authenticators);
    if (authenticators) merged.authenticators = authenticators;
  }
  for (const [deviceId, days] of Object.entries(b.devices)) {
    let mine = own(out.devices, deviceId);
    if (!mine) mine = out.devices[deviceId] = dict();
    for (const [day, d] of Object.entries(days)) {
      const cur = own(mine, day);
      if (cur) addDay(cur, d);
      else mine[day] = reviveDeviceDay(d);
    }
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
