import { createAggregate, fold, merge, type Aggregate, type DeviceDay, type EmployeeInfo } from '../monitor/aggregate.js';
import { assessTelemetry, type MonitorReport } from '../monitor/assess.js';
import type { MonitorReference } from '../monitor/context.js';
import { SHARED_AUTHENTICATOR_MAX } from '../monitor/signals-identity.js';
import type { TelemetryEvent } from '../monitor/events.js';
import { normaliseApplication, type EnrichedApplication } from '../normalise/application.js';
import { ApplicationSchema } from '../parse/application-schema.js';
import type { ScoringConfig } from '../score/config.js';
import type { AuditInput, HirewatchStore } from '../store/index.js';
import { withCases, type Actor } from './audit-entry.js';
import { openEmployeeCase } from './case-opening.js';
import { newCaseId } from './case-ids.js';
import { buildFindings, type FindingSink } from './finding-sink.js';
import { sendStaged, stageFindings } from './finding-outbox.js';
import { alertFinding, type OcsfFinding } from './findings.js';
import type { AlertFact } from './findings.js';
import * as state from './telemetry-state.js';

/**
 * Monitoring, the one path for post-hire telemetry (CLI `monitor`, the API's
 * POST /telemetry, the NATS consumer): a batch of events is folded into an
 * aggregate (raw events are not kept), and in one transaction merged into
 * the stored per-device-day aggregates and employees, the consumer's
 * checkpoint moved, every employee the batch touches assessed over the last
 * ASSESS_DAYS days of their devices, each signal of an employee at review or
 * hold recorded as an alert, and the audit entry appended. Writers of one
 * organisation are ordered by the store's transaction, so two processes
 * merging the same device-day cannot lose an update.
 */
export const ASSESS_DAYS = 14;
const DAY_MS = 86_400_000;

export interface AlertCounts {
  /** First sighting of the signal for its subject. */
  new: number;
  /** Seen again after the cool-down (a day): worth telling someone again. */
  again: number;
  /** Seen again within the cool-down: counted, not told. */
  suppressed: number;
}

export interface TelemetryOutcome {
  readonly accepted: number;
  readonly deviceDays: number;
  readonly employees: { employeeId: string; applicationId?: string; score: number; band: 'clear' | 'review' | 'hold'; signals: number }[];
  readonly alertsRecorded: number;
  readonly alerts: AlertCounts;
  readonly unassignedDevices: string[];
}

export interface IngestOptions {
  readonly actor: Actor;
  /** A stream or file consumer: the sequence this batch brings it to, stored in the same transaction. */
  readonly checkpoint?: { readonly consumer: string; readonly lastSequence: number };
}

/**
 * The employees sharing an authenticator with `info` (the shared second factor is a signal of each of them). An
 * authenticator on more than SHARED_AUTHENTICATOR_MAX accounts adds nobody: it is a shared service. No query without
 * authenticators.
 */
async function authenticatorSharers(tx: HirewatchStore, info: EmployeeInfo): Promise<string[]> {
  const out: string[] = [];
  for (const authenticatorId of Object.keys(info.authenticators ?? {})) {
    const sharers = await state.readAuthenticatorSharers(tx, authenticatorId);
    if (sharers.length <= SHARED_AUTHENTICATOR_MAX) out.push(...sharers);
  }
  return out;
}

const dayBefore = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

export class Monitoring {
  private reference: MonitorReference | undefined;
  /** Where post-hire alerts worth telling go out once committed (docs/ALERTS.md); none by default. */
  private sink: FindingSink | undefined;

  constructor(private readonly loadReference: () => MonitorReference, private readonly scoring: ScoringConfig, private readonly now: () => Date = () => new Date()) {}

  private ref(): MonitorReference {
    this.reference ??= this.loadReference();
    return this.reference;
  }

  /** Send each post-hire alert recorded new or again (not within its cool-down) to `sink` from now on. */
  useSink(sink: FindingSink | undefined): void {
    this.sink = sink;
  }

