import type { EnrichedApplication } from '../normalise/application.js';
import type { AreaCode, GeoReference, HostingProvider, IpNetwork, ZipPlace } from '../reference/geo/geo-reference.js';
import { distanceKm, placeKey } from '../reference/geo/places.js';
import { countryName, regionCode, US_TERRITORIES } from '../reference/geo/regions.js';
import { formatUtcOffset, isPlacelessZone, isTimeZone, localTimeAt, offsetMinutesAt, parseInstant, type Instant } from '../reference/geo/time-zones.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The geography family: where the applicant says they live against where
 * their connection, clock, phone and postal code put them. Every signal is an
 * inconsistency between two things the applicant claimed or did; a place is
 * never evidence by itself, so someone abroad whose IP, clock and phone agree
 * with their address raises nothing. When the reference data does not know
 * (an IP it cannot place, a ZIP it does not list), the detector is silent.
 *
 * Default weights (log-odds, src/catalogue/signals.ts) and why:
 * - ip_country_mismatch 1.5 (x4.5): a home connection in another country than
 *   the claimed address; honest causes (travel, a recent move) exist but are
 *   uncommon at the moment of applying. Not raised for hosting/VPN addresses,
 *   whose location is a data centre's.
 * - timezone_mismatch 1.2 (x3.3): the browser's clock disagrees with the
 *   address at that instant (DST included); travel and misconfigured clocks
 *   explain some. Browsers reporting UTC (privacy modes) are ignored.
 * - ip_hosting_or_vpn 1.0 (x2.7): the U.S.-ROK guidance names VPNs and VPSs as
 *   the workers' tools, but many honest people use a VPN; consumer relays
 *   (iCloud Private Relay, WARP) and corporate gateways are not listed at all.
 * - zip_place_mismatch 1.0 (x2.7) for another state, scaled to 0.6 for a
 *   city over 50 km away in the same state: typos and suburbs are common, a
 *   ZIP in another state much less so.
 * - night_activity 0.6 (x1.8): two or more activity times between midnight
 *   and 5 a.m. local; night owls exist, a single late submission is nothing.
 * - ip_region_mismatch 0.4 (x1.5): IP databases misplace a fair share of U.S.
 *   addresses by state (mobile carriers, corporate egress); only raised beyond
 *   300 km and twice the database's accuracy radius.
 * - area_code_region_mismatch 0.3 (x1.35): people keep their numbers when
 *   they move; alone it never moves a band.
 * The family cap (2.5) keeps a consistent foreign picture (IP, clock, phone)
 * from counting three times.
 */

/** How far apart an IP's location and a ZIP's centre must be (km) before a different state counts. */
export const REGION_MISMATCH_MIN_KM = 300;
/** A claimed city counts as the ZIP's when one of its ZIP codes is this close (km): suburbs and neighbourhoods. */
export const SAME_PLACE_KM = 50;
/** Local hours counted as night: from midnight to before 5 a.m. */
export const NIGHT_FROM_HOUR = 0;
export const NIGHT_TO_HOUR = 5;
/** Night-time activity counts only when at least this many activity times fall at night. */
export const NIGHT_MIN_COUNT = 2;

