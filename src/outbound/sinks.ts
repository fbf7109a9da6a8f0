import type { FindingSink } from '../service/finding-sink.js';
import type { OcsfFinding, Producer } from '../service/findings.js';
import { deadLetter } from './dead-letter.js';
import { AppendOnlyFile } from './file-target.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import type { Target } from './target.js';

/**
 * The outbound sink the services emit to (src/service/finding-sink.ts): each
 * finding goes to every configured destination in the background, with
 * retries; after the last failed attempt it is appended to the dead-letter
 * file. `emit` never waits and never throws; its `kept` callback (the
 * outbox forgetting the finding) runs once every destination has the finding
 * or its dead letter, never when one of them lost it. `drain` waits for every
 * delivery under way and its callback (a command calls it before it exits, a
 * server when it closes).
 */
export interface OutboundOptions {
  readonly producer: Producer;
  readonly targets: readonly Target[];
  readonly deadLetterFile: string;
  readonly retry?: RetryPolicy;
  /** Where failures are told (never with a credential). */
  readonly log?: (message: string) => void;
  /** Deliveries under way at most; past it an event goes straight to the dead-letter file (default 10,000). */
  readonly maxPending?: number;
  readonly now?: () => Date;
}

export interface OutboundCounts {
  delivered: number;
  deadLettered: number;
  /** Events that could not even be written to the dead-letter file (told on the log). */
  lost: number;
}

export class OutboundSinks implements FindingSink {
  readonly producer: Producer;
  readonly counts: OutboundCounts = { delivered: 0, deadLettered: 0, lost: 0 };
  private readonly pending = new Set<Promise<unknown>>();
  /** The outbox's `kept` callbacks waiting on their deliveries: not deliveries, so not counted against maxPending. */
  private readonly settling = new Set<Promise<unknown>>();
  private readonly deadLetters: AppendOnlyFile;

  constructor(private readonly options: OutboundOptions) {
    this.producer = options.producer;
    this.deadLetters = new AppendOnlyFile(options.deadLetterFile);
  }

  get targets(): readonly Target[] {
    return this.options.targets;
  }

  get deadLetterFile(): string {
    return this.options.deadLetterFile;
  }

  emit(event: OcsfFinding, kept?: () => Promise<void>): void {
    const deliveries = this.options.targets.map((target) => track(this.pending, this.deliver(target, event).catch((err) => {
      this.failed(err);
      return false;
    })));
    if (kept) {
      track(this.settling, Promise.all(deliveries).then(async (each) => {
        if (each.every(Boolean)) await kept();
      }).catch((err) => this.failed(err)));
    }
  }

  failed(error: unknown): void {
    this.log(`a finding could not be sent (${error instanceof Error ? error.name : 'error'})`);
  }

  /** Wait until every delivery under way has succeeded or been dead-lettered, and the outbox was told. */
  async drain(): Promise<void> {
    while (this.pending.size + this.settling.size > 0) await Promise.all([...this.pending, ...this.settling]);
  }

  private log(message: string): void {
    try {
      this.options.log?.(`alerts: ${message}`);
    } catch {
      // Nothing to do when the log itself fails.
    }
  }

  /** True when delivered or dead-lettered; false when lost (not even the dead-letter file took it). */
  private async deliver(target: Target, event: OcsfFinding): Promise<boolean> {
    const overloaded = this.pending.size >= (this.options.maxPending ?? 10_000);
    const outcome = overloaded
      ? { ok: false, attempts: 0, error: 'too many deliveries under way' }
      : await withRetries(this.options.retry ?? DEFAULT_RETRY, () => target.send(event));
    if (outcome.ok) {
      this.counts.delivered++;
      return true;
    }
    const now = (this.options.now ?? (() => new Date()))();
    try {
      await this.deadLetters.append(JSON.stringify(deadLetter(target, event, outcome.attempts, outcome.error ?? 'failed', now)));
      this.counts.deadLettered++;
      this.log(`${target.label}: ${outcome.error ?? 'failed'} after ${outcome.attempts} attempt(s); event ${event.metadata.uid} kept in ${this.options.deadLetterFile} (hirewatch alerts replay)`);
      return true;
    } catch (err) {
      this.counts.lost++;
      this.log(`${target.label}: event ${event.metadata.uid} failed and could not be written to ${this.options.deadLetterFile} (${(err as NodeJS.ErrnoException).code ?? 'error'}); it stays in the outbox`);
      return false;
    }
  }
}

/** Keep `work` in `set` while it runs. */
function track<T>(set: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
  set.add(work);
  void work.finally(() => set.delete(work));
  return work;
}
