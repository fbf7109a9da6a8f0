/**
 * `npm run bench -- screen [COUNT]`: end-to-end screening throughput on
 * generated applications (default 100,000), beside the parse-only rate of the
 * same input (JSON.parse of each line), on one core.
 *
 * Five variants: parse only; the spine (identity + contact); the spine with
 * the watchlists; all detectors (parse to JSON Lines, in memory); file to
 * file (`hirewatch screen` on a file of the slice: each run loads its
 * reference data, links the file's applications and writes JSON Lines, so
 * its rate counts one load per COUNT / ROUNDS applications). Every variant is first warmed up on applications
 * outside the measured input, so none is timed cold. The input is then cut
 * into ROUNDS equal slices; round r runs every variant once on slice r, in an
 * order rotated by one each round (so no variant always runs first, or
 * always after the same one). Each figure is the median over the rounds,
 * printed with its range (min-max); ratios are taken within a round (same
 * slice, back to back) and their median reported. One pass over the input
 * per variant in all, so the default size takes a couple of minutes on a
 * quiet 2-core machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildScreenContext } from '../src/service/screen-context.js';
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
  readonly key: 'parseOnly' | 'spine' | 'spineWithWatchlists' | 'pipeline' | 'fileToFile';
  readonly label: string;
  /** Runs the variant on round `r`'s slice (r = -1: the warm-up input). */
  readonly run: (r: number) => Promise<void> | void;
}

const inputOf = (r: number): readonly string[] => (r < 0 ? warmUpLines : slices[r]!);
const VARIANTS: readonly Variant[] = [
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
  {
    key: 'fileToFile',
    label: 'file to file (hirewatch screen)',
    run: async (r) => {
      const code = await withoutSummary(() => runScreen(r < 0 ? warmUpFile : sliceFiles[r]!, { format: 'jsonl', out: join(dir, 'results.jsonl'), progress: false }));
      if (code !== 0) throw new Error(`hirewatch screen exited with ${code}`);
    },
  },
];

// Warm-up: every variant once, on applications that are never measured.
const warmStarted = performance.now();
for (const v of VARIANTS) await v.run(-1);
console.log(`warm-up: every variant on ${WARM_UP.toLocaleString('en-US')} other applications (${((performance.now() - warmStarted) / 1000).toFixed(1)} s)`);

// Rounds: every variant once per round, on that round's slice, the order rotated by one each round.
const rates = new Map<Variant['key'], number[]>(VARIANTS.map((v) => [v.key, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
  for (const v of order) {
    const t0 = performance.now();
    await v.run(r);
    rates.get(v.key)![r] = slices[r]!.length / ((performance.now() - t0) / 1000);
  }
  console.log(`round ${r + 1}/${ROUNDS} (${slices[r]!.length.toLocaleString('en-US')} applications): ${order.map((v) => `${v.key} ${Math.round(rates.get(v.key)![r]!)}`).join(', ')}`);
}
rmSync(dir, { recursive: true, force: true });

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
const perRound = (f: (r: number) => number): number[] => Array.from({ length: ROUNDS }, (_, r) => f(r));
const rate = (key: Variant['key']): number[] => rates.get(key)!;

for (const v of VARIANTS) {
  const [lo, hi] = spread(rate(v.key));
  console.log(
    `${v.label.padEnd(34)} ${Math.round(median(rate(v.key))).toString().padStart(9)} applications/s median  (min-max ${Math.round(lo)}-${Math.round(hi)} over ${ROUNDS} rounds)`,
  );
}
// Ratios within a round: the two variants ran on the same slice, back to back.
const watchlistSlowdowns = perRound((r) => rate('spine')[r]! / rate('spineWithWatchlists')[r]!);
const pipelineToParse = perRound((r) => rate('pipeline')[r]! / rate('parseOnly')[r]!);
const [slowLo, slowHi] = spread(watchlistSlowdowns);
console.log(`watchlists slow the spine by x${median(watchlistSlowdowns).toFixed(2)} (median of the rounds' ratios; min-max ${slowLo.toFixed(2)}-${slowHi.toFixed(2)})`);
console.log(`bands: ${JSON.stringify(bands)}; input ${(bytes / 1e6).toFixed(1)} MB; checksum ${sink % 997}`);

const rounded = (xs: readonly number[], digits = 0): [number, number] => spread(xs).map((x) => Number(x.toFixed(digits))) as [number, number];
console.log(
  JSON.stringify({
    bench: 'screen',
    applications: count,
    rounds: ROUNDS,
    /** Each round's slice: every variant's rate is over this many; fileToFile's includes one reference-data load per slice. */
    applicationsPerRound: Math.floor(count / ROUNDS),
    warmUpApplications: WARM_UP,
    inputMB: Number((bytes / 1e6).toFixed(1)),
    parseOnlyPerSec: Math.round(median(rate('parseOnly'))),
    contextLoadMs,
    spinePerSec: Math.round(median(rate('spine'))),
    spineWithWatchlistsPerSec: Math.round(median(rate('spineWithWatchlists'))),
    watchlistSlowdown: Number(median(watchlistSlowdowns).toFixed(2)),
    pipelinePerSec: Math.round(median(rate('pipeline'))),
    fileToFilePerSec: Math.round(median(rate('fileToFile'))),
    pipelineToParseRatio: Number(median(pipelineToParse).toFixed(3)),
    /** [min, max] over the rounds of each figure above that is a median. */
    spread: {
      parseOnlyPerSec: rounded(rate('parseOnly')),
      spinePerSec: rounded(rate('spine')),
      spineWithWatchlistsPerSec: rounded(rate('spineWithWatchlists')),
      watchlistSlowdown: rounded(watchlistSlowdowns, 2),
      pipelinePerSec: rounded(rate('pipeline')),
      fileToFilePerSec: rounded(rate('fileToFile')),
      pipelineToParseRatio: rounded(pipelineToParse, 3),
    },
    bands,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    node: process.version,
  }),
);
