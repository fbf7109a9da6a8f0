import { z } from 'zod';
import { EVENT_ID_MAX } from '../monitor/events.js';
import { RECENT_DAYS_MAX } from '../service/employees.js';
import { BandSchema } from '../store/store-contract.js';
import { EMPLOYEE_SORTS } from '../store/index.js';

/**
 * Request and response schemas of GET /api/v1/employees and
 * /api/v1/employees/:id (src/service/employees.ts): the organisation's hired
 * employees from telemetry. Queries are strict and every list has a limit.
 */
const employeeId = z.string().min(1).max(EVENT_ID_MAX).meta({ description: 'employee id (of an `employee` telemetry event)' });
const text = z.string().max(4096);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const EmployeeParamsSchema = z.strictObject({ id: employeeId });
export const EmployeesQuerySchema = z.strictObject({
  withAlerts: bool.optional().meta({ description: 'true: only employees with alerts; false: only those without' }),
  sort: z.enum(EMPLOYEE_SORTS).default('alerts').meta({ description: 'alerts: most alerts first; lastAlert: most recent alert first; id' }),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const EmployeeQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(RECENT_DAYS_MAX).default(14).meta({ description: 'how many of each device\'s last stored days to return' }),
});

const HiredFromSchema = z.strictObject({
  id: z.string(), source: z.string().optional(), name: z.string().optional(), band: BandSchema.optional(), score: z.number().int().optional(),
});
const EmployeeSummarySchema = z.strictObject({
  employeeId: z.string(),
  application: HiredFromSchema.optional(),
  startDate: z.string().optional(),
  workLocation: z.strictObject({ city: z.string().optional(), region: z.string().optional(), country: z.string().optional() }).optional(),
  devices: z.array(z.string()).max(50),
  lastTelemetryDay: z.string().optional(),
  alertCount: z.number().int().nonnegative(),
  lastAlertAt: z.string().optional(),
});
export const EmployeesResponseSchema = z.strictObject({ items: z.array(EmployeeSummarySchema).max(200), nextCursor: z.string().optional() });

const DeviceDaySchema = z.strictObject({
  day: z.string(),
  events: z.number().nonnegative(),
  activeHours: z.number().int().min(0).max(24),
  keystrokeSamples: z.number().nonnegative(),
  minRttMs: z.number().optional(),
  processes: z.array(z.strictObject({ name: text, events: z.number() })).max(8),
  usb: z.array(z.strictObject({ id: z.string(), product: text, events: z.number() })).max(8),
  loginIps: z.array(z.string()).max(8),
  displays: z.number().int().nonnegative(),
});
export const EmployeeResponseSchema = EmployeeSummarySchema.extend({
  deviceDays: z.array(z.strictObject({ deviceId: z.string(), lastDay: z.string().optional(), days: z.array(DeviceDaySchema).max(RECENT_DAYS_MAX) })).max(50),
  alerts: z.array(z.strictObject({
    subjectKind: z.string(), subjectId: z.string(), signalId: z.string(), evidence: z.string(), firstSeen: z.string(), lastSeen: z.string(), count: z.number().int().positive(),
  })).max(500),
  cases: z.array(z.strictObject({
    id: z.string(), status: z.string(), band: z.string(), score: z.number(), openedAt: z.string(), decidedAt: z.string().optional(),
  })).max(100),
});
