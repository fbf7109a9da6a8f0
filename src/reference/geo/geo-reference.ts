/**
 * Geographic reference data the geography detectors consult (IP location and
 * network owner, area codes, ZIP codes, time zones). Loaded at the edge
 * (load-geo-reference.ts) and passed in through the detection context.
 *
 * Every look-up is total: any string in, an answer or `undefined`. Undefined
 * means "the data does not know", which a detector must treat as silence,
 * never as evidence.
 */

/** Where an IP address is, as the IP-location database says. */
export interface IpLocation {
  /** ISO 3166 alpha-2, upper case. */
  readonly country: string;
  /** Subdivision code as the database gives it: the state or province code in the US and Canada ("TX", "ON"). */
  readonly region?: string;
  readonly city?: string;
  readonly lat?: number;
  readonly lon?: number;
  /** The database's accuracy radius for this range, in km. */
  readonly radiusKm?: number;
  /** IANA zone the database gives for the location. */
  readonly timeZone?: string;
}

export type HostingKind = 'hosting' | 'vpn' | 'proxy';

/** One row of data/geo/hosting-asns.csv. */
export interface HostingProvider {
  readonly asn: number;
  /** The AS organisation name as the ASN data spells it. */
  readonly organisation: string;
  /** The operator's usual name ("Amazon Web Services", "Mullvad"). */
  readonly provider: string;
  readonly kind: HostingKind;
  /** Why the entry is on the list (the ASN data's organisation name, or a cited page). */
  readonly source: string;
  readonly note?: string;
}

/** The autonomous system an IP address is announced by, when it is a listed one. */
export interface IpNetwork {
  readonly asn: number;
  readonly org: string;
  /** The range of the ASN data that holds the address ("3.5.140.0-3.5.143.255"). */
  readonly range: string;
  /** The hosting / VPN / proxy operator, when the AS is on the list. */
  readonly hosting: HostingProvider | undefined;
}

/** A North American area code (NPA). */
export interface AreaCode {
  readonly npa: string;
  /** "US" or "CA". */
  readonly country: string;
  /** State or province codes the area code serves (usually one; "NS PE" and "NT NU YT" share theirs). */
  readonly regions: readonly string[];
  /** IANA zones of the area code, from libphonenumber's time-zone map (several where it spans zones). */
  readonly timeZones: readonly string[];
  /** The place libphonenumber's geocoding data gives ("Texas", "San Antonio, TX"). */
  readonly place: string;
}

/** A U.S. ZIP code. */
export interface ZipPlace {
  readonly zip: string;
  readonly city: string;
  /** Two-letter state code. */
  readonly state: string;
  /** Coordinates of the ZIP's centre; absent for military (APO/FPO) codes and codes without a location. */
  readonly lat?: number;
  readonly lon?: number;
  /** IANA zone at the ZIP's centre. */
  readonly timeZone?: string;
}

/** Where each part of the geographic data came from, for evidence sentences. */
export interface GeoProvenance {
  /** "GeoLite2 City 2023-11-15 (geoip-lite 1.4.10)" */
  readonly ipLocation: string;
  /** "data/geo/hosting-asns.csv" */
  readonly hosting: string;
  /** "@ip-location-db/asn 2.3.2026061719" */
  readonly asn: string;
  /** "data/geo/nanp-area-codes.csv (libphonenumber geocoding)" */
  readonly areaCodes: string;
  /** "zipcodes 8.0.0 + tz-lookup" */
  readonly zips: string;
  /** "tz database 2025b" */
  readonly timeZones: string;
}

export interface GeoReference {
  readonly provenance: GeoProvenance;
  /** Location of a public IP address; undefined for private, reserved, malformed or unknown addresses. */
  ipLocation(ip: string): IpLocation | undefined;
  /**
   * The listed hosting / VPN / proxy network an IP address belongs to.
   * Only the ranges of listed ASNs are loaded (data/geo/hosting-ranges-*.csv),
   * so undefined means "not on a listed network", not "residential".
   */
  ipNetwork(ip: string): IpNetwork | undefined;
  /** A U.S. or Canadian area code ("512"). */
  areaCode(npa: string): AreaCode | undefined;
  /** A U.S. ZIP code (five digits). */
  zip(zip5: string): ZipPlace | undefined;
  /** The ZIP codes whose place name is `city` in `state` (names compared after folding; "St." = "Saint"). */
  placeZips(city: string, state: string): readonly ZipPlace[];
  /**
   * IANA zones of a country (tz database zone.tab), or of one U.S. state
   * (from its ZIP codes) or Canadian province (from its area codes).
   * Empty when unknown.
   */
  timeZones(country: string, region?: string): readonly string[];
}
