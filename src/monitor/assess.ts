import type { RawSignal } from '../detect/types.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { combine, type Band } from '../score/combine.js';
import type { ScoringConfig } from '../score/config.js';
import { own, type Aggregate, type DeviceDay } from './aggregate.js';
import { claimedWorkPlace } from './claimed.js';
import type { MonitorReference } from './context.js';
import { secondToolSignals, toolSignals, usbSignals } from './signals-endpoint.js';
import { buildAuthenticatorIndex, displaySignals, sharedAuthenticatorSignals, vpnClientSignals } from './signals-identity.js';
import { buildIpIndex, farmSignals, loginSignals } from './signals-network.js';
import { keystrokeSignals, rttSignals, workingHoursSignals } from './signals-physics.js';

/**
 * The telemetry family over an aggregate: one assessment per employee,
 * scored by src/score like a screening, plus the devices no employee claims
 * (kept and reported, never dropped). Pure.
 */
export interface ResultSignal {
  readonly id: string;
  readonly family: string;
  readonly weight: number;
  readonly evidence: string;
}

export interface EmployeeAssessment {
  readonly employeeId: string;
  readonly applicationId?: string;
  readonly score: number;
  readonly band: Band;
  readonly signals: readonly ResultSignal[];
  /** What the assessment could not use ("application gh-1 not among the applications read"). */
  readonly notes?: readonly string[];
}

export interface UnassignedDevice {
  readonly deviceId: string;
  readonly days: number;
  readonly events: number;
}

export interface MonitorReport {
  readonly employees: readonly EmployeeAssessment[];
  readonly unassignedDevices: readonly UnassignedDevice[];
}

/** Device -> employees: listed by an employee record, or named by a login on the device. */
export function deviceOwners(agg: Aggregate): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  const add = (device: string, employee: string) => owners.set(device, (owners.get(device) ?? new Set()).add(employee));
  for (const e of Object.values(agg.employees)) for (const d of e.deviceIds) add(d, e.employeeId);
  for (const [deviceId, days] of Object.entries(agg.devices)) {
    for (const d of Object.values(days)) for (const e of Object.keys(d.loginEmployees)) if (own(agg.employees, e)) add(deviceId, e);
  }
  return owners;
}

export function assessTelemetry(
  agg: Aggregate,
  applications: ReadonlyMap<string, EnrichedApplication>,
  ref: MonitorReference,
  scoring: ScoringConfig,
): MonitorReport {
  const owners = deviceOwners(agg);
  const daysOf = new Map<string, DeviceDay[]>();
  for (const [deviceId, days] of Object.entries(agg.devices)) {
    for (const employee of owners.get(deviceId) ?? []) {
      const list = daysOf.get(employee) ?? [];
      list.push(...Object.values(days));
      daysOf.set(employee, list);
    }
  }
  const index = buildIpIndex(
    [...daysOf].flatMap(([employeeId, days]) => days.map((day) => ({ employeeId, day }))),
    ref,
  );
  const authenticators = buildAuthenticatorIndex(Object.values(agg.employees));
  const employees = Object.values(agg.employees)
    .sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0))
    .map((employee): EmployeeAssessment => {
      const days = (daysOf.get(employee.employeeId) ?? []).slice().sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.deviceId < b.deviceId ? -1 : 1));
      const application = employee.applicationId ? applications.get(employee.applicationId) : undefined;
      const notes: string[] = [];
      if (employee.applicationId && !application && applications.size > 0) notes.push(`application ${employee.applicationId} not among the applications read`);
      const place = claimedWorkPlace(employee, application, ref);
      if (!place) notes.push('no claimed work location: location checks are silent');
      const raw: RawSignal[] = [
        ...keystrokeSignals(days, place),
        ...rttSignals(days, place),
        ...workingHoursSignals(days, place),
        ...toolSignals(days, ref),
        ...secondToolSignals(days, ref),
        ...usbSignals(days, ref),
        ...loginSignals(days, place, ref),
        ...farmSignals(employee.employeeId, days, index, ref),
        ...displaySignals(days, ref),
        ...vpnClientSignals(days, ref),
        ...sharedAuthenticatorSignals(employee, authenticators, agg.employees),
      ];
      const scored = combine(raw, scoring);
      return {
        employeeId: employee.employeeId,
        ...(employee.applicationId ? { applicationId: employee.applicationId } : {}),
        score: scored.score,
        band: scored.band,
        signals: scored.signals.map((s) => ({ id: s.id, family: s.family, weight: s.weight, evidence: s.evidence })),
        ...(notes.length ? { notes } : {}),
      };
    });
  const unassignedDevices = Object.entries(agg.devices)
    .filter(([deviceId]) => !owners.has(deviceId))
    .map(([deviceId, days]) => ({ deviceId, days: Object.keys(days).length, events: Object.values(days).reduce((n, d) => n + d.events, 0) }))
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  return { employees, unassignedDevices };
}