  /** Store one batch of events (see above). */
  async ingest(store: HirewatchStore, events: readonly TelemetryEvent[], options: IngestOptions): Promise<TelemetryOutcome> {
    const batch = createAggregate();
    for (const e of events) fold(batch, e);
    let staged: OcsfFinding[] = [];
    const outcome = await store.transaction(async (tx) => {
      const told: AlertFact[] = [];
      const stored = await this.persistAndAssess(tx, batch, events.length, options, (fact) => told.push({ org: store.org, ...fact }));
      // The alerts go out once committed; kept in the outbox with the batch until then.
      staged = this.sink ? buildFindings(this.sink, told, alertFinding) : [];
      await stageFindings(tx, staged, this.now().toISOString());
      return stored;
    });
    sendStaged(store, this.sink, staged);
    return outcome;
  }

  /** The last sequence a consumer stored (0 before its first batch). */
  checkpoint(store: HirewatchStore, consumer: string): Promise<number> {
    return store.monitor.checkpoint(consumer);
  }

  /** Consumers whose names start with `prefix` and where each stands (telemetry files known by content). */
  checkpointsStartingWith(store: HirewatchStore, prefix: string): Promise<{ consumer: string; lastSequence: number }[]> {
    return store.monitor.checkpointsStartingWith(prefix);
  }

  /** Every employee the store holds, assessed over everything stored. */
  async report(store: HirewatchStore): Promise<MonitorReport> {
    const aggregate = await state.readEverything(store);
    return assessTelemetry(aggregate, await this.applicationsOf(store, Object.values(aggregate.employees)), this.ref(), this.scoring);
  }

  /** Everything stored, assessed against applications the caller gives (claimed locations from a file). */
  async reportWith(store: HirewatchStore, applications: ReadonlyMap<string, EnrichedApplication>): Promise<MonitorReport> {
    return assessTelemetry(await state.readEverything(store), applications, this.ref(), this.scoring);
  }

  /** An aggregate assessed with no store (a file alone), against the given applications. */
  assess(aggregate: Aggregate, applications: ReadonlyMap<string, EnrichedApplication>): MonitorReport {
    return assessTelemetry(aggregate, applications, this.ref(), this.scoring);
  }

