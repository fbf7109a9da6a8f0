import type { TelemetryEvent } from '../../monitor/events.js';
import { StoreError } from '../../store/index.js';
import { notFound } from '../http/api-error.js';
import { actorOf, audit, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { checkBodyOrg } from './applications.js';

type R = typeof API_ROUTES;

export const postTelemetry: Handler<R['postTelemetry']> = async (ctx) => {
  checkBodyOrg(ctx, ctx.body.org);
  const events = ctx.body.events as TelemetryEvent[];
  // Every application an employee record names must be one of the caller's (another organisation's: 404).
  const checked = new Set<string>();
  for (const [i, e] of events.entries()) {
    if (e.type !== 'employee' || !e.applicationId || checked.has(e.applicationId)) continue;
    const found = await ctx.store.getApplication(e.applicationId).then(Boolean, (err: unknown) => err instanceof StoreError && err.code === 'ambiguous');
    if (!found) throw notFound(`body.events.${i}.applicationId: application`);
    checked.add(e.applicationId);
  }
  const { alerts: _counts, ...outcome } = await ctx.deps.telemetry.ingest(ctx.store, events, { actor: actorOf(ctx, 'telemetry.ingest') });
  return outcome;
};

export const listAlerts: Handler<R['listAlerts']> = async (ctx) => {
  const items = await ctx.store.admin.alerts.list(ctx.query.limit);
  await audit(ctx, 'alerts.read', undefined, { count: items.length });
  return { items: items.map((a) => ({ ...a })) };
};
