/**
 * Honest people's flag and hold rates, overall and per name-origin group, for
 * bench/detection.ts: each group's impact ratio (its rate over the overall
 * rate), its 95 % Wilson interval, and an exact binomial test of its count
 * against 1.25x the overall rate, so that a reader can tell sampling noise
 * from a disparity. Printed as a table; returned for the JSON line.
 */
import { ORIGINS, type LabelledApplication, type Origin } from './generate-labelled.js';
import { binomialUpperTail, wilson } from './rates.js';

/** 1.25x the overall rate: the goal's ceiling for a group. */
export const CEILING = 1.25;
/** Twelve groups tested at once: a group's excess is shown when its p-value is under 0.05 / 12 (Bonferroni). */
export const ALPHA = 0.05 / ORIGINS.length;

export interface PersonOutcome { origin: Origin; flagged: boolean; held: boolean }

/** Honest people (a repeat applicant counted once): flagged (held) when any of their applications is. */
export function peopleOf(items: readonly LabelledApplication[], flagged: (i: LabelledApplication) => boolean, held: (i: LabelledApplication) => boolean): PersonOutcome[] {
  const people = new Map<string, PersonOutcome>();
  for (const item of items) {
    if (item.label !== 'honest') continue;
    const p = people.get(item.person) ?? { origin: item.origin, flagged: false, held: false };
    p.flagged ||= flagged(item);
    p.held ||= held(item);
    people.set(item.person, p);
  }
  return [...people.values()];
}

export interface GroupRates {
  people: number; flagged: number; held: number; flagRate: number; holdRate: number; flagRatio: number | null; holdRatio: number | null;
  /** 95 % Wilson interval of the flag rate, and as ratios to the overall rate. */
  flagCi: [number, number]; flagRatioCi: [number, number] | null;
  /** P(this many flagged or more | the group's true rate were 1.25x the overall): small means a real excess. */
  flagP: number; holdP: number;
}

export interface Fairness {
  readonly flagRate: number;
  readonly holdRate: number;
  readonly groups: Record<string, GroupRates>;
  readonly maxFlagRatio: number;
  readonly maxHoldRatio: number;
  /** Groups whose excess over 1.25x the overall rate is beyond sampling noise (p under ALPHA). */
  readonly shown: { readonly flag: string[]; readonly hold: string[] };
}

const rate = (xs: readonly PersonOutcome[], f: (p: PersonOutcome) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);

/** Rates per group, printed as a table under `title`. */
export function fairness(persons: readonly PersonOutcome[], title: string): Fairness {
  const flagRate = rate(persons, (p) => p.flagged);
  const holdRate = rate(persons, (p) => p.held);
  const groups: Record<string, GroupRates> = {};
  console.log(`\n${title} (ratio = group rate / overall rate; 95 % Wilson interval; p = chance of this count or more at ${CEILING}x the overall rate, * under ${ALPHA.toFixed(4)}):`);
  console.log(`  ${'group'.padEnd(22)} ${'people'.padStart(6)} ${'flagged'.padStart(8)} ${'rate'.padStart(8)} ${'ratio'.padStart(6)} ${'ratio 95 % CI'.padStart(13)} ${'p'.padStart(7)} ${'held'.padStart(5)} ${'rate'.padStart(8)} ${'ratio'.padStart(6)} ${'p'.padStart(7)}`);
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
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
  const max = (k: 'flagRatio' | 'holdRatio') => Math.max(0, ...Object.values(groups).map((g) => g[k] ?? 0));
  const shown = (k: 'flagP' | 'holdP') => Object.entries(groups).filter(([, g]) => g[k] < ALPHA).map(([o]) => o);
  return { flagRate, holdRate, groups, maxFlagRatio: max('flagRatio'), maxHoldRatio: max('holdRatio'), shown: { flag: shown('flagP'), hold: shown('holdP') } };
}
