import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordError } from '../parse/record-error.js';
import type { ScoringConfig } from '../score/config.js';
import type { DetectJob, FromWorker, JobResult, PreparedRecord, ToWorker } from './detect-jobs.js';

/**
 * Worker threads for the pure part of screening (parse, normalise, detect;
 * src/service/detect-jobs.ts), so `hirewatch screen` and `import` use every
 * core. Each worker loads the reference data once. Input goes out in batches,
 * at most `maxInFlight` of them outstanding (the reader waits: memory stays
 * bounded), and comes back in input order, so the caller links and scores in
 * the order of the file and its output equals one thread's.
 *
 * A worker that throws or exits fails the run (`run` throws, naming the
 * worker and the error); nothing is skipped silently. Records that cannot be
 * read are not failures: they come back as errors naming their line and field.
 */
export interface DetectPoolOptions {
  readonly workers: number;
  readonly scoring: ScoringConfig;
  /** Records per message (default 256). */
  readonly batchSize?: number;
  /** Batches sent and not yet taken back (default two per worker). */
  readonly maxInFlight?: number;
  /** Problems with the reference data, reported once (by the first worker to load it). */
  readonly warn?: (message: string) => void;
}

/** The worker entry, from the compiled package (dist/, .js) or the TypeScript sources (.ts, through tsx). */
function startWorker(scoring: ScoringConfig): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './detect-worker.ts' : './detect-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: { scoring } });
  // A worker does not inherit tsx's hooks for its entry module: register them in the thread, then load the entry.
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : tsxApiFromManifest();
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: { scoring } });
}

/** tsx's ESM API as its package.json exports it, where import.meta.resolve is missing (vitest's transform); require would resolve its CommonJS build. */
function tsxApiFromManifest(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  return pathToFileURL(join(dirname(manifest), exported.import.default)).href;
}

interface Pending {
  readonly resolve: (results: readonly JobResult[]) => void;
  readonly reject: (err: Error) => void;
}

type Entry = DetectJob | RecordError;

export class DetectPool {
  private readonly threads: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private failure: Error | undefined;
  private closing = false;
  private seq = 0;
  private warned = false;
  /** Milliseconds each worker took to load its reference data (filled as they report ready). */
  readonly loadMs: number[] = [];
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly started: Promise<readonly number[]>;
  private allReady: (() => void) | undefined;
  private notReady: ((err: Error) => void) | undefined;

  constructor(private readonly options: DetectPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error(`workers must be a whole number of 1 or more, not ${options.workers}`);
    this.batchSize = options.batchSize ?? 256;
    this.maxInFlight = options.maxInFlight ?? options.workers * 2;
    this.started = new Promise<void>((resolve, reject) => {
      this.allReady = resolve;
      this.notReady = reject;
    }).then(() => this.loadMs);
    this.started.catch(() => undefined);
    for (let i = 0; i < options.workers; i++) this.spawn(i);
  }

  private spawn(i: number): void {
    const worker = startWorker(this.options.scoring);
    this.threads[i] = worker;
    this.load[i] = 0;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        this.loadMs.push(message.loadMs);
        if (!this.warned) for (const w of message.warnings) this.options.warn?.(w);
        this.warned = true;
        if (this.loadMs.length === this.threads.length) this.allReady?.();
        return;
      }
      const p = this.pending.get(message.seq);
      if (!p) return;
      this.pending.delete(message.seq);
      this.load[i]!--;
      p.resolve(message.results);
    });
    worker.on('error', (err) => this.fail(new Error(`screening worker ${i + 1} of ${this.threads.length} failed: ${err instanceof Error ? err.message : String(err)}`)));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`screening worker ${i + 1} of ${this.threads.length} stopped (exit code ${code}) before the input was screened`));
    });
  }

  /** The first failure fails every batch outstanding and every one sent after it. */
  private fail(err: Error): void {
    this.failure ??= err;
    this.notReady?.(this.failure);
    for (const [seq, p] of this.pending) {
      this.pending.delete(seq);
      p.reject(this.failure);
    }
  }

  private send(jobs: readonly DetectJob[]): Promise<readonly JobResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    let target = 0;
    for (let i = 1; i < this.threads.length; i++) if (this.load[i]! < this.load[target]!) target = i;
    const seq = ++this.seq;
    const promise = new Promise<readonly JobResult[]>((resolve, reject) => this.pending.set(seq, { resolve, reject, worker: target }));
    this.load[target]!++;
    this.threads[target]!.postMessage({ seq, jobs } satisfies ToWorker);
    // Awaited in order by run(); until then a rejection is not unhandled.
    promise.catch(() => undefined);
    return promise;
  }

  /**
   * Every input's outcome, in input order: a job becomes its prepared record
   * or its record error (a blank line nothing); a record error given as input
   * (read by the caller) passes through in its place.
   */
  async *run(inputs: AsyncIterable<Entry>): AsyncGenerator<PreparedRecord | RecordError> {
    const queue: { entries: Entry[]; results: Promise<readonly JobResult[]> }[] = [];
    const take = async function* (): AsyncGenerator<PreparedRecord | RecordError> {
      const batch = queue.shift()!;
      const results = await batch.results;
      let k = 0;
      for (const entry of batch.entries) {
        const outcome = 'ok' in entry ? entry : results[k++];
        if (outcome) yield outcome;
      }
    };
    let entries: Entry[] = [];
    let jobs: DetectJob[] = [];
    const dispatch = (): void => {
      queue.push({ entries, results: jobs.length ? this.send(jobs) : Promise.resolve([]) });
      entries = [];
      jobs = [];
    };
    for await (const entry of inputs) {
      entries.push(entry);
      if (!('ok' in entry)) jobs.push(entry);
      if (jobs.length < this.batchSize) continue;
      dispatch();
      while (queue.length >= this.maxInFlight) yield* take();
    }
    if (entries.length) dispatch();
    while (queue.length) yield* take();
  }

  /** Resolves once every worker has loaded its reference data, with the milliseconds each took (the bench measures the start with it). */
  ready(): Promise<readonly number[]> {
    return this.started;
  }

  /** Stops every worker (after the run, or after a failure). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((w) => w.terminate()));
  }
}
