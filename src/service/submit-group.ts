import type { Application } from '../parse/application-schema.js';
import type { HirewatchStore } from '../store/index.js';
import type { Actor } from './audit-entry.js';

/** Submissions one transaction stores at most. */
export const MAX_GROUP = 100;

/** One caller's records in a stored batch, audited as `actor`. */
export interface SubmitPart {
  readonly records: readonly Application[];
  readonly actor: Actor;
}

interface Waiting<R> {
  readonly store: HirewatchStore;
  readonly record: Application;
  readonly actor: Actor;
  readonly resolve: (submitted: R) => void;
  readonly reject: (err: unknown) => void;
}

/** Stores the parts in one transaction; answers each part's results, by part. */
type SubmitParts<R> = (store: HirewatchStore, parts: readonly SubmitPart[]) => Promise<R[][]>;

/**
 * Single submissions of an organisation, stored in groups: while one
 * transaction stores, the submissions that arrive meanwhile wait and are
 * stored together in the next, in arrival order, each with its own audit
 * entry (Screening.submitParts), as if each had been stored alone, one after
 * the other. Every write of an organisation queues on its audit head anyway;
 * storing fifty at once makes that one transaction (and, on PostgreSQL, one
 * commit to disk) instead of fifty in a row. Nothing waits for a timer: a
 * lone submission is stored at once, and each caller is answered only once
 * its record is committed. A group never holds the same application twice
 * (the second waits for the next group), and if a group's transaction fails,
 * its submissions are stored one by one, so one bad record fails only its
 * own caller.
 */
export class SubmitGroups<R> {
  private readonly waiting = new Map<string, Waiting<R>[]>();
  private readonly running = new Set<string>();

  constructor(private readonly submitParts: SubmitParts<R>) {}

  submit(store: HirewatchStore, record: Application, actor: Actor): Promise<R> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(store.org) ?? [];
      this.waiting.set(store.org, queue);
      queue.push({ store, record, actor, resolve, reject });
      if (!this.running.has(store.org)) void this.drain(store.org, queue);
    });
  }

  private async drain(org: string, queue: Waiting<R>[]): Promise<void> {
    this.running.add(org);
    try {
      while (queue.length > 0) {
        const group = takeGroup(queue);
        try {
          const done = await this.submitParts(group[0]!.store, group.map((w) => ({ records: [w.record], actor: w.actor })));
          group.forEach((w, i) => w.resolve(done[i]![0]!));
        } catch (err) {
          if (group.length === 1) group[0]!.reject(err);
          else for (const w of group) await this.submitAlone(w);
        }
      }
    } finally {
      this.running.delete(org);
      if (queue.length === 0 && this.waiting.get(org) === queue) this.waiting.delete(org);
    }
  }

  private async submitAlone(w: Waiting<R>): Promise<void> {
    try {
      w.resolve((await this.submitParts(w.store, [{ records: [w.record], actor: w.actor }]))[0]![0]!);
    } catch (err) {
      w.reject(err);
    }
  }
}

/** The longest run from the front of `queue` (at most MAX_GROUP) without the same application twice; taken off the queue. */
function takeGroup<R>(queue: Waiting<R>[]): Waiting<R>[] {
  const seen = new Set<string>();
  let n = 0;
  while (n < queue.length && n < MAX_GROUP) {
    const key = `${queue[n]!.record.source ?? ''}\u0000${queue[n]!.record.id}`;
    if (seen.has(key)) break;
    seen.add(key);
    n++;
  }
  return queue.splice(0, n);
}
