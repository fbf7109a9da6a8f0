import type { EnrichedApplication } from '../normalise/application.js';
import type { AreaCode, GeoReference, HostingProvider, IpNetwork, ZipPlace } from '../reference/geo/geo-reference.js';
import { distanceKm, placeKey } from '../reference/geo/places.js';
import { countryName, US_TERRITORIES } from '../reference/geo/regions.js';
import { parseInstant } from '../reference/geo/time-zones.js';
import { claimedPlace, claimedZones, groupDigits, interviewsOf, labelOf, titleCase, type ClaimedPlace } from './claimed-place.js';
import { nightSignals, timeZoneSignals } from './geography-clock.js';
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
 * - timezone_mismatch 1.2 (x3.3): the browser's clock is more than three
 *   hours from the address's at that instant (DST included), beyond the
 *   zones of one continent; travel abroad explains some. Browsers reporting
 *   UTC (privacy modes) are ignored.
 * - timezone_mismatch_nearby 0.4 (x1.5), weak: a clock in a neighbouring
 *   zone, within three hours (New York against Los Angeles): a laptop still
 *   set to a previous home, or a trip, and common among honest people.
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
// ---------------------------------------------------------------- IPs seen

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
