import { createHash } from 'node:crypto';

/**
 * A telemetry file known by its content, never by its name (issue 16): the
 * lines read so far are digested as they come (SHA-256 of each line and a
 * newline), and the file is anchored by a digest of its first line. What a
 * consumer stored is recorded as (anchor, digest of the prefix, lines), so
 * a file whose first N lines digest to a recorded prefix continues after
 * line N, whatever it is called now, and a file whose content differs
 * (a daily export under a fixed name, a rotated log) is read from line 1.
 */
export class ContentPrefix {
  private readonly hash = createHash('sha256');
  private first: string | undefined;
  private count = 0;

  add(text: string): void {
    if (this.count === 0) this.first = createHash('sha256').update(text).digest('hex').slice(0, 32);
    this.hash.update(text).update('\n');
    this.count++;
  }

  /** Lines digested. */
  get lines(): number {
    return this.count;
  }

  /** The digest of the first line (undefined before it). */
  get anchor(): string | undefined {
    return this.first;
  }

  /** The digest of every line so far. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

/** The consumers of files anchored by `anchor` share this prefix. */
export const contentConsumerPrefix = (anchor: string): string => `content:${anchor}:`;

/** The checkpoint name of a file's prefix: its anchor and the digest of the lines stored. */
export const contentConsumer = (anchor: string, digest: string): string => `${contentConsumerPrefix(anchor)}${digest}`;

/** A recorded prefix: `lines` lines digesting to the consumer's digest. */
export interface RecordedPrefix { readonly consumer: string; readonly lines: number }

/**
 * The longest recorded prefix the file's content starts with, given the
 * digests of its own prefixes at those line counts (0: none; read it all).
 */
export function matchedLines(recorded: readonly RecordedPrefix[], digestAt: ReadonlyMap<number, string>, anchor: string): number {
  let best = 0;
  for (const r of recorded) {
    const digest = digestAt.get(r.lines);
    if (digest !== undefined && r.consumer === contentConsumer(anchor, digest) && r.lines > best) best = r.lines;
  }
  return best;
}
