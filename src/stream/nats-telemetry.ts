import { readFileSync } from 'node:fs';
import { AckPolicy, connect, DeliverPolicy, type JetStreamManager, type NatsConnection } from 'nats';
import { SequencedLines } from '../monitor/sequenced-lines.js';
import { takeInOrder } from '../service/delivery-order.js';
import type { Monitoring } from '../service/monitoring.js';
import type { HirewatchStore } from '../store/index.js';

export interface NatsTelemetryOptions {
  /** NATS server URL(s), e.g. nats://127.0.0.1:4222. */
  readonly servers: string;
  /** The subject telemetry events are published on, one JSON event per message. */
  readonly subject: string;
  /** JetStream stream holding the subject (created when missing). */
  readonly stream: string;
  /** Durable consumer name (created when missing): the consumer resumes where it was acknowledged. */
  readonly durable: string;
}

export interface ConsumeOptions extends NatsTelemetryOptions {
  readonly store: HirewatchStore;
  /** The service every batch goes through (stored, assessed, alerted and audited in one transaction). */
  readonly monitoring: Monitoring;
  /** Messages per fetch and per commit (default 1,000). */
  readonly batch?: number;
  /** Stop after this long without a message (ms); run until `signal` aborts when absent. */
  readonly idleMs?: number;
  readonly signal?: AbortSignal;
  /** Called after each batch is stored and acknowledged. */
  readonly onCommit?: (info: { lastSequence: number; folded: number }) => void;
  readonly onError?: (sequence: number, error: string) => void;
}

export interface ConsumeTotals {
  folded: number;
  skipped: number;
  errors: number;
  lastSequence: number;
  alerts: { new: number; again: number; suppressed: number };
}

async function ensureStream(jsm: JetStreamManager, o: NatsTelemetryOptions): Promise<void> {
  try {
    await jsm.streams.info(o.stream);
  } catch {
    await jsm.streams.add({ name: o.stream, subjects: [o.subject] });
  }
}

/**
 * The durable consumer, (re)created to deliver from the message after the
 * last one the store holds. The store, not the server's delivery state,
 * decides where to resume: messages handed to a consumer that died before
 * storing them are delivered again at once rather than after the ack wait,
 * and acknowledging a later batch can never acknowledge them unread.
 */
async function resetConsumer(jsm: JetStreamManager, o: NatsTelemetryOptions, lastSequence: number): Promise<void> {
  try {
    await jsm.consumers.delete(o.stream, o.durable);
  } catch {
    // not there yet
  }
  await jsm.consumers.add(o.stream, {
    durable_name: o.durable, ack_policy: AckPolicy.All, filter_subject: o.subject,
    deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSequence + 1,
  });
}

/**
 * Consume telemetry from a JetStream durable consumer into the store. Each
 * fetched batch goes through the monitoring service, which stores it with the
 * stream sequence it reaches, its alerts and its audit entry in one
 * transaction; only then is it acknowledged (ack-all up to the batch's last
 * message). Only messages without a gap in delivery are taken (takeInOrder,
 * src/service/delivery-order.ts): a message a fetch lost would otherwise be
 * acknowledged unread by ack-all and passed by the stored sequence; at a
 * gap the consumer is made anew after the last message taken, so the
 * missing one comes again. A consumer killed at any point resumes from the store: delivery
 * restarts after the stored sequence, and a message seen again (stored but
 * not acknowledged) is skipped, so every event is counted once. Run one
 * consumer per durable name.
 */
export async function consumeTelemetry(o: ConsumeOptions): Promise<ConsumeTotals> {
  const consumerName = `nats:${o.stream}:${o.durable}`;
  const lastStored = await o.monitoring.checkpoint(o.store, consumerName);
  const lines = new SequencedLines(lastStored);
  const totals: ConsumeTotals = { folded: 0, skipped: 0, errors: 0, lastSequence: lastStored, alerts: { new: 0, again: 0, suppressed: 0 } };
  const nc: NatsConnection = await connect({ servers: o.servers });
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, o);
    const open = async (after: number) => {
      await resetConsumer(jsm, o, after);
      return nc.jetstream().consumers.get(o.stream, o.durable);
    };
    let consumer = await open(lastStored);
    let delivered = 0;
    let idleSince = Date.now();
    while (!o.signal?.aborted) {
      const fetched = await takeInOrder(await consumer.fetch({ max_messages: o.batch ?? 1000, expires: 1000 }), delivered);
      delivered = fetched.delivered;
      let last: { ack(): void } | undefined;
      for (const m of fetched.taken) {
        const outcome = lines.add(m.string(), m.seq);
        if (outcome.status === 'skipped') totals.skipped++;
        else if (outcome.status === 'error') {
          totals.errors++;
          o.onError?.(m.seq, outcome.error);
        }
        last = m;
      }
      if (last) {
        idleSince = Date.now();
        const batch = lines.batch();
        const outcome = await o.monitoring.ingest(o.store, batch.events, {
          actor: { actor: `nats:${o.stream}`, action: 'telemetry.ingest' },
          checkpoint: { consumer: consumerName, lastSequence: batch.lastSequence },
        });
        lines.stored();
        last.ack();
        totals.folded += outcome.accepted;
        totals.lastSequence = batch.lastSequence;
        for (const k of ['new', 'again', 'suppressed'] as const) totals.alerts[k] += outcome.alerts[k];
        o.onCommit?.({ lastSequence: batch.lastSequence, folded: totals.folded });
      }
      if (fetched.gap) {
        // A message this fetch lost: made anew after the last one stored, the consumer delivers it again, in order.
        consumer = await open(totals.lastSequence);
        delivered = 0;
        idleSince = Date.now();
      } else if (!last && o.idleMs !== undefined && Date.now() - idleSince >= o.idleMs) break;
    }
  } finally {
    await nc.drain();
  }
  return totals;
}

/** Publish a telemetry file's events to the subject, one message per line (for tests and demonstrations). */
export async function publishTelemetryFile(file: string, o: NatsTelemetryOptions): Promise<number> {
  const nc = await connect({ servers: o.servers });
  try {
    await ensureStream(await nc.jetstreamManager(), o);
    const js = nc.jetstream();
    let count = 0;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
    for (let i = 0; i < lines.length; i += 500) {
      await Promise.all(lines.slice(i, i + 500).map((l) => js.publish(o.subject, l)));
      count += Math.min(500, lines.length - i);
    }
    return count;
  } finally {
    await nc.drain();
  }
}
