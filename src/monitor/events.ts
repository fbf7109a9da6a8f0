import { z } from 'zod';
import { isCalendarDay } from '../parse/calendar.js';
import { isStorableText, textProblem } from '../parse/json-limits.js';
import { describeIssues } from '../parse/record-error.js';

/**
 * Telemetry events (records.md section 2), one JSON object a line, `type`
 * first. The zod schemas are the contract and give the error messages; a
 * hand-written check accepts exactly the same valid events without zod's
 * cost, and anything it does not accept goes to zod for the message. The
 * check is never more lenient than the schema (test/monitor/events.test.ts).
 */
export const EVENT_TYPES = ['employee', 'login', 'keystroke', 'network_rtt', 'process', 'usb', 'display', 'mfa'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** 2025-12-03T02:14:00Z, 2025-12-03T02:14:00.250-06:00: a time of day with Z or an offset. */
const INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** An EDID manufacturer id: three letters of the PNP id registry (TSB, DEL, LNX). */
const PNP = /^[A-Za-z]{3}$/;
const MAX_MS = 600_000;

/** Ids are short enough for any URL (the application ids they name are at most this long too). */
export const EVENT_ID_MAX = 128;

/** 2025-02-30 has the shape of a day but is none (INSTANT and DAY bound months, days, hours and offsets; this, the days of the month). */
const isCalendarDate = (v: string): boolean => isCalendarDay(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)));

