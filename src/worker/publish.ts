import { readFileSync } from 'node:fs';
import { connect, type JetStreamClient, type MsgHdrs } from 'nats';
import type { Application } from '../parse/application-schema.js';
import { parseJsonLine } from '../parse/parse-application.js';
import { readApplications } from '../parse/read-input.js';
import type { RecordError } from '../parse/record-error.js';
import { contentHash } from '../store/index.js';
import { ensureStream, orgHeaders, partitionOf, subjectOf, type MessageKind, type StreamLayout } from './partitions.js';

export interface PublishOptions {
  readonly layout: Omit<StreamLayout, 'partitions'> & { partitions?: number };
  readonly org: string;
  readonly onError?: (error: RecordError) => void;
}

export interface Published {
  readonly published: number;
  readonly duplicates: number;
  readonly errors: number;
  readonly partition: number;
  readonly subject: string;
}

/** Messages in flight before waiting for the stream's acknowledgements (their order on the stream is the order sent). */
const WINDOW = 500;
const PUBLISH_TIMEOUT_MS = 60_000;

async function publishAll(js: JetStreamClient, subject: string, messages: AsyncIterable<{ data: string; headers: MsgHdrs }>): Promise<{ published: number; duplicates: number }> {
  let published = 0;
  let duplicates = 0;
  let window: Promise<{ duplicate: boolean }>[] = [];
  const settle = async (): Promise<void> => {
    for (const ack of await Promise.all(window)) ack.duplicate ? duplicates++ : published++;
    window = [];
  };
  for await (const m of messages) {
    // A stream busy with its consumers can take seconds to acknowledge: a publish is not retried
    // (a retry after later messages would reorder the organisation), so it may wait long.
    window.push(js.publish(subject, m.data, { headers: m.headers, timeout: PUBLISH_TIMEOUT_MS }));
    if (window.length >= WINDOW) await settle();
  }
  await settle();
  return { published, duplicates };
}

/**
 * `hirewatch publish FILE`: an organisation's applications onto its
 * partition's subject, in file order, one record per message with the
 * organisation in a header. JSON Lines go as written (so a worker parses
 * exactly what `hirewatch import` would); CSV rows go as the record they
 * read as. Unreadable records are reported and not sent. Each message's id is
 * the application and its content hash, so the stream drops a copy published
 * again within its duplicate window; after that a worker stores nothing twice
 * anyway (identical content is a no-op).
 */
export async function publishApplications(file: string, o: PublishOptions): Promise<Published> {
  const nc = await connect({ servers: o.layout.servers });
  try {
    const layout = await ensureStream(await nc.jetstreamManager(), o.layout);
    const partition = partitionOf(o.org, layout.partitions);
    const subject = subjectOf(layout, 'applications', partition);
    let errors = 0;
    const onError = (e: RecordError): void => {
      errors++;
      o.onError?.(e);
    };
    async function* messages(): AsyncIterable<{ data: string; headers: MsgHdrs }> {
      const jsonl = !/\.csv$/i.test(file);
      if (jsonl) {
        const lines = readFileSync(file, 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          const parsed = parseJsonLine(lines[i]!, { file, line: i + 1 });
          if (!parsed) continue;
          if (!parsed.ok) onError(parsed);
          else yield { data: lines[i]!.trim(), headers: orgHeaders(o.org, messageId(o.org, parsed.record)) };
        }
        return;
      }
      for await (const parsed of readApplications(file)) {
        if (!parsed.ok) onError(parsed);
        else yield { data: JSON.stringify(parsed.record), headers: orgHeaders(o.org, messageId(o.org, parsed.record)) };
      }
    }
    const sent = await publishAll(nc.jetstream(), subject, messages());
    return { ...sent, errors, partition, subject };
  } finally {
    await nc.drain();
  }
}

const messageId = (org: string, record: Application): string => `${org}/${record.source ?? ''}/${record.id}/${contentHash(record)}`;

/** An organisation's telemetry file (JSON Lines events) onto its partition's telemetry subject, one event per message. */
export async function publishTelemetry(file: string, o: PublishOptions): Promise<Published> {
  const nc = await connect({ servers: o.layout.servers });
  try {
    const layout = await ensureStream(await nc.jetstreamManager(), o.layout);
    const kind: MessageKind = 'telemetry';
    const partition = partitionOf(o.org, layout.partitions);
    const subject = subjectOf(layout, kind, partition);
    async function* messages(): AsyncIterable<{ data: string; headers: MsgHdrs }> {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) yield { data: line.trim(), headers: orgHeaders(o.org) };
    }
    const sent = await publishAll(nc.jetstream(), subject, messages());
    return { ...sent, errors: 0, partition, subject };
  } finally {
    await nc.drain();
  }
}
