import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from 'nats';
import { SequencedLines } from '../monitor/sequenced-lines.js';
import type { Application } from '../parse/application-schema.js';
import { parseJsonLine } from '../parse/parse-application.js';
import type { Monitoring, Screening } from '../service/index.js';
import { takeInOrder } from '../service/delivery-order.js';
import { OrgIdSchema, type HirewatchStore } from '../store/index.js';
import { ORG_HEADER, subjectOf, type MessageKind, type StreamLayout } from './partitions.js';

/** What a worker has done, summed over its partitions. */
export interface WorkerTotals {
  new: number;
  changed: number;
  unchanged: number;
  errors: number;
  events: number;
  messages: number;
}

export interface PartitionContext {
  readonly layout: StreamLayout;
  readonly jsm: JetStreamManager;
  readonly js: JetStreamClient;
  /** A store of any organisation; each organisation's work goes through `withOrg`. */
  readonly store: HirewatchStore;
  /** A fresh screening service (its own linkage indexes) for a partition just taken. */
  readonly newScreening: () => Screening;
  readonly monitoring?: Monitoring;
  readonly worker: string;
  readonly batch: number;
  readonly totals: WorkerTotals;
  readonly log: (message: string) => void;
}

/** Applications per transaction (as `hirewatch import`'s default chunk). */
const CHUNK = 500;

/**
 * The partition's durable consumer of one kind, made anew to deliver from
 * the message after the last one acknowledged. A message is acknowledged
 * only after what it carries is committed, so everything after the ack floor
 * (handed to a worker that died, or never delivered) comes again at once,
 * not after an ack wait; what was committed but not acknowledged comes again
 * too and is a no-op (an identical application, a telemetry sequence already
 * stored). A consumer made this way reports an ack floor of 0 until its first
 * acknowledgement, so the start it was made with counts as well.
 */
export async function takeConsumer(jsm: JetStreamManager, layout: StreamLayout, kind: MessageKind, partition: number): Promise<string> {
  const durable = `hw-${kind}-${partition}`;
  let after = 0;
  try {
    const info = await jsm.consumers.info(layout.stream, durable);
    after = Math.max(info.ack_floor.stream_seq, (info.config.opt_start_seq ?? 1) - 1);
    await jsm.consumers.delete(layout.stream, durable);
  } catch {
    // none yet: from the start of the stream
  }
  await jsm.consumers.add(layout.stream, {
    durable_name: durable, ack_policy: AckPolicy.All, filter_subject: subjectOf(layout, kind, partition),
    ...(after > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 } : { deliver_policy: DeliverPolicy.All }),
    max_ack_pending: 20_000,
  });
  return durable;
}

/** Messages grouped by the organisation they name, each group in stream order; a message without a valid one is an error. */
function byOrganisation(messages: readonly JsMsg[], onError: (seq: number, error: string) => void): Map<string, JsMsg[]> {
  const groups = new Map<string, JsMsg[]>();
  for (const m of messages) {
    const org = OrgIdSchema.safeParse(m.headers?.get(ORG_HEADER) ?? '');
    if (!org.success) {
      onError(m.seq, `no valid ${ORG_HEADER} header`);
      continue;
    }
    const list = groups.get(org.data) ?? [];
    list.push(m);
    groups.set(org.data, list);
  }
  return groups;
}

/**
 * One partition owned by this worker: its screening service (linkage
 * indexes of its organisations, each warmed from the store the first time
 * the organisation is seen after the partition was taken), and a loop that
 * fetches a batch of each kind, stores it through the services (one
 * transaction per organisation and chunk) and acknowledges it. `stop` ends
 * the loop after the batch in hand is stored and acknowledged.
 */
export class PartitionRun {
  private stopping = false;
  private readonly screening: Screening;
  private readonly warmed = new Set<string>();
  /** Why the loop ended on its own (the database, the stream), if it did: the partition must be handed back. */
  failed: string | undefined;
  readonly done: Promise<void>;

  constructor(private readonly cx: PartitionContext, readonly partition: number) {
    this.screening = cx.newScreening();
    this.done = this.run().catch((err: unknown) => {
      this.failed = err instanceof Error ? err.message : String(err);
      cx.log(`partition ${partition}: ${this.failed}`);
    });
  }

  stop(): void {
    this.stopping = true;
  }

