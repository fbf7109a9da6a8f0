/**
 * `npm run bench -- detection [COUNT] [SEED] [--config scoring.json] [--save FILE]`:
 * how well hirewatch separates the labelled mix of bench/generate-labelled.ts
 * (default 20,000 applications, 4 % fraudulent: at 6,000 a name-origin group of
 * 200-300 people has a handful flagged, and a ratio of 2 is often chance), and where it
 * draws its lines.
 *
 * Every application is screened in order of arrival through src/service's
 * Screening with linkage on, as `hirewatch screen` does (no store). Printed:
 * - recall: fraudulent applications flagged (review or hold), and held;
 * - honest applicants (people, a repeat applicant counted once: flagged when
 *   any of their applications is) flagged and held, overall and per
 *   name-origin group, with each group's impact ratio (its rate over the
 *   overall rate: 1.25 is the goal's ceiling), with each group's 95 % Wilson
 *   interval and an exact binomial test of its count against 1.25x the overall
 *   rate, so that a reader can tell sampling noise from a disparity;
 * - ROC AUC of the log-odds, fraudulent against honest applications;
 * - the signals honest applications were flagged on, alone and as sets, and
 *   the rule that decided each band when the result names one;
 * - the planted traits of the fraudulent applications left clear.
 * Last line: one JSON object with the figures.
 */
import { writeFileSync } from 'node:fs';
import { parseJsonLine } from '../src/parse/parse-application.js';
import { ScoringConfigSchema, DEFAULT_SCORING } from '../src/score/config.js';
import type { ScreenResult } from '../src/score/screen.js';
import { buildScreenContext, Screening } from '../src/service/index.js';
import { screeningProvenance } from '../src/store/provenance.js';
import { readFileSync } from 'node:fs';
import { generateLabelled, ORIGINS, type LabelledApplication, type Origin } from './generate-labelled.js';
import { binomialUpperTail, wilson } from './rates.js';

const args = process.argv.slice(3);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const count = Number(positional[0] ?? 20000);
const seed = Number(positional[1] ?? 20251201);
const configFile = flag('--config');
const scoring = configFile ? ScoringConfigSchema.parse(JSON.parse(readFileSync(configFile, 'utf8'))) : DEFAULT_SCORING;

const started = performance.now();
const mix = generateLabelled({ count, seed });
const generatedMs = performance.now() - started;
const screening = new Screening(buildScreenContext(scoring), { provenance: screeningProvenance(scoring), linkage: true });

interface Row {
  readonly item: LabelledApplication;
  readonly result: ScreenResult & { readonly bandReason?: string };
}
const rows: Row[] = [];
const screenStarted = performance.now();
mix.forEach((item, i) => {
  const parsed = parseJsonLine(JSON.stringify(item.record), { line: i + 1 });
  if (!parsed?.ok) throw new Error(`generated record ${i + 1} does not parse: ${parsed ? parsed.error : 'empty'}`);
  rows.push({ item, result: screening.screen('bench', parsed.record).result });
});
const screenMs = performance.now() - screenStarted;

const flagged = (r: Row) => r.result.band !== 'clear';
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const fraud = rows.filter((r) => r.item.label === 'fraud');
const honest = rows.filter((r) => r.item.label === 'honest');

/** Honest people: flagged (held) when any of their applications is. */
interface PersonOutcome { origin: Origin; flagged: boolean; held: boolean }
const people = new Map<string, PersonOutcome>();
for (const r of honest) {
  const p = people.get(r.item.person) ?? { origin: r.item.origin, flagged: false, held: false };
  p.flagged ||= flagged(r);
  p.held ||= r.result.band === 'hold';
  people.set(r.item.person, p);
}
const persons = [...people.values()];
const rate = (xs: readonly PersonOutcome[], f: (p: PersonOutcome) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);
const flagRate = rate(persons, (p) => p.flagged);
const holdRate = rate(persons, (p) => p.held);

