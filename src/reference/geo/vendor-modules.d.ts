/**
 * Types for the untyped packages the geography reference reads (none ships
 * its own declarations). Only the parts used here are declared.
 */
declare module 'geoip-lite' {
  interface GeoIpLookup {
    range: [number, number] | string;
    country: string;
    region: string;
    eu: string;
    timezone: string;
    city: string;
    ll: [number | null, number | null];
    metro: number;
    area: number;
  }
  const geoip: { lookup(ip: string | number): GeoIpLookup | null };
  export default geoip;
}

declare module 'tz-lookup' {
  function tzlookup(lat: number, lon: number): string;
  export default tzlookup;
}

declare module 'zipcodes' {
  interface ZipRecord {
    zip: string;
    latitude: number;
    longitude: number;
    city: string;
    state: string;
    country: string;
  }
  const zipcodes: { codes: Record<string, ZipRecord>; lookup(zip: string): ZipRecord | undefined };
  export default zipcodes;
}
