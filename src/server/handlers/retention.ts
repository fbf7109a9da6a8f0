import { Retention } from '../../service/index.js';
import { actorOf, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';

/**
 * POST /erasures (docs/RETENTION.md): the Retention service with this
 * process's Screening, so its linkage index forgets what was erased.
 */
type R = typeof API_ROUTES;

export const eraseSubject: Handler<R['eraseSubject']> = async (ctx) => {
  const b = ctx.body;
  const subject = b.email !== undefined
    ? { kind: 'email' as const, address: b.email }
    : { kind: 'applicant' as const, id: b.applicationId!, ...(b.source !== undefined ? { source: b.source } : {}) };
  const report = await new Retention(ctx.deps.screening).erase(ctx.store, subject, actorOf(ctx, 'erasure'), { dryRun: b.dryRun });
  return { ...report, removed: { ...report.removed }, kept: report.kept.map((k) => ({ ...k })) };
};