  /**
   * Fetch, store, acknowledge, in stream order. A fetch can lose messages the
   * server sent after the client stopped waiting (an event loop busy
   * screening answers its timer late): they would come back only after the
   * ack wait, out of order, and acknowledging a later message (ack-all) would
   * acknowledge them unread. So only the messages that follow the last one
   * taken without a gap in the consumer's delivery sequence are stored; at a
   * gap or a redelivery the consumer is made anew from the last acknowledged
   * (takeInOrder, src/service/delivery-order.ts).
   */
  private async run(): Promise<void> {
    const { cx } = this;
    const kinds: MessageKind[] = cx.monitoring ? ['applications', 'telemetry'] : ['applications'];
    const open = async (kind: MessageKind) => ({ kind, delivered: 0, consumer: await cx.js.consumers.get(cx.layout.stream, await takeConsumer(cx.jsm, cx.layout, kind, this.partition)) });
    const consumers = [];
    for (const kind of kinds) consumers.push(await open(kind));
    while (!this.stopping) {
      for (const [i, c] of consumers.entries()) {
        const { taken: messages, delivered, gap } = await takeInOrder(await c.consumer.fetch({ max_messages: cx.batch, expires: kinds.length > 1 ? 500 : 1000 }), c.delivered);
        c.delivered = delivered;
        if (messages.length > 0) {
          if (c.kind === 'applications') await this.applications(messages);
          else await this.telemetry(messages);
          await messages[messages.length - 1]!.ackAck();
          cx.totals.messages += messages.length;
        }
        if (gap) consumers[i] = await open(c.kind);
      }
    }
  }

  private error(seq: number, error: string): void {
    this.cx.totals.errors++;
    this.cx.log(`${this.cx.layout.stream} #${seq}: ${error}`);
  }

  private async applications(messages: readonly JsMsg[]): Promise<void> {
    const { cx } = this;
    for (const [org, list] of byOrganisation(messages, (s, e) => this.error(s, e))) {
      const store = cx.store.withOrg(org);
      if (!this.warmed.has(org)) {
        // The watchlist first: a failed warm is run again with the next batch, and must not file anything twice.
        const shared = await this.screening.shared.load(store);
        const filed = await this.screening.warm(store);
        this.warmed.add(org);
        if (filed > 0) cx.log(`partition ${this.partition}: organisation ${org}'s linkage index warmed with ${filed} stored applications`);
        if (shared.size > 0) cx.log(`partition ${this.partition}: organisation ${org}'s shared watchlist holds ${shared.size} indicators`);
      }
      const records: Application[] = [];
      for (const m of list) {
        const parsed = parseJsonLine(m.string(), { file: `nats:${cx.layout.stream}`, line: m.seq });
        if (!parsed) continue;
        if (parsed.ok) records.push(parsed.record);
        else this.error(m.seq, `${parsed.id ? `${parsed.id}: ` : ''}${parsed.error}`);
      }
      for (let i = 0; i < records.length; i += CHUNK) {
        const submitted = await this.screening.submit(store, records.slice(i, i + CHUNK), {
          actor: `worker:${cx.worker}`, action: 'application.import', detail: { stream: cx.layout.stream, partition: this.partition },
        });
        for (const s of submitted) cx.totals[s.outcome.status]++;
      }
    }
  }

  /** Telemetry through the monitoring service: a sequence per organisation, stored with its batch, so a redelivered event is skipped. */
  private async telemetry(messages: readonly JsMsg[]): Promise<void> {
    const { cx } = this;
    const monitoring = cx.monitoring!;
    const consumer = `nats:${cx.layout.stream}:telemetry`;
    for (const [org, list] of byOrganisation(messages, (s, e) => this.error(s, e))) {
      const store = cx.store.withOrg(org);
      const storedUpTo = await monitoring.checkpoint(store, consumer);
      const lines = new SequencedLines(storedUpTo);
      for (const m of list) {
        const outcome = lines.add(m.string(), m.seq);
        if (outcome.status === 'error') this.error(m.seq, outcome.error);
      }
      const batch = lines.batch();
      if (batch.lastSequence <= storedUpTo) continue;
      const outcome = await monitoring.ingest(store, batch.events, {
        actor: { actor: `worker:${cx.worker}`, action: 'telemetry.ingest', detail: { stream: cx.layout.stream, partition: this.partition } },
        checkpoint: { consumer, lastSequence: batch.lastSequence },
      });
      lines.stored();
      cx.totals.events += outcome.accepted;
    }
  }
}
