import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataDir } from '../data-dir.js';
import { readGeoBuildInfo } from './build-info.js';
import type { AreaCode, GeoProvenance, GeoReference, HostingKind, HostingProvider, IpLocation, IpNetwork, ZipPlace } from './geo-reference.js';
import { isPublicIp, parseIp, RangeTable4, RangeTable6 } from './ip.js';
import { placeKey } from './places.js';
import { loadThroughSnapshot, snapshotDir } from '../watchlist-snapshot.js';
import { GEO_SNAPSHOT, geoFromSnapshot, geoSnapshotOf, isGeoSnapshot, type GeoTables, type PlaceTables } from './geo-snapshot.js';

/**
 * Build the GeoReference from data/geo/ (derived by scripts/build-geo-*.ts)
 * and the geoip-lite package (GeoLite2 City, loaded into memory by the
 * package). Synchronous; call once per process at the edge.
 */
const require = createRequire(import.meta.url);

type GeoIp = { lookup(ip: string | number): { country: string; region: string; city: string; timezone: string; ll: [number | null, number | null]; area: number } | null };

/** One CSV line with optional double-quoted cells ("a,""b"",c"). */
function cells(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function rowsOf(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map(cells);
}

const KINDS: ReadonlySet<string> = new Set(['hosting', 'vpn', 'proxy']);

export function loadHostingProviders(file: string): Map<number, HostingProvider> {
  const out = new Map<number, HostingProvider>();
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  rows.forEach((r, i) => {
    const asn = Number(r.asn);
    if (!Number.isInteger(asn) || asn <= 0 || !r.organisation || !r.provider || !KINDS.has(r.kind ?? '') || !r.source) {
      throw new Error(`${file}: row ${i + 2} needs asn, organisation, provider, kind (hosting|vpn|proxy) and source`);
    }
    out.set(asn, { asn, organisation: r.organisation, provider: r.provider, kind: r.kind as HostingKind, source: r.source, ...(r.note ? { note: r.note } : {}) });
  });
  return out;
}

function loadRanges4(file: string): RangeTable4 {
  const rows = rowsOf(file);
  const starts = new Uint32Array(rows.length);
  const ends = new Uint32Array(rows.length);
  const asns = new Uint32Array(rows.length);
  rows.forEach(([s, e, a], i) => {
    starts[i] = Number(s);
    ends[i] = Number(e);
    asns[i] = Number(a);
  });
  return new RangeTable4(starts, ends, asns);
}

function loadRanges6(file: string): RangeTable6 {
  const rows = rowsOf(file);
  return new RangeTable6(
    rows.map((r) => r[0]!),
    rows.map((r) => r[1]!),
    Uint32Array.from(rows.map((r) => Number(r[2]))),
  );
}

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** "GeoLite2-City-CSV_20231115.zip" in geoip-lite's data/city.checksum -> "2023-11-15". */
function geoLiteDate(): string {
  try {
    const dir = join(dirname(require.resolve('geoip-lite/package.json')), 'data');
    const m = /_(\d{4})(\d{2})(\d{2})\.zip/.exec(readFileSync(join(dir, 'city.checksum'), 'utf8'));
    return m ? `${m[1]}-${m[2]}-${m[3]}` : 'undated';
  } catch {
    return 'undated';
  }
}

export type { GeoTables, PlaceTables } from './geo-snapshot.js';

/** Look up an IP in geoip-lite; the answer mapped to IpLocation. */
export function geoIpLocator(geoip: GeoIp): (ip: string | number) => IpLocation | undefined {
  return (ip) => {
    const hit = geoip.lookup(ip);
    if (!hit || !/^[A-Z]{2}$/.test(hit.country)) return undefined;
    const [lat, lon] = hit.ll;
    return {
      country: hit.country,
      ...(hit.region ? { region: hit.region } : {}),
      ...(hit.city ? { city: hit.city } : {}),
      ...(typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : {}),
      ...(hit.area > 0 ? { radiusKm: hit.area } : {}),
      ...(hit.timezone ? { timeZone: hit.timezone } : {}),
    };
  };
}

/** Assemble a GeoReference from loaded tables and an IP locator. Pure apart from the locator. */
/**
 * `locate` answers for a public address given as text, or for an IPv4 address
 * as its 32-bit number (what geoip-lite reads fastest).
 */
export function createGeoReference(tables: GeoTables, locate: (ip: string | number) => IpLocation | undefined, provenance: GeoProvenance, placeTables?: PlaceTables): GeoReference {
  let derived = placeTables;
  const places = () => (derived ??= derive(tables));
  const none: readonly never[] = Object.freeze([]);

  return {
    provenance,
    ipLocation(ip) {
      try {
        const parsed = parseIp(ip);
        if (!parsed || !isPublicIp(parsed)) return undefined;
        return locate(parsed.version === 4 ? parsed.value : parsed.text);
      } catch {
        return undefined;
      }
    },
    ipNetwork(ip): IpNetwork | undefined {
      const parsed = parseIp(ip);
      if (!parsed || !isPublicIp(parsed)) return undefined;
      const table = parsed.version === 4 ? tables.ranges4 : tables.ranges6;
      const i = parsed.version === 4 ? tables.ranges4.find(parsed.value) : tables.ranges6.find(parsed.hex);
      if (i < 0) return undefined;
      const asn = table.value(i);
      const hosting = tables.hosting.get(asn);
      if (!hosting) return undefined;
      return { asn, org: hosting.organisation, range: table.range(i), hosting };
    },
    areaCode(npa) {
      return typeof npa === 'string' && /^\d{3}$/.test(npa) ? tables.areaCodes.get(npa) : undefined;
    },
    zip(zip5) {
      return typeof zip5 === 'string' && /^\d{5}$/.test(zip5) ? tables.zips.get(zip5) : undefined;
    },
    placeZips(city, state) {
      if (typeof city !== 'string' || typeof state !== 'string') return none;
      return places().byPlace.get(`${state.toUpperCase()}|${placeKey(city)}`) ?? none;
    },
    timeZones(country, region) {
      if (typeof country !== 'string') return none;
      const c = country.toUpperCase();
      const r = typeof region === 'string' ? region.toUpperCase() : undefined;
      if (r && c === 'US') return places().stateZoneList.get(r) ?? none;
      if (r && c === 'CA') return places().provinceZoneList.get(r) ?? none;
      return tables.countryZones.get(c) ?? none;
    },
  };
}

/** The place tables of `tables` (createGeoReference builds them at the first such look-up unless given). */
export function derive(tables: GeoTables): PlaceTables {
  const zoneCountry = new Map<string, string>();
  for (const [country, zones] of tables.countryZones) for (const z of zones) zoneCountry.set(z, country);
  const byPlace = new Map<string, ZipPlace[]>();
  const stateZones = new Map<string, Set<string>>();
  for (const z of tables.zips.values()) {
    const key = `${z.state}|${placeKey(z.city)}`;
    const list = byPlace.get(key);
    if (list) list.push(z);
    else byPlace.set(key, [z]);
    // A state's zones are its U.S. ones (a territory's, its own): Wake Island's ZIP is filed under HI but keeps UTC+12.
    const zc = z.timeZone ? zoneCountry.get(z.timeZone) : undefined;
    if (z.timeZone && (zc === 'US' || zc === z.state)) stateZones.set(z.state, (stateZones.get(z.state) ?? new Set()).add(z.timeZone));
  }
  const provinceZones = new Map<string, Set<string>>();
  for (const a of tables.areaCodes.values()) {
    if (a.country !== 'CA') continue;
    for (const r of a.regions) for (const z of a.timeZones) provinceZones.set(r, (provinceZones.get(r) ?? new Set()).add(z));
  }
  const frozen = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, Object.freeze([...v].sort())] as const));
  const stateZoneList = frozen(stateZones);
  const provinceZoneList = frozen(provinceZones);
  return { byPlace, stateZoneList, provinceZoneList };
}

