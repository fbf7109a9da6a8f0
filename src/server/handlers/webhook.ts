import type { Application } from '../../parse/application-schema.js';
import { webhookSecretsFor } from '../config.js';
import { ApiError, badRequest } from '../http/api-error.js';
import { actorOf, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { mapLeverOpportunity } from '../webhooks/lever.js';
import { receiveWebhook } from '../webhooks/receive.js';
import type { HeaderBag } from '../webhooks/signature.js';

type R = typeof API_ROUTES;

/**
 * POST /webhooks/:vendor/:org. The body arrives as bytes (a buffer parser
 * on this route only) because the signatures are over the bytes as sent.
 * Steps: verify and read (receiveWebhook, pure); drop a delivery already
 * handled; for Lever, fetch the opportunity the event names; store and
 * screen the record; audit the ingest as `webhook:<vendor>`.
 */
export const receiveWebhookRoute: Handler<R['receiveWebhook']> = async (ctx) => {
  const { vendor, org } = ctx.params;
  const raw = ctx.request.body;
  const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '');
  const outcome = receiveWebhook(vendor, {
    rawBody,
    headers: ctx.request.headers as HeaderBag,
    secrets: webhookSecretsFor(ctx.deps.config, vendor, org),
    leverMaxAgeMs: ctx.deps.config.leverMaxAgeMs,
    nowMs: ctx.deps.now().getTime(),
  });
  if (outcome.kind === 'refused') throw new ApiError(401, 'bad_signature', `the ${vendor} signature could not be verified (${outcome.reason})`);
  if (outcome.kind === 'invalid') throw badRequest(outcome.error);
  const { dedupe } = ctx.deps;
  if (dedupe.has(vendor, org, outcome.deliveryId)) return { status: 'duplicate' as const };
  if (outcome.kind === 'ignored') {
    dedupe.remember(vendor, org, outcome.deliveryId);
    return { status: 'ignored' as const, event: outcome.event };
  }
  let application: Application;
  let notes: readonly string[];
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
    application = mapped.application;
    notes = mapped.notes;
  } else {
    application = outcome.application;
    notes = outcome.notes;
  }
  const actor = actorOf(ctx, 'webhook.ingest', { vendor, ...(outcome.deliveryId ? { deliveryId: outcome.deliveryId } : {}), notes: notes.length }, `webhook:${vendor}`);
  const [submitted] = await ctx.deps.screening.submit(ctx.store, [application], actor);
  const s = submitted!;
  dedupe.remember(vendor, org, outcome.deliveryId);
  return { status: 'stored' as const, id: s.outcome.id, version: s.outcome.version };
};