/** Text that can be stored: no NUL, no lone surrogate (the message says which). */
const storable = <T extends z.ZodString>(schema: T): T =>
  schema.superRefine((v, ctx) => {
    const problem = textProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const instant = z
  .string()
  .regex(INSTANT, { message: 'expected an ISO 8601 time with Z or a UTC offset, e.g. 2025-12-03T02:14:00Z', abort: true })
  .refine(isCalendarDate, 'not a calendar date (e.g. 2025-02-30)');
const day = z
  .string()
  .regex(DAY, { message: 'expected a date, e.g. 2025-12-01', abort: true })
  .refine(isCalendarDate, 'not a calendar date (e.g. 2025-02-30)');
const id = storable(z.string().min(1, 'must not be empty').max(EVENT_ID_MAX));
const text = (max: number) => storable(z.string().max(max));

const PlaceSchema = z.looseObject({ city: text(200).optional(), region: text(200).optional(), country: text(100).optional() });

export const EmployeeEventSchema = z.looseObject({
  type: z.literal('employee'),
  employeeId: id,
  applicationId: id.optional(),
  startDate: day.optional(),
  workLocation: PlaceSchema.optional(),
  deviceIds: z.array(id).max(1000).optional(),
});
export const LoginEventSchema = z.looseObject({ type: z.literal('login'), at: instant, employeeId: id.optional(), deviceId: id, ip: storable(z.string().min(1).max(64)) });
export const KeystrokeEventSchema = z.looseObject({
  type: z.literal('keystroke'),
  at: instant,
  deviceId: id,
  medianLatencyMs: z.number().min(0).max(MAX_MS),
  samples: z.number().int().min(1).max(1e9),
});
export const RttEventSchema = z.looseObject({ type: z.literal('network_rtt'), at: instant, deviceId: id, rttMs: z.number().positive().max(MAX_MS), peer: text(256).optional() });
export const ProcessEventSchema = z.looseObject({ type: z.literal('process'), at: instant, deviceId: id, name: storable(z.string().min(1).max(512)) });
export const UsbEventSchema = z.looseObject({
  type: z.literal('usb'),
  at: instant,
  deviceId: id,
  vendorId: z.string().regex(HEX4, 'expected four hex digits'),
  productId: z.string().regex(HEX4, 'expected four hex digits'),
  product: text(256).optional(),
});

/** A display the device drives: EDID monitor name (at most 13 characters in EDID; 64 allowed), manufacturer id and product code, adapter name. */
export const DisplayEventSchema = z.looseObject({
  type: z.literal('display'),
  at: instant,
  deviceId: id,
  monitorName: text(64).optional(),
  manufacturerId: z.string().regex(PNP, 'expected a three-letter PNP manufacturer id, e.g. DEL').optional(),
  productCode: z.string().regex(HEX4, 'expected four hex digits').optional(),
  adapter: text(256).optional(),
});
/** An authenticator (MFA factor or device, by the identity provider's opaque id) enrolled on or used by an employee's account. */
export const MfaEventSchema = z.looseObject({
  type: z.literal('mfa'),
  at: instant,
  employeeId: id,
  authenticatorId: id,
  method: text(64).optional(),
});

const SCHEMAS = {
  employee: EmployeeEventSchema,
  login: LoginEventSchema,
  keystroke: KeystrokeEventSchema,
  network_rtt: RttEventSchema,
  process: ProcessEventSchema,
  usb: UsbEventSchema,
  display: DisplayEventSchema,
  mfa: MfaEventSchema,
} as const;

export type EmployeeEvent = z.output<typeof EmployeeEventSchema>;
export type LoginEvent = z.output<typeof LoginEventSchema>;
export type KeystrokeEvent = z.output<typeof KeystrokeEventSchema>;
export type RttEvent = z.output<typeof RttEventSchema>;
export type ProcessEvent = z.output<typeof ProcessEventSchema>;
export type UsbEvent = z.output<typeof UsbEventSchema>;
export type DisplayEvent = z.output<typeof DisplayEventSchema>;
export type MfaEvent = z.output<typeof MfaEventSchema>;
export type TelemetryEvent = EmployeeEvent | LoginEvent | KeystrokeEvent | RttEvent | ProcessEvent | UsbEvent | DisplayEvent | MfaEvent;

// ------------------------------------------------------------ the fast path

type Obj = Record<string, unknown>;
const isText = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max && isStorableText(v);
const isId = (v: unknown): boolean => isText(v, 1, EVENT_ID_MAX);
const optText = (v: unknown, max: number): boolean => v === undefined || isText(v, 0, max);
const isMs = (v: unknown, positive: boolean): boolean => typeof v === 'number' && (positive ? v > 0 : v >= 0) && v <= MAX_MS;
const isInstant = (v: unknown): boolean => typeof v === 'string' && INSTANT.test(v) && isCalendarDate(v);

function placeOk(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = v as Obj;
  return optText(p.city, 200) && optText(p.region, 200) && optText(p.country, 100);
}

/** True when the schema of `o.type` would accept `o` as it is (no defaults or transforms are involved). */
function fastValid(o: Obj): boolean {
  switch (o.type) {
    case 'keystroke':
      return isInstant(o.at) && isId(o.deviceId) && isMs(o.medianLatencyMs, false) && Number.isInteger(o.samples) && (o.samples as number) >= 1 && (o.samples as number) <= 1e9;
    case 'network_rtt':
      return isInstant(o.at) && isId(o.deviceId) && isMs(o.rttMs, true) && optText(o.peer, 256);
    case 'process':
      return isInstant(o.at) && isId(o.deviceId) && isText(o.name, 1, 512);
    case 'login':
      return isInstant(o.at) && isId(o.deviceId) && (o.employeeId === undefined || isId(o.employeeId)) && isText(o.ip, 1, 64);
    case 'usb':
      return isInstant(o.at) && isId(o.deviceId) && typeof o.vendorId === 'string' && HEX4.test(o.vendorId) && typeof o.productId === 'string' && HEX4.test(o.productId) && optText(o.product, 256);
    case 'display':
      return (
        isInstant(o.at) && isId(o.deviceId) && optText(o.monitorName, 64) && optText(o.adapter, 256) &&
        (o.manufacturerId === undefined || (typeof o.manufacturerId === 'string' && PNP.test(o.manufacturerId))) &&
        (o.productCode === undefined || (typeof o.productCode === 'string' && HEX4.test(o.productCode)))
      );
    case 'mfa':
      return isInstant(o.at) && isId(o.employeeId) && isId(o.authenticatorId) && optText(o.method, 64);
    case 'employee':
      return (
        isId(o.employeeId) && (o.applicationId === undefined || isId(o.applicationId)) &&
        (o.startDate === undefined || (typeof o.startDate === 'string' && DAY.test(o.startDate) && isCalendarDate(o.startDate))) && placeOk(o.workLocation) &&
        (o.deviceIds === undefined || (Array.isArray(o.deviceIds) && o.deviceIds.length <= 1000 && o.deviceIds.every(isId)))
      );
    default:
      return false;
  }
}

export type EventOutcome =
  | { readonly ok: true; readonly event: TelemetryEvent }
  | { readonly ok: false; readonly line: number; readonly deviceId?: string; readonly error: string };

/** Validate one decoded value: the fast path, else zod (for the message, or for what the fast path does not know). */
export function validateEvent(value: unknown, line: number): EventOutcome {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, line, error: 'expected one JSON object per line' };
  const o = value as Obj;
  if (fastValid(o)) return { ok: true, event: o as TelemetryEvent };
  const type = o.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, line, error: `type: expected one of ${EVENT_TYPES.join(', ')}${typeof type === 'string' ? `, got '${type.slice(0, 40)}'` : ''}` };
  }
  const result = SCHEMAS[type as EventType].safeParse(o);
  if (result.success) return { ok: true, event: result.data as TelemetryEvent };
  const deviceId = typeof o.deviceId === 'string' ? o.deviceId : undefined;
  return { ok: false, line, ...(deviceId ? { deviceId } : {}), error: describeIssues(result.error.issues) };
}

/** One line of a telemetry file; null for a blank line. */
export function parseEventLine(text: string, line: number): EventOutcome | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (!text.trim()) return null;
    return { ok: false, line, error: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  return validateEvent(value, line);
}
