import type { StoredCluster } from '../../store/index.js';
import { forbidden, notFound } from '../http/api-error.js';
import { audit, holds, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { contractResult } from '../../score/result-contract.js';

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
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    orderBy: q.orderBy,
    limit: q.limit,
  });
  const items = page.items.map((r) => {
    const base = { id: r.id, source: r.source, fullName: r.fullName, submittedAt: r.submittedAt, receivedAt: r.receivedAt, version: r.version, score: r.score, band: r.band, screenedAt: r.screenedAt };
    if (!evidence) return base;
    const contract = contractResult({ ...r, cluster: r.cluster });
    return { ...base, signals: contract.signals, ...(contract.cluster ? { cluster: contract.cluster } : {}) };
  });
  if (evidence) await audit(ctx, 'results.read', undefined, { count: items.length, ids: items.slice(0, 100).map((i) => i.id), filter: { ...q, cursor: undefined } });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

async function clusterFor(ctx: Parameters<Handler<R['getNetwork']>>[0]): Promise<StoredCluster | undefined> {
  const id = ctx.params.id;
  const direct = await ctx.store.getCluster(id);
  if (direct) return direct;
  const app = await ctx.store.getApplication(id);
  if (!app) return undefined;
  const clusterId = app.cluster?.id ?? app.result?.cluster?.id;
  return clusterId ? ctx.store.getCluster(clusterId) : undefined;
}

export const getNetwork: Handler<R['getNetwork']> = async (ctx) => {
  const cluster = await clusterFor(ctx);
  if (!cluster) throw notFound('network');
  const links = [];
  for (const m of cluster.members) {
    for (const l of await ctx.store.listLinks({ id: m.id, source: m.source })) {
      links.push({ from: { id: m.id, source: m.source }, to: { id: l.other.id, source: l.other.source }, kind: l.kind, linkedAt: l.linkedAt });
    }
  }
  await audit(ctx, 'network.read', cluster.id, { members: cluster.members.length, requested: ctx.params.id });
  return { id: cluster.id, size: cluster.members.length, members: cluster.members, links };
};
