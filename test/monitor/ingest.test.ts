/**
 * Ingest: bad lines become errors naming line and field (the run goes on),
 * the fast path accepts exactly what the zod schemas accept, events on
 * unknown devices are kept and reported, and the aggregate is resumable:
 * merging the aggregates of two halves equals the aggregate of the whole.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAggregate, latencyPercentile, merge } from '../../src/monitor/aggregate.js';
import { assessTelemetry } from '../../src/monitor/assess.js';
import { parseEventLine, validateEvent, KeystrokeEventSchema, RttEventSchema, UsbEventSchema, LoginEventSchema, EmployeeEventSchema } from '../../src/monitor/events.js';
import { ingestFile, ingestLines } from '../../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { AUSTIN_WORKDAY, dayOf, employee, IP, lines, reference } from './helpers.js';

const good = [
  employee('E1', 'app-1', ['LAP-1']),
  ...[1, 2, 3].flatMap((d) => dayOf(d, { device: 'LAP-1', employee: 'E1', ip: IP.austinHome, hours: AUSTIN_WORKDAY, processes: ['chrome.exe'], usb: ['046d', 'c52b', 'USB Receiver'] })),
];

describe('validation', () => {
  it('a bad line is an error naming its line and field; the run goes on', () => {
    const text = [
      JSON.stringify(good[0]),
      '{"type":"network_rtt","at":"2025-12-03T02:31:00Z","deviceId":"LAP-1","rttMs":"181"}',
      '{"type":"keystroke","at":"yesterday","deviceId":"LAP-1","medianLatencyMs":12,"samples":10}',
      '{"type":"teleport","at":"2025-12-03T02:31:00Z"}',
      '{not json',
      '',
      JSON.stringify(good[1]),
    ];
    const r = ingestLines(text);
    expect(r.accepted).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0]!.error).toMatch(/^rttMs: .*number/);
    expect(r.errors[0]!.deviceId).toBe('LAP-1');
    expect(r.errors[1]!.error).toMatch(/^at: expected an ISO 8601 time/);
    expect(r.errors[2]!.error).toMatch(/^type: expected one of employee, login, keystroke, network_rtt, process, usb, display, mfa, got 'teleport'/);
    expect(r.errors[3]!.error).toMatch(/^not valid JSON/);
  });

  it('the fast path is never more lenient than the schemas', () => {
    const base: Record<string, Record<string, unknown>> = {
      keystroke: { type: 'keystroke', at: '2025-12-03T02:30:00Z', deviceId: 'L', medianLatencyMs: 12, samples: 3 },
      network_rtt: { type: 'network_rtt', at: '2025-12-03T02:30:00.5-06:00', deviceId: 'L', rttMs: 12.5, peer: 'p' },
      usb: { type: 'usb', at: '2025-12-03T02:30Z', deviceId: 'L', vendorId: '1D6B', productId: '0104' },
      login: { type: 'login', at: '2025-12-03T02:30:00Z', deviceId: 'L', ip: '1.2.3.4' },
      employee: { type: 'employee', employeeId: 'E', deviceIds: ['L'], workLocation: { city: 'Austin' } },
    };
    const schemas = { keystroke: KeystrokeEventSchema, network_rtt: RttEventSchema, usb: UsbEventSchema, login: LoginEventSchema, employee: EmployeeEventSchema };
    const mutations: unknown[] = [null, '', 'x', -1, 0, 1.5, 1e12, [], {}, '2025-13-01T00:00:00Z', '2025-12-03T24:00:00Z', '2025-12-03', 'ABCG', true];
    for (const [type, event] of Object.entries(base)) {
      expect(validateEvent(event, 1).ok).toBe(true);
      for (const key of Object.keys(event)) {
        if (key === 'type') continue;
        for (const m of [...mutations, undefined]) {
          const mutated = { ...event, [key]: m };
          const fast = validateEvent(mutated, 1).ok;
          const zod = schemas[type as keyof typeof schemas].safeParse(mutated).success;
          expect(fast, `${type}.${key} = ${JSON.stringify(m)}`).toBe(zod);
        }
      }
    }
  });

  it('parseEventLine skips blank lines', () => {
    expect(parseEventLine('   ', 3)).toBeNull();
  });
});

describe('aggregation', () => {
  it('per device and UTC day: counts, latency percentiles, min RTT, processes, USB ids, login IPs, hours', () => {
    const agg = ingestLines(lines(good)).aggregate;
    const day = agg.devices['LAP-1']!['2025-12-02']!;
    expect(day.keystroke.samples).toBe(2400);
    expect(latencyPercentile(day.keystroke, 0.5)).toBeGreaterThanOrEqual(24);
    expect(latencyPercentile(day.keystroke, 0.9)).toBeLessThanOrEqual(27);
    expect(day.rtt.minMs).toBe(38);
    expect(day.processes).toEqual({ chrome: 1 });
    expect(day.usb).toEqual({ '046d:c52b': { product: 'USB Receiver', count: 1 } });
    expect(day.logins).toEqual({ [IP.austinHome]: 1 });
    expect(day.hours.slice(15, 23).every((n) => n > 0)).toBe(true);
    expect(JSON.stringify(agg)).not.toContain('"at"');
  });

  it('resumable: merge(fold(first half), fold(second half)) equals fold(all), also through JSON', () => {
    const all = lines(good);
    const whole = ingestLines(all).aggregate;
    for (const cut of [0, 1, 17, all.length - 1]) {
      const a = JSON.parse(JSON.stringify(ingestLines(all.slice(0, cut)).aggregate));
      const b = ingestLines(all.slice(cut), createAggregate()).aggregate;
      expect(merge(a, b)).toEqual(whole);
    }
  });

  it('events naming an unknown device are kept and reported', () => {
    const extra = [...good, { type: 'process', at: '2025-12-02T10:00:00Z', deviceId: 'LAP-X', name: 'explorer.exe' }];
    const agg = ingestLines(lines(extra)).aggregate;
    const report = assessTelemetry(agg, new Map(), reference(), DEFAULT_SCORING);
    expect(report.unassignedDevices).toEqual([{ deviceId: 'LAP-X', days: 1, events: 1 }]);
  });

  it('streams a file (chunked, CRLF tolerated) to the same aggregate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-monitor-'));
    const file = join(dir, 't.jsonl');
    writeFileSync(file, `${lines(good).join('\r\n')}\r\n`);
    const r = await ingestFile(file);
    expect(r.errors).toEqual([]);
    expect(r.aggregate).toEqual(ingestLines(lines(good)).aggregate);
  });
});
