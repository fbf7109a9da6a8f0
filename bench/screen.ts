/**
 * `npm run bench -- screen [COUNT] [WORKERS]`: end-to-end screening throughput
 * on generated applications (default 100,000), beside the parse-only rate of
 * the same input (JSON.parse of each line), on one core and on WORKERS worker
 * threads (default: the number of cores).
 *
 * Six variants: parse only; the spine (identity + contact); the spine with
 * the watchlists; all detectors (parse to JSON Lines, in memory); file to
 * file (`hirewatch screen --workers 1` on a file of the slice: each run loads its
 * reference data, links the file's applications and writes JSON Lines, so
 * its rate counts one load per COUNT / ROUNDS applications); and the same
 * with `--workers WORKERS` (the main thread links and writes), on worker
 * threads started once and kept across runs, as the in-thread runs keep
 * the reference data this process loaded; the workers' start (each loads its
 * own reference data, in parallel) is measured apart, three times. HIREWATCH_BENCH_VARIANTS=a,b
 * runs only the variants named (keys of the JSON line, without PerSec).
 * Every variant is first warmed up on applications
 * outside the measured input, so none is timed cold. The input is then cut
 * into ROUNDS equal slices; round r runs every variant once on slice r, in an
 * order rotated by one each round (so no variant always runs first, or
 * always after the same one). Each figure is the median over the rounds,
 * printed with its range (min-max); ratios are taken within a round (same
 * slice, back to back) and their median reported. One pass over the input
 * per variant in all, so the default size takes a couple of minutes on a
 * quiet 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildScreenContext } from '../src/service/screen-context.js';
import { DetectPool } from '../src/service/detect-pool.js';
import { contactDetector } from '../src/detect/contact.js';
import { identityDetector } from '../src/detect/identity.js';
import { watchlistDetector } from '../src/detect/watchlist.js';
import type { ScreenContext } from '../src/score/screen.js';
import { runScreen } from '../src/cli/screen-command.js';
import { jsonlLine } from '../src/cli/formats/jsonl.js';
import { parseJsonLine } from '../src/parse/parse-application.js';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { screenApplication } from '../src/score/screen.js';
import { generateJsonLines } from './generate-applications.js';

const count = Number(process.argv[3] ?? 100_000);
const workers = Number(process.argv[4] ?? availableParallelism());
const ROUNDS = 5;
/** Applications each variant is warmed up on (generated after the measured ones, never measured). */
const WARM_UP = 5_000;

const generated = generateJsonLines(count + WARM_UP);
const lines = generated.slice(0, count);
const warmUpLines = generated.slice(count);
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
const slices = Array.from({ length: ROUNDS }, (_, r) => lines.slice(Math.floor((r * count) / ROUNDS), Math.floor(((r + 1) * count) / ROUNDS)));

const loadStarted = performance.now();
const context = buildScreenContext(DEFAULT_SCORING);
const contextLoadMs = Math.round(performance.now() - loadStarted);
console.log(`reference data and watchlists loaded in ${contextLoadMs} ms; machine load average ${loadavg()[0]!.toFixed(2)}`);
/** The spine of issue 2 (identity and contact families), and the spine plus the watchlists. */
const spine: ScreenContext = { ...context, detectors: [identityDetector, contactDetector] };
const spineWatch: ScreenContext = { ...context, detectors: [identityDetector, contactDetector, watchlistDetector] };

let sink = 0;
const bands = { clear: 0, review: 0, hold: 0, error: 0 };

/** Screens `input` in memory, parse to JSON Lines; counts bands when asked. */
function pipeline(input: readonly string[], ctx: ScreenContext, countBands = false): void {
  for (const [i, line] of input.entries()) {
    const o = parseJsonLine(line, { line: i + 1 });
    if (!o?.ok) {
      if (countBands) bands.error++;
      continue;
    }
    const result = screenApplication(o.record, ctx);
    if (countBands) bands[result.band]++;
    sink += jsonlLine({ ok: true, result }).length;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-bench-'));
const fileOf = (name: string, input: readonly string[]): string => {
  const file = join(dir, name);
  writeFileSync(file, `${input.join('\n')}\n`);
  return file;
};
const warmUpFile = fileOf('warm-up.jsonl', warmUpLines);
const sliceFiles = slices.map((s, r) => fileOf(`slice-${r}.jsonl`, s));

/** Runs `work` without the "N screened, written to FILE" line `hirewatch screen` ends with (one per run here); anything else still goes to stderr. */
async function withoutSummary<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    /^hirewatch: \d+ screened/u.test(String(chunk)) ? true : (write as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest)) as typeof process.stderr.write;
  try {
    return await work();
  } finally {
    process.stderr.write = write;
  }
}