  private async persistAndAssess(tx: HirewatchStore, batch: Aggregate, accepted: number, options: IngestOptions, tell: (fact: Omit<AlertFact, 'org'>) => void): Promise<TelemetryOutcome> {
    const touched = new Set<string>();
    for (const info of Object.values(batch.employees)) {
      const stored = await state.readEmployee(tx, info.employeeId);
      const merged = stored ? merge({ ...createAggregate(), employees: { [info.employeeId]: stored } }, { ...createAggregate(), employees: { [info.employeeId]: info } }).employees[info.employeeId]! : info;
      await state.writeEmployee(tx, merged);
      touched.add(info.employeeId);
    }
    let deviceDays = 0;
    let latestDay = '';
    const unassigned: string[] = [];
    for (const [deviceId, days] of Object.entries(batch.devices)) {
      for (const [day, fresh] of Object.entries(days)) {
        const [stored] = await state.readDeviceDays(tx, deviceId, day, day);
        const mergedDay = stored
          ? merge({ ...createAggregate(), devices: { [deviceId]: { [day]: stored } } }, { ...createAggregate(), devices: { [deviceId]: { [day]: fresh } } }).devices[deviceId]![day]!
          : fresh;
        await state.writeDeviceDay(tx, mergedDay);
        deviceDays++;
        if (day > latestDay) latestDay = day;
        for (const e of Object.keys(fresh.loginEmployees)) touched.add(e);
      }
      const owners = await state.readOwners(tx, deviceId);
      if (owners.length === 0) unassigned.push(deviceId);
      for (const o of owners) touched.add(o);
    }
    if (options.checkpoint) await tx.monitor.setCheckpoint(options.checkpoint.consumer, options.checkpoint.lastSequence);
    const report = await this.assessStored(tx, [...touched].sort(), latestDay || this.now().toISOString().slice(0, 10));
    const alerts: AlertCounts = { new: 0, again: 0, suppressed: 0 };
    const at = this.now().toISOString();
    const caseChanges: AuditInput[] = [];
    for (const e of report.employees) {
      if (e.band === 'clear') continue;
      let told = false;
      for (const s of e.signals) {
        const status = await tx.admin.alerts.record({
          subjectKind: e.applicationId ? 'application' : 'employee',
          subjectId: e.applicationId ?? e.employeeId,
          signalId: s.id,
          evidence: `employee ${e.employeeId}: ${s.evidence}`,
          at,
        });
        alerts[status]++;
        if (status !== 'suppressed') {
          told = true;
          tell({ employeeId: e.employeeId, applicationId: e.applicationId, band: e.band, score: e.score, signal: { id: s.id, family: s.family, evidence: s.evidence }, status, at });
        }
      }
      // A post-hire alert worth telling someone at hold opens or joins the employee's case, in this transaction.
      if (told && e.band === 'hold') {
        const signals = e.signals.map((s) => ({ id: s.id, family: s.family }));
        caseChanges.push(...await openEmployeeCase(tx, { employeeId: e.employeeId, applicationId: e.applicationId }, signals, e.score, options.actor, at, newCaseId));
      }
    }
    const alertsRecorded = alerts.new + alerts.again + alerts.suppressed;
    await tx.admin.audit.append(withCases({
      actor: options.actor.actor,
      action: options.actor.action,
      detail: { events: accepted, deviceDays, alertsRecorded, ...(options.checkpoint ? { consumer: options.checkpoint.consumer, lastSequence: options.checkpoint.lastSequence } : {}), ...options.actor.detail },
    }, caseChanges));
    return {
      accepted,
      deviceDays,
      employees: report.employees.map((e) => ({ employeeId: e.employeeId, ...(e.applicationId ? { applicationId: e.applicationId } : {}), score: e.score, band: e.band, signals: e.signals.length })),
      alertsRecorded,
      alerts,
      unassignedDevices: unassigned.sort(),
    };
  }

  /**
   * Assess the given employees over their devices' last ASSESS_DAYS days up to `toDay`, and with them the employees
   * an authenticator of theirs is also recorded on (telemetry.shared_mfa_authenticator is a signal of both).
   */
  private async assessStored(store: HirewatchStore, employeeIds: readonly string[], toDay: string): Promise<MonitorReport> {
    const agg = createAggregate();
    const fromDay = dayBefore(toDay, ASSESS_DAYS - 1);
    const infos: EmployeeInfo[] = [];
    const queue = [...employeeIds];
    const queued = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      const employeeId = queue[i]!;
      const info = await state.readEmployee(store, employeeId);
      if (!info) continue;
      if (i < employeeIds.length) {
        for (const e of await authenticatorSharers(store, info)) {
          if (!queued.has(e)) queue.push(e);
          queued.add(e);
        }
      }
      infos.push(info);
      agg.employees[employeeId] = info;
      for (const deviceId of info.deviceIds) {
        const days: DeviceDay[] = await state.readDeviceDays(store, deviceId, fromDay, toDay);
        agg.devices[deviceId] = Object.fromEntries(days.map((d) => [d.day, d]));
      }
    }
    return assessTelemetry(agg, await this.applicationsOf(store, infos), this.ref(), this.scoring);
  }

  /** The stored applications the employees name, normalised (an id two sources share stays unknown). */
  private async applicationsOf(store: HirewatchStore, employees: readonly EmployeeInfo[]): Promise<Map<string, EnrichedApplication>> {
    const out = new Map<string, EnrichedApplication>();
    for (const e of employees) {
      if (!e.applicationId || out.has(e.applicationId)) continue;
      const app = await store.getApplication(e.applicationId).catch(() => undefined);
      const parsed = app ? ApplicationSchema.safeParse(app.record) : undefined;
      if (parsed?.success) out.set(e.applicationId, normaliseApplication(parsed.data));
    }
    return out;
  }
}
