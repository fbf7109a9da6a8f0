import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createAggregate, eventDay, fold, merge, reviveAggregate, type Aggregate } from '../../src/monitor/aggregate.js';
import { deviceOwners } from '../../src/monitor/assess.js';
import type { TelemetryEvent } from '../../src/monitor/events.js';

/**
 * Folding treats every id as data: ids named like properties of
 * Object.prototype ("__proto__", "constructor", ...) never change
 * Object.prototype and are counted exactly like any other id, also after
 * the aggregate's JSON round trip (how the store keeps it) and a merge.
 */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const SPECIAL = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Properties added to Object.prototype since the file started, removed again (so one failing run does not fail the next). */
function pollution(): string[] {
  const added = Object.getOwnPropertyNames(Object.prototype).filter((name) => !PROTO_NAMES.includes(name));
  for (const name of added) delete (Object.prototype as Record<string, unknown>)[name];
  return added;
}
afterEach(() => void pollution());

const idArb = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ minLength: 1, maxLength: 12 }));
const atArb = fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2025, 11, 4) - 1 }).map((ms) => new Date(ms).toISOString());

const eventArb: fc.Arbitrary<TelemetryEvent> = fc.oneof(
  fc.record({ type: fc.constant('employee' as const), employeeId: idArb, deviceIds: fc.array(idArb, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('login' as const), at: atArb, deviceId: idArb, employeeId: idArb, ip: idArb }),
  fc.record({ type: fc.constant('process' as const), at: atArb, deviceId: idArb, name: idArb }),
  fc.record({ type: fc.constant('keystroke' as const), at: atArb, deviceId: idArb, medianLatencyMs: fc.integer({ min: 0, max: 300 }), samples: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ type: fc.constant('usb' as const), at: atArb, deviceId: idArb, vendorId: fc.constant('1d6b'), productId: fc.constant('0104'), product: idArb }),
) as fc.Arbitrary<TelemetryEvent>;

const processKey = (name: string): string => {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).toLowerCase();
  return base.endsWith('.exe') || base.endsWith('.app') ? base.slice(0, -4) : base;
};

/** The expected counts, kept in Maps (no property names involved). */
function model(events: readonly TelemetryEvent[]) {
  const employees = new Map<string, Set<string>>();
  const days = new Map<string, { events: number; processes: Map<string, number>; logins: Map<string, number>; loginEmployees: Map<string, number> }>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const e of events) {
    if (e.type === 'employee') {
      const devices = employees.get(e.employeeId) ?? new Set<string>();
      for (const d of e.deviceIds ?? []) devices.add(d);
      employees.set(e.employeeId, devices);
      continue;
    }
    const key = JSON.stringify([e.deviceId, eventDay(e)]);
    const d = days.get(key) ?? { events: 0, processes: new Map(), logins: new Map(), loginEmployees: new Map() };
    d.events++;
    if (e.type === 'process') inc(d.processes, processKey(e.name));
    if (e.type === 'login') {
      inc(d.logins, e.ip.trim());
      if (e.employeeId) inc(d.loginEmployees, e.employeeId);
    }
    days.set(key, d);
  }
  return { employees, days };
}

const sorted = <T>(entries: Iterable<[string, T]>): [string, T][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function expectCounts(agg: Aggregate, events: readonly TelemetryEvent[]): void {
  const want = model(events);
  expect(sorted(Object.entries(agg.employees).map(([id, e]) => [id, [...e.deviceIds].sort()]))).toEqual(sorted([...want.employees].map(([id, s]) => [id, [...s].sort()])));
  const got = Object.entries(agg.devices).flatMap(([deviceId, byDay]) => Object.entries(byDay).map(([day, d]) => [JSON.stringify([deviceId, day]), d] as const));
  expect(got.map(([k]) => k).sort()).toEqual([...want.days.keys()].sort());
  for (const [key, d] of got) {
    const w = want.days.get(key)!;
    expect(d.events, key).toBe(w.events);
    expect(sorted(Object.entries(d.processes)), key).toEqual(sorted(w.processes));
    expect(sorted(Object.entries(d.logins)), key).toEqual(sorted(w.logins));
    expect(sorted(Object.entries(d.loginEmployees)), key).toEqual(sorted(w.loginEmployees));
  }
  // A device belongs to an employee only when an employee event made that employee known.
  for (const [deviceId, owners] of deviceOwners(agg)) {
    for (const o of owners) expect(want.employees.has(o), `${deviceId} owned by unknown ${o}`).toBe(true);
  }
}

describe('aggregate keys are data', () => {
  it('folding any ids never changes Object.prototype and counts them like any other id', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const agg = createAggregate();
        for (const e of events) fold(agg, e);
        expect(pollution()).toEqual([]);
        expectCounts(agg, events);
      }),
      { numRuns: 300 },
    );
  });

  it('the same after the JSON round trip the store makes, and after merging two halves', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.nat(), (events, cutAt) => {
        const cut = events.length ? cutAt % (events.length + 1) : 0;
        const first = createAggregate();
        for (const e of events.slice(0, cut)) fold(first, e);
        const second = createAggregate();
        for (const e of events.slice(cut)) fold(second, e);
        const stored = (a: Aggregate): Aggregate => JSON.parse(JSON.stringify(a)) as Aggregate;
        const merged = merge(stored(first), stored(second));
        expect(pollution()).toEqual([]);
        expectCounts(merged, events);
        // Folding more into an aggregate read back keeps counting the same way.
        const resumed = reviveAggregate(stored(first));
        for (const e of events.slice(cut)) fold(resumed, e);
        expect(pollution()).toEqual([]);
        expectCounts(resumed, events);
        expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(resumed)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the stored JSON shape: ids are plain keys of the JSON objects', () => {
    const agg = createAggregate();
    fold(agg, { type: 'employee', employeeId: '__proto__', deviceIds: ['constructor'] });
    fold(agg, { type: 'process', at: '2025-12-01T10:00:00Z', deviceId: 'constructor', name: '__proto__.exe' });
    const json = JSON.parse(JSON.stringify(agg));
    expect(Object.keys(json)).toEqual(['version', 'events', 'employees', 'devices']);
    expect(Object.hasOwn(json.employees, '__proto__')).toBe(true);
    expect(json.employees.__proto__).toEqual({ employeeId: '__proto__', deviceIds: ['constructor'] });
    expect(Object.hasOwn(json.devices.constructor['2025-12-01'].processes, '__proto__')).toBe(true);
  });
});
