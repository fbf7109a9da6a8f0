import type { EnrichedApplication } from '../normalise/application.js';
import type { GeoReference, ZipPlace } from '../reference/geo/geo-reference.js';
import { countryName, regionCode } from '../reference/geo/regions.js';

/**
 * What the geography checks compare against: where the applicant says they
 * live, resolved against the reference data (country, state, ZIP row, time
 * zones), how it reads in evidence, and the interview times and client IPs a
 * record may carry. Pure.
 */

/** 1234.5 -> "1,235". */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "san antonio" -> "San Antonio" (the normaliser folds case; evidence reads better restored). */
export function titleCase(text: string): string {
  return text.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Where the applicant says they live, resolved against the reference data. */
export interface ClaimedPlace {
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

export function claimedPlace(record: EnrichedApplication, geo: GeoReference): ClaimedPlace | undefined {
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
export function labelOf(place: ClaimedPlace): string {
  const city = place.city ? titleCase(place.city) : undefined;
  const region = place.region ?? (place.regionText ? titleCase(place.regionText) : undefined);
  const parts = [city, [region, place.zip5].filter(Boolean).join(' ')].filter(Boolean);
  if (!parts.length) return countryName(place.country);
  return `${parts.join(', ')}${place.country === 'US' ? '' : ` (${countryName(place.country)})`}`;
}

/** The claimed place's zones, and where they come from, for the time checks. */
export interface ClaimedZones {
  readonly zones: readonly string[];
  readonly basis: string;
}

export function claimedZones(place: ClaimedPlace, geo: GeoReference): ClaimedZones | undefined {
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

export interface ActivityInterview {
  readonly at?: string;
  readonly clientIp?: string;
}

/**
 * Interview times and client IPs, when the record carries them. The enriched
 * record does not (yet): this reads them only if a later normaliser adds
 * `interviews`, and is silent otherwise.
 */
export function interviewsOf(record: EnrichedApplication): readonly ActivityInterview[] {
  const value = (record as EnrichedApplication & { readonly interviews?: unknown }).interviews;
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is ActivityInterview => typeof v === 'object' && v !== null);
}
