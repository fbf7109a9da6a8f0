import cliProgress from 'cli-progress';

/**
 * A progress bar on standard error for a long input file, on a terminal only
 * (never in a pipe or a log): how far through the file, how many records,
 * the rate, and the time left at that rate. Files smaller than MIN_BYTES get
 * none (they are done before a bar would help).
 */
export const PROGRESS_MIN_BYTES = 2 * 1024 * 1024;

export interface FileProgress {
  /** `bytes` read of the file so far, `records` taken from them. */
  update(bytes: number, records: number): void;
  /** The file is done: the bar ends at 100 % with the final count of records. */
  stop(records: number): void;
}

const NONE: FileProgress = { update: () => undefined, stop: () => undefined };

export function fileProgress(label: string, size: number, enabled: boolean): FileProgress {
  if (!enabled || !process.stderr.isTTY || size < PROGRESS_MIN_BYTES) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} {bar} {percentage}% | {records} records | {rate}/s | {eta_formatted} left`, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(size, 0, { records: 0, rate: 0 });
  const update = (bytes: number, records: number): void => {
    const seconds = (performance.now() - started) / 1000;
    bar.update(bytes, { records, rate: seconds > 0 ? Math.round(records / seconds) : 0 });
  };
  return {
    update,
    stop(records) {
      update(size, records);
      bar.stop();
    },
  };
}
