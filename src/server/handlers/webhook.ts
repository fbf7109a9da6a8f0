import type { Application } from '../../parse/application-schema.js';
import { webhookSecretsFor } from '../config.js';
import { ApiError, badRequest } from '../http/api-error.js';
import { actorOf, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { mapLeverOpportunity } from '../webhooks/lever.js';
import { receiveWebhook } from '../webhooks/receive.js';
import { withSourceTime } from '../webhooks/source-order.js';
import type { HeaderBag } from '../webhooks/signature.js';

type R = typeof API_ROUTES;

/**
 * POST /webhooks/:vendor/:org. The body arrives as bytes (a buffer parser
 * on this route only) because the signatures are over the bytes as sent.
 * Steps: verify and read (receiveWebhook, pure); answer a delivery id
 * already handled as a duplicate (the ids are in the database); for Lever,
 * fetch the opportunity the event names; then, in one transaction of the
 * organisation, record the delivery id and store and screen the record with
 * its source time, auditing the ingest as `webhook:<vendor>`. An update older
 * than the one stored is acknowledged 200 `stale` (stored nothing), so the
 * vendor does not retry it forever.
 */
export const receiveWebhookRoute: Handler<R['receiveWebhook']> = async (ctx) => {
  const { vendor, org } = ctx.params;
  const raw = ctx.request.body;
  const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '');
  const now = ctx.deps.now();
  const outcome = receiveWebhook(vendor, {
    rawBody,
    headers: ctx.request.headers as HeaderBag,
    secrets: webhookSecretsFor(ctx.deps.config, vendor, org),
    leverMaxAgeMs: ctx.deps.config.leverMaxAgeMs,
    nowMs: now.getTime(),
  });
  // One answer to every delivery that cannot be authenticated (no secret for the organisation, no signature,
  // a malformed or a wrong one): a caller without a secret learns nothing, not even whether the organisation exists.
  if (outcome.kind === 'refused') throw new ApiError(401, 'unauthorized', 'the delivery could not be authenticated');
  if (outcome.kind === 'invalid') throw badRequest(outcome.error);
  if (outcome.kind === 'ignored') return { status: 'ignored' as const, event: outcome.event };
  const { dedupe } = ctx.deps;
  if (await dedupe.seen(ctx.store, vendor, outcome.deliveryId)) return { status: 'duplicate' as const };
  let application: Application;
  let notes: readonly string[];
  let sourceUpdatedAt: string | undefined;
  if (outcome.kind === 'fetch') {
    const fetcher = ctx.deps.leverFetcher;
    if (!fetcher) throw new ApiError(502, 'fetch_unavailable', 'Lever deliveries need a Lever API key to fetch the opportunity; none is configured');
    let opportunity: unknown;
    try {
      opportunity = await fetcher(org, outcome.reference);
    } catch (err) {
      throw new ApiError(502, 'fetch_failed', `fetching the Lever opportunity failed: ${err instanceof Error ? err.message : 'unknown error'}`);
    }
    const mapped = mapLeverOpportunity(opportunity, outcome.reference);
    if (!mapped.ok) throw new ApiError(502, 'fetch_invalid', mapped.error);
    ({ application, notes, sourceUpdatedAt } = mapped);
  } else {
    ({ application, notes, sourceUpdatedAt } = outcome);
  }
  const detail = { vendor, ...(outcome.deliveryId ? { deliveryId: outcome.deliveryId } : {}), notes: notes.length, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) };
  const actor = actorOf(ctx, 'webhook.ingest', detail, `webhook:${vendor}`);
  // The shared watchlist is looked at before the transaction: screening never reads it through one.
  await ctx.deps.screening.shared.look(ctx.store);
  return ctx.store.transaction(async (tx) => {
    if (!(await dedupe.claim(tx, vendor, outcome.deliveryId, now))) return { status: 'duplicate' as const };
    const [submitted] = await ctx.deps.screening.submit(withSourceTime(tx, sourceUpdatedAt), [application], actor);
    const { id, version, stale } = submitted!.outcome;
    return { status: stale ? ('stale' as const) : ('stored' as const), id, version };
  });
};
