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
 * on people for the names they carry. So:
 * - a person match that rests only on very common names (of any origin:
 *   "Zhang Wei", "Maria Garcia", "Kim Min-jun") counts for less and says so:
 *   a reviewer clears it by date of birth or address, as OFAC advises;
 * - the claimed country of residence is passed to the matcher, where a
 *   disagreement only ever lowers a match;
 * - an employer, school or organisation matched against the broad SDN list
 *   (every program: shipping lines, banks, ...) must match exactly, name for
 *   name, and in the same country when the application says where it is;
 *   the curated high-risk institutions list keeps the matcher's own
 *   tolerance for spelling variants.
 */
const COMMON_NAME_STRENGTH = 0.35;
const LENIENT_HOWS = new Set(['typo', 'skeleton', 'nickname', 'initial']);
const PAIR_HOWS = new Set(['exact', 'romanisation', 'skeleton', 'nickname', 'typo', 'initial', 'joined']);
function describe(entry: WatchEntry | undefined, match: NameMatch): string {
  const listed = entry ? ` (${entry.source})` : '';
  return `'${match.name}', ${match.entry} on ${match.list}, score ${match.score.toFixed(2)}: ${match.explanation}${listed}`;
}

function searchCached(watch: WatchlistContext, name: string, kind: QueryKind, country: string | undefined): NameMatch | undefined {
  const key = `${kind}\u0000${country ?? ''}\u0000${name}`;
  if (watch.cache.has(key)) return watch.cache.get(key) ?? undefined;
  const found = watch.index.search({ name, kind, ...(country ? { country } : {}) }, { limit: 1 })[0];
  if (watch.cache.size >= watch.cacheLimit) watch.cache.clear();
  watch.cache.set(key, found ?? null);
  return found;
}

/** Every matched query token is a very common name, an initial or a particle. */
function commonNamesOnly(match: NameMatch): boolean {
  const matched = match.features.filter((f) => PAIR_HOWS.has(f.how));
  return matched.length > 0 && matched.every((f) => f.token.split(' ').every((t) => tokenClass(t, 'person') !== 'normal'));
}

/** Name for name: no spelling tolerance, and no ordinary listed word left unmatched. */
function exactOrganisation(match: NameMatch): boolean {
  return match.features.every(
    (f) => !LENIENT_HOWS.has(f.how) && !(f.how === 'unmatched' && f.candidate && tokenClass(f.candidate, 'organization') === 'normal'),
  );
}

/** "Tempe, AZ" -> US; "São Paulo, Brazil" -> BR; "Remote" -> undefined. */
export function placeCountry(location: string | undefined): string | undefined {
  const last = location?.split(',').pop()?.trim();
  if (!last) return undefined;
  if (regionCode('US', last)) return 'US';
  return countryCode(last) ?? undefined;
}

function nameSignal(watch: WatchlistContext, id: SignalId, name: string | undefined, kind: QueryKind, role: string, country?: string): RawSignal[] {
  if (!name || !name.trim()) return [];
  const match = searchCached(watch, name, kind, country);
  if (!match) return [];
  const entry = watch.entries.get(match.entry);
  // Person names only match listed persons; organisation names only organisations.
  if (entry && entry.kind !== kind) return [];
  if (kind === 'organization' && match.list === 'ofac-sdn') {
    if (!exactOrganisation(match)) return [];
    if (country && entry && entry.countries.length > 0 && !entry.countries.includes(country)) return [];
  }
  const evidence = `${role} '${name}' matches ${describe(entry, match)}`;
  if (kind === 'person' && commonNamesOnly(match)) {
    return [{ id, evidence: `${evidence}; a name-only match on common names: clear it by date of birth or address`, strength: match.score * COMMON_NAME_STRENGTH }];
  }
  return [{ id, evidence, strength: match.score }];
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
    const home = record.applicant.addressCountry;
    out.push(...nameSignal(watch, 'watchlist.sanctioned_person', record.applicant.name.raw, 'person', 'applicant name', home));
    record.references.forEach((ref, i) => {
      out.push(...nameSignal(watch, 'watchlist.reference_sanctioned', ref.name?.raw, 'person', `reference ${i + 1}`));
      out.push(...nameSignal(watch, 'watchlist.reference_org_high_risk', ref.organization, 'organization', `reference ${i + 1}'s organisation`));
    });
    for (const job of record.employment) {
      out.push(...nameSignal(watch, 'watchlist.high_risk_employer', job.employer, 'organization', 'employer', placeCountry(job.location)));
    }
    for (const school of record.education) out.push(...nameSignal(watch, 'watchlist.high_risk_school', school.institution, 'organization', 'school'));

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

    const address = record.applicant.address;
    if (address && watch.addresses) {
      for (const hit of watch.addresses(address)) out.push({ id: 'watchlist.listed_address', evidence: `home address '${hit.query}' is the listed address '${hit.listed}' of ${hit.entry} (${hit.source})` });
    }
    return out;
  },
};
