import type { TelemetryEvent } from './events.js';
import { parseEventLine } from './events.js';

/** What happened to one message or line. */
export type LineOutcome = { readonly status: 'taken' | 'skipped' | 'blank' } | { readonly status: 'error'; readonly error: string };

/**
 * A numbered stream of telemetry lines (a JetStream subject's sequence, or a
 * file's line numbers) cut into batches: each line after the last stored
 * sequence is validated and its event kept for the next batch; a line at or
 * below it was already counted and is skipped, so a stream delivered again
 * after a crash is counted once. No I/O: the caller stores each batch with
 * the sequence it reaches (src/service/monitoring.ts) and then calls
 * `stored`.
 */
export class SequencedLines {
  private events: TelemetryEvent[] = [];
  private highest: number;

  constructor(private storedUpTo: number) {
    this.highest = storedUpTo;
  }

  /** The last sequence taken (stored or not). */
  get lastSequence(): number {
    return this.highest;
  }

  /** Events taken since the last batch was stored. */
  get pendingEvents(): number {
    return this.events.length;
  }

  add(text: string, sequence: number): LineOutcome {
    if (sequence <= this.storedUpTo) return { status: 'skipped' };
    this.highest = Math.max(this.highest, sequence);
    const outcome = parseEventLine(text, sequence);
    if (!outcome) return { status: 'blank' };
    if (!outcome.ok) return { status: 'error', error: outcome.error };
    this.events.push(outcome.event);
    return { status: 'taken' };
  }

  /** The batch to store now and the sequence it brings the store to. */
  batch(): { events: readonly TelemetryEvent[]; lastSequence: number } {
    return { events: this.events, lastSequence: this.highest };
  }

  /** The batch was stored. */
  stored(): void {
    this.storedUpTo = this.highest;
    this.events = [];
  }
}