/** 1234.5 -> "1,235". */
function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "san antonio" -> "San Antonio" (the normaliser folds case; evidence reads better restored). */
function titleCase(text: string): string {
  return text.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Where the applicant says they live, resolved against the reference data. */
interface ClaimedPlace {
  /** ISO alpha-2 of the address (US when a U.S. ZIP and state are given without a country). */
  readonly country: string;
  /** State or province code (U.S. and Canadian addresses). */
  readonly region?: string;
  /** The region as written, folded ("karnataka"), for places outside the U.S. and Canada. */
  readonly regionText?: string;
  /** The city as written, folded ("austin"). */
  readonly city?: string;
  /** The ZIP code's row, when the address is a U.S. one with a ZIP the data lists. */
  readonly zip?: ZipPlace;
  /** The written ZIP (five digits) even when the data does not list it. */
  readonly zip5?: string;
}

function claimedPlace(record: EnrichedApplication, geo: GeoReference): ClaimedPlace | undefined {
  const address = record.applicant.address;
  if (!address) return undefined;
  let country = record.applicant.addressCountry;
  const zip5 = /^\d{5}$/.test(address.postalCode) ? address.postalCode : undefined;
  // A U.S. ZIP and state without a country is a U.S. address (many ATS exports drop the country).
  if (!country && zip5 && regionCode('US', address.region)) country = 'US';
  if (!country) return undefined;
  const region = regionCode(country, address.region);
  const zip = zip5 && country === 'US' ? geo.zip(zip5) : undefined;
  return {
    country,
    ...(region ? { region } : address.region ? { regionText: address.region } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(zip5 && country === 'US' ? { zip5 } : {}),
    ...(zip ? { zip } : {}),
  };
}

/** "Austin, TX 78704", "Seoul, Seoul (South Korea)": built only for evidence, when a signal fires. */
function labelOf(place: ClaimedPlace): string {
  const city = place.city ? titleCase(place.city) : undefined;
  const region = place.region ?? (place.regionText ? titleCase(place.regionText) : undefined);
  const parts = [city, [region, place.zip5].filter(Boolean).join(' ')].filter(Boolean);
  if (!parts.length) return countryName(place.country);
  return `${parts.join(', ')}${place.country === 'US' ? '' : ` (${countryName(place.country)})`}`;
}

/** The claimed place's zones, and where they come from, for the time checks. */
interface ClaimedZones {
  readonly zones: readonly string[];
  readonly basis: string;
}

function claimedZones(place: ClaimedPlace, geo: GeoReference): ClaimedZones | undefined {
  const zipZone = place.zip?.timeZone;
  const regionZones = place.region && (place.country === 'US' || place.country === 'CA') ? geo.timeZones(place.country, place.region) : [];
  const regionBasis = place.country === 'US' ? `the zones of ${place.region}'s ZIP codes` : `the zones of ${place.region}'s area codes`;
  if (zipZone && (!place.region || place.zip!.state === place.region || regionZones.length === 0)) {
    return { zones: [zipZone], basis: `ZIP ${place.zip!.zip} in ${geo.provenance.zips}` };
  }
  if (zipZone) {
    // The ZIP and the state disagree (a clue of its own): either may be the true one, so either zone is accepted.
    return { zones: [...new Set([zipZone, ...regionZones])], basis: `ZIP ${place.zip!.zip} in ${geo.provenance.zips}, or ${regionBasis}` };
  }
  if (regionZones.length) return { zones: regionZones, basis: regionBasis };
  const zones = geo.timeZones(place.country);
  return zones.length ? { zones, basis: `${countryName(place.country)}'s zones in the ${geo.provenance.timeZones}` } : undefined;
}

// ---------------------------------------------------------------- activity

interface ActivityInterview {
  readonly at?: string;
  readonly clientIp?: string;
}

/**
 * Interview times and client IPs, when the record carries them. The enriched
 * record does not (yet): this reads them only if a later normaliser adds
 * `interviews`, and is silent otherwise.
 */
function interviewsOf(record: EnrichedApplication): readonly ActivityInterview[] {
  const value = (record as EnrichedApplication & { readonly interviews?: unknown }).interviews;
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is ActivityInterview => typeof v === 'object' && v !== null);
}

interface SeenIp {
  readonly ip: string;
  /** "the application session", "interview 2" */
  readonly where: string;
}

function ipsOf(record: EnrichedApplication): SeenIp[] {
  const out: SeenIp[] = [];
  if (record.session?.ip) out.push({ ip: record.session.ip, where: 'the application session' });
  interviewsOf(record).forEach((iv, i) => {
    if (typeof iv.clientIp === 'string' && iv.clientIp.trim()) out.push({ ip: iv.clientIp.trim(), where: `interview ${i + 1}` });
  });
  return out;
}

// ---------------------------------------------------------------- IP checks

const KIND_WORDS: Record<HostingProvider['kind'], string> = {
  hosting: 'a hosting/cloud provider',
  vpn: 'a commercial VPN service',
  proxy: 'a proxy network',
};

function hostingEvidence(seen: SeenIp, net: IpNetwork, hosting: HostingProvider, geo: GeoReference): string {
  const brand = hosting.provider !== hosting.organisation ? ` (${hosting.provider})` : '';
  return `IP ${seen.ip} of ${seen.where} is in AS${net.asn} ${net.org}${brand}, ${KIND_WORDS[hosting.kind]} (${geo.provenance.hosting}; range ${net.range} from ${geo.provenance.asn})`;
}

/** Countries that are the same place for this check: a U.S. address in Puerto Rico and an IP in PR agree. */
function sameCountry(ipCountry: string, place: ClaimedPlace): boolean {
  if (ipCountry === place.country) return true;
  return place.country === 'US' && place.region !== undefined && US_TERRITORIES.has(place.region) && ipCountry === place.region;
}

function ipSignals(record: EnrichedApplication, place: ClaimedPlace | undefined, geo: GeoReference): RawSignal[] {
  const out: RawSignal[] = [];
  for (const seen of ipsOf(record)) {
    const net = geo.ipNetwork(seen.ip);
    if (net?.hosting) {
      out.push({ id: 'geography.ip_hosting_or_vpn', evidence: hostingEvidence(seen, net, net.hosting, geo) });
      // A data centre's location is not the applicant's: no location check on this address.
      continue;
    }
    if (!place) continue;
    const loc = geo.ipLocation(seen.ip);
    if (!loc) continue;
    // The database's subdivision codes read as state and province codes only in the U.S. and Canada.
    const region = loc.region && (loc.country === 'US' || loc.country === 'CA') ? loc.region : undefined;
    const where = [loc.city, region].filter(Boolean).join(', ');
    const accuracy = loc.radiusKm ? `, accuracy ${loc.radiusKm} km` : '';
    // Built only when a signal fires.
    const located = () => `IP ${seen.ip} of ${seen.where} is located in ${where ? `${where}, ` : ''}${countryName(loc.country)} (${geo.provenance.ipLocation}${accuracy})`;
    if (!sameCountry(loc.country, place)) {
      out.push({ id: 'geography.ip_country_mismatch', evidence: `${located()}, but the claimed address is ${labelOf(place)}` });
      continue;
    }
    // Same country, different state: only U.S. addresses with a located ZIP, far apart beyond the IP's accuracy.
    const zip = place.zip;
    if (place.country !== 'US' || !place.region || !loc.region || loc.region === place.region) continue;
    if (!zip || zip.lat === undefined || zip.lon === undefined || loc.lat === undefined || loc.lon === undefined) continue;
    const km = distanceKm(zip.lat, zip.lon, loc.lat, loc.lon);
    const needed = Math.max(REGION_MISMATCH_MIN_KM, 2 * (loc.radiusKm ?? 0));
    if (km < needed) continue;
    out.push({
      id: 'geography.ip_region_mismatch',
      evidence: `${located()}, ${groupDigits(km)} km from the claimed address ${labelOf(place)}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------- browser time zone

interface BrowserClock {
  readonly offset: number;
  /** "browser time zone Asia/Shanghai" or "browser clock offset". */
  readonly described: string;
}

function browserClock(record: EnrichedApplication, instantMs: number): BrowserClock | undefined {
  const session = record.session;
  if (!session) return undefined;
  const zone = session.timezone?.trim();
  if (zone && isTimeZone(zone) && !isPlacelessZone(zone)) {
    const offset = offsetMinutesAt(zone, instantMs);
    if (offset !== undefined) return { offset, described: `browser time zone ${zone} (${formatUtcOffset(offset)} then)` };
  }
  if (zone && isPlacelessZone(zone)) return undefined;
  const minutes = session.utcOffsetMinutes;
  // Offset 0 alone is what privacy modes report: it places nobody.
  if (typeof minutes === 'number' && Number.isInteger(minutes) && minutes !== 0 && minutes >= -720 && minutes <= 840) {
    return { offset: minutes, described: `browser clock offset ${formatUtcOffset(minutes)}` };
  }
  return undefined;
}

function timeZoneSignals(record: EnrichedApplication, instantMs: number, place: ClaimedPlace, zones: ClaimedZones, geo: GeoReference): RawSignal[] {
  const clock = browserClock(record, instantMs);
  if (!clock) return [];
  const offsets = new Map<number, string>();
  for (const z of zones.zones) {
    const o = offsetMinutesAt(z, instantMs);
    if (o !== undefined && !offsets.has(o)) offsets.set(o, z);
  }
  if (offsets.size === 0 || offsets.has(clock.offset)) return [];
  const expected = [...offsets].map(([o, z]) => `${z} ${formatUtcOffset(o)}`).join(' or ');
  const day = new Date(instantMs).toISOString().slice(0, 10);
  return [
    {
      id: 'geography.timezone_mismatch',
      evidence: `${clock.described} at submission on ${day}, but the claimed address ${labelOf(place)} keeps ${expected} (${zones.basis}; offsets from the ${geo.provenance.timeZones})`,
    },
  ];
}

// ---------------------------------------------------------------- night activity

function nightSignals(record: EnrichedApplication, submitted: Instant | undefined, place: ClaimedPlace, zones: ClaimedZones): RawSignal[] {
  const interviews = interviewsOf(record);
  // One activity time (the submission) can never be "repeated": nothing to do for most records.
  if (interviews.length === 0) return [];
  const times: { label: string; ms: number }[] = [];
  if (submitted?.exact) times.push({ label: 'application submitted', ms: submitted.ms });
  interviews.forEach((iv, i) => {
    const t = parseInstant(iv.at);
    if (t?.exact) times.push({ label: `interview ${i + 1}`, ms: t.ms });
  });
  if (times.length < NIGHT_MIN_COUNT) return [];
  const night: string[] = [];
  let zoneUsed: string | undefined;
  for (const t of times) {
    // Only when every zone of the claimed place gives the same wall-clock time is the local hour known.
    const offsets = new Set(zones.zones.map((z) => offsetMinutesAt(z, t.ms)));
    const zone = zones.zones[0];
    if (offsets.size !== 1 || offsets.has(undefined) || !zone) continue;
    const local = localTimeAt(zone, t.ms);
    const hour = local ? Number(local.slice(11, 13)) : NaN;
    if (hour >= NIGHT_FROM_HOUR && hour < NIGHT_TO_HOUR) {
      night.push(`${t.label} at ${local}`);
      zoneUsed = zone;
    }
  }
  if (night.length < NIGHT_MIN_COUNT) return [];
  return [
    {
      id: 'geography.night_activity',
      evidence: `${night.length} of ${times.length} activity times fall between ${String(NIGHT_FROM_HOUR).padStart(2, '0')}:00 and ${String(NIGHT_TO_HOUR).padStart(2, '0')}:00 at the claimed address ${labelOf(place)} (${zoneUsed} local time): ${night.join('; ')}`,
    },
  ];
}

// ---------------------------------------------------------------- phone area code

function areaCodeSignals(record: EnrichedApplication, place: ClaimedPlace, geo: GeoReference): RawSignal[] {
  if ((place.country !== 'US' && place.country !== 'CA') || !place.region) return [];
  const out: RawSignal[] = [];
  const seen = new Set<string>();
  for (const phone of record.applicant.phones) {
    if (phone.callingCode !== '1' || !phone.e164 || phone.e164.length !== 12) continue;
    const npa = phone.e164.slice(2, 5);
    if (seen.has(npa)) continue;
    seen.add(npa);
    const area: AreaCode | undefined = geo.areaCode(npa);
    if (!area || area.regions.length === 0 || area.regions.includes(place.region)) continue;
    const served = area.regions.join('/');
    out.push({
      id: 'geography.area_code_region_mismatch',
      evidence: `phone '${phone.raw}' has area code ${npa}, which serves ${served} (${area.country}; ${geo.provenance.areaCodes}: "${area.place}"), but the claimed address ${labelOf(place)} is in ${place.region}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------- ZIP code

/** The nearest of `candidates` to `zip`, in km (undefined when no coordinates). */
function nearestKm(zip: ZipPlace, candidates: readonly ZipPlace[]): number | undefined {
  if (zip.lat === undefined || zip.lon === undefined) return undefined;
  let best: number | undefined;
  for (const c of candidates) {
    if (c.zip === zip.zip) return 0;
    if (c.lat === undefined || c.lon === undefined) continue;
    const km = distanceKm(zip.lat, zip.lon, c.lat, c.lon);
    if (best === undefined || km < best) best = km;
  }
  return best;
}

function zipSignals(place: ClaimedPlace, geo: GeoReference): RawSignal[] {
  const zip = place.zip;
  if (!zip || place.country !== 'US') return [];
  const source = geo.provenance.zips.split(' + ')[0];
  const zipPlace = `ZIP ${zip.zip} is ${zip.city}, ${zip.state} (${source})`;
  const claimedCity = place.city;
  if (place.region && place.region !== zip.state) {
    // A border town: the claimed city in the claimed state lies right next to the ZIP.
    const near = claimedCity ? nearestKm(zip, geo.placeZips(claimedCity, place.region)) : undefined;
    if (near !== undefined && near <= SAME_PLACE_KM) return [];
    return [{ id: 'geography.zip_place_mismatch', evidence: `${zipPlace}, not in ${place.region} as claimed (${labelOf(place)})` }];
  }
  if (!claimedCity || placeKey(claimedCity) === placeKey(zip.city)) return [];
  const candidates = geo.placeZips(claimedCity, zip.state);
  // A city the data does not list in that state (a neighbourhood, an unincorporated place) is unknown.
  if (candidates.length === 0) return [];
  const km = nearestKm(zip, candidates);
  if (km === undefined || km <= SAME_PLACE_KM) return [];
  return [
    {
      id: 'geography.zip_place_mismatch',
      strength: 0.6,
      evidence: `${zipPlace}, not ${titleCase(claimedCity)}, ${zip.state} as claimed: the nearest ${titleCase(claimedCity)} ZIP is ${groupDigits(km)} km away`,
    },
  ];
}

// ---------------------------------------------------------------- detector

export const geographyDetector: Detector = {
  name: 'geography',
  family: 'geography',
  detect(record, context) {
    const geo = context.reference.geo;
    if (!geo) return [];
    const place = claimedPlace(record, geo);
    const out = ipSignals(record, place, geo);
    if (!place) return out;
    const zones = claimedZones(place, geo);
    const submitted = parseInstant(record.submittedAt);
    if (zones && submitted) out.push(...timeZoneSignals(record, submitted.ms, place, zones, geo));
    if (zones) out.push(...nightSignals(record, submitted, place, zones));
    out.push(...areaCodeSignals(record, place, geo), ...zipSignals(place, geo));
    return out;
  },
};
