import type { EnrichedApplication } from '../normalise/application.js';
import { regionCode, countryName } from '../reference/geo/regions.js';
import type { FarthestPoint } from '../reference/us-extent.js';
import type { EmployeeInfo } from './aggregate.js';
import type { MonitorReference } from './context.js';

/**
 * Where the employee says they work: the employee record's work location,
 * else the application's home address. Resolved against the reference data
 * (coordinates, time zones, the farthest point of the country); whatever the
 * data cannot resolve stays undefined and silences the checks that need it.
 */
export interface ClaimedWorkPlace {
  /** "Austin, TX", "London (United Kingdom)" */
  readonly label: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly region?: string;
  readonly lat?: number;
  readonly lon?: number;
  /** IANA zones of the place (one when a ZIP code gives it). */
  readonly zones: readonly string[];
  readonly farthest?: FarthestPoint;
  /** "the employee record" or "application gh-448812". */
  readonly basis: string;
}

function countryCode(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const c = text.trim().toUpperCase();
  if (c === 'USA' || c === 'UNITED STATES' || c === 'UNITED STATES OF AMERICA') return 'US';
  return /^[A-Z]{2}$/.test(c) ? c : undefined;
}

const titleCase = (t: string): string => t.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());

export function claimedWorkPlace(employee: EmployeeInfo, application: EnrichedApplication | undefined, ref: MonitorReference): ClaimedWorkPlace | undefined {
  const work = employee.workLocation;
  const address = application?.applicant.address;
  const fromWork = Boolean(work && (work.country || work.region));
  const city = (fromWork ? work?.city : address?.city)?.trim() || undefined;
  const regionText = (fromWork ? work?.region : address?.region)?.trim() || undefined;
  let country = fromWork ? countryCode(work?.country) : application?.applicant.addressCountry;
  if (!country && regionText && regionCode('US', regionText)) country = 'US';
  if (!country) return undefined;
  const region = regionCode(country, regionText);
  const basis = fromWork ? 'the employee record' : `application ${application?.id}`;
  const label = [city ? titleCase(city) : undefined, region ?? (regionText ? titleCase(regionText) : undefined)].filter(Boolean).join(', ');
  const shown = `${label || countryName(country)}${country === 'US' || !label ? '' : ` (${countryName(country)})`}`;
  const geo = ref.geo;
  let lat: number | undefined;
  let lon: number | undefined;
  let zones: readonly string[] = [];
  if (geo && country === 'US' && region) {
    const zip5 = !fromWork || (address && city && address.city === city.toLowerCase()) ? address?.postalCode : undefined;
    const zip = zip5 && /^\d{5}$/.test(zip5) ? geo.zip(zip5) : undefined;
    const place = zip && zip.state === region ? zip : city ? geo.placeZips(city, region).find((z) => z.lat !== undefined) : undefined;
    if (place?.lat !== undefined && place.lon !== undefined) {
      lat = place.lat;
      lon = place.lon;
    }
    if (place?.timeZone) zones = [place.timeZone];
  }
  if (geo && zones.length === 0) zones = geo.timeZones(country, region) .length ? geo.timeZones(country, region) : geo.timeZones(country);
  const farthest = ref.extent && lat !== undefined && lon !== undefined && region ? ref.extent.farthest(lat, lon, region) : undefined;
  return {
    label: shown, country, basis, zones,
    ...(region ? { region } : {}),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    ...(farthest ? { farthest } : {}),
  };
}
