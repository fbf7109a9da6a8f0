import { readFileSync } from 'node:fs';
import { AckPolicy, connect, DeliverPolicy, type JetStreamManager, type NatsConnection } from 'nats';
import type { MonitorStore } from '../store/monitor-queries.js';
import { StreamFolder } from './stream-folder.js';

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
  readonly store: MonitorStore;
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
  folder: StreamFolder;
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
 * batch is folded, then stored with the stream sequence it reaches in one
 * transaction, and only then acknowledged (ack-all up to the batch's last
 * message). A consumer killed at any point resumes from the store: delivery
 * restarts after the stored sequence, and a message seen again (stored but
 * not acknowledged) is skipped, so every event is counted once. Run one
 * consumer per durable name.
 */
export async function consumeTelemetry(o: ConsumeOptions): Promise<ConsumeTotals> {
  const state = await o.store.load(`nats:${o.stream}:${o.durable}`);
  const folder = StreamFolder.fromStored(state);
  const totals: ConsumeTotals = { folded: 0, skipped: 0, errors: 0, lastSequence: state.lastSequence, folder };
  const nc: NatsConnection = await connect({ servers: o.servers });
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, o);
    await resetConsumer(jsm, o, state.lastSequence);
    const consumer = await nc.jetstream().consumers.get(o.stream, o.durable);
    let idleSince = Date.now();
    while (!o.signal?.aborted) {
      const messages = await consumer.fetch({ max_messages: o.batch ?? 1000, expires: 1000 });
      let last: { ack(): void } | undefined;
      let folded = 0;
      for await (const m of messages) {
        const outcome = folder.add(m.string(), m.seq);
        if (outcome.status === 'folded') folded++;
        else if (outcome.status === 'skipped') totals.skipped++;
        else if (outcome.status === 'error') {
          totals.errors++;
          o.onError?.(m.seq, outcome.error);
        }
        last = m;
      }
      if (!last) {
        if (o.idleMs !== undefined && Date.now() - idleSince >= o.idleMs) break;
        continue;
      }
      idleSince = Date.now();
      const pending = folder.pending();
      await o.store.commit(`nats:${o.stream}:${o.durable}`, pending);
      folder.markCommitted();
      last.ack();
      totals.folded += folded;
      totals.lastSequence = pending.lastSequence;
      o.onCommit?.({ lastSequence: pending.lastSequence, folded: totals.folded });
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