interface Variant {
  readonly key: 'parseOnly' | 'spine' | 'spineWithWatchlists' | 'pipeline' | 'fileToFile' | 'fileToFileWorkers';
  readonly label: string;
  /** Runs the variant on round `r`'s slice (r = -1: the warm-up input). */
  readonly run: (r: number) => Promise<void> | void;
}

const inputOf = (r: number): readonly string[] => (r < 0 ? warmUpLines : slices[r]!);
/**
 * `hirewatch screen FILE --format jsonl --out FILE --workers n` on round r's
 * slice, without a database. With workers, on a pool kept across the runs, as
 * the in-thread runs keep the reference data this process loaded: both rates
 * are warm, and the workers' start is measured apart (workerStartMs).
 */
let pool: DetectPool | undefined;
async function screenFile(r: number, n: number): Promise<void> {
  if (n > 1) pool ??= new DetectPool({ workers: n, scoring: DEFAULT_SCORING });
  const code = await withoutSummary(() => runScreen(r < 0 ? warmUpFile : sliceFiles[r]!, { format: 'jsonl', out: join(dir, 'results.jsonl'), progress: false, workers: n, ...(n > 1 ? { pool } : {}) }));
  if (code !== 0) throw new Error(`hirewatch screen exited with ${code}`);
}

const ALL_VARIANTS: readonly Variant[] = [
  {
    key: 'parseOnly',
    label: 'parse only (JSON.parse)',
    run: (r) => {
      for (const line of inputOf(r)) sink += (JSON.parse(line) as { id: string }).id.length;
    },
  },
  { key: 'spine', label: 'spine: identity + contact', run: (r) => pipeline(inputOf(r), spine) },
  { key: 'spineWithWatchlists', label: 'spine + watchlists', run: (r) => pipeline(inputOf(r), spineWatch) },
  { key: 'pipeline', label: 'all detectors (parse..jsonl)', run: (r) => pipeline(inputOf(r), context, r >= 0) },
  { key: 'fileToFile', label: 'file to file, --workers 1', run: (r) => screenFile(r, 1) },
  { key: 'fileToFileWorkers', label: `file to file, --workers ${workers}`, run: (r) => screenFile(r, workers) },
];
const chosen = process.env.HIREWATCH_BENCH_VARIANTS?.split(',').map((k) => k.trim());
const VARIANTS = chosen ? ALL_VARIANTS.filter((v) => chosen.includes(v.key)) : ALL_VARIANTS;

// Warm-up: every variant once, on applications that are never measured.
const warmStarted = performance.now();
for (const v of VARIANTS) await v.run(-1);
console.log(`warm-up: every variant on ${WARM_UP.toLocaleString('en-US')} other applications (${((performance.now() - warmStarted) / 1000).toFixed(1)} s)`);

// Worker start: WORKERS threads loading their reference data at once, three times (the file-to-file runs pay it once each).
const workerLoadMs: number[] = [];
const workerStartMs: number[] = [];
if (VARIANTS.some((v) => v.key === 'fileToFileWorkers')) {
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const pool = new DetectPool({ workers, scoring: DEFAULT_SCORING });
    workerLoadMs.push(...(await pool.ready()));
    workerStartMs.push(performance.now() - t0);
    await pool.close();
  }
}

// Rounds: every variant once per round, on that round's slice, the order rotated by one each round.
const rates = new Map<Variant['key'], number[]>(VARIANTS.map((v) => [v.key, []]));
/**
 * CPU milliseconds per application, all threads of the process (process.cpuUsage) and the
 * main thread alone (Linux: /proc/PID/task/PID/stat): less sensitive than wall time to other
 * work on a shared machine, they show what the split costs and how much stays serial.
 */
