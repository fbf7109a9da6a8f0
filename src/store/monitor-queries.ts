import type { Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';
import { employeeQueries, type EmployeeQueries } from './employee-queries.js';

type Db = Kysely<HirewatchDatabase>;

/** One device's aggregate for one UTC day, as src/monitor folds it (plain JSON). */
export interface StoredDeviceDay {
  readonly deviceId: string;
  readonly day: string;
  readonly aggregate: Record<string, unknown>;
}

export interface StoredEmployee {
  readonly employeeId: string;
  readonly info: Record<string, unknown>;
}

/**
 * Post-hire state in the store: per-device-day aggregates (raw events are
 * not kept), the employees and their devices, and how far each telemetry
 * consumer (a stream's durable consumer, a file) has been read. Writes made
 * inside store.transaction commit with everything else in it; that is how
 * the monitoring service (src/service/monitoring.ts) stores a batch's
 * aggregates, checkpoint, alerts and audit entry together.
 */
export interface MonitorStore extends EmployeeQueries {
  getEmployee(employeeId: string): Promise<Record<string, unknown> | undefined>;
  putEmployee(employee: StoredEmployee): Promise<void>;
  /** Employees whose device list names the device. */
  employeesOfDevice(deviceId: string): Promise<string[]>;
  /** Employees on whose account the authenticator (an MFA device or factor, by the identity provider's id) is recorded. */
  employeesWithAuthenticator(authenticatorId: string): Promise<string[]>;
  /** Stored days of one device between two days (inclusive), oldest first. */
  getDeviceDays(deviceId: string, fromDay: string, toDay: string): Promise<StoredDeviceDay[]>;
  putDeviceDay(day: StoredDeviceDay): Promise<void>;
  /** The last sequence a consumer stored (0 before its first). */
  checkpoint(consumer: string): Promise<number>;
  setCheckpoint(consumer: string, lastSequence: number): Promise<void>;
  /** Every consumer whose name starts with `prefix`, with its last sequence (telemetry files known by content). */
  checkpointsStartingWith(prefix: string): Promise<{ consumer: string; lastSequence: number }[]>;
  /** Every stored device-day and employee of the organisation (a report over all of them). */
  everything(): Promise<{ devices: StoredDeviceDay[]; employees: StoredEmployee[] }>;
}

export function monitorStore(db: Db, org: string): MonitorStore {
  return {
    ...employeeQueries(db, org),
    async getEmployee(employeeId) {
      const row = await db.selectFrom('employees').select('info_json').where('org_id', '=', org).where('employee_id', '=', employeeId).executeTakeFirst();
      return row ? (JSON.parse(row.info_json) as Record<string, unknown>) : undefined;
    },

    async putEmployee(e) {
      const applicationId = typeof e.info.applicationId === 'string' ? e.info.applicationId : null;
      await db.insertInto('employees')
        .values({ org_id: org, employee_id: e.employeeId, application_id: applicationId, info_json: JSON.stringify(e.info), updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['org_id', 'employee_id']).doUpdateSet((eb) => ({ application_id: eb.ref('excluded.application_id'), info_json: eb.ref('excluded.info_json'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },

    async employeesOfDevice(deviceId) {
      // The JSON text narrows the rows (LIKE's wildcards and PostgreSQL's escape character become
      // "any one character", so an id holding them still matches itself); the parsed device list decides.
      const rows = await db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).where('info_json', 'like', `%${JSON.stringify(deviceId).replace(/[%_\\]/g, '_')}%`).execute();
      return rows.filter((r) => ((JSON.parse(r.info_json) as { deviceIds?: unknown }).deviceIds as string[] | undefined)?.includes(deviceId)).map((r) => r.employee_id);
    },

    async employeesWithAuthenticator(authenticatorId) {
      // The JSON text narrows the rows (LIKE's wildcards and PostgreSQL's escape character stand for any one character); the parsed map decides.
      const rows = await db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).where('info_json', 'like', `%${JSON.stringify(authenticatorId).replace(/[%_\\]/g, '_')}%`).execute();
      return rows.filter((r) => {
        const map = (JSON.parse(r.info_json) as { authenticators?: unknown }).authenticators;
        return typeof map === 'object' && map !== null && Object.hasOwn(map, authenticatorId);
      }).map((r) => r.employee_id);
    },

    async getDeviceDays(deviceId, fromDay, toDay) {
      const rows = await db.selectFrom('telemetry_aggregates').select(['day', 'aggregate_json'])
        .where('org_id', '=', org).where('device_id', '=', deviceId).where('day', '>=', fromDay).where('day', '<=', toDay)
        .orderBy('day').execute();
      return rows.map((r) => ({ deviceId, day: r.day, aggregate: JSON.parse(r.aggregate_json) as Record<string, unknown> }));
    },

    async putDeviceDay(d) {
      await db.insertInto('telemetry_aggregates')
        .values({ org_id: org, device_id: d.deviceId, day: d.day, aggregate_json: JSON.stringify(d.aggregate), updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['org_id', 'device_id', 'day']).doUpdateSet((eb) => ({ aggregate_json: eb.ref('excluded.aggregate_json'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },

    async checkpoint(consumer) {
      const row = await db.selectFrom('telemetry_checkpoints').select('last_sequence').where('org_id', '=', org).where('consumer', '=', consumer).executeTakeFirst();
      return row ? Number(row.last_sequence) : 0;
    },

    async setCheckpoint(consumer, lastSequence) {
      await db.insertInto('telemetry_checkpoints')
        .values({ org_id: org, consumer, last_sequence: lastSequence, updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['org_id', 'consumer']).doUpdateSet((eb) => ({ last_sequence: eb.ref('excluded.last_sequence'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },

    async checkpointsStartingWith(prefix) {
      const rows = await db.selectFrom('telemetry_checkpoints').select(['consumer', 'last_sequence']).where('org_id', '=', org)
        .where('consumer', 'like', `${prefix.replace(/[\\%_]/g, '')}%`).execute();
      return rows.filter((r) => r.consumer.startsWith(prefix)).map((r) => ({ consumer: r.consumer, lastSequence: Number(r.last_sequence) }));
    },

    async everything() {
      const [devices, employees] = await Promise.all([
        db.selectFrom('telemetry_aggregates').select(['device_id', 'day', 'aggregate_json']).where('org_id', '=', org).orderBy('device_id').orderBy('day').execute(),
        db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).orderBy('employee_id').execute(),
      ]);
      return {
        devices: devices.map((r) => ({ deviceId: r.device_id, day: r.day, aggregate: JSON.parse(r.aggregate_json) as Record<string, unknown> })),
        employees: employees.map((r) => ({ employeeId: r.employee_id, info: JSON.parse(r.info_json) as Record<string, unknown> })),
      };
    },
  };
}
