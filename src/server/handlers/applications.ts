import { contractResult } from '../../score/result-contract.js';
import { DEFAULT_CHUNK_SIZE, type Submitted } from '../../service/index.js';
import { resultViewFor } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { actorOf, audit, holds, type Handler, type HandlerContext } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';

type R = typeof API_ROUTES;

/** An organisation named in a body must be the caller's; any other answers like an unknown id (404). */
export function checkBodyOrg(ctx: HandlerContext<R['submitApplicationBatch'] | R['postTelemetry']>, org: string | undefined): void {
  if (org !== undefined && org !== ctx.principal?.orgId) throw notFound('organisation');
}

function submittedView(ctx: { principal: HandlerContext<R['submitApplication']>['principal'] }, s: Submitted) {
  return {
    id: s.outcome.id,
    source: s.outcome.source,
    version: s.outcome.version,
    status: s.outcome.status,
    result: resultViewFor(ctx.principal!.role, s.result)!,
  };
}

export const submitApplication: Handler<R['submitApplication']> = async (ctx) => {
  const submitted = await ctx.deps.screening.submitOne(ctx.store, ctx.body, actorOf(ctx, 'application.submit', { evidenceReturned: holds(ctx, 'result:evidence') }));
  if (submitted.outcome.status === 'new') void ctx.reply.code(201);
  return submittedView(ctx, submitted);
};

export const submitApplicationBatch: Handler<R['submitApplicationBatch']> = async (ctx) => {
  checkBodyOrg(ctx, ctx.body.org);
  const records = ctx.body.applications;
  const items: ReturnType<typeof submittedView>[] = [];
  let chunks = 0;
  for (let start = 0; start < records.length; start += DEFAULT_CHUNK_SIZE) {
    const chunk = records.slice(start, start + DEFAULT_CHUNK_SIZE);
    chunks++;
    const submitted = await ctx.deps.screening.submit(ctx.store, chunk, actorOf(ctx, 'application.submit_batch', { chunk: chunks, evidenceReturned: holds(ctx, 'result:evidence') }));
    for (const s of submitted) items.push(submittedView(ctx, s));
  }
  return { items, chunks };
};

export const getApplication: Handler<R['getApplication']> = async (ctx) => {
  const app = await ctx.store.getApplication(ctx.params.id, ctx.query.source);
  if (!app) throw notFound('application');
  const evidence = holds(ctx, 'result:evidence');
  const result = app.result ? resultViewFor(ctx.principal!.role, contractResult(app.result)) : undefined;
  const cluster = evidence && app.cluster
    ? { id: app.cluster.id, size: app.result?.cluster?.size ?? app.cluster.members.length, members: app.cluster.members }
    : undefined;
  if (evidence) await audit(ctx, 'application.read', app.id, { source: app.source, version: app.version, evidence: true });
  return {
    id: app.id,
    source: app.source,
    fullName: app.fullName,
    submittedAt: app.submittedAt,
    receivedAt: app.receivedAt,
    version: app.version,
    ...(holds(ctx, 'application:read') ? { record: app.record } : {}),
    ...(result ? { result } : {}),
    ...(cluster ? { cluster } : {}),
  };
};