export function loadGeoTables(geoDir: string): GeoTables {
  const hosting = loadHostingProviders(join(geoDir, 'hosting-asns.csv'));
  const areaCodes = new Map<string, AreaCode>();
  for (const [npa, country, regions, zones, place] of rowsOf(join(geoDir, 'nanp-area-codes.csv'))) {
    if (!npa || !country) continue;
    areaCodes.set(npa, {
      npa,
      country,
      regions: Object.freeze((regions ?? '').split(' ').filter(Boolean)),
      timeZones: Object.freeze((zones ?? '').split(' ').filter(Boolean)),
      place: place ?? '',
    });
  }
  const zips = new Map<string, ZipPlace>();
  for (const [zip, city, state, lat, lon, timeZone] of rowsOf(join(geoDir, 'us-zips.csv'))) {
    if (!zip || !city || !state) continue;
    zips.set(zip, {
      zip,
      city,
      state,
      ...(lat && lon ? { lat: Number(lat), lon: Number(lon) } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
  }
  const countryZones = new Map<string, string[]>();
  for (const [country, zone] of rowsOf(join(geoDir, 'country-time-zones.csv'))) {
    if (country && zone) countryZones.set(country, [...(countryZones.get(country) ?? []), zone]);
  }
  return {
    hosting,
    ranges4: loadRanges4(join(geoDir, 'hosting-ranges-ipv4.csv')),
    ranges6: loadRanges6(join(geoDir, 'hosting-ranges-ipv6.csv')),
    areaCodes,
    zips,
    countryZones,
  };
}

export interface LoadGeoOptions {
  /** The data directory (default: `HIREWATCH_DATA_DIR` or the package's data/); geography files are in its geo/. */
  readonly dataDir?: string;
  /** The snapshot folder (default: snapshotDir()); null: read the CSV files, save nothing. */
  readonly snapshots?: string | null;
  /** Read the CSV files even when a valid snapshot exists, and save it (`hirewatch data update`, the install script). */
  readonly rebuild?: boolean;
}

/** geoip-lite, required at the first IP location asked for: it reads about 150 MB (GeoLite2 City) into memory, 0.6 to 2.5 s. */
function lazyGeoIp(): GeoIp {
  let geoip: GeoIp | undefined;
  return { lookup: (ip) => (geoip ??= require('geoip-lite') as GeoIp).lookup(ip) };
}

/**
 * Load the geographic reference. The tables of data/geo/ (hosting networks
 * and ranges, area codes, ZIP codes, zones, and the place tables made from
 * them) come from their snapshot (watchlist-snapshot.ts, kind 'geo') when a
 * valid one exists, else from the CSV files (about 0.5 to 1 s), and are
 * saved; GeoLite2 City (geoip-lite) is loaded at the first IP location.
 */
export function loadGeoReference(options: LoadGeoOptions = {}): GeoReference & { readonly from: 'snapshot' | 'built' } {
  const base = options.dataDir ?? dataDir();
  const geoDir = join(base, 'geo');
  if (!existsSync(join(geoDir, 'hosting-asns.csv'))) throw new Error(`no geographic reference data in ${geoDir}`);
  const folder = options.snapshots === undefined ? snapshotDir() : options.snapshots;
  const loaded = loadThroughSnapshot(GEO_SNAPSHOT, base, folder, () => geoSnapshotOf(loadGeoTables(geoDir), derive), { rebuild: options.rebuild, accept: isGeoSnapshot });
  const { tables, places } = geoFromSnapshot(loaded.value);
  const build = readGeoBuildInfo(geoDir);
  const asnVersion = build['hosting-ranges']?.inputs['@ip-location-db/asn'] ?? packageVersion('@ip-location-db/asn');
  const tz = build['country-time-zones']?.inputs['tz database zone.tab'];
  const provenance: GeoProvenance = {
    ipLocation: `GeoLite2 City ${geoLiteDate()} (geoip-lite ${packageVersion('geoip-lite')})`,
    hosting: 'data/geo/hosting-asns.csv',
    asn: `@ip-location-db/asn ${asnVersion}`,
    areaCodes: 'data/geo/nanp-area-codes.csv, from libphonenumber geocoding',
    zips: `zipcodes ${build['us-zips']?.inputs.zipcodes ?? packageVersion('zipcodes')} + tz-lookup`,
    timeZones: `tz database${tz ? ` ${tz}` : ''}`,
  };
  return Object.assign(createGeoReference(tables, geoIpLocator(lazyGeoIp()), provenance, places), { from: loaded.from });
}
