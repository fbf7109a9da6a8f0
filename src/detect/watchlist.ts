import type { SignalId } from '../catalogue/signals.js';
import { countryCode } from '../match/country-codes.js';
import type { NameMatch, QueryKind, WatchEntry } from '../match/types.js';
import { tokenClass } from '../match/word-lists.js';
import { regionCode } from '../reference/geo/regions.js';
import type { WatchlistContext } from '../reference/watchlists.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The watchlist family: names, organisations, domains and addresses in the
 * application checked against the sanctions list and the high-risk
 * institutions list. Strong weights, so every signal names the list entry,
 * how the names matched, and the public source a reviewer can follow.
 *
 * Sanctions screening on names alone is noisy, and the noise must not fall
 * on people for the names they carry. So a person's name is adjudicated as
 * OFAC advises (FAQs 5 and 23): a name hit is a potential match until the
 * entry's other identifiers are compared with the application's.
 * - Agreement on a second identifier that tells people apart (the year of
 *   birth within a year, or a home address the list gives for that entry)
 *   with none disagreeing makes a corroborated match:
 *   watchlist.sanctioned_person, which holds. The country of the claimed
 *   address is compared (a different one disagrees) but its agreement alone
 *   corroborates nothing: every namesake of a listed person who lives in the
 *   listed country agrees on it (Rajesh Gupta in India, Lei Zhang in China:
 *   thousands of people each), and a listed person's countries follow the
 *   origin of the name, so a country-only "corroboration" would hold honest
 *   people for the name they carry and where they live. OFAC's FAQ 5 asks for
 *   identifiers that match the listed person, not only their country.
 * - Anything less is watchlist.sanctions_potential_match, a small weak weight
 *   that never flags anyone alone; its evidence names what the entry lists
 *   and what the application could be compared on. Each disagreeing
 *   identifier (a country the entry is not tied to, a year of birth more than
 *   a year off) halves it.
 * How common a name is plays no part: no name-frequency data covering names
 * of every origin ships with hirewatch or its packages, so every name-only
 * match is treated alike.
 * - A reference's name carries nothing to compare: always a potential match.
 * - An employer, school or organisation matched against the broad SDN list
 *   (every program: shipping lines, banks, ...) must match exactly, name for
 *   name with nothing but legal forms and particles left over, and in the
 *   same country when the application says where it is; the curated
 *   high-risk institutions list keeps the matcher's own tolerance for
 *   spelling variants.
 */
const LENIENT_HOWS = new Set(['typo', 'skeleton', 'nickname', 'initial']);
/** Candidates adjudicated per name: the list may hold several people of one name, one of them tied to the applicant's country. */
const CANDIDATES = 5;
/** Years of birth that still agree (OFAC lists circa years and ranges; clerical slips of a year are common). */
const BIRTH_YEAR_TOLERANCE = 1;
/** Factor on a potential match per disagreeing identifier. */
const DISAGREEMENT_FACTOR = 0.5;

function describe(entry: WatchEntry | undefined, match: NameMatch): string {
  const listed = entry ? ` (${entry.source})` : '';
  return `'${match.name}', ${match.entry} on ${match.list}, score ${match.score.toFixed(2)}: ${match.explanation}${listed}`;
}

/**
 * The best matches of a name, memoised in the run's cache (employers, schools and common names repeat):
 * candidate k is kept under the key and k, and an empty slot (null) ends the list.
 */
function searchCached(watch: WatchlistContext, name: string, kind: QueryKind, country: string | undefined): NameMatch[] {
  const key = `${kind}\u0000${country ?? ''}\u0000${name}\u0000`;
  if (watch.cache.has(`${key}0`)) {
    const found: NameMatch[] = [];
    for (let k = 0; ; k++) {
      const match = watch.cache.get(`${key}${k}`);
      if (!match) return found;
      found.push(match);
    }
  }
  const found = watch.index.search({ name, kind, ...(country ? { country } : {}) }, { limit: kind === 'person' ? CANDIDATES : 1 });
  if (watch.cache.size + found.length + 1 > watch.cacheLimit) watch.cache.clear();
  found.forEach((match, k) => watch.cache.set(`${key}${k}`, match));
  watch.cache.set(`${key}${found.length}`, null);
  return found;
}

/** Name for name: no spelling tolerance, and no listed word left unmatched but legal forms and particles. */
function exactOrganisation(match: NameMatch): boolean {
  return match.features.every((f) => {
    if (LENIENT_HOWS.has(f.how)) return false;
    if (f.how !== 'unmatched' || !f.candidate) return true;
    const cls = tokenClass(f.candidate, 'organization');
    return cls === 'legal' || cls === 'particle';
  });
}

