/**
 * `npm run bench -- screen [COUNT]`: end-to-end screening throughput on
 * generated applications (default 100,000), beside the parse-only rate of the
 * same input (JSON.parse of each line), on one core.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildScreenContext } from '../src/cli/screen-context.js';
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
const lines = generateJsonLines(count);
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
const loadStarted = performance.now();
const context = buildScreenContext(DEFAULT_SCORING);
const contextLoadMs = Math.round(performance.now() - loadStarted);
console.log(`reference data and watchlists loaded in ${contextLoadMs} ms`);
/** The spine of issue 2 (identity and contact families), and the spine plus the watchlists. */
const spine: ScreenContext = { ...context, detectors: [identityDetector, contactDetector] };
const spineWatch: ScreenContext = { ...context, detectors: [identityDetector, contactDetector, watchlistDetector] };

function timed(label: string, fn: () => void): number {
  const t0 = performance.now();
  fn();
  const seconds = (performance.now() - t0) / 1000;
  const rate = count / seconds;
  console.log(`${label.padEnd(34)} ${rate.toFixed(0).padStart(9)} applications/s  (${seconds.toFixed(2)} s)`);
  return rate;
}

// Warm up the JIT and libphonenumber's metadata on a slice.
for (const line of lines.slice(0, 5000)) {
  const o = parseJsonLine(line, { line: 0 });
  if (o?.ok) jsonlLine({ ok: true, result: screenApplication(o.record, context) });
}

function pipelineRate(label: string, ctx: ScreenContext): number {
  return timed(label, () => {
    for (const [i, line] of lines.entries()) {
      const o = parseJsonLine(line, { line: i + 1 });
      if (o?.ok) sink += jsonlLine({ ok: true, result: screenApplication(o.record, ctx) }).length;
    }
  });
}

let sink = 0;
const parseOnly = timed('parse only (JSON.parse)', () => {
  for (const line of lines) sink += (JSON.parse(line) as { id: string }).id.length;
});
const spineRate = pipelineRate('spine: identity + contact', spine);
const spineWatchRate = pipelineRate('spine + watchlists', spineWatch);
const bands = { clear: 0, review: 0, hold: 0, error: 0 };
const pipeline = timed('all detectors (parse..jsonl)', () => {
  for (const [i, line] of lines.entries()) {
    const o = parseJsonLine(line, { line: i + 1 });
    if (!o?.ok) {
      bands.error++;
      continue;
    }
    const result = screenApplication(o.record, context);
    bands[result.band]++;
    sink += jsonlLine({ ok: true, result }).length;
  }
});

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-bench-'));
const input = join(dir, 'applications.jsonl');
writeFileSync(input, `${lines.join('\n')}\n`);
const t0 = performance.now();
await runScreen(input, { format: 'jsonl', out: join(dir, 'results.jsonl'), progress: false });
const fileSeconds = (performance.now() - t0) / 1000;
const fileRate = count / fileSeconds;
console.log(`${'file to file (hirewatch screen)'.padEnd(34)} ${fileRate.toFixed(0).padStart(9)} applications/s  (${fileSeconds.toFixed(2)} s)`);
rmSync(dir, { recursive: true, force: true });

console.log(`bands: ${JSON.stringify(bands)}; input ${(bytes / 1e6).toFixed(1)} MB; checksum ${sink % 997}`);
console.log(
  JSON.stringify({
    bench: 'screen',
    applications: count,
    inputMB: Number((bytes / 1e6).toFixed(1)),
    parseOnlyPerSec: Math.round(parseOnly),
    contextLoadMs,
    spinePerSec: Math.round(spineRate),
    spineWithWatchlistsPerSec: Math.round(spineWatchRate),
    watchlistSlowdown: Number((spineRate / spineWatchRate).toFixed(2)),
    pipelinePerSec: Math.round(pipeline),
    fileToFilePerSec: Math.round(fileRate),
    pipelineToParseRatio: Number((pipeline / parseOnly).toFixed(3)),
    bands,
    node: process.version,
  }),
);
