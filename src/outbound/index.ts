/**
 * Where findings go out (docs/ALERTS.md): OCSF Detection Findings built by
 * src/service/findings.ts and emitted by the services, delivered here to a
 * JSONL file, a Splunk HTTP Event Collector and signed webhooks, with
 * retries, a dead-letter file and its replay.
 */
export {
  DEFAULT_DEAD_LETTER_FILE, HEC_TOKEN_ENV, OUTBOUND_ENV, OutboundConfigError, WEBHOOK_SECRET_ENV,
  describeOutbound, openOutbound, readSecretFile, resolveOutbound, targetsOf,
  type OutboundConfig, type OutboundRuntime, type OutboundSettings,
} from './config.js';
export { replayDeadLetters, DeadLetterSchema, type DeadLetter, type ReplayReport } from './dead-letter.js';
export { fileTarget } from './file-target.js';
export { hecEndpoint, hecEnvelope, hecTarget, HEC_SOURCETYPE } from './hec-target.js';
export { backoffMs, DEFAULT_RETRY, DeliveryError, withRetries, type RetryPolicy } from './retry.js';
export { Redacted } from './secret.js';
export { OutboundSinks, type OutboundCounts, type OutboundOptions } from './sinks.js';
export type { Target } from './target.js';
export { EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signature, verifySignature, webhookTarget } from './webhook-target.js';
