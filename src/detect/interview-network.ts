import type { EnrichedApplication } from '../normalise/application.js';
import type { GeoReference, IpLocation } from '../reference/geo/geo-reference.js';
import { countryName, US_TERRITORIES } from '../reference/geo/regions.js';
import { claimedPlace, labelOf, type ClaimedPlace } from './claimed-place.js';
import type { RawSignal } from './types.js';

/**
 * interview.network_elsewhere: the candidate joined an interview from another
 * network and another country than the one the application was sent from, and
 * another country than the claimed home. The applicant who applied from home
 * and the person on the call are then in different places: a proxy
 * interviewer, or an operator who only borrowed a local connection to apply
 * (the 2022 State/Treasury/FBI guidance: logins from IP addresses in
 * different countries within a short time).
 *
 * Weight 0.8 (x2.2), basis network or clock: travel between applying and
 * interviewing is an honest cause, and the geography family already places
 * each interview IP against the claimed address (ip_country_mismatch); this
 * adds that the application itself came from somewhere else.
 *
 * Silent without an interview client IP, an application session IP, a
 * claimed address, or locations for both IPs in the reference data. Silent
 * for the same network (autonomous system), for any place in the country of
 * the session or of the home (a home ISP in the same city, a mobile carrier
 * in the same country, a colleague's office), and for hosting or VPN
 * addresses, whose location is a data centre's (geography.ip_hosting_or_vpn
 * reports those).
 */

/** Two countries that are one place here: a U.S. territory and the U.S. */
function sameCountry(a: string, b: string): boolean {
  return a === b || (a === 'US' && US_TERRITORIES.has(b)) || (b === 'US' && US_TERRITORIES.has(a));
}

function placeOf(loc: IpLocation): string {
  const region = loc.region && (loc.country === 'US' || loc.country === 'CA') ? loc.region : undefined;
  return [loc.city, region, countryName(loc.country)].filter(Boolean).join(', ');
}

export function interviewNetworkSignals(record: EnrichedApplication, geo: GeoReference | undefined): RawSignal[] {
  const sessionIp = record.session?.ip?.trim();
  if (!geo || !sessionIp || !record.interviews.some((iv) => iv.clientIp?.trim())) return [];
  const sessionNet = geo.ipNetwork(sessionIp);
  const sessionLoc = geo.ipLocation(sessionIp);
  if (!sessionLoc || sessionNet?.hosting) return [];
  const place: ClaimedPlace | undefined = claimedPlace(record, geo);
  if (!place) return [];
  const texts: string[] = [];
  record.interviews.forEach((iv, i) => {
    const ip = iv.clientIp?.trim();
    if (!ip || ip === sessionIp) return;
    const net = geo.ipNetwork(ip);
    if (net?.hosting || (net && sessionNet && net.asn === sessionNet.asn)) return;
    const loc = geo.ipLocation(ip);
    if (!loc || sameCountry(loc.country, sessionLoc.country) || sameCountry(loc.country, place.country)) return;
    const asn = (n: typeof net): string => (n ? ` (AS${n.asn} ${n.org})` : '');
    texts.push(`interview ${i + 1}${iv.at ? ` on ${iv.at.slice(0, 10)}` : ''} was joined from IP ${ip}${asn(net)}, located in ${placeOf(loc)}; the application was sent from IP ${sessionIp}${asn(sessionNet)}, located in ${placeOf(sessionLoc)}, and the claimed address is ${labelOf(place)} (${geo.provenance.ipLocation})`);
  });
  return texts.length ? [{ id: 'interview.network_elsewhere', evidence: texts.join('; ') }] : [];
}
