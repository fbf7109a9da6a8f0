import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ParseOutcome } from '../parse/parse-application.js';
import { readApplications, type ReadOptions } from '../parse/read-input.js';
import type { RecordError } from '../parse/record-error.js';
import type { ScoringConfig } from '../score/config.js';
import { buildScreenContext, DetectPool, jobsOf, type PreparedRecord } from '../service/index.js';
import type { ScreenContext } from '../score/screen.js';

/**
 * `--workers N` of `hirewatch screen` and `import` (docs/SCALE.md, Every
 * core): N - 1 or more worker threads parse, normalise and detect; the main
 * thread links and scores in input order, so the output is the one thread's.
 */
export const WORKERS_HELP = 'threads that parse and detect (default: the number of cores; 1 for a file under 1 MiB); 1 screens on the main thread';

/** Under this size a file is screened on the main thread unless --workers is given: starting a worker (its reference data) costs more than it saves. */
const SMALL_INPUT_BYTES = 1 << 20;

export function workerCount(option: number | undefined, file: string): number {
  if (option !== undefined) return option;
  return statSync(file).size < SMALL_INPUT_BYTES ? 1 : availableParallelism();
}

export interface ScreeningInput {
  /** What the main thread links and scores with: the reference data only if it detects itself (one worker). */
  readonly context: ScreenContext;
  /** Opens the file and yields its records in order (prepared, with workers): call once. */
  readonly outcomes: (file: string, options: ReadOptions) => AsyncIterable<ParseOutcome | PreparedRecord | RecordError>;
  readonly close: () => Promise<void>;
}

/**
 * One worker: today's path, everything on this thread. More: a pool started
 * now, so the workers load their reference data while the caller opens and
 * warms its store.
 */
export function screeningInput(workers: number, scoring: ScoringConfig, warn?: (message: string) => void, started?: DetectPool): ScreeningInput {
  const load = (): ScreenContext => buildScreenContext(scoring, warn ? { warn } : {});
  if (started) {
    // A pool the caller keeps across runs (the bench): used, not closed.
    return { context: lazyScreenContext(scoring, load), outcomes: (file, options) => started.run(jobsOf(file, options)), close: async () => undefined };
  }
  if (workers <= 1) {
    return { context: load(), outcomes: (file, options) => readApplications(file, options), close: async () => undefined };
  }
  const pool = new DetectPool({ workers, scoring, ...(warn ? { warn } : {}) });
  return {
    context: lazyScreenContext(scoring, load),
    outcomes: (file, options) => pool.run(jobsOf(file, options)),
    close: () => pool.close(),
  };
}

/**
 * A context whose reference data is loaded by `load` only if a detector is
 * run with it: for a caller whose detectors run elsewhere (worker threads,
 * src/service/detect-pool.ts) and which only links and scores.
 */
function lazyScreenContext(scoring: ScoringConfig, load: () => ScreenContext): ScreenContext {
  let loaded: ScreenContext | undefined;
  const context = (): ScreenContext => (loaded ??= load());
  return {
    scoring,
    get detect() {
      return context().detect;
    },
    get detectors() {
      return context().detectors;
    },
  };
}
