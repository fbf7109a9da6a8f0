import type { HirewatchStore, ImportOptions } from '../store/index.js';
import { buildFindings, newHoldFacts, tell, type FindingSink } from './finding-sink.js';
import { holdFinding, type OcsfFinding } from './findings.js';

/**
 * Findings that survive a crash (docs/ALERTS.md, "Nothing lost"): each is
 * kept in the store's outbox in the transaction of the change that causes
 * it (`stageFindings`), handed to the sink once that transaction has
 * committed (`sendStaged`), and forgotten when every destination has it or
 * it is in the dead-letter file. A process killed in between leaves it in the
 * outbox; the next one with destinations sends it (`sendLeftovers`). A
 * receiver may see a finding twice, never none: `metadata.uid` is the
 * idempotency key.
 */

/**
 * How long the process that wrote (or claimed) a finding has to send it
 * before another may: longer than a delivery with all its retries (at the
 * defaults, six attempts of at most 10 s with 31 s of backoff).
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/** How often a long-running process (serve, worker) looks for findings left by one that stopped. */
export const OUTBOX_SWEEP_MS = 60_000;

const leaseFrom = (at: string): string => new Date(Date.parse(at) + OUTBOX_LEASE_MS).toISOString();

/** Inside a transaction: keep the findings it causes, written at `at`. */
export async function stageFindings(tx: HirewatchStore, events: readonly OcsfFinding[], at: string): Promise<void> {
  if (events.length === 0) return;
  await tx.outbox.add(events.map((e) => ({ uid: e.metadata.uid, json: JSON.stringify(e) })), at, leaseFrom(at));
}

/**
 * Once committed, send each staged finding and forget it from the outbox
 * when it is delivered or dead-lettered. A service's write may run inside a
 * caller's transaction (an ATS webhook's): the findings then go out when that
 * one commits, and the outbox is reached outside it.
 */
export function sendStaged(store: HirewatchStore, sink: FindingSink | undefined, events: readonly OcsfFinding[]): void {
  if (!sink || events.length === 0) return;
  store.afterCommit(() => {
    const outbox = store.outside().outbox;
    for (const event of events) {
      try {
        sink.emit(event, () => outbox.remove([event.metadata.uid]));
      } catch (err) {
        tell(sink, err);
      }
    }
  });
}

/**
 * Send what processes that stopped left in the outbox: the store's
 * organisation's, or with `everyOrganisation` (a server or worker whose
 * destinations serve them all) every organisation's; never another
 * organisation's to a command's own destinations. A finding another process
 * is still sending is leased to it and left alone. Returns how many were
 * handed to the sink.
 */
export async function sendLeftovers(
  store: HirewatchStore, sink: FindingSink | undefined, options: { readonly everyOrganisation?: boolean; readonly now?: () => Date; readonly batch?: number } = {},
): Promise<number> {
  if (!sink) return 0;
  const now = options.now ?? (() => new Date());
  const batch = options.batch ?? 100;
  let sent = 0;
  // Best effort: a store that cannot be read now leaves the findings for the next sweep or run, and never stops a command.
  try {
    const orgs = options.everyOrganisation ? await store.outbox.organisationsDue(now().toISOString()) : [store.org];
    for (const org of orgs) {
      const mine = org === store.org ? store.outside() : store.outside().withOrg(org);
      for (;;) {
        const at = now().toISOString();
        const rows = await mine.outbox.claim(at, leaseFrom(at), batch);
        const unreadable: string[] = [];
        for (const row of rows) {
          let event: OcsfFinding;
          try {
            event = JSON.parse(row.json) as OcsfFinding;
          } catch (err) {
            // Not a finding any destination could take: told once, then dropped rather than claimed again forever.
            tell(sink, err);
            unreadable.push(row.uid);
            continue;
          }
          try {
            sink.emit(event, () => mine.outbox.remove([row.uid]));
            sent++;
          } catch (err) {
            tell(sink, err);
          }
        }
        if (unreadable.length > 0) await mine.outbox.remove(unreadable);
        if (rows.length < batch) break;
        // A backlog goes out a batch at a time: the next batch is claimed once this one is delivered.
        await sink.drain?.();
      }
    }
  } catch (err) {
    tell(sink, err);
  }
  return sent;
}

/**
 * A stored batch's `within` hook that also keeps the holds the batch brings
 * in (newHoldFacts) in the outbox, in its transaction; `staged` receives them
 * for sendStaged once it has committed. Without a sink, `within` as it is.
 */
export function stagingHolds(
  within: ImportOptions['within'], sink: FindingSink | undefined, floors: ReadonlyMap<string, 'review' | 'hold'>, clock: () => string, staged: OcsfFinding[],
): ImportOptions['within'] {
  if (!sink) return within;
  return async (tx, written) => {
    const audits = within ? await within(tx, written) : [];
    // Read at staging, inside the transaction: the writer's lease runs from here, not from before the batch was screened.
    const at = clock();
    // A transaction tried again runs this again: what an earlier try staged was rolled back with it.
    staged.length = 0;
    staged.push(...buildFindings(sink, newHoldFacts(tx.org, written, floors, at), holdFinding));
    await stageFindings(tx, staged, at);
    return audits;
  };
}

/**
 * For a long-running process: send leftovers now and every `intervalMs`
 * (findings of a process that stopped become due once their lease ends).
 * Failures are told to the sink and the next sweep tries again. Returns a
 * function that stops the sweeps and waits for one under way, so that the
 * sink can then be drained and the store closed.
 */
export function sweepLeftovers(
  store: HirewatchStore, sink: FindingSink | undefined, options: { readonly everyOrganisation?: boolean; readonly intervalMs?: number } = {},
): () => Promise<void> {
  if (!sink) return async () => undefined;
  let running: Promise<unknown> | undefined;
  const sweep = (): void => {
    if (running) return;
    running = sendLeftovers(store, sink, options).finally(() => { running = undefined; });
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs ?? OUTBOX_SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