/** "Tempe, AZ" -> US; "São Paulo, Brazil" -> BR; "Remote" -> undefined. */
export function placeCountry(location: string | undefined): string | undefined {
  const last = location?.split(',').pop()?.trim();
  if (!last) return undefined;
  if (regionCode('US', last)) return 'US';
  return countryCode(last) ?? undefined;
}

/** What the application gives to compare with a listed person. */
export interface ComparableIdentifiers {
  /** Year of birth, when the record gives one. */
  readonly birthYear?: number;
  /** ISO alpha-2 of the claimed home address. */
  readonly country?: string;
  /** Whether a home address was given, and the entries that list it as theirs. */
  readonly address?: { readonly listedFor: ReadonlySet<string> };
}

/** A listed person's entry compared with the application, identifier by identifier. */
export interface Adjudication {
  readonly corroborated: boolean;
  /** "year of birth 1976 (listed 1975-1977)", "country KP". */
  readonly agreements: readonly string[];
  readonly disagreements: readonly string[];
  /** What the list gives for the entry, in words. */
  readonly listed: string;
  /** What the application gives to compare, in words. */
  readonly compared: string;
}

function yearsText(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  return sorted.length > 3 ? `${sorted[0]}-${sorted[sorted.length - 1]}` : sorted.join('/');
}

/**
 * OFAC's adjudication of a name hit (FAQ 5, step 4): compare the entry's
 * other identifiers with the application's. Absent data on either side is
 * neither agreement nor disagreement. A listed address that is not the
 * applicant's is no disagreement (people move; lists keep old addresses).
 */
export function adjudicate(entry: Pick<WatchEntry, 'entry' | 'dobYears' | 'countries'>, applicant: ComparableIdentifiers): Adjudication {
  const agreements: string[] = [];
  const disagreements: string[] = [];
  const compared: string[] = [];
  if (applicant.birthYear !== undefined) {
    compared.push(`year of birth ${applicant.birthYear}`);
    if (entry.dobYears.length > 0) {
      const agrees = entry.dobYears.some((y) => Math.abs(y - applicant.birthYear!) <= BIRTH_YEAR_TOLERANCE);
      (agrees ? agreements : disagreements).push(`year of birth ${applicant.birthYear} (listed ${yearsText(entry.dobYears)})`);
    }
  } else compared.push('no date of birth');
  if (applicant.country !== undefined) {
    compared.push(`country ${applicant.country}`);
    if (entry.countries.length > 0) {
      const agrees = entry.countries.includes(applicant.country);
      (agrees ? agreements : disagreements).push(`country ${applicant.country} (listed ${entry.countries.join('/')})`);
    }
  } else compared.push('no country');
  if (applicant.address) {
    const listedHere = applicant.address.listedFor.has(entry.entry);
    compared.push(listedHere ? 'a home address the list gives for this entry' : 'a home address the list does not give for this entry');
    if (listedHere) agreements.push('the home address, listed for this entry');
  } else compared.push('no home address');
  const listed = [
    entry.dobYears.length > 0 ? `year of birth ${yearsText(entry.dobYears)}` : 'no date of birth',
    entry.countries.length > 0 ? `countries ${entry.countries.join('/')}` : 'no country',
  ].join(', ');
  // The country is compared, but its agreement alone tells no namesake apart (see the top of this file).
  const telling = agreements.filter((a) => !a.startsWith('country '));
  return { corroborated: telling.length > 0 && disagreements.length === 0, agreements, disagreements, listed, compared: compared.join(', ') };
}

/** The applicant's name against listed persons: the corroborated match if there is one, else the closest potential match. */
function applicantSignal(watch: WatchlistContext, name: string, identifiers: ComparableIdentifiers): RawSignal[] {
  if (!name.trim()) return [];
  const judged = searchCached(watch, name, 'person', identifiers.country)
    .map((match) => ({ match, entry: watch.entries.get(match.entry) }))
    .filter((m): m is { match: NameMatch; entry: WatchEntry } => m.entry !== undefined && m.entry.kind === 'person')
    .map((m) => ({ ...m, verdict: adjudicate(m.entry, identifiers) }));
  const chosen = judged.find((j) => j.verdict.corroborated) ?? judged[0];
  if (!chosen) return [];
  const { match, entry, verdict } = chosen;
  const matched = `applicant name '${name}' matches ${describe(entry, match)}`;
  if (verdict.corroborated) {
    return [{ id: 'watchlist.sanctioned_person', evidence: `${matched}; corroborated by ${verdict.agreements.join(' and ')}, nothing disagreeing (the list gives ${verdict.listed}; the application gives ${verdict.compared})`, strength: match.score }];
  }
  const against = verdict.disagreements.length > 0 ? `; disagreeing: ${verdict.disagreements.join(' and ')}` : '';
  return [
    {
      id: 'watchlist.sanctions_potential_match',
      evidence: `${matched}. A potential match to adjudicate, not a finding: no second identifier agrees${verdict.agreements.length > 0 ? ` but the ${verdict.agreements.join(' and ')}, which namesakes share` : ''}${against}. The list gives ${verdict.listed}; the application gives ${verdict.compared}. Compare the entry's date of birth and address with the applicant's documents`,
      strength: match.score * DISAGREEMENT_FACTOR ** verdict.disagreements.length,
    },
  ];
}

