import { headers, type JetStreamManager, type MsgHdrs } from 'nats';

/**
 * The stream every `hirewatch worker` consumes and `hirewatch publish`
 * fills (docs/SCALE.md): one JetStream stream, a subject per partition and
 * kind, `PREFIX.applications.P` and `PREFIX.telemetry.P`, where P is the
 * organisation's partition, fnv1a(org) mod the stream's partition count. An
 * organisation is always in one partition, so one worker at a time sees all
 * of it, in the order it was published.
 */
export interface StreamLayout {
  /** NATS server URL(s), comma-separated. */
  readonly servers: string;
  /** JetStream stream name. */
  readonly stream: string;
  /** Subject prefix (default `hirewatch`). */
  readonly prefix: string;
  /** Partitions (fixed when the stream is created; read back from it). */
  readonly partitions: number;
}

export type MessageKind = 'applications' | 'telemetry';

export const DEFAULT_STREAM = 'HIREWATCH';
export const DEFAULT_PREFIX = 'hirewatch';
export const DEFAULT_PARTITIONS = 16;
/** The header naming the organisation of a message. */
export const ORG_HEADER = 'Hirewatch-Org';

/** 32-bit FNV-1a of the organisation id's UTF-8 bytes: the same partition in any language. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const partitionOf = (org: string, partitions: number): number => fnv1a(org) % partitions;

export const subjectOf = (layout: Pick<StreamLayout, 'prefix'>, kind: MessageKind, partition: number): string => `${layout.prefix}.${kind}.${partition}`;

export function orgHeaders(org: string, msgId?: string): MsgHdrs {
  const h = headers();
  h.set(ORG_HEADER, org);
  if (msgId) h.set('Nats-Msg-Id', msgId);
  return h;
}

const DESCRIPTION = /partitions=(\d+)/;

/**
 * The stream, created when missing with `partitions` partitions (written in
 * its description: the server this project runs, 2.9, has no stream
 * metadata). An existing stream keeps the count it was created with; asking
 * for another is an error, since it would move organisations between
 * partitions under running workers.
 */
export async function ensureStream(jsm: JetStreamManager, layout: Omit<StreamLayout, 'partitions'> & { partitions?: number }): Promise<StreamLayout> {
  let info;
  try {
    info = await jsm.streams.info(layout.stream);
  } catch {
    const partitions = layout.partitions ?? DEFAULT_PARTITIONS;
    await jsm.streams.add({
      name: layout.stream,
      subjects: [`${layout.prefix}.applications.*`, `${layout.prefix}.telemetry.*`],
      description: `hirewatch applications and telemetry by organisation, partitions=${partitions}`,
    });
    return { ...layout, partitions };
  }
  const stored = Number(DESCRIPTION.exec(info.config.description ?? '')?.[1] ?? Number.NaN);
  if (!Number.isInteger(stored) || stored < 1) throw new Error(`stream ${layout.stream} is not a hirewatch stream (no partitions=N in its description)`);
  if (layout.partitions !== undefined && layout.partitions !== stored) {
    throw new Error(`stream ${layout.stream} has ${stored} partitions, not ${layout.partitions}: the count is fixed when the stream is created`);
  }
  return { ...layout, partitions: stored };
}
