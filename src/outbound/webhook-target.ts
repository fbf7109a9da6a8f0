import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OcsfFinding } from '../service/findings.js';
import type { Redacted } from './secret.js';
import { destinationId, post, type Target } from './target.js';

/**
 * Signed outbound webhooks (docs/ALERTS.md). Each attempt POSTs the finding
 * as JSON with:
 *
 * - `X-Hirewatch-Timestamp`: Unix seconds of this attempt;
 * - `X-Hirewatch-Signature`: `v1=` and the hex HMAC-SHA256, under the shared
 *   secret, of `timestamp + "." + body` (the raw bytes sent);
 * - `Idempotency-Key`: the finding's `metadata.uid`, the same on every retry
 *   and replay of the same event, so a receiver stores it once;
 * - `X-Hirewatch-Event`: hold, decision or post_hire_alert.
 *
 * A receiver recomputes the HMAC over the timestamp header, a dot and the
 * raw body, compares in constant time, and refuses a timestamp more than a
 * few minutes from its clock.
 */
export const SIGNATURE_HEADER = 'x-hirewatch-signature';
export const TIMESTAMP_HEADER = 'x-hirewatch-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const EVENT_HEADER = 'x-hirewatch-event';

export function signature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: true when `header` is the signature of this timestamp and body, and the timestamp within `toleranceS` of `nowS`. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string, nowS: number, toleranceS = 300): boolean {
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowS - Number(timestamp)) > toleranceS) return false;
  const want = Buffer.from(signature(secret, timestamp, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function webhookTarget(url: string, secret: Redacted, clock: () => number = Date.now): Target {
  const endpoint = new URL(url);
  return {
    kind: 'webhook',
    label: `webhook ${endpoint.origin}`,
    id: destinationId('webhook', endpoint.href),
    send: (event: OcsfFinding) => {
      const body = JSON.stringify(event);
      const timestamp = String(Math.floor(clock() / 1000));
      const kind = typeof event.unmapped.hirewatch.kind === 'string' ? event.unmapped.hirewatch.kind : 'finding';
      return post(endpoint, body, {
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature(secret.reveal(), timestamp, body),
        [IDEMPOTENCY_HEADER]: event.metadata.uid,
        [EVENT_HEADER]: kind,
      });
    },
  };
}
