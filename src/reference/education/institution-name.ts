import { foldText } from '../../normalise/text.js';
import { US_STATES, US_TERRITORIES } from '../geo/regions.js';

/**
 * Institution names reduced to a comparable key, and the campus structure of
 * a name. Pure and total: any string in, a string out; `institutionKey` is
 * idempotent (a key is its own key), which the property tests check.
 *
 * What the key makes equal: case, diacritics, punctuation, "&"/"and",
 * "St."/"Saint" (and "St." = "State" after a name: "Ohio St. University"),
 * "Univ."/"University", "Mt."/"Mount", a leading "The", and the campus
 * separators " - ", "-", ", ", " at ", " in " (so "University of California,
 * Irvine" = "University of California-Irvine" and "University of Texas, Austin"
 * = "The University of Texas at Austin"). Initials are joined ("U.C.L.A." =
 * "UCLA"). What it keeps apart: word order ("University of Washington" is not
 * "Washington University") and every other word.
 */

/** Words that make a name an institution's name (English forms only, on purpose). */
export const INSTITUTION_WORDS: ReadonlySet<string> = new Set([
  'university', 'college', 'institute', 'school', 'academy', 'polytechnic', 'seminary', 'conservatory',
]);

const WORD_EXPANSIONS: Readonly<Record<string, string>> = {
  univ: 'university', univeristy: 'university', universty: 'university', uni: 'university',
  coll: 'college', inst: 'institute', intl: 'international', natl: 'national',
  mt: 'mount', ft: 'fort', ste: 'sainte', ctr: 'center', centre: 'center',
  sch: 'school', acad: 'academy', polytech: 'polytechnic',
  cc: 'community college',
};

/** Dropped from keys: articles and the campus prepositions. */
const DROPPED: ReadonlySet<string> = new Set(['the', 'at', 'in']);

const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

function joinInitials(tokens: readonly string[]): string[] {
  // Join runs of single letters: "u c l a" -> "ucla", "m i t" -> "mit" (not from "a": "Texas A M").
  const joined: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (tokens[i]!.length === 1 && tokens[i] !== 'a' && tokens[i + 1]?.length === 1) {
      let run = '';
      while (i < tokens.length && tokens[i]!.length === 1) run += tokens[i++];
      joined.push(run);
    } else {
      joined.push(tokens[i++]!);
    }
  }
  return joined;
}

function expandOnce(tokens: readonly string[]): string[] {
  const kept = joinInitials(tokens.filter((t) => !DROPPED.has(t))).filter((t) => !DROPPED.has(t));
  const out: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    const t = kept[i]!;
    const next = kept[i + 1];
    if (t === 'u' && next === 'of') { out.push('university'); continue; }
    if (t === 'st') {
      // "St. Cloud", "University of St Thomas": Saint; "Ohio St. University", "Penn St": State.
      const afterName = out.length > 0 && out[out.length - 1] !== 'of' && out[out.length - 1] !== 'and';
      const beforeKind = next === undefined || next === 'university' || next === 'univ' || next === 'college' || next === 'coll';
      out.push(afterName && beforeKind ? 'state' : 'saint');
      continue;
    }
    const expanded = WORD_EXPANSIONS[t];
    if (expanded) out.push(...expanded.split(' '));
    else out.push(t);
  }
  return out;
}

/** True when a pass of expandOnce could change these tokens. */
function needsExpansion(tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'st' || DROPPED.has(t) || WORD_EXPANSIONS[t] !== undefined) return true;
    if (t.length === 1 && ((t !== 'a' && tokens[i + 1]?.length === 1) || (t === 'u' && tokens[i + 1] === 'of'))) return true;
  }
  return false;
}

