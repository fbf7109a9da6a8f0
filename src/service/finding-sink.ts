import type { ScreenResult } from '../score/screen.js';
import type { ImportOutcome } from '../store/index.js';
import { alertFinding, decisionFinding, holdFinding, type AlertFact, type DecisionFact, type OcsfFinding, type Producer } from './findings.js';

/**
 * Where findings go out (docs/ALERTS.md): an outbound sink configured at the
 * edge (CLI options, server configuration) and handed to the services, which
 * emit to it only after their transaction has committed. `emit` hands the
 * event over and returns at once: delivery (a file, Splunk HEC, webhooks,
 * retries, the dead-letter file) is the sink's business, and whatever
 * happens to it never fails or rolls back what was stored.
 */
export interface FindingSink {
  /** The producer named in every event (metadata.product). */
  readonly producer: Producer;
  emit(event: OcsfFinding): void;
  /** A finding that could not be built or handed over (the sink reports it; never thrown). */
  failed?(error: unknown): void;
}

/** Build and emit each finding; nothing here throws into the service. */
export function emitFindings<T>(sink: FindingSink | undefined, facts: readonly T[], build: (producer: Producer, fact: T) => OcsfFinding): void {
  if (!sink) return;
  for (const fact of facts) {
    try {
      sink.emit(build(sink.producer, fact));
    } catch (err) {
      try {
        sink.failed?.(err);
      } catch {
        // A sink whose own error report fails has nothing left to tell.
      }
    }
  }
}

const refKey = (source: string | null | undefined, id: string): string => `${source ?? ''}\u0000${id}`;

/**
 * The holds a stored batch brought in: a new or changed record whose result
 * is stored at `hold` while its application was not already held by a case
 * (holds stick: a floor of `hold` means an open hold case or a confirmed
 * one, so it was held before). A record whose content was unchanged or
 * stale stored nothing and enters nothing.
 */
export function emitNewHolds(
  sink: FindingSink | undefined, org: string, outcomes: readonly ImportOutcome[],
  resultOf: (key: string) => ScreenResult | undefined, floors: ReadonlyMap<string, 'review' | 'hold'>, at: string,
): void {
  if (!sink) return;
  const facts = [];
  for (const o of outcomes) {
    if (o.status === 'unchanged' || o.stale) continue;
    const k = refKey(o.source, o.id);
    const result = resultOf(k);
    if (!result || result.band !== 'hold' || floors.get(k) === 'hold') continue;
    facts.push({
      org, applicationId: o.id, source: o.source, version: o.version, score: result.score, bandReason: result.bandReason,
      signals: result.signals.map((s) => ({ id: s.id, family: s.family })), clusterId: result.cluster?.id, at,
    });
  }
  emitFindings(sink, facts, holdFinding);
}

export function emitDecision(sink: FindingSink | undefined, fact: DecisionFact): void {
  emitFindings(sink, [fact], decisionFinding);
}

export function emitAlerts(sink: FindingSink | undefined, facts: readonly AlertFact[]): void {
  emitFindings(sink, facts, alertFinding);
}
