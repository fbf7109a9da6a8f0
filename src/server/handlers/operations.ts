import { dataDir } from '../../reference/data-dir.js';
import { datasetStatus } from '../../reference/data-status.js';
import { disposableDomainsVersion, loadDisposableMailDomains } from '../../reference/disposable-domains.js';
import { readManifest } from '../../reference/manifest.js';
import type { StoreCounts } from '../../store/index.js';
import type { Handler, ServerDeps } from '../routes/handler-types.js';
import { openApiDocument, type API_ROUTES } from '../routes/route-table.js';

type R = typeof API_ROUTES;

export const getHealth: Handler<R['getHealth']> = async (ctx) => ({
  status: 'ok' as const,
  engine: ctx.deps.store.engine,
  uptimeSeconds: Math.round((Date.now() - ctx.deps.startedAt) / 1000),
});

let packageRecords: number | undefined;
export const getDataStatus: Handler<R['getDataStatus']> = async () => {
  const datasets = datasetStatus(readManifest(dataDir()), new Date());
  packageRecords ??= loadDisposableMailDomains().size;
  return { datasets, packages: [{ name: 'disposable-email-domains', version: disposableDomainsVersion(), records: packageRecords }] };
};

/** Counting a large organisation's applications takes a while: counts are cached per organisation. */
const COUNTS_TTL_MS = 15_000;
const countsCache = new WeakMap<ServerDeps, Map<string, { at: number; counts: StoreCounts }>>();

export const getMetrics: Handler<R['getMetrics']> = async (ctx) => {
  const org = ctx.store.org;
  let perOrg = countsCache.get(ctx.deps);
  if (!perOrg) countsCache.set(ctx.deps, (perOrg = new Map()));
  let entry = perOrg.get(org);
  if (!entry || Date.now() - entry.at > COUNTS_TTL_MS) {
    entry = { at: Date.now(), counts: await ctx.store.counts() };
    perOrg.set(org, entry);
  }
  ctx.reply.type('text/plain; version=0.0.4; charset=utf-8');
  return ctx.deps.metrics.render(org, entry.counts);
};

export const getOpenApi: Handler<R['getOpenApi']> = async (ctx) => openApiDocument(ctx.deps.version);

export const readAuditLog: Handler<R['readAuditLog']> = async (ctx) => {
  const entries = await ctx.store.admin.audit.list(ctx.query.after, ctx.query.limit);
  const checked = ctx.query.verify ? await ctx.store.admin.audit.verify() : undefined;
  // What the API shows of a verification: the verdict and the reason, not the head (checkpoints are the CLI's).
  const verification = checked && {
    ok: checked.ok, checked: checked.checked,
    ...(checked.brokenAt !== undefined ? { brokenAt: checked.brokenAt } : {}),
    ...(checked.reason ? { reason: checked.reason } : {}),
    ...(checked.unkeyed ? { unkeyed: checked.unkeyed } : {}),
  };
  return { entries: entries.map((e) => ({ ...e })), ...(verification ? { verification } : {}) };
};