/** ROC AUC as the Mann-Whitney statistic (ties count half). */
function auc(pos: readonly number[], neg: readonly number[]): number {
  const all = [...pos.map((v) => [v, 1] as const), ...neg.map((v) => [v, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSum += mid;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}
const rocAuc = auc(fraud.map((r) => r.result.logOdds), honest.map((r) => r.result.logOdds));

const recall = fraud.filter(flagged).length / fraud.length;
const fraudHeld = fraud.filter((r) => r.result.band === 'hold').length / fraud.length;
console.log(`labelled mix: ${rows.length} applications (seed ${seed}), generated in ${Math.round(generatedMs)} ms, screened with linkage in ${Math.round(screenMs)} ms`);
const ci = (k: number, n: number) => { const w = wilson(k, n); return `95 % CI ${pct(w.lo)}-${pct(w.hi)}`; };
console.log(`fraudulent applications: ${fraud.length}; flagged (review or hold) ${fraud.filter(flagged).length}: recall ${pct(recall)} (${ci(fraud.filter(flagged).length, fraud.length)}); held ${pct(fraudHeld)}`);
console.log(`honest: ${honest.length} applications from ${persons.length} people; people flagged ${persons.filter((p) => p.flagged).length} (${pct(flagRate)}, ${ci(persons.filter((p) => p.flagged).length, persons.length)}), held ${persons.filter((p) => p.held).length} (${pct(holdRate)}, ${ci(persons.filter((p) => p.held).length, persons.length)})`);
console.log(`honest applications flagged ${pct(honest.filter(flagged).length / honest.length)}, held ${pct(honest.filter((r) => r.result.band === 'hold').length / honest.length)}`);
console.log(`ROC AUC (log-odds, fraudulent vs honest applications): ${rocAuc.toFixed(4)}`);

/** 1.25x the overall rate: the goal's ceiling for a group. */
const CEILING = 1.25;
/** Twelve groups tested at once: a group's excess is shown when its p-value is under 0.05 / 12 (Bonferroni). */
const ALPHA = 0.05 / ORIGINS.length;
interface GroupRates {
  people: number; flagged: number; held: number; flagRate: number; holdRate: number; flagRatio: number | null; holdRatio: number | null;
  /** 95 % Wilson interval of the flag rate, and as ratios to the overall rate. */
  flagCi: [number, number]; flagRatioCi: [number, number] | null;
  /** P(this many flagged or more | the group's true rate were 1.25x the overall): small means a real excess. */
  flagP: number; holdP: number;
}
const groups: Record<string, GroupRates> = {};
console.log(`\nhonest people by name-origin group (ratio = group rate / overall rate; 95 % Wilson interval; p = chance of this count or more at ${CEILING}x the overall rate, * under ${ALPHA.toFixed(4)}):`);
console.log(`  ${'group'.padEnd(22)} ${'people'.padStart(6)} ${'flagged'.padStart(8)} ${'rate'.padStart(8)} ${'ratio'.padStart(6)} ${'ratio 95 % CI'.padStart(13)} ${'p'.padStart(7)} ${'held'.padStart(5)} ${'rate'.padStart(8)} ${'ratio'.padStart(6)} ${'p'.padStart(7)}`);
for (const origin of ORIGINS) {
  const xs = persons.filter((p) => p.origin === origin);
  const f = xs.filter((p) => p.flagged).length;
  const h = xs.filter((p) => p.held).length;
  const fr = xs.length ? f / xs.length : 0;
  const hr = xs.length ? h / xs.length : 0;
  const flagRatio = flagRate > 0 ? fr / flagRate : null;
  const holdRatio = holdRate > 0 ? hr / holdRate : null;
  const ci = wilson(f, xs.length);
  const flagRatioCi: [number, number] | null = flagRate > 0 ? [ci.lo / flagRate, ci.hi / flagRate] : null;
  const flagP = binomialUpperTail(f, xs.length, Math.min(1, CEILING * flagRate));
  const holdP = binomialUpperTail(h, xs.length, Math.min(1, CEILING * holdRate));
  groups[origin] = { people: xs.length, flagged: f, held: h, flagRate: fr, holdRate: hr, flagRatio, holdRatio, flagCi: [ci.lo, ci.hi], flagRatioCi, flagP, holdP };
  const p = (x: number) => `${x < 0.001 ? x.toExponential(0) : x.toFixed(3)}${x < ALPHA ? '*' : ' '}`;
  const ratioCi = flagRatioCi ? `${flagRatioCi[0].toFixed(2)}-${flagRatioCi[1].toFixed(2)}` : '-';
  console.log(`  ${origin.padEnd(22)} ${String(xs.length).padStart(6)} ${String(f).padStart(8)} ${pct(fr).padStart(8)} ${(flagRatio ?? 0).toFixed(2).padStart(6)} ${ratioCi.padStart(13)} ${p(flagP).padStart(7)} ${String(h).padStart(5)} ${pct(hr).padStart(8)} ${(holdRatio ?? 0).toFixed(2).padStart(6)} ${p(holdP).padStart(7)}`);
}

const tally = (xs: Iterable<string>): [string, number][] => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};
const honestFlagged = honest.filter(flagged);
const bySignal = tally(honestFlagged.flatMap((r) => r.result.signals.map((s) => s.id)));
const bySet = tally(honestFlagged.map((r) => `${r.result.band}: ${r.result.signals.map((s) => s.id).sort().join(' + ')}`));
console.log(`\nsignals on the ${honestFlagged.length} flagged honest applications:`);
for (const [id, n] of bySignal) console.log(`  ${String(n).padStart(4)}  ${id}`);
console.log('as sets (band: signals):');
for (const [set, n] of bySet.slice(0, 25)) console.log(`  ${String(n).padStart(4)}  ${set}`);
const reasons = tally(rows.filter((r) => r.result.bandReason).map((r) => `${r.item.label} ${r.result.band}: ${r.result.bandReason!.split(':')[0]}`));
if (reasons.length) {
  console.log('band rules (the first word of bandReason):');
  for (const [reason, n] of reasons) console.log(`  ${String(n).padStart(4)}  ${reason}`);
}
const heldHonest = honest.filter((r) => r.result.band === 'hold');
if (heldHonest.length) {
  console.log('honest applications held:');
  for (const r of heldHonest.slice(0, 20)) console.log(`  ${r.result.id} (${r.item.origin}, ${r.item.traits.join(', ') || 'no planted noise'}): ${r.result.signals.map((s) => `${s.id} ${s.weight}`).join(', ')}`);
}
const missed = fraud.filter((r) => !flagged(r));
console.log(`\nfraudulent applications left clear: ${missed.length}`);
for (const r of missed.slice(0, 15)) console.log(`  ${r.result.id}${r.item.ring ? ` (${r.item.ring})` : ' (alone)'} score ${r.result.score}: planted ${r.item.traits.join(', ')}; raised ${r.result.signals.map((s) => s.id).join(', ') || 'nothing'}`);

// Calibration: the score reads as a probability (the prior is about 1 in 20); the share of fraud per score range shows how far it holds on this mix.
const BINS = [[0, 9], [10, 14], [15, 29], [30, 59], [60, 89], [90, 100]] as const;
const calibration = BINS.map(([lo, hi]) => {
  const inBin = rows.filter((r) => r.result.score >= lo && r.result.score <= hi);
  const fraudShare = inBin.length ? inBin.filter((r) => r.item.label === 'fraud').length / inBin.length : 0;
  const meanScore = inBin.length ? inBin.reduce((sum, r) => sum + r.result.score, 0) / inBin.length / 100 : 0;
  return { scores: `${lo}-${hi}`, applications: inBin.length, fraudShare, meanScore };
});
console.log('\ncalibration (score range: applications, share fraudulent, mean score as a probability):');
for (const c of calibration) console.log(`  ${c.scores.padEnd(7)} ${String(c.applications).padStart(6)}  ${pct(c.fraudShare).padStart(8)}  ${pct(c.meanScore).padStart(8)}`);

const saved = flag('--save');
if (saved) writeFileSync(saved, rows.map((r) => JSON.stringify({ ...r.item.record, _label: r.item.label, _origin: r.item.origin, _traits: r.item.traits, _ring: r.item.ring, _band: r.result.band, _score: r.result.score })).join('\n') + '\n');

const maxRatio = (k: 'flagRatio' | 'holdRatio') => Math.max(0, ...Object.values(groups).map((g) => g[k] ?? 0));
/** Groups whose excess over 1.25x the overall rate is beyond sampling noise (p under ALPHA). */
const shown = (k: 'flagP' | 'holdP') => Object.entries(groups).filter(([, g]) => g[k] < ALPHA).map(([o]) => o);
const goals = {
  recallAtLeast95: recall >= 0.95,
  honestFlaggedAtMost1: flagRate <= 0.01,
  honestHeldAtMost0_1: holdRate <= 0.001,
  // The point estimates, as the goal is written; with a handful flagged per group they swing with the seed.
  groupFlagRatioAtMost1_25: maxRatio('flagRatio') <= CEILING,
  groupHoldRatioAtMost1_25: holdRate === 0 || maxRatio('holdRatio') <= CEILING,
  // No group's count significantly above 1.25x the overall rate (exact binomial test, Bonferroni over the groups).
  noGroupFlagExcessShown: shown('flagP').length === 0,
  noGroupHoldExcessShown: shown('holdP').length === 0,
};
console.log(`\ngoals: ${Object.entries(goals).map(([k, v]) => `${k} ${v ? 'met' : 'NOT met'}`).join('; ')}`);
if (!goals.groupFlagRatioAtMost1_25 && goals.noGroupFlagExcessShown) console.log(`  (a group's flag ratio is above ${CEILING}, but no group's count is beyond sampling noise at this size: see p above)`);
console.log(JSON.stringify({
  bench: 'detection', count: rows.length, seed, fraud: fraud.length, recall, fraudHeld, honestApplications: honest.length, honestPeople: persons.length,
  honestFlagRate: flagRate, honestHoldRate: holdRate, rocAuc, groups, groupExcessShown: { flag: shown('flagP'), hold: shown('holdP'), alpha: ALPHA, ceiling: CEILING },
  recallCi: wilson(fraud.filter(flagged).length, fraud.length), honestFlagRateCi: wilson(persons.filter((p) => p.flagged).length, persons.length),
  seconds: { generate: generatedMs / 1000, screen: screenMs / 1000 }, honestFlaggedSignals: Object.fromEntries(bySignal), calibration, goals,
}));
