import { employeeDetail, listEmployees as listEmployeesOf } from '../../service/employees.js';
import { notFound } from '../http/api-error.js';
import { audit, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';

type R = typeof API_ROUTES;

/** The organisation's employees (the store is bound to the caller's organisation), audited as an evidence read. */
export const listEmployees: Handler<R['listEmployees']> = async (ctx) => {
  const q = ctx.query;
  const page = await listEmployeesOf(ctx.store, {
    ...(q.withAlerts !== undefined ? { withAlerts: q.withAlerts } : {}),
    sort: q.sort,
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    limit: q.limit,
  });
  await audit(ctx, 'employees.read', undefined, { count: page.items.length, ids: page.items.map((e) => e.employeeId), filter: { ...q, cursor: undefined } });
  return page;
};

/** One employee with devices, recent device-days, alerts with evidence and cases; another organisation's id answers 404 like an unknown one. */
export const getEmployee: Handler<R['getEmployee']> = async (ctx) => {
  const employee = await employeeDetail(ctx.store, ctx.params.id, ctx.query.days);
  if (!employee) throw notFound('employee');
  await audit(ctx, 'employee.read', employee.employeeId, { alerts: employee.alerts.length, cases: employee.cases.map((c) => c.id) });
  return employee;
};
