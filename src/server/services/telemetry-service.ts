import { createAggregate, fold, merge, type Aggregate, type DeviceDay, type EmployeeInfo } from '../../monitor/aggregate.js';
import { assessTelemetry } from '../../monitor/assess.js';
import type { MonitorReference } from '../../monitor/context.js';
import type { TelemetryEvent } from '../../monitor/events.js';
import { normaliseApplication, type EnrichedApplication } from '../../normalise/application.js';
import { ApplicationSchema } from '../../parse/application-schema.js';
import type { ScoringConfig } from '../../score/config.js';
import type { HirewatchStore } from '../../store/index.js';
import * as state from '../persistence/telemetry-state.js';

/**
 * POST /telemetry: a batch of events is folded into an aggregate, merged
 * into the stored per-device-day aggregates (raw events are not kept), and
 * every employee the batch touches is assessed over the last ASSESS_DAYS
 * days of their devices. Each signal of an employee at review or hold is
 * recorded as an alert on the employee's application (or the employee when
 * no application is known): the store keeps one row per subject and signal
 * and raises its count and last-seen time on each new sighting, so a device
 * does not flood anyone.
 *
 * Read-merge-write of a device-day is serialised per organisation in this
 * process; several server processes writing the same device-day could lose
 * an update (the store has no compare-and-set for aggregates).
 */
export const ASSESS_DAYS = 14;
const DAY_MS = 86_400_000;

export interface TelemetryOutcome {
  readonly accepted: number;
  readonly deviceDays: number;
  readonly employees: { employeeId: string; applicationId?: string; score: number; band: 'clear' | 'review' | 'hold'; signals: number }[];
  readonly alertsRecorded: number;
  readonly unassignedDevices: string[];
}

const dayBefore = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

export class TelemetryService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private reference: MonitorReference | undefined;

  constructor(private readonly loadReference: () => MonitorReference, private readonly scoring: ScoringConfig, private readonly now: () => Date = () => new Date()) {}

  /** Run `task` after every earlier task of the same organisation. */
  private serial<T>(org: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(org) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.queues.set(org, next.catch(() => undefined));
    return next;
  }

  ingest(store: HirewatchStore, events: readonly TelemetryEvent[]): Promise<TelemetryOutcome> {
    const batch = createAggregate();
    for (const e of events) fold(batch, e);
    return this.serial(store.org, () => this.persistAndAssess(store, batch, events.length));
  }

  private async persistAndAssess(store: HirewatchStore, batch: Aggregate, accepted: number): Promise<TelemetryOutcome> {
    const touched = new Set<string>();
    for (const info of Object.values(batch.employees)) {
      const stored = await state.readEmployee(store, info.employeeId);
      const merged = stored ? merge({ ...createAggregate(), employees: { [info.employeeId]: stored } }, { ...createAggregate(), employees: { [info.employeeId]: info } }).employees[info.employeeId]! : info;
      await state.writeEmployee(store, merged);
      touched.add(info.employeeId);
    }
    let deviceDays = 0;
    let latestDay = '';
    const unassigned: string[] = [];
    for (const [deviceId, days] of Object.entries(batch.devices)) {
      for (const [day, fresh] of Object.entries(days)) {
        const [stored] = await state.readDeviceDays(store, deviceId, day, day);
        const mergedDay = stored
          ? merge({ ...createAggregate(), devices: { [deviceId]: { [day]: stored } } }, { ...createAggregate(), devices: { [deviceId]: { [day]: fresh } } }).devices[deviceId]![day]!
          : fresh;
        await state.writeDeviceDay(store, mergedDay);
        deviceDays++;
        if (day > latestDay) latestDay = day;
        for (const e of Object.keys(fresh.loginEmployees)) touched.add(e);
      }
      const owners = await state.readOwners(store, deviceId);
      if (owners.length === 0) unassigned.push(deviceId);
      for (const o of owners) touched.add(o);
    }
    const report = await this.assess(store, [...touched], latestDay || this.now().toISOString().slice(0, 10));
    let alertsRecorded = 0;
    const at = this.now().toISOString();
    for (const e of report.employees) {
      if (e.band === 'clear') continue;
      for (const s of e.signals) {
        await store.admin.alerts.record({
          subjectKind: e.applicationId ? 'application' : 'employee',
          subjectId: e.applicationId ?? e.employeeId,
          signalId: s.id,
          evidence: `employee ${e.employeeId}: ${s.evidence}`,
          at,
        });
        alertsRecorded++;
      }
    }
    return {
      accepted,
      deviceDays,
      employees: report.employees.map((e) => ({ employeeId: e.employeeId, ...(e.applicationId ? { applicationId: e.applicationId } : {}), score: e.score, band: e.band, signals: e.signals.length })),
      alertsRecorded,
      unassignedDevices: unassigned.sort(),
    };
  }

  /** Assess the given employees over their devices' last ASSESS_DAYS days up to `toDay`. */
  private async assess(store: HirewatchStore, employeeIds: readonly string[], toDay: string): Promise<ReturnType<typeof assessTelemetry>> {
    const agg = createAggregate();
    const applications = new Map<string, EnrichedApplication>();
    const fromDay = dayBefore(toDay, ASSESS_DAYS - 1);
    for (const employeeId of employeeIds) {
      const info: EmployeeInfo | undefined = await state.readEmployee(store, employeeId);
      if (!info) continue;
      agg.employees[employeeId] = info;
      for (const deviceId of info.deviceIds) {
        const days: DeviceDay[] = await state.readDeviceDays(store, deviceId, fromDay, toDay);
        agg.devices[deviceId] = Object.fromEntries(days.map((d) => [d.day, d]));
      }
      if (info.applicationId && !applications.has(info.applicationId)) {
        const app = await store.getApplication(info.applicationId).catch(() => undefined);
        const parsed = app ? ApplicationSchema.safeParse(app.record) : undefined;
        if (parsed?.success) applications.set(info.applicationId, normaliseApplication(parsed.data));
      }
    }
    this.reference ??= this.loadReference();
    return assessTelemetry(agg, applications, this.reference, this.scoring);
  }
}