const cpuPerApp = new Map<Variant['key'], number[]>(VARIANTS.map((v) => [v.key, []]));
const mainCpuPerApp = new Map<Variant['key'], number[]>(VARIANTS.map((v) => [v.key, []]));
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}
for (let r = 0; r < ROUNDS; r++) {
  const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
  for (const v of order) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    await v.run(r);
    rates.get(v.key)![r] = slices[r]!.length / ((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpuPerApp.get(v.key)![r] = (cpu.user + cpu.system) / 1000 / slices[r]!.length;
    if (main0 !== undefined) mainCpuPerApp.get(v.key)![r] = (mainThreadCpuMs()! - main0) / slices[r]!.length;
  }
  console.log(`round ${r + 1}/${ROUNDS} (${slices[r]!.length.toLocaleString('en-US')} applications): ${order.map((v) => `${v.key} ${Math.round(rates.get(v.key)![r]!)}`).join(', ')}`);
}
rmSync(dir, { recursive: true, force: true });
await pool?.close();

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
const ran = (key: Variant['key']): boolean => VARIANTS.some((v) => v.key === key);
const rate = (key: Variant['key']): number[] => rates.get(key) ?? [];
/** Within each round, a / b: the two variants ran on the same slice, back to back. Empty when either did not run. */
const ratios = (a: Variant['key'], b: Variant['key']): number[] => (ran(a) && ran(b) ? Array.from({ length: ROUNDS }, (_, r) => rate(a)[r]! / rate(b)[r]!) : []);
/** The median (rounded) of figures, or null for a variant not run. */
const mid = (xs: readonly number[], digits = 0): number | null => (xs.length ? Number(median(xs).toFixed(digits)) : null);
const rounded = (xs: readonly number[], digits = 0): [number, number] | null => (xs.length ? (spread(xs).map((x) => Number(x.toFixed(digits))) as [number, number]) : null);

for (const v of VARIANTS) {
  const [lo, hi] = spread(rate(v.key));
  console.log(
    `${v.label.padEnd(34)} ${Math.round(median(rate(v.key))).toString().padStart(9)} applications/s median  (min-max ${Math.round(lo)}-${Math.round(hi)} over ${ROUNDS} rounds)`,
  );
}
const watchlistSlowdowns = ratios('spine', 'spineWithWatchlists');
const pipelineToParse = ratios('pipeline', 'parseOnly');
const workerScaling = ratios('fileToFileWorkers', 'fileToFile');
const oneToParse = ratios('fileToFile', 'parseOnly');
const workersToParse = ratios('fileToFileWorkers', 'parseOnly');
const ratioLine = (what: string, xs: readonly number[]): void => {
  if (xs.length) console.log(`${what} x${median(xs).toFixed(2)} (median of the rounds' ratios; min-max ${rounded(xs, 2)!.join('-')})`);
};
ratioLine('watchlists slow the spine by', watchlistSlowdowns);
ratioLine(`--workers ${workers} against --workers 1, file to file:`, workerScaling);
ratioLine('--workers 1 against parse only:', oneToParse);
ratioLine(`--workers ${workers} against parse only:`, workersToParse);
const cpuOf = (key: Variant['key']): number[] => cpuPerApp.get(key) ?? [];
const mainCpuOf = (key: Variant['key']): number[] => (mainCpuPerApp.get(key) ?? []).filter((x) => x !== undefined);
/** Within each round, CPU per application with workers over without: what the split costs (1: nothing). */
const cpuOverhead = ran('fileToFile') && ran('fileToFileWorkers') ? Array.from({ length: ROUNDS }, (_, r) => cpuOf('fileToFileWorkers')[r]! / cpuOf('fileToFile')[r]!) : [];
/** Within each round, the one-thread CPU over the main thread's CPU with workers: the speed-up the serial part allows. */
const serialBound = ran('fileToFile') && mainCpuOf('fileToFileWorkers').length === ROUNDS ? Array.from({ length: ROUNDS }, (_, r) => cpuOf('fileToFile')[r]! / mainCpuOf('fileToFileWorkers')[r]!) : [];
/** On `workers` idle cores: min(cores / overhead, serial bound). */
const idleBound = cpuOverhead.length && serialBound.length ? Math.min(Math.min(workers, availableParallelism()) / median(cpuOverhead), median(serialBound)) : undefined;
if (cpuOverhead.length) {
  console.log(`CPU per application: --workers 1 ${median(cpuOf('fileToFile')).toFixed(3)} ms, --workers ${workers} ${median(cpuOf('fileToFileWorkers')).toFixed(3)} ms (x${median(cpuOverhead).toFixed(2)}, min-max ${rounded(cpuOverhead, 2)!.join('-')})`
    + (serialBound.length ? `, of which the main thread ${median(mainCpuOf('fileToFileWorkers')).toFixed(3)} ms; on ${Math.min(workers, availableParallelism())} idle cores that allows x${idleBound!.toFixed(2)}` : ''));
}
if (workerLoadMs.length) {
  console.log(`worker start: ${workers} workers ready in ${Math.round(median(workerStartMs))} ms wall (median of 3, min-max ${rounded(workerStartMs)!.join('-')}); reference data loaded in each in ${Math.round(median(workerLoadMs))} ms (median, min-max ${rounded(workerLoadMs)!.join('-')})`);
}
console.log(`bands: ${JSON.stringify(bands)}; input ${(bytes / 1e6).toFixed(1)} MB; checksum ${sink % 997}`);

console.log(
  JSON.stringify({
    bench: 'screen',
    applications: count,
    rounds: ROUNDS,
    /** Each round's slice: every variant's rate is over this many; the file-to-file rates include one reference-data load per slice. */
    applicationsPerRound: Math.floor(count / ROUNDS),
    warmUpApplications: WARM_UP,
    inputMB: Number((bytes / 1e6).toFixed(1)),
    variants: VARIANTS.map((v) => v.key),
    workers,
    cores: availableParallelism(),
    parseOnlyPerSec: mid(rate('parseOnly')),
    contextLoadMs,
    workerLoadMs: mid(workerLoadMs),
    /** Wall time from starting WORKERS workers to all of them ready. */
    workerStartMs: mid(workerStartMs),
    spinePerSec: mid(rate('spine')),
    spineWithWatchlistsPerSec: mid(rate('spineWithWatchlists')),
    watchlistSlowdown: mid(watchlistSlowdowns, 2),
    pipelinePerSec: mid(rate('pipeline')),
    fileToFilePerSec: mid(rate('fileToFile')),
    fileToFileWorkersPerSec: mid(rate('fileToFileWorkers')),
    pipelineToParseRatio: mid(pipelineToParse, 3),
    /** --workers WORKERS over --workers 1, file to file (issue 18 goal on 2 cores: at least 1.8). */
    workerScaling: mid(workerScaling, 2),
    oneWorkerToParseRatio: mid(oneToParse, 3),
    workersToParseRatio: mid(workersToParse, 3),
    /** CPU ms per application (all threads): one thread, with workers, their ratio per round; the main thread's with workers. */
    cpuMsPerApp: mid(cpuOf('fileToFile'), 3),
    cpuMsPerAppWorkers: mid(cpuOf('fileToFileWorkers'), 3),
    cpuOverhead: mid(cpuOverhead, 2),
    mainThreadCpuMsPerAppWorkers: mid(mainCpuOf('fileToFileWorkers'), 3),
    /** The scaling CPU time allows on idle cores: min(cores / cpuOverhead, one-thread CPU / main-thread CPU with workers). */
    idleScalingBound: idleBound === undefined ? null : Number(idleBound.toFixed(2)),
    /** [min, max] over the rounds of each figure above that is a median. */
    spread: {
      parseOnlyPerSec: rounded(rate('parseOnly')),
      workerLoadMs: rounded(workerLoadMs),
      workerStartMs: rounded(workerStartMs),
      spinePerSec: rounded(rate('spine')),
      spineWithWatchlistsPerSec: rounded(rate('spineWithWatchlists')),
      watchlistSlowdown: rounded(watchlistSlowdowns, 2),
      pipelinePerSec: rounded(rate('pipeline')),
      fileToFilePerSec: rounded(rate('fileToFile')),
      fileToFileWorkersPerSec: rounded(rate('fileToFileWorkers')),
      pipelineToParseRatio: rounded(pipelineToParse, 3),
      workerScaling: rounded(workerScaling, 2),
      oneWorkerToParseRatio: rounded(oneToParse, 3),
      workersToParseRatio: rounded(workersToParse, 3),
      cpuOverhead: rounded(cpuOverhead, 2),
    },
    bands,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    node: process.version,
  }),
);
