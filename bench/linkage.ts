/**
 * `npm run bench -- linkage [COUNT]`: COUNT generated applications (default
 * 1,000,000) with planted rings (bench/generate-rings.ts), each parsed,
 * normalised, added to one LinkageIndex and turned into linkage signals, on
 * one core. Prints wall time, applications/s, the time in the linkage step
 * alone (the issue's goal: a million linked and clustered in under 30 s and
 * 1.5 GB), its time per application over the first and the last 100,000 (an
 * add must not slow down as history grows), peak RSS (sampled every 10,000
 * applications), planted rings recovered (all members in one cluster) /
 * planted, and how many benign applications raised a linkage signal.
 */
import { LinkageIndex } from '../src/linkage/linkage-index.js';
import { onboardingExtras } from '../src/linkage/identifiers.js';
import { linkageSignals } from '../src/linkage/linkage-signals.js';
import { normaliseApplication } from '../src/normalise/application.js';
import { ApplicationSchema } from '../src/parse/application-schema.js';
import { generateApplication, generateJsonLines } from './generate-applications.js';
import { prng } from '../test/helpers/prng.js';
import { plantRing, variedResume, type PlantedRing } from './generate-rings.js';

const count = Number(process.argv[3] ?? 1_000_000);
const ringCount = Math.max(10, Math.round(count / 500));
const rand = prng(7);
generateJsonLines(0, 1); // reset the generator's seed: the same records every run

// Ring k is planted once the stream reaches position starts[k].
const starts = Array.from({ length: ringCount }, () => Math.floor(rand() * count)).sort((a, b) => a - b);
const rings: PlantedRing[] = [];
const index = new LinkageIndex();
let peakRss = 0;
let genMs = 0;
let normMs = 0;
let linkMs = 0;
let added = 0;
let benignFlagged = 0;
let ringFlagged = 0;
let ringMembers = 0;
let next = 0;
/** Linkage time of the first and of the last 100,000 applications (or tenth of the run): time per add must not grow with history. */
const segment = Math.min(100_000, Math.max(1, Math.floor(count / 10)));
let firstSegmentMs = 0;
let lastSegmentStartMs = 0;

function process1(obj: Record<string, unknown>, ring: boolean): void {
  const t0 = performance.now();
  const parsed = ApplicationSchema.parse(obj);
  const record = normaliseApplication(parsed);
  const t1 = performance.now();
  const signals = linkageSignals(index.add(record, onboardingExtras(parsed)));
  linkMs += performance.now() - t1;
  normMs += t1 - t0;
  if (signals.length > 0) (ring ? ringFlagged++ : benignFlagged++);
  if (++added % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);

}

const started = performance.now();
for (let i = 0; i < count; i++) {
  if (i === segment) firstSegmentMs = linkMs;
  if (i === count - segment) lastSegmentStartMs = linkMs;
  while (next < ringCount && starts[next] === i) {
    const g0 = performance.now();
    const ring = plantRing(next++, count + ringMembers, rand);
    genMs += performance.now() - g0;
    rings.push(ring);
    ringMembers += ring.records.length;
    for (const r of ring.records) process1(r, true);
  }
  const g0 = performance.now();
  const app = generateApplication(i) as Record<string, unknown>;
  app.resumeText = variedResume(rand);
  genMs += performance.now() - g0;
  process1(app, false);
}
const wallMs = performance.now() - started;
peakRss = Math.max(peakRss, process.memoryUsage().rss);

let recovered = 0;
let exact = 0;
for (const ring of rings) {
  // An application is its source and its id (LinkageIndex keys it so): look each member up by both.
  const members = ring.records.map((r) => ({ id: r.id as string, source: (r.source as string | undefined) ?? '' }));
  const clusters = new Set(members.map((m) => index.clusterOf(m.id, m.source)?.id ?? `alone:${m.id}`));
  if (clusters.size === 1) {
    recovered++;
    if (index.clusterOf(members[0]!.id, members[0]!.source)?.size === members.length) exact++;
  }
}
let benignClusters = 0;
let largest = 0;
for (const c of index.allClusters()) {
  if (!c.members.some((m) => m.startsWith('ring-'))) benignClusters++;
  largest = Math.max(largest, c.members.length);
}

const mb = (b: number) => Math.round(b / 1048576);
const total = added;
console.log(`${total} applications (${count} benign + ${ringMembers} in ${rings.length} planted rings), one core`);
console.log(`wall time            ${(wallMs / 1000).toFixed(1)} s  (${Math.round(total / (wallMs / 1000))} applications/s end to end)`);
console.log(`  generate           ${(genMs / 1000).toFixed(1)} s`);
console.log(`  parse + normalise  ${(normMs / 1000).toFixed(1)} s`);
console.log(`  link + cluster + signals ${(linkMs / 1000).toFixed(1)} s  (${Math.round(total / (linkMs / 1000))} applications/s)`);
const perAdd = (ms: number): number => Math.round((ms * 1000) / segment);
const lastSegmentMs = linkMs - lastSegmentStartMs;
console.log(`  per application: first ${segment.toLocaleString('en')} ${perAdd(firstSegmentMs)} µs, last ${segment.toLocaleString('en')} ${perAdd(lastSegmentMs)} µs (the index holding ${(count - segment).toLocaleString('en')}+ before them; no scan of history, the rest is memory)`);
console.log(`peak RSS             ${mb(peakRss)} MB`);
console.log(`planted rings recovered ${recovered} / ${rings.length} (exactly, no benign member: ${exact})`);
console.log(`ring members with a linkage signal ${ringFlagged} / ${ringMembers}; benign applications with one ${benignFlagged} / ${count}`);
console.log(`clusters without a planted ring ${benignClusters} (the generator's shared homes: families); largest cluster ${largest}`);
const goal = { linkSecondsUnder30: linkMs < 30_000, rssUnder1_5GB: peakRss < 1.5 * 1024 ** 3, allRingsRecovered: recovered === rings.length };
console.log(`goal (1,000,000 applications linked and clustered in < 30 s on one core, < 1.5 GB): ${count >= 1_000_000 ? (goal.linkSecondsUnder30 && goal.rssUnder1_5GB ? 'met' : 'NOT met') : `not measured at ${count}`} (link + cluster + signals ${(linkMs / 1000).toFixed(1)} s, ${mb(peakRss)} MB; generating and normalising the records are counted apart above)`);
console.log(JSON.stringify({
  bench: 'linkage', applications: total, wallSeconds: +(wallMs / 1000).toFixed(2), applicationsPerSecond: Math.round(total / (wallMs / 1000)),
  generateSeconds: +(genMs / 1000).toFixed(2), normaliseSeconds: +(normMs / 1000).toFixed(2), linkageSeconds: +(linkMs / 1000).toFixed(2),
  linkageApplicationsPerSecond: Math.round(total / (linkMs / 1000)), peakRssMB: mb(peakRss), ringsPlanted: rings.length, ringsRecovered: recovered,
  ringsExact: exact, ringMembersFlagged: ringFlagged, ringMembers, benignFlagged, benignClusters, largestCluster: largest,
  firstSegmentMicrosPerApp: perAdd(firstSegmentMs), lastSegmentMicrosPerApp: perAdd(lastSegmentMs), goals: count >= 1_000_000 ? goal : null,
}));
