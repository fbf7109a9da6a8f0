import type { SnapshotKind } from '../watchlist-snapshot.js';
import type { AreaCode, HostingProvider, ZipPlace } from './geo-reference.js';
import { RangeTable4, RangeTable6 } from './ip.js';

/**
 * The geographic tables as a snapshot (issue 18, instant start): what
 * loadGeoTables reads from the CSV files of data/geo/ and the place tables
 * made from them, as Maps, arrays and typed arrays only (the range tables
 * as their columns), so v8.deserialize gives them back in one piece.
 * Written and checked by watchlist-snapshot.ts (kind 'geo': keyed by the
 * files of data/geo and the code).
 */
export interface GeoTables {
  readonly hosting: ReadonlyMap<number, HostingProvider>;
  readonly ranges4: RangeTable4;
  readonly ranges6: RangeTable6;
  readonly areaCodes: ReadonlyMap<string, AreaCode>;
  readonly zips: ReadonlyMap<string, ZipPlace>;
  /** Country (upper case) -> IANA zones. */
  readonly countryZones: ReadonlyMap<string, readonly string[]>;
}

/** The tables read by place: ZIP codes per state and place name, zones per state and province. */
export interface PlaceTables {
  readonly byPlace: ReadonlyMap<string, readonly ZipPlace[]>;
  readonly stateZoneList: ReadonlyMap<string, readonly string[]>;
  readonly provinceZoneList: ReadonlyMap<string, readonly string[]>;
}

export const GEO_SNAPSHOT: SnapshotKind = { name: 'geo', format: 'hirewatch-geo-1', data: ['geo'] };

interface Ranges<T> {
  readonly starts: T;
  readonly ends: T;
  readonly values: Uint32Array;
}

export interface GeoSnapshot {
  readonly hosting: ReadonlyMap<number, HostingProvider>;
  readonly ranges4: Ranges<Uint32Array>;
  readonly ranges6: Ranges<readonly string[]>;
  readonly areaCodes: ReadonlyMap<string, AreaCode>;
  readonly zips: ReadonlyMap<string, ZipPlace>;
  readonly countryZones: ReadonlyMap<string, readonly string[]>;
  readonly places: PlaceTables;
}

export function geoSnapshotOf(tables: GeoTables, derive: (tables: GeoTables) => PlaceTables): GeoSnapshot {
  const { ranges4: r4, ranges6: r6 } = tables;
  return {
    hosting: tables.hosting,
    ranges4: { starts: r4.starts, ends: r4.ends, values: r4.values },
    ranges6: { starts: r6.starts, ends: r6.ends, values: r6.values },
    areaCodes: tables.areaCodes,
    zips: tables.zips,
    countryZones: tables.countryZones,
    places: derive(tables),
  };
}

/** The shape of a geo snapshot (its checksum passed; this guards against another format under the same name). */
export function isGeoSnapshot(value: unknown): value is GeoSnapshot {
  const v = value as Partial<GeoSnapshot> | null;
  return Boolean(v && v.hosting instanceof Map && v.zips instanceof Map && v.areaCodes instanceof Map && v.countryZones instanceof Map
    && v.ranges4?.starts instanceof Uint32Array && Array.isArray(v.ranges6?.starts) && v.places?.byPlace instanceof Map);
}

export function geoFromSnapshot(s: GeoSnapshot): { tables: GeoTables; places: PlaceTables } {
  return {
    tables: {
      hosting: s.hosting,
      ranges4: new RangeTable4(s.ranges4.starts, s.ranges4.ends, s.ranges4.values),
      ranges6: new RangeTable6(s.ranges6.starts, s.ranges6.ends, s.ranges6.values),
      areaCodes: s.areaCodes,
      zips: s.zips,
      countryZones: s.countryZones,
    },
    places: s.places,
  };
}
