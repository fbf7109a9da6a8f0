import type { Application } from '../../parse/application-schema.js';
import { isAshbyApplicationAction, mapAshbyEvent } from './ashby.js';
import { isGreenhouseApplicationAction, mapGreenhouseEvent } from './greenhouse.js';
import { leverApplicationReference, LeverWebhookSchema, type LeverApplicationReference } from './lever.js';
import { describeShapeError, type MapOutcome } from './map-helpers.js';
import {
  headerValue,
  verifyAshbySignature,
  verifyGreenhouseSignature,
  verifyLeverSignature,
  type HeaderBag,
  type SignatureFailure,
} from './signature.js';

/**
 * One pure entry point per delivery: verify the vendor's signature, then read
 * the body, then map it. The route only has to look up the secrets for the
 * vendor and organisation in the URL, pass the raw body (bytes as received:
 * the signature is over them; never a re-serialised parse, e.g. Greenhouse
 * signs its `\uXXXX`-escaped text) and act on the outcome. In Fastify that
 * means a `parseAs: 'buffer'` content-type parser on the webhook routes.
 */

export const WEBHOOK_VENDORS = ['greenhouse', 'lever', 'ashby'] as const;
export type WebhookVendor = (typeof WEBHOOK_VENDORS)[number];

export interface WebhookDelivery {
  readonly rawBody: string | Uint8Array;
  readonly headers: HeaderBag;
  /** Every secret currently valid for this vendor and organisation (more than one while rotating). */
  readonly secrets: readonly string[];
  /** Lever only: refuse deliveries whose `triggeredAt` is further than this from `nowMs`. */
  readonly leverMaxAgeMs?: number;
  readonly nowMs?: number;
}

export type WebhookOutcome =
  /**
   * A record to screen. `deliveryId` (vendor's event id) lets the caller drop
   * a retried delivery; `sourceUpdatedAt` (from the signed body) lets the
   * store refuse an update older than the one it holds.
   */
  | { readonly kind: 'application'; readonly application: Application; readonly notes: readonly string[]; readonly sourceUpdatedAt?: string; readonly deliveryId?: string }
  /** Lever: verified, but the event holds ids only; fetch the opportunity, then `mapLeverOpportunity`. */
  | { readonly kind: 'fetch'; readonly reference: LeverApplicationReference; readonly deliveryId?: string }
  /** Verified, but not an application event (a ping, a stage change): acknowledge with 200. */
  | { readonly kind: 'ignored'; readonly event: string; readonly deliveryId?: string }
  /** Signature missing, malformed or wrong, or no secret configured: 401, nothing read. */
  | { readonly kind: 'refused'; readonly status: 401; readonly reason: SignatureFailure }
  /** Signed, but not JSON or not the documented shape: 400 (the vendor will retry; a fix is needed here). */
  | { readonly kind: 'invalid'; readonly status: 400; readonly error: string };

function parseJson(raw: string | Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

const eventName = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' ? v : '(none)';
};

const withId = <T extends object>(outcome: T, deliveryId: string | undefined): T =>
  deliveryId === undefined ? outcome : { ...outcome, deliveryId };

const applicationOutcome = (mapped: Extract<MapOutcome, { ok: true }>): Extract<WebhookOutcome, { kind: 'application' }> => ({
  kind: 'application', application: mapped.application, notes: mapped.notes, ...(mapped.sourceUpdatedAt ? { sourceUpdatedAt: mapped.sourceUpdatedAt } : {}),
});

function receiveGreenhouse(d: WebhookDelivery): WebhookOutcome {
  const check = verifyGreenhouseSignature(d.rawBody, d.headers, d.secrets);
  if (!check.ok) return { kind: 'refused', status: 401, reason: check.reason };
  const deliveryId = headerValue(d.headers, 'greenhouse-event-id');
  const body = parseJson(d.rawBody);
  if (!body.ok) return { kind: 'invalid', status: 400, error: 'greenhouse payload: not JSON' };
  if (!isGreenhouseApplicationAction(body.value)) return withId({ kind: 'ignored', event: eventName(body.value, 'action') }, deliveryId);
  const mapped = mapGreenhouseEvent(body.value);
  if (!mapped.ok) return { kind: 'invalid', status: 400, error: mapped.error };
  return withId(applicationOutcome(mapped), deliveryId);
}

function receiveAshby(d: WebhookDelivery): WebhookOutcome {
  const check = verifyAshbySignature(d.rawBody, d.headers, d.secrets);
  if (!check.ok) return { kind: 'refused', status: 401, reason: check.reason };
  const body = parseJson(d.rawBody);
  if (!body.ok) return { kind: 'invalid', status: 400, error: 'ashby payload: not JSON' };
  const actionId = (body.value as { webhookActionId?: unknown } | null)?.webhookActionId;
  const deliveryId = typeof actionId === 'string' ? actionId : undefined;
  if (!isAshbyApplicationAction(body.value)) return withId({ kind: 'ignored', event: eventName(body.value, 'action') }, deliveryId);
  const mapped = mapAshbyEvent(body.value);
  if (!mapped.ok) return { kind: 'invalid', status: 400, error: mapped.error };
  return withId(applicationOutcome(mapped), deliveryId);
}

function receiveLever(d: WebhookDelivery): WebhookOutcome {
  // Lever signs fields inside the body, so the body is read first; nothing
  // from it is used before the signature has been checked.
  const body = parseJson(d.rawBody);
  if (!body.ok || typeof body.value !== 'object' || body.value === null) return { kind: 'refused', status: 401, reason: 'missing_signature' };
  const options = d.leverMaxAgeMs === undefined ? {} : { maxAgeMs: d.leverMaxAgeMs, ...(d.nowMs === undefined ? {} : { nowMs: d.nowMs }) };
  const check = verifyLeverSignature(body.value, d.secrets, options);
  if (!check.ok) return { kind: 'refused', status: 401, reason: check.reason };
  const parsed = LeverWebhookSchema.safeParse(body.value);
  if (!parsed.success) return { kind: 'invalid', status: 400, error: describeShapeError('lever', parsed.error) };
  const deliveryId = parsed.data.id ?? undefined;
  const reference = leverApplicationReference(parsed.data);
  if (!reference) return withId({ kind: 'ignored', event: parsed.data.event }, deliveryId);
  return withId({ kind: 'fetch', reference }, deliveryId);
}

/** Verify and read one delivery from an ATS. Pure: no I/O, no logging. */
export function receiveWebhook(vendor: WebhookVendor, delivery: WebhookDelivery): WebhookOutcome {
  switch (vendor) {
    case 'greenhouse':
      return receiveGreenhouse(delivery);
    case 'ashby':
      return receiveAshby(delivery);
    case 'lever':
      return receiveLever(delivery);
  }
}
