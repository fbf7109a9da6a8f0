import type { WrittenRecord } from '../store/index.js';
import type { HoldFact, OcsfFinding, Producer } from './findings.js';

/**
 * Where findings go out (docs/ALERTS.md): an outbound sink configured at the
 * edge (CLI options, server configuration) and handed to the services. A
 * service builds each finding inside the transaction of the change that
 * causes it and keeps it in the store's outbox there (src/service/
 * finding-outbox.ts); once committed it hands the finding to `emit`, which
 * returns at once: delivery (a file, Splunk HEC, webhooks, retries, the
 * dead-letter file) is the sink's business, and whatever happens to it never
 * fails or rolls back what was stored.
 */
export interface FindingSink {
  /** The producer named in every event (metadata.product). */
  readonly producer: Producer;
  /**
   * Send one finding. `kept`, when given, runs once every destination has
   * taken it or it is in the dead-letter file (never when it could be lost):
   * the caller forgets it from the outbox then.
   */
  emit(event: OcsfFinding, kept?: () => Promise<void>): void;
  /** A finding that could not be built or handed over (the sink reports it; never thrown). */
  failed?(error: unknown): void;
  /** Wait until every finding handed over is delivered or dead-lettered (and its `kept` has run). */
  drain?(): Promise<void>;
}

/** The findings of `facts`, each built for the sink's producer; one that cannot be built is reported to the sink and left out. */
export function buildFindings<T>(sink: FindingSink, facts: readonly T[], build: (producer: Producer, fact: T) => OcsfFinding): OcsfFinding[] {
  const events: OcsfFinding[] = [];
  for (const fact of facts) {
    try {
      events.push(build(sink.producer, fact));
    } catch (err) {
      tell(sink, err);
    }
  }
  return events;
}

/** Report a failure to the sink; a sink whose own report fails has nothing left to tell. */
export function tell(sink: FindingSink, error: unknown): void {
  try {
    sink.failed?.(error);
  } catch {
    // Nothing to do.
  }
}

const refKey = (source: string | null | undefined, id: string): string => `${source ?? ''}\u0000${id}`;

/**
 * The holds a stored batch brings in: a new or changed record screened at
 * `hold` while its application was not already held by a case (holds stick:
 * a floor of `hold` means an open hold case or a confirmed one, so it was
 * held before). A record whose content was unchanged or stale was not
 * screened and enters nothing.
 */
export function newHoldFacts(org: string, written: readonly WrittenRecord[], floors: ReadonlyMap<string, 'review' | 'hold'>, at: string): HoldFact[] {
  const facts: HoldFact[] = [];
  for (const w of written) {
    const o = w.outcome;
    if (!w.screened || o.status === 'unchanged' || o.stale) continue;
    const result = w.screened.result;
    if ((w.screenedBand ?? result.band) !== 'hold' || floors.get(refKey(o.source, o.id)) === 'hold') continue;
    facts.push({
      org, applicationId: o.id, source: o.source, version: o.version, score: result.score, bandReason: result.bandReason,
      signals: result.signals.map((s) => ({ id: s.id, family: s.family })), clusterId: result.cluster?.id, at,
    });
  }
  return facts;
}
