import type { MatchConfig } from './config.js';
import { countryCode } from './country-codes.js';
import type { EntryKind, MatchFeature, MatchQuery, QueryKind } from './types.js';

/**
 * What a query says besides the name (year of birth, country, kind of
 * party), compared with what the list says. Disagreement multiplies the
 * score by a factor below 1; agreement closes part of the gap to 1. Missing
 * data on either side changes nothing: absence of data is not evidence.
 */
export interface QueryAttributes {
  readonly kind: QueryKind | null;
  readonly dobYear: number | null;
  readonly country: string | null;
}

export interface AttributeEffect {
  readonly feature: MatchFeature;
  /** Applied in order: multiply by `factor`, then add `bonus` x (1 - score). */
  readonly factor: number;
  readonly bonus: number;
  readonly text: string;
}

export interface ListedAttributes {
  readonly kind: EntryKind;
  readonly dobYears: readonly number[];
  readonly countries: readonly string[];
}

const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/u;

export function queryAttributes(query: MatchQuery): QueryAttributes {
  const year = query.dob ? YEAR.exec(query.dob)?.[1] : undefined;
  return {
    kind: query.kind ?? null,
    dobYear: year ? Number(year) : null,
    country: query.country ? countryCode(query.country) : null,
  };
}

function yearsText(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  return sorted.length > 3 ? `${sorted[0]}-${sorted[sorted.length - 1]}` : sorted.join('/');
}

export function attributeEffects(query: QueryAttributes, listed: ListedAttributes, config: MatchConfig): AttributeEffect[] {
  const effects: AttributeEffect[] = [];
  if (query.kind) {
    const otherKind = listed.kind === 'vessel' || listed.kind === 'aircraft';
    const mismatch = otherKind || listed.kind !== query.kind;
    if (mismatch) {
      const factor = otherKind ? config.vesselForPersonFactor : config.kindMismatchFactor;
      effects.push({
        feature: { token: query.kind, candidate: listed.kind, how: 'kind', score: factor },
        factor,
        bonus: 0,
        text: `${query.kind} queried, ${listed.kind} listed (x${factor.toFixed(2)})`,
      });
    }
  }
  if (query.dobYear !== null && listed.dobYears.length > 0) {
    const agrees = listed.dobYears.some((y: number) => Math.abs(y - query.dobYear!) <= config.dobToleranceYears);
    const listedText = yearsText(listed.dobYears);
    effects.push(
      agrees
        ? {
            feature: { token: String(query.dobYear), candidate: listedText, how: 'dob', score: 1 },
            factor: 1,
            bonus: config.dobAgreementBonus,
            text: `born ${query.dobYear}, listed ${listedText}: agrees`,
          }
        : {
            feature: { token: String(query.dobYear), candidate: listedText, how: 'dob', score: config.dobMismatchFactor },
            factor: config.dobMismatchFactor,
            bonus: 0,
            text: `born ${query.dobYear}, listed ${listedText}: disagrees (x${config.dobMismatchFactor.toFixed(2)})`,
          },
    );
  }
  if (query.country !== null && listed.countries.length > 0) {
    const agrees = listed.countries.includes(query.country);
    const listedText = listed.countries.join('/');
    effects.push({
      feature: { token: query.country, candidate: listedText, how: 'country', score: agrees ? 1 : config.countryMismatchFactor },
      factor: agrees ? 1 : config.countryMismatchFactor,
      bonus: agrees ? config.countryAgreementBonus : 0,
      text: agrees
        ? `country ${query.country}, listed ${listedText}: agrees`
        : `country ${query.country}, listed ${listedText}: disagrees (x${config.countryMismatchFactor.toFixed(2)})`,
    });
  }
  return effects;
}

export function applyEffects(score: number, effects: readonly AttributeEffect[]): number {
  let s = score;
  for (const e of effects) if (e.factor !== 1) s *= e.factor;
  for (const e of effects) if (e.bonus > 0) s += e.bonus * (1 - s);
  return s;
}

/**
 * The score after attributes, as applyEffects(score, attributeEffects(...))
 * computes it (same factors and bonuses, same order), without building the
 * effects' texts: for candidates that may still be discarded. `listed`
 * needs its years and countries only when the query gives a year or a country.
 */
export function scoreWithAttributes(score: number, query: QueryAttributes, listed: Pick<ListedAttributes, 'kind'> & Partial<ListedAttributes>, config: MatchConfig): number {
  let s = score;
  if (query.kind) {
    const otherKind = listed.kind === 'vessel' || listed.kind === 'aircraft';
    if (otherKind || listed.kind !== query.kind) {
      const factor = otherKind ? config.vesselForPersonFactor : config.kindMismatchFactor;
      if (factor !== 1) s *= factor;
    }
  }
  let dobBonus = 0;
  if (query.dobYear !== null && listed.dobYears && listed.dobYears.length > 0) {
    const year = query.dobYear;
    const agrees = listed.dobYears.some((y: number) => Math.abs(y - year) <= config.dobToleranceYears);
    if (agrees) dobBonus = config.dobAgreementBonus;
    else if (config.dobMismatchFactor !== 1) s *= config.dobMismatchFactor;
  }
  let countryBonus = 0;
  if (query.country !== null && listed.countries && listed.countries.length > 0) {
    if (listed.countries.includes(query.country)) countryBonus = config.countryAgreementBonus;
    else if (config.countryMismatchFactor !== 1) s *= config.countryMismatchFactor;
  }
  if (dobBonus > 0) s += dobBonus * (1 - s);
  if (countryBonus > 0) s += countryBonus * (1 - s);
  return s;
}
