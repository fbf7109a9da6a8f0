/**
 * A detection worker thread (started by src/service/detect-pool.ts): loads
 * the reference data once, then answers each batch of jobs with their
 * results, in order. An exception here ends the thread, and the pool fails
 * the run with it: nothing is dropped silently.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScoringConfig } from '../score/config.js';
import { runJob, type FromWorker, type ToWorker } from './detect-jobs.js';
import { buildScreenContext } from './screen-context.js';

const port = parentPort;
if (!port) throw new Error('detect-worker.ts runs as a worker thread (src/service/detect-pool.ts)');

const { scoring } = workerData as { scoring: ScoringConfig };
const started = performance.now();
const warnings: string[] = [];
const context = buildScreenContext(scoring, { warn: (message) => warnings.push(message) });
port.postMessage({ type: 'ready', loadMs: performance.now() - started, warnings } satisfies FromWorker);

port.on('message', (message: ToWorker) => {
  const results = message.jobs.map((job) => runJob(job, context));
  port.postMessage({ type: 'done', seq: message.seq, results } satisfies FromWorker);
});