/** Expand until nothing changes (one or two passes in practice), so that a key is its own key. */
function expandTokens(tokens: string[]): string[] {
  let current = tokens;
  for (let pass = 0; pass < 6 && needsExpansion(current); pass++) current = expandOnce(current);
  return current;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const NON_WORD_ASCII = /[^a-z0-9]+/;

/** The tokens of a name's key. */
export function institutionTokens(name: string): string[] {
  const folded = foldText(name).replace(APOSTROPHES, '').replace(/&|\+/g, ' and ');
  const tokens = folded.split(PLAIN_ASCII.test(folded) ? NON_WORD_ASCII : NON_WORD).filter(Boolean);
  return expandTokens(tokens);
}

/** The comparable key of an institution's name ("" when nothing is left). */
export function institutionKey(name: string): string {
  return institutionTokens(name).join(' ');
}

/** True when the key has a word that names an institution ("university", "college"...). */
export function hasInstitutionWord(key: string): boolean {
  return key.split(' ').some((t) => INSTITUTION_WORDS.has(t));
}

/** Campus separators as institution names write them, in the raw (unfolded) name. */
const CAMPUS_SEPARATOR = /\s+[-\u2013\u2014]\s+|(?<=\S)[-\u2013\u2014](?=\S)|,\s*|\s+at\s+|\s+in\s+|\s+@\s+/giu;

/**
 * Every way to read a name as "base, campus": one split per separator, the
 * base being the text before it. Only bases that still name an institution are
 * kept ("Winston-Salem State University" has none; "Indiana University-Purdue
 * University-Indianapolis" has two). Keys, longest base first.
 */
export function campusSplits(name: string): { base: string; campus: string }[] {
  const out: { base: string; campus: string }[] = [];
  for (const m of name.matchAll(CAMPUS_SEPARATOR)) {
    const at = m.index ?? 0;
    const base = institutionKey(name.slice(0, at));
    const campus = institutionKey(name.slice(at + m[0].length));
    if (base && campus && hasInstitutionWord(base)) out.push({ base, campus });
  }
  return out.reverse();
}

/** Trailing words that name the main campus of an institution listed per campus. */
const MAIN_CAMPUS_SUFFIXES = ['main campus', 'campus immersion'];
/** Trailing words that name another mode of the same institution. */
const OTHER_CAMPUS_SUFFIXES = ['digital immersion', 'global campus', 'online', 'campus'];

/** A listed name without its "main campus" words, or undefined when it has none. */
export function mainCampusStem(key: string): string | undefined {
  for (const s of MAIN_CAMPUS_SUFFIXES) if (key.endsWith(` ${s}`)) return key.slice(0, -s.length - 1);
  return undefined;
}

/** A listed name without its other campus-mode words ("University of Washington-Seattle Campus" -> "... seattle"). */
export function otherCampusStem(key: string): string | undefined {
  for (const s of OTHER_CAMPUS_SUFFIXES) if (key.endsWith(` ${s}`)) return key.slice(0, -s.length - 1);
  return undefined;
}

/**
 * Abbreviation patterns of U.S. institution names, tried when a name's key
 * is not listed as it is. Each returns candidate keys to look up.
 */
export function abbreviationCandidates(key: string): string[] {
  const t = key.split(' ');
  const rest = t.slice(1).join(' ');
  const out: string[] = [];
  const first = t[0];
  if (!first) return out;
  if (rest) {
    if (first === 'ut') out.push(`university of texas ${rest}`);
    if (first === 'uc') out.push(`university of california ${rest}`);
    if (first === 'unc') out.push(`university of north carolina ${rest}`);
    if (first === 'umass') out.push(`university of massachusetts ${rest}`);
    if (first === 'csu' || (first === 'cal' && t[1] === 'state')) {
      const campus = first === 'csu' ? rest : t.slice(2).join(' ');
      if (campus) out.push(`california state university ${campus}`);
    }
    if (first === 'penn' && t[1] === 'state') {
      const campus = t.slice(2).join(' ');
      out.push(campus ? `pennsylvania state university penn state ${campus}` : 'pennsylvania state university');
    }
    if (first === 'suny' || first === 'cuny') {
      out.push(`${first} ${rest}`, `${first} college ${rest}`, `${first} ${rest} college`, `university ${rest}`, `${rest} university`, `${rest} college ${first}`);
    }
  }
  const joinedState = key.match(/^state university of new york (.+)$/);
  if (joinedState) out.push(`suny ${joinedState[1]}`, `university ${joinedState[1]}`, `${joinedState[1]} university`);
  // "Ohio State", "Texas Tech", "Georgia Southern": the listed name adds "University".
  if (!hasInstitutionWord(key)) out.push(`${key} university`, `${key} college`);
  return out.filter((c) => c !== key);
}

/** U.S. states whose names are also places elsewhere ("Georgia") or are written in Spanish ("Puerto Rico"): not U.S. markers. */
const AMBIGUOUS_STATES: ReadonlySet<string> = new Set(['georgia']);


const STATE_KEYS: readonly [string, string][] = Object.entries(US_STATES)
  .filter(([code]) => !US_TERRITORIES.has(code))
  .map(([, name]) => name)
  .map((s) => [institutionKey(s), s] as [string, string])
  .filter(([k]) => !AMBIGUOUS_STATES.has(k))
  // Longest first: "west virginia" before "virginia".
  .sort((a, b) => b[0].length - a[0].length);

const SYSTEM_PREFIXES: Readonly<Record<string, string>> = { suny: 'SUNY', cuny: 'CUNY', 'cal state': 'Cal State' };

/**
 * Why a claimed name clearly names a U.S. institution, or undefined when it
 * does not. Conservative on purpose: the name must be written in English the
 * way U.S. institution names are (an institution word such as "University" or
 * "College") and name a U.S. state ("University of Nevada, Tahoe", "Northern
 * Ohio Technical College"), or begin with a U.S. system prefix (SUNY, CUNY,
 * Cal State). Cities are not used (Birmingham, Cambridge, Paris and London are
 * also elsewhere), nor "Georgia" (also a country), nor anything about the
 * applicant.
 */
export function usInstitutionMarker(name: string): string | undefined {
  const key = institutionKey(name);
  if (!key) return undefined;
  for (const [prefix, label] of Object.entries(SYSTEM_PREFIXES)) {
    if (key.startsWith(`${prefix} `)) return `begins with the U.S. system prefix '${label}'`;
  }
  if (!hasInstitutionWord(key)) return undefined;
  const padded = ` ${key} `;
  for (const [stateKey, state] of STATE_KEYS) {
    if (padded.includes(` ${stateKey} `)) return `names the U.S. state of ${state}`;
  }
  return undefined;
}
