import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmployeeEventSchema, LoginEventSchema, ProcessEventSchema, RttEventSchema, UsbEventSchema, validateEvent } from '../../src/monitor/events.js';

/**
 * Telemetry input (RECORDS.md section 2): calendar dates, ids of at most
 * 128 characters, and text that can be stored (no NUL, no lone surrogate)
 * in every string field; the fast path agrees with the schemas on all of it.
 */
const employee = { type: 'employee', employeeId: 'E1', applicationId: 'app-1', startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-1'] };
const login = { type: 'login', at: '2025-12-03T02:14:00Z', employeeId: 'E1', deviceId: 'LAP-1', ip: '45.8.22.10' };
const processEvent = { type: 'process', at: '2025-12-03T02:35:00Z', deviceId: 'LAP-1', name: 'AnyDesk.exe' };
const usb = { type: 'usb', at: '2025-12-03T02:36:00Z', deviceId: 'LAP-1', vendorId: '1d6b', productId: '0104', product: 'Gadget' };
const rtt = { type: 'network_rtt', at: '2025-12-03T02:31:00Z', deviceId: 'LAP-1', rttMs: 181, peer: 'vpn-us-east' };

const errorOf = (event: unknown): string => {
  const out = validateEvent(event, 1);
  return out.ok ? '' : out.error;
};

describe('telemetry dates are calendar dates', () => {
  it('startDate: 2024-02-29 is a day, 2025-02-29 and 2025-02-30 are not (the field is named)', () => {
    expect(errorOf({ ...employee, startDate: '2024-02-29' })).toBe('');
    expect(errorOf({ ...employee, startDate: '2025-02-29' })).toMatch(/^startDate: not a calendar date/);
    expect(errorOf({ ...employee, startDate: '2025-02-30' })).toMatch(/^startDate: not a calendar date/);
    expect(errorOf({ ...employee, startDate: '2025-04-31' })).toMatch(/^startDate: not a calendar date/);
  });
  it('at: the day of a time must exist too', () => {
    expect(errorOf({ ...login, at: '2024-02-29T10:00:00Z' })).toBe('');
    expect(errorOf({ ...login, at: '2025-02-30T10:00:00Z' })).toMatch(/^at: not a calendar date/);
    expect(errorOf({ ...processEvent, at: '2025-06-31T10:00:00+02:00' })).toMatch(/^at: not a calendar date/);
  });
});

describe('telemetry ids and text', () => {
  it('ids are 1 to 128 characters', () => {
    expect(errorOf({ ...login, deviceId: 'd'.repeat(128) })).toBe('');
    expect(errorOf({ ...login, deviceId: 'd'.repeat(129) })).toMatch(/^deviceId: .*128/);
    expect(errorOf({ ...employee, employeeId: 'e'.repeat(9000) })).toMatch(/^employeeId: .*128/);
    expect(errorOf({ ...employee, deviceIds: ['ok', 'd'.repeat(129)] })).toMatch(/^deviceIds\[1\]: .*128/);
  });

  const FIELDS: [string, Record<string, unknown>, (s: string) => Record<string, unknown>][] = [
    ['employeeId', employee, (s) => ({ employeeId: s })],
    ['applicationId', employee, (s) => ({ applicationId: s })],
    ['deviceIds[0]', employee, (s) => ({ deviceIds: [s] })],
    ['workLocation.city', employee, (s) => ({ workLocation: { city: s } })],
    ['deviceId', login, (s) => ({ deviceId: s })],
    ['ip', login, (s) => ({ ip: s })],
    ['name', processEvent, (s) => ({ name: s })],
    ['product', usb, (s) => ({ product: s })],
    ['peer', rtt, (s) => ({ peer: s })],
  ];
  for (const [field, event, patch] of FIELDS) {
    it(`${field}: a NUL or a lone surrogate is rejected, naming the field`, () => {
      expect(errorOf({ ...event, ...patch('LAP\u00001') })).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: .*NUL`));
      expect(errorOf({ ...event, ...patch('LAP\uD8001') })).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: .*surrogate`));
      expect(errorOf({ ...event, ...patch('LAP-😀') })).toBe('');
    });
  }

  it('the fast path accepts exactly what the schemas accept, for any text in any string field', () => {
    const schemas = { employee: EmployeeEventSchema, login: LoginEventSchema, process: ProcessEventSchema, usb: UsbEventSchema, network_rtt: RttEventSchema } as const;
    const textArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\u0000', '\uD800', '\uDC00x', 'a\uD83D\uDE00', ''));
    const dayArb = fc.tuple(fc.integer({ min: 2023, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), textArb, dayArb, ([, event, patch], text, day) => {
        const mutated: Record<string, unknown> = { ...event, ...patch(text) };
        if ('at' in mutated) mutated.at = `${day}T10:00:00Z`;
        else mutated.startDate = day;
        const fast = validateEvent(mutated, 1).ok;
        const zod = schemas[mutated.type as keyof typeof schemas].safeParse(mutated).success;
        expect(fast, JSON.stringify(mutated)).toBe(zod);
      }),
      { numRuns: 2000 },
    );
  });
});
