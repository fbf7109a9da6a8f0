/**
 * `npm run bench -- reference`: the cost of the reference data detectors
 * consult: the time to load the geographic reference (and the resident
 * memory it adds) and the education reference, and the rate of institution
 * look-ups on a realistic mix of names (first sight, repeated, unknown).
 * These figures were assertions in test/reference until a busy 2-core
 * machine made them flaky; here they are printed, each the median of
 * several rounds with the range beside it. Loads are measured once each
 * (the first load is the one a process pays; later ones are memoised or
 * warm), so they come first, in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../src/reference/data-dir.js';
import { loadEducationReference } from '../src/reference/education/education-reference.js';
import { parseTsv } from '../src/reference/education/tsv.js';
import { loadGeoReference } from '../src/reference/geo/load-geo-reference.js';

const ROUNDS = 5;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const range = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

console.log(`reference data benchmark: Node ${process.version}; machine load average ${loadavg()[0]!.toFixed(2)}`);

// Watchlist index (issue 18, instant start): a first load in a fresh process, built from the
// lists (cold) and read from its snapshot, interleaved, ROUNDS of each, in a scratch cache folder.
const cache = mkdtempSync(join(tmpdir(), 'hirewatch-bench-cache-'));
const firstLoad = (mode: 'cold' | 'snapshot' | 'save'): { ms: number; from: string; saved: boolean | null; answer: string; rssMb: number } =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), '_watchlist-load.ts'), mode], {
      env: { ...process.env, HIREWATCH_CACHE_DIR: cache },
      encoding: 'utf8',
    }).trim().split('\n').pop()!,
  );
const saving = firstLoad('save');
const watchCold: number[] = [];
const watchSnapshot: number[] = [];
let snapshotRssMb = 0;
let coldRssMb = 0;
for (let round = 0; round < ROUNDS; round++) {
  const c = firstLoad('cold');
  const s = firstLoad('snapshot');
  if (s.from !== 'snapshot' || s.answer !== c.answer) throw new Error(`the snapshot was not read or answers otherwise: ${JSON.stringify({ c, s })}`);
  watchCold.push(c.ms);
  watchSnapshot.push(s.ms);
  coldRssMb = c.rssMb;
  snapshotRssMb = s.rssMb;
}
rmSync(cache, { recursive: true, force: true });
const ms = (xs: number[]): string => `${fmt(median(xs))} ms (range ${fmt(range(xs)[0])}-${fmt(range(xs)[1])} over ${ROUNDS} fresh processes)`;
console.log(`watchlist index built from the lists (cold)  ${ms(watchCold)}, resident +${coldRssMb} MB`);
console.log(`watchlist index read from its snapshot       ${ms(watchSnapshot)}, resident +${snapshotRssMb} MB`);
console.log(`  (building and saving the snapshot: ${fmt(saving.ms)} ms, once)`);

// Geographic reference: first load in this process.
const rss0 = process.memoryUsage().rss;
let t = performance.now();
loadGeoReference();
const geoLoadMs = performance.now() - t;
const geoRssMb = (process.memoryUsage().rss - rss0) / 1e6;
console.log(`geographic reference loaded in ${fmt(geoLoadMs)} ms, resident memory +${geoRssMb.toFixed(0)} MB (the tests allowed 5,000 ms)`);

// Education reference: first load in this process.
t = performance.now();
const first = loadEducationReference();
const educationLoadMs = performance.now() - t;
console.log(`education reference loaded in ${fmt(educationLoadMs)} ms (its own timing: ${first.provenance.loadMs} ms; the tests allowed 3,000 ms)`);

// Look-ups: the mix the education test used (real Scorecard and world-list names, upper-cased variants, nicknames).
const rows = parseTsv(readFileSync(join(dataDir(), 'education', 'us-institutions.tsv'), 'utf8'));
const world = parseTsv(readFileSync(join(dataDir(), 'education', 'world-universities.tsv'), 'utf8'));
const names = [
  ...rows.slice(0, 3000).map((r) => r.name!),
  ...world.slice(0, 3000).map((r) => r.name!),
  ...rows.slice(0, 500).map((r) => r.name!.toUpperCase().replace(/-/g, ' - ')),
  'UT Austin', 'Georgia Tech', 'MIT', 'SUNY Buffalo', 'Univ. of Texas at Austin', 'St. Louis University',
];
const misses = Array.from({ length: 2000 }, (_, i) => `Northern Nevada Technological University ${i}x`);
const REPEATS = 20;
const cold: number[] = [];
const warm: number[] = [];
const unknown: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // First sight: a fresh reference, every name seen once (no memo can help).
  const ref = loadEducationReference();
  t = performance.now();
  for (const n of names) ref.findInstitution(n);
  cold.push(names.length / ((performance.now() - t) / 1000));
  // Repeated: the same names again, as a screening run sees schools repeat.
  t = performance.now();
  for (let r = 0; r < REPEATS; r++) for (const n of names) ref.findInstitution(n);
  warm.push((REPEATS * names.length) / ((performance.now() - t) / 1000));
  // Unknown names take the recall-safe search.
  t = performance.now();
  for (const n of misses) ref.findInstitution(n);
  unknown.push(misses.length / ((performance.now() - t) / 1000));
}
const line = (label: string, rates: number[], floor: string): void => {
  const [lo, hi] = range(rates);
  console.log(`${label.padEnd(34)} ${fmt(median(rates)).padStart(10)} look-ups/s  (range ${fmt(lo)}-${fmt(hi)} over ${ROUNDS} rounds${floor})`);
};
line(`education, first sight (${names.length})`, cold, '; the tests asked for > 10,000');
line(`education, repeated (x${REPEATS})`, warm, '; the tests asked for > 100,000');
line(`education, unknown names (${misses.length})`, unknown, '');

console.log(
  JSON.stringify({
    bench: 'reference',
    loadAverage: loadavg()[0],
    watchlistColdMs: median(watchCold),
    watchlistSnapshotMs: median(watchSnapshot),
    watchlistColdRange: range(watchCold),
    watchlistSnapshotRange: range(watchSnapshot),
    watchlistSaveMs: saving.ms,
    geoLoadMs: Math.round(geoLoadMs),
    geoRssMb: Math.round(geoRssMb),
    educationLoadMs: Math.round(educationLoadMs),
    educationLookupsPerSec: { firstSight: Math.round(median(cold)), repeated: Math.round(median(warm)), unknown: Math.round(median(unknown)) },
    educationLookupsRange: { firstSight: range(cold).map(Math.round), repeated: range(warm).map(Math.round), unknown: range(unknown).map(Math.round) },
    rounds: ROUNDS,
    node: process.version,
  }),
);
