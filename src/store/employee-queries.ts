import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { AlertRow } from './admin-queries.js';
import type { HirewatchDatabase } from './database-schema.js';
import { StoreError } from './store-error.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Reads of the organisation's hired employees for the API and the console
 * (GET /api/v1/employees): a page of employees with their alert counts, the
 * alerts of one employee, and the last stored day of devices.
 *
 * An employee's alerts are recorded (src/service/monitoring.ts) under the
 * application they were hired from when there is one, else under the
 * employee, with evidence starting "employee <id>: "; both are matched here.
 */
export const EMPLOYEE_SORTS = ['alerts', 'lastAlert', 'id'] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

export const EmployeeFilterSchema = z.object({
  withAlerts: z.boolean().optional(),
  /** alerts: most alerts first; lastAlert: most recent alert first; id: by employee id. Ties by employee id. */
  sort: z.enum(EMPLOYEE_SORTS).default('alerts'),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().max(1024).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type EmployeeFilter = z.input<typeof EmployeeFilterSchema>;

export interface EmployeeSummaryRow {
  readonly employeeId: string;
  readonly applicationId?: string;
  readonly info: Record<string, unknown>;
  readonly alertCount: number;
  /** When an alert of the employee was last seen (absent without alerts). */
  readonly lastAlertAt?: string;
}
export interface EmployeePage { readonly items: EmployeeSummaryRow[]; readonly nextCursor?: string }

export interface EmployeeQueries {
  listEmployees(filter?: EmployeeFilter): Promise<EmployeePage>;
  /** The employee's alerts, most recently seen first (at most 500). */
  alertsOfEmployee(employeeId: string, applicationId?: string): Promise<AlertRow[]>;
  /** The last stored day of each device that has one. */
  lastDeviceDays(deviceIds: readonly string[]): Promise<Map<string, string>>;
}

const CursorSchema = z.tuple([z.union([z.string(), z.number()]), z.string()]);
const encodeCursor = (values: z.infer<typeof CursorSchema>): string => Buffer.from(JSON.stringify(values)).toString('base64url');
function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new StoreError('invalid', 'cursor: not a cursor this store returned');
  }
}

const evidencePrefix = (employeeId: string): string => `employee ${employeeId}: `;

export function employeeQueries(db: Db, org: string): EmployeeQueries {
  return {
    async listEmployees(input = {}) {
      const parsed = EmployeeFilterSchema.safeParse(input);
      if (!parsed.success) throw new StoreError('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const filter = parsed.data;
      // Alerts per employee: under the employee, or under its application with the employee named in the evidence.
      const counts = db.selectFrom('employees as e2')
        .innerJoin('alerts as a', (j) => j.onRef('a.org_id', '=', 'e2.org_id').on((eb) => eb.or([
          eb.and([eb('a.subject_kind', '=', 'employee'), eb('a.subject_id', '=', eb.ref('e2.employee_id'))]),
          eb.and([
            eb('a.subject_kind', '=', 'application'),
            eb('a.subject_id', '=', eb.ref('e2.application_id')),
            eb(sql<string>`substr(${sql.ref('a.evidence')}, 1, length(${sql.ref('e2.employee_id')}) + 10)`, '=', sql<string>`'employee ' || ${sql.ref('e2.employee_id')} || ':'`),
          ]),
        ])))
        .where('e2.org_id', '=', org)
        .groupBy('e2.employee_id')
        .select(['e2.employee_id', sql<number | string>`count(*)`.as('n'), sql<string>`max(${sql.ref('a.last_seen')})`.as('last_alert')]);
      const alertCount = sql<number | string>`coalesce(${sql.ref('c.n')}, 0)`;
      const lastAlert = sql<string>`coalesce(${sql.ref('c.last_alert')}, '')`;
      let query = db.selectFrom('employees as e')
        .leftJoin(counts.as('c'), 'c.employee_id', 'e.employee_id')
        .where('e.org_id', '=', org)
        .select(['e.employee_id', 'e.application_id', 'e.info_json', alertCount.as('alert_count'), lastAlert.as('last_alert')]);
      if (filter.withAlerts === true) query = query.where(alertCount, '>', 0);
      if (filter.withAlerts === false) query = query.where(alertCount, '=', 0);
      const key = filter.sort === 'alerts' ? alertCount : filter.sort === 'lastAlert' ? lastAlert : undefined;
      if (filter.cursor !== undefined) {
        const [value, id] = decodeCursor(filter.cursor);
        if (key === undefined) query = query.where('e.employee_id', '>', id);
        else {
          const v = filter.sort === 'alerts' ? Number(value) : String(value);
          query = query.where((eb) => eb.or([eb(key, '<', v), eb.and([eb(key, '=', v), eb('e.employee_id', '>', id)])]));
        }
      }
      if (key !== undefined) query = query.orderBy(key, 'desc');
      const rows = await query.orderBy('e.employee_id').limit(filter.limit + 1).execute();
      const page = rows.slice(0, filter.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > filter.limit && last
        ? encodeCursor([filter.sort === 'alerts' ? Number(last.alert_count) : filter.sort === 'lastAlert' ? last.last_alert : '', last.employee_id])
        : undefined;
      return {
        items: page.map((r) => ({
          employeeId: r.employee_id,
          ...(r.application_id ? { applicationId: r.application_id } : {}),
          info: JSON.parse(r.info_json) as Record<string, unknown>,
          alertCount: Number(r.alert_count),
          ...(r.last_alert ? { lastAlertAt: r.last_alert } : {}),
        })),
        ...(nextCursor ? { nextCursor } : {}),
      };
    },

    async alertsOfEmployee(employeeId, applicationId) {
      const rows = await db.selectFrom('alerts').selectAll().where('org_id', '=', org)
        .where((eb) => eb.or([
          eb.and([eb('subject_kind', '=', 'employee'), eb('subject_id', '=', employeeId)]),
          ...(applicationId ? [eb.and([eb('subject_kind', '=', 'application'), eb('subject_id', '=', applicationId)])] : []),
        ]))
        .orderBy('last_seen', 'desc').limit(500).execute();
      return rows
        .filter((r) => r.subject_kind === 'employee' || r.evidence.startsWith(evidencePrefix(employeeId)))
        .map((r) => ({ subjectKind: r.subject_kind, subjectId: r.subject_id, signalId: r.signal_id, evidence: r.evidence, firstSeen: r.first_seen, lastSeen: r.last_seen, count: Number(r.count) }));
    },

    async lastDeviceDays(deviceIds) {
      const out = new Map<string, string>();
      const unique = [...new Set(deviceIds)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db.selectFrom('telemetry_aggregates').select(['device_id', sql<string>`max(${sql.ref('day')})`.as('last_day')])
          .where('org_id', '=', org).where('device_id', 'in', unique.slice(i, i + 500)).groupBy('device_id').execute();
        for (const r of rows) out.set(r.device_id, r.last_day);
      }
      return out;
    },
  };
}
