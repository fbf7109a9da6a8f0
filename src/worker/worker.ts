import { connect } from 'nats';
import type { Monitoring, Screening } from '../service/index.js';
import type { HirewatchStore } from '../store/index.js';
import { leaseKey, type LeaseSession } from '../store/lease-session.js';
import { PartitionRun, type WorkerTotals } from './partition-run.js';
import { ensureStream, type StreamLayout } from './partitions.js';

/**
 * `hirewatch worker`: one of any number of processes, on any machines, that
 * consume the stream's partitions (docs/SCALE.md). Each partition is owned
 * by one worker at a time, the one whose PostgreSQL session holds the
 * partition's advisory lock. Every heartbeat a worker counts the live
 * workers (each holds one member lock), aims at its share (partitions /
 * workers, rounded up), takes free partitions up to it and hands back the
 * ones above it after the batch in hand. A worker that dies frees its locks
 * with its session, and the others take its partitions at their next
 * heartbeat, each rebuilding the partition's linkage state from the store.
 */
export interface WorkerOptions {
  readonly layout: Omit<StreamLayout, 'partitions'> & { partitions?: number };
  /** The database every organisation is written to (PostgreSQL), bound to any organisation. */
  readonly store: HirewatchStore;
  readonly leases: LeaseSession;
  readonly newScreening: () => Screening;
  /** Telemetry subjects too, through this service (absent: applications only). */
  readonly monitoring?: Monitoring;
  /** This worker's name in logs and the audit log. */
  readonly name: string;
  /** Messages per fetch (default 500). */
  readonly batch?: number;
  /** Between looks at the leases (default 1,000 ms). */
  readonly heartbeatMs?: number;
  /** Ends the worker: partitions finish their batch, are acknowledged and handed back. */
  readonly signal?: AbortSignal;
  readonly log?: (message: string) => void;
  /** After each heartbeat: the partitions this worker owns and its totals. */
  readonly onHeartbeat?: (owned: readonly number[], totals: Readonly<WorkerTotals>) => void;
}

/** Member slots: at most this many workers count towards a share. */
const MEMBER_SLOTS = 256;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> => new Promise((resolve) => {
  const timer = setTimeout(done, ms);
  function done(): void {
    clearTimeout(timer);
    signal?.removeEventListener('abort', done);
    resolve();
  }
  signal?.addEventListener('abort', done, { once: true });
});

export async function runWorker(o: WorkerOptions): Promise<WorkerTotals> {
  const log = o.log ?? (() => undefined);
  const nc = await connect({ servers: o.layout.servers, name: `hirewatch-worker-${o.name}` });
  const totals: WorkerTotals = { new: 0, changed: 0, unchanged: 0, errors: 0, events: 0, messages: 0 };
  const runs = new Map<number, PartitionRun>();
  const releasing = new Map<number, Promise<void>>();
  let failure: Error | undefined;
  const lost = o.leases.lost.then((err) => {
    failure ??= new Error(`lost the PostgreSQL session that holds this worker's partitions (${err.message}): stopping`);
  });
  try {
    const jsm = await nc.jetstreamManager();
    const layout = await ensureStream(jsm, o.layout);
    const cx = {
      layout, jsm, js: nc.jetstream(), store: o.store, newScreening: o.newScreening, worker: o.name, batch: o.batch ?? 500, totals, log,
      ...(o.monitoring ? { monitoring: o.monitoring } : {}),
    };
    const members = Array.from({ length: MEMBER_SLOTS }, (_, k) => leaseKey(`hirewatch:${layout.stream}:member:${k}`));
    const partitionKey = (p: number): bigint => leaseKey(`hirewatch:${layout.stream}:partition:${p}`);
    let slot = -1;
    for (let k = 0; k < MEMBER_SLOTS && slot < 0; k++) if (await o.leases.tryTake(members[k]!)) slot = k;
    if (slot < 0) throw new Error(`${MEMBER_SLOTS} workers are running on stream ${layout.stream} already`);
    log(`worker ${o.name}: member ${slot} of stream ${layout.stream} (${layout.partitions} partitions)`);

    /** Hand a partition back once its batch in hand is stored and acknowledged. */
    const release = (p: number, run: PartitionRun, why: string): void => {
      run.stop();
      runs.delete(p);
      releasing.set(p, run.done.then(async () => {
        if (!failure) await o.leases.release(partitionKey(p));
        releasing.delete(p);
        log(`worker ${o.name}: released partition ${p} (${why})`);
      }));
    };
    const rebalance = async (): Promise<void> => {
      // A partition whose loop failed (the database, the stream) is handed back: whoever takes it next warms anew.
      for (const [p, run] of runs) if (run.failed) release(p, run, `failed: ${run.failed}`);
      const live = Math.max(1, await o.leases.heldCount(members));
      const share = Math.ceil(layout.partitions / live);
      for (const p of [...runs.keys()].sort((a, b) => b - a).slice(0, Math.max(0, runs.size - share))) release(p, runs.get(p)!, 'rebalance');
      // Look at partitions from a different place per member, so workers starting together rarely race for one.
      for (let i = 0; i < layout.partitions && runs.size < share; i++) {
        const p = (slot * 7 + i) % layout.partitions;
        if (runs.has(p) || releasing.has(p)) continue;
        if (!(await o.leases.tryTake(partitionKey(p)))) continue;
        log(`worker ${o.name}: took partition ${p}`);
        runs.set(p, new PartitionRun(cx, p));
      }
    };
    while (!o.signal?.aborted && !failure) {
      await rebalance();
      o.onHeartbeat?.([...runs.keys()].sort((a, b) => a - b), totals);
      await Promise.race([sleep(o.heartbeatMs ?? 1000, o.signal), lost]);
    }
    if (failure) throw failure;
    for (const [p, run] of runs) release(p, run, 'stopping');
    await Promise.all(releasing.values());
  } finally {
    if (!failure) await nc.drain().catch(() => undefined);
    else await nc.close().catch(() => undefined);
  }
  return totals;
}
