import type { Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';

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

/** What a telemetry consumer has folded and stored so far. */
export interface MonitorState {
  readonly devices: StoredDeviceDay[];
  readonly employees: StoredEmployee[];
  /** The last stream sequence (or file line) folded into the stored aggregates; 0 before the first commit. */
  readonly lastSequence: number;
}

/**
 * The monitor's state in the store. `commit` writes the device-days and
 * employees a batch changed together with the consumer's new last sequence,
 * in one transaction: after a crash the stored aggregates and the sequence
 * agree, so a consumer that resumes skips exactly what was already counted.
 */
export interface MonitorStore {
  load(consumer: string): Promise<MonitorState>;
  getEmployee(employeeId: string): Promise<Record<string, unknown> | undefined>;
  putEmployee(employee: StoredEmployee): Promise<void>;
  /** Employees whose device list names the device. */
  employeesOfDevice(deviceId: string): Promise<string[]>;
  /** The last sequence a consumer committed (0 before its first commit). */
  checkpoint(consumer: string): Promise<number>;
  commit(consumer: string, change: { devices: readonly StoredDeviceDay[]; employees: readonly StoredEmployee[]; lastSequence: number }): Promise<void>;
}

export function monitorStore(db: Db, org: string): MonitorStore {
  return {
    async load(consumer) {
      const [devices, employees, checkpoint] = await Promise.all([
        db.selectFrom('telemetry_aggregates').select(['device_id', 'day', 'aggregate_json']).where('org_id', '=', org).orderBy('device_id').orderBy('day').execute(),
        db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).orderBy('employee_id').execute(),
        db.selectFrom('telemetry_checkpoints').select('last_sequence').where('org_id', '=', org).where('consumer', '=', consumer).executeTakeFirst(),
      ]);
      return {
        devices: devices.map((r) => ({ deviceId: r.device_id, day: r.day, aggregate: JSON.parse(r.aggregate_json) as Record<string, unknown> })),
        employees: employees.map((r) => ({ employeeId: r.employee_id, info: JSON.parse(r.info_json) as Record<string, unknown> })),
        lastSequence: checkpoint ? Number(checkpoint.last_sequence) : 0,
      };
    },

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
      // The JSON text narrows the rows; the parsed device list decides.
      const rows = await db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).where('info_json', 'like', `%${JSON.stringify(deviceId).replace(/[%_]/g, '')}%`).execute();
      return rows.filter((r) => ((JSON.parse(r.info_json) as { deviceIds?: unknown }).deviceIds as string[] | undefined)?.includes(deviceId)).map((r) => r.employee_id);
    },

    async checkpoint(consumer) {
      const row = await db.selectFrom('telemetry_checkpoints').select('last_sequence').where('org_id', '=', org).where('consumer', '=', consumer).executeTakeFirst();
      return row ? Number(row.last_sequence) : 0;
    },

    async commit(consumer, change) {
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const d of change.devices) {
          await trx.insertInto('telemetry_aggregates')
            .values({ org_id: org, device_id: d.deviceId, day: d.day, aggregate_json: JSON.stringify(d.aggregate), updated_at: now })
            .onConflict((oc) => oc.columns(['org_id', 'device_id', 'day']).doUpdateSet((eb) => ({ aggregate_json: eb.ref('excluded.aggregate_json'), updated_at: eb.ref('excluded.updated_at') })))
            .execute();
        }
        for (const e of change.employees) {
          const applicationId = typeof e.info.applicationId === 'string' ? e.info.applicationId : null;
          await trx.insertInto('employees')
            .values({ org_id: org, employee_id: e.employeeId, application_id: applicationId, info_json: JSON.stringify(e.info), updated_at: now })
            .onConflict((oc) => oc.columns(['org_id', 'employee_id']).doUpdateSet((eb) => ({ application_id: eb.ref('excluded.application_id'), info_json: eb.ref('excluded.info_json'), updated_at: eb.ref('excluded.updated_at') })))
            .execute();
        }
        await trx.insertInto('telemetry_checkpoints')
          .values({ org_id: org, consumer, last_sequence: change.lastSequence, updated_at: now })
          .onConflict((oc) => oc.columns(['org_id', 'consumer']).doUpdateSet((eb) => ({ last_sequence: eb.ref('excluded.last_sequence'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      });
    },
  };
}
