import { storedNetwork } from '../../service/stored-network.js';
import { forbidden, notFound } from '../http/api-error.js';
import { audit, holds, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { contractSignals } from '../../score/result-contract.js';

type R = typeof API_ROUTES;

export const listResults: Handler<R['listResults']> = async (ctx) => {
  const q = ctx.query;
  const evidence = holds(ctx, 'result:evidence');
  // Filtering by cluster tells which applications are linked: evidence.
  if (q.clusterId !== undefined && !evidence) throw forbidden('result:evidence');
  const page = await ctx.store.listResults({
    ...(q.band ? { band: q.band } : {}),
    ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
    ...(q.maxScore !== undefined ? { maxScore: q.maxScore } : {}),
    ...(q.source !== undefined ? { source: q.source } : {}),
    ...(q.clusterId !== undefined ? { clusterId: q.clusterId } : {}),
    ...(q.receivedSince !== undefined ? { receivedSince: q.receivedSince } : {}),
    ...(q.attention ? { attention: true } : {}),
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    orderBy: q.orderBy,
    limit: q.limit,
  });
  const items = page.items.map((r) => {
    const base = { id: r.id, source: r.source, fullName: r.fullName, submittedAt: r.submittedAt, receivedAt: r.receivedAt, version: r.version, score: r.score, band: r.band, screenedAt: r.screenedAt };
    if (!evidence) return base;
    return { ...base, signals: contractSignals(r.signals), ...(r.cluster ? { cluster: { id: r.cluster.id, size: r.cluster.size } } : {}) };
  });
  if (evidence) await audit(ctx, 'results.read', undefined, { count: items.length, ids: items.slice(0, 100).map((i) => i.id), filter: { ...q, cursor: undefined } });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

export const getNetwork: Handler<R['getNetwork']> = async (ctx) => {
  const network = await storedNetwork(ctx.store, ctx.params.id);
  if (!network) throw notFound('network');
  await audit(ctx, 'network.read', network.id, { members: network.size, requested: ctx.params.id });
  return network;
};
