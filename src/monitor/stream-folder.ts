import type { MonitorState, StoredDeviceDay, StoredEmployee } from '../store/monitor-queries.js';
import { createAggregate, eventDay, fold, type Aggregate, type DeviceDay, type EmployeeInfo } from './aggregate.js';
import { parseEventLine } from './events.js';

/** What happened to one message or line. */
export type FoldOutcome = { readonly status: 'folded' | 'skipped' | 'blank' } | { readonly status: 'error'; readonly error: string };

/**
 * Folds a numbered stream of telemetry lines (a JetStream subject's
 * sequence, or a file's line numbers) into the aggregate, remembering which
 * device-days and employees changed since the last commit. A line at or below
 * the last committed sequence was already counted and is skipped, so a
 * stream redelivered after a crash is counted exactly once. No I/O.
 */
export class StreamFolder {
  private readonly changedDays = new Map<string, { deviceId: string; day: string }>();
  private readonly changedEmployees = new Set<string>();
  private highest: number;

  private constructor(readonly aggregate: Aggregate, private committed: number) {
    this.highest = committed;
  }

  static empty(): StreamFolder {
    return new StreamFolder(createAggregate(), 0);
  }

  /** Resume from what the store holds. */
  static fromStored(state: MonitorState): StreamFolder {
    const aggregate = createAggregate();
    for (const d of state.devices) {
      const day = d.aggregate as unknown as DeviceDay;
      (aggregate.devices[d.deviceId] ??= {})[d.day] = day;
      aggregate.events += day.events;
    }
    for (const e of state.employees) aggregate.employees[e.employeeId] = e.info as unknown as EmployeeInfo;
    return new StreamFolder(aggregate, state.lastSequence);
  }

  /** The last sequence folded (committed or not). */
  get lastSequence(): number {
    return this.highest;
  }

  add(text: string, sequence: number): FoldOutcome {
    if (sequence <= this.committed) return { status: 'skipped' };
    this.highest = Math.max(this.highest, sequence);
    const outcome = parseEventLine(text, sequence);
    if (!outcome) return { status: 'blank' };
    if (!outcome.ok) return { status: 'error', error: outcome.error };
    const event = outcome.event;
    fold(this.aggregate, event);
    if (event.type === 'employee') {
      this.changedEmployees.add(event.employeeId);
    } else {
      const day = eventDay(event);
      if (day) this.changedDays.set(`${event.deviceId}\u0000${day}`, { deviceId: event.deviceId, day });
    }
    return { status: 'folded' };
  }

  /** What to store now: the changed device-days and employees, and the sequence they bring the store to. */
  pending(): { devices: StoredDeviceDay[]; employees: StoredEmployee[]; lastSequence: number } {
    const devices = [...this.changedDays.values()].map(({ deviceId, day }) => ({ deviceId, day, aggregate: this.aggregate.devices[deviceId]![day]! as unknown as Record<string, unknown> }));
    const employees = [...this.changedEmployees].map((id) => ({ employeeId: id, info: this.aggregate.employees[id]! as unknown as Record<string, unknown> }));
    return { devices, employees, lastSequence: this.highest };
  }

  /** The pending changes were stored. */
  markCommitted(): void {
    this.committed = this.highest;
    this.changedDays.clear();
    this.changedEmployees.clear();
  }
}
