import { createHash } from 'node:crypto';
import type { OcsfFinding } from '../service/findings.js';
import { DeliveryError } from './retry.js';

/**
 * One destination of findings: a JSONL file, a Splunk HTTP Event Collector,
 * a signed webhook (docs/ALERTS.md). `send` delivers one event or throws a
 * DeliveryError whose message names no credential and no URL path (a
 * webhook's path can itself be a secret).
 */
export interface Target {
  readonly kind: 'file' | 'hec' | 'webhook';
  /** How logs and dead letters name the destination: the kind and the URL's origin or the file. */
  readonly label: string;
  /** A digest of the destination (URL or path), to find its dead letters again on replay. */
  readonly id: string;
  send(event: OcsfFinding): Promise<void>;
}

export const destinationId = (kind: string, where: string): string => `${kind}:${createHash('sha256').update(where).digest('hex').slice(0, 16)}`;

/** How long one HTTP attempt may take. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** POST a body; a non-2xx answer or a network failure is a DeliveryError (4xx other than 408/429: permanent). */
export async function post(url: URL, body: string, headers: Record<string, string>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const cause = (err as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : err instanceof Error ? err.name : 'error';
    throw new DeliveryError(`${url.origin} could not be reached (${code})`);
  }
  // The answer is read and dropped (a receiver's text could echo what was sent).
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
  throw new DeliveryError(`${url.origin} answered HTTP ${response.status}`, permanent);
}