function referenceSignal(watch: WatchlistContext, name: string | undefined, role: string): RawSignal[] {
  if (!name || !name.trim()) return [];
  const match = searchCached(watch, name, 'person', undefined).find((m) => watch.entries.get(m.entry)?.kind === 'person');
  if (!match) return [];
  const entry = watch.entries.get(match.entry);
  const listed = entry ? adjudicate(entry, {}).listed : 'nothing else';
  return [{ id: 'watchlist.reference_sanctioned', evidence: `${role} '${name}' matches ${describe(entry, match)}; a potential match on a name alone: a reference carries nothing to compare with what the list gives (${listed})`, strength: match.score }];
}

function organisationSignal(watch: WatchlistContext, id: SignalId, name: string | undefined, role: string, country?: string): RawSignal[] {
  if (!name || !name.trim()) return [];
  const match = searchCached(watch, name, 'organization', country)[0];
  if (!match) return [];
  const entry = watch.entries.get(match.entry);
  // Organisation names only match organisations.
  if (entry && entry.kind !== 'organization') return [];
  if (match.list === 'ofac-sdn') {
    if (!exactOrganisation(match)) return [];
    if (country && entry && entry.countries.length > 0 && !entry.countries.includes(country)) return [];
  }
  return [{ id, evidence: `${role} '${name}' matches ${describe(entry, match)}`, strength: match.score }];
}

function hostOf(link: string): string | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export const watchlistDetector: Detector = {
  name: 'watchlist',
  family: 'watchlist',
  detect(record, context) {
    const watch = context.reference.watchlist;
    if (!watch) return [];
    const out: RawSignal[] = [];
    const home = record.applicant.address;
    const listedAddresses = home && watch.addresses ? watch.addresses(home) : [];
    const identifiers: ComparableIdentifiers = {
      ...(record.applicant.addressCountry ? { country: record.applicant.addressCountry } : {}),
      ...(home ? { address: { listedFor: new Set(listedAddresses.map((hit) => hit.entry)) } } : {}),
    };
    out.push(...applicantSignal(watch, record.applicant.name.raw, identifiers));
    record.references.forEach((ref, i) => {
      out.push(...referenceSignal(watch, ref.name?.raw, `reference ${i + 1}`));
      out.push(...organisationSignal(watch, 'watchlist.reference_org_high_risk', ref.organization, `reference ${i + 1}'s organisation`));
    });
    for (const job of record.employment) {
      out.push(...organisationSignal(watch, 'watchlist.high_risk_employer', job.employer, 'employer', placeCountry(job.location)));
    }
    for (const school of record.education) out.push(...organisationSignal(watch, 'watchlist.high_risk_school', school.institution, 'school'));

    const domains: [string, string][] = [
      ...record.applicant.emails.flatMap((e): [string, string][] => (e.domain ? [[e.domain, `mailbox '${e.raw}'`]] : [])),
      ...record.references.flatMap((r, i): [string, string][] => (r.email?.domain ? [[r.email.domain, `reference ${i + 1}'s mailbox '${r.email.raw}'`]] : [])),
      ...record.education.flatMap((e): [string, string][] => (e.email?.domain ? [[e.email.domain, `school mailbox '${e.email.raw}'`]] : [])),
      ...record.applicant.links.flatMap((l): [string, string][] => {
        const host = hostOf(l);
        return host ? [[host, `link '${l}'`]] : [];
      }),
    ];
    for (const [domain, where] of domains) {
      for (const entry of watch.index.lookupDomain(domain)) {
        out.push({ id: 'watchlist.listed_domain', evidence: `${where}: ${domain} is named for ${entry.entry} '${entry.names[0]}' on ${entry.list} (${entry.source})` });
      }
    }

    for (const hit of listedAddresses) {
      out.push({ id: 'watchlist.listed_address', evidence: `home address '${hit.query}' is the listed address '${hit.listed}' of ${hit.entry} (${hit.source})` });
    }
    return out;
  },
};
