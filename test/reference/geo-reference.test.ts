/**
 * The geographic reference data: real rows of each file, the memory the
 * loader adds, and look-ups that never throw whatever string they are given.
 * Its load time is a figure of `npm run bench -- reference`, not a test.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../../src/reference/data-dir.js';
import type { GeoReference } from '../../src/reference/geo/geo-reference.js';
import { hexToV6, isPublicIp, numberToV4, parseIp, v6ToHex } from '../../src/reference/geo/ip.js';
import { loadGeoReference, loadHostingProviders } from '../../src/reference/geo/load-geo-reference.js';
import { placeKey } from '../../src/reference/geo/places.js';
import { regionCode } from '../../src/reference/geo/regions.js';
import { formatUtcOffset, isPlacelessZone, isTimeZone, localHourAt, offsetMinutesAt, parseInstant } from '../../src/reference/geo/time-zones.js';

const GEO_DIR = join(dataDir(), 'geo');
let geo: GeoReference;
let rssGrowthMb = 0;

beforeAll(() => {
  const rss = process.memoryUsage().rss;
  geo = loadGeoReference();
  rssGrowthMb = (process.memoryUsage().rss - rss) / 1e6;
  console.log(`GeoReference loaded, resident memory +${rssGrowthMb.toFixed(0)} MB`);
});

describe('loading', () => {
  it('adds less than 400 MB of resident memory (the budget of all reference data is 500 MB)', () => {
    expect(rssGrowthMb).toBeLessThan(400);
  });

  it('names its sources for evidence sentences', () => {
    expect(geo.provenance.ipLocation).toMatch(/^GeoLite2 City \d{4}-\d{2}-\d{2} \(geoip-lite \d/);
    expect(geo.provenance.asn).toMatch(/^@ip-location-db\/asn \d/);
    expect(geo.provenance.timeZones).toMatch(/^tz database \d{4}[a-z]$/);
  });
});

describe('IP location (GeoLite2 City through geoip-lite)', () => {
  it.each([
    ['73.75.144.210', 'US', 'IL', 'Chicago', 'America/Chicago'], // Comcast, Chicago
    ['66.68.92.231', 'US', 'TX', 'Austin', 'America/Chicago'], // Charter, Austin
    ['42.177.215.221', 'CN', 'LN', 'Shenyang', 'Asia/Shanghai'], // China Unicom, Liaoning
    ['179.95.86.229', 'BR', 'SP', 'São Paulo', 'America/Sao_Paulo'], // Telefonica Brasil
    ['::ffff:73.75.144.210', 'US', 'IL', 'Chicago', 'America/Chicago'], // IPv4-mapped IPv6
  ])('%s is in %s/%s (%s)', (ip, country, region, city, zone) => {
    expect(geo.ipLocation(ip)).toMatchObject({ country, region, city, timeZone: zone });
  });

  it.each(['10.1.2.3', '192.168.0.1', '127.0.0.1', '100.64.1.1', '192.0.2.10', '203.0.113.5', '2001:db8::1', 'fe80::1', '::1', '', 'localhost', '999.1.1.1', '1.2.3'])(
    '%j is nobody\'s location: unknown',
    (ip) => {
      expect(geo.ipLocation(ip)).toBeUndefined();
    },
  );
});

describe('hosting / VPN networks (data/geo/hosting-asns.csv, ranges from @ip-location-db/asn)', () => {
  it.each([
    ['45.8.22.10', 206216, 'Advin Services LLC', 'hosting'],
    ['2.56.151.10', 9009, 'M247 Europe SRL', 'hosting'],
    ['45.55.0.10', 14061, 'DigitalOcean, LLC', 'hosting'],
    ['3.5.140.2', 16509, 'Amazon.com, Inc.', 'hosting'],
    ['::ffff:3.5.140.2', 16509, 'Amazon.com, Inc.', 'hosting'],
    ['2a05:d014::1', 16509, 'Amazon.com, Inc.', 'hosting'],
    ['45.83.220.10', 39351, '31173 Services AB', 'vpn'],
    ['45.92.0.10', 216025, 'Mullvad VPN AB', 'vpn'],
    ['2001:470:aa::10', 62371, 'Proton AG', 'vpn'],
    ['23.129.64.10', 396507, 'Emerald Onion', 'proxy'],
  ])('%s is in AS%i %s (%s)', (ip, asn, org, kind) => {
    const net = geo.ipNetwork(ip);
    expect(net).toMatchObject({ asn, org, hosting: { kind } });
    expect(net!.range).toMatch(/-/);
  });

  it.each([
    ['73.75.144.210', 'Comcast (residential)'],
    ['128.177.125.5', 'Zscaler (corporate security gateway, deliberately not listed)'],
    ['1.1.1.1', 'Cloudflare (WARP and the resolver are consumer services, not listed)'],
    ['17.253.144.10', 'Apple'],
    ['10.0.0.1', 'private'],
    ['not an ip', 'garbage'],
  ])('%s is on no listed network (%s)', (ip) => {
    expect(geo.ipNetwork(ip)).toBeUndefined();
  });

  it('the list is well formed and every listed AS has ranges', () => {
    const providers = loadHostingProviders(join(GEO_DIR, 'hosting-asns.csv'));
    expect(providers.size).toBeGreaterThanOrEqual(60);
    const kinds = new Set([...providers.values()].map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['hosting', 'proxy', 'vpn']);
    const rangeAsns = new Set<number>();
    for (const f of ['hosting-ranges-ipv4.csv', 'hosting-ranges-ipv6.csv']) {
      const rows = readFileSync(join(GEO_DIR, f), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      rows.forEach((r) => rangeAsns.add(Number(r[2])));
      // Sorted and non-overlapping: the binary search depends on it.
      for (let i = 1; i < rows.length; i++) {
        const prevEnd = f.includes('v4') ? Number(rows[i - 1]![1]) : rows[i - 1]![1]!;
        const start = f.includes('v4') ? Number(rows[i]![0]) : rows[i]![0]!;
        expect(prevEnd < start).toBe(true);
      }
    }
    for (const asn of providers.keys()) expect(rangeAsns.has(asn)).toBe(true);
    for (const asn of rangeAsns) expect(providers.has(asn)).toBe(true);
  });
});

describe('North American area codes (data/geo/nanp-area-codes.csv)', () => {
  it.each([
    ['512', 'US', ['TX'], 'America/Chicago'],
    ['206', 'US', ['WA'], 'America/Los_Angeles'],
    ['212', 'US', ['NY'], 'America/New_York'],
    ['808', 'US', ['HI'], 'Pacific/Honolulu'],
    ['915', 'US', ['TX'], 'America/Denver'],
    ['416', 'CA', ['ON'], 'America/Toronto'],
    ['902', 'CA', ['NS', 'PE'], 'America/Halifax'],
  ])('%s serves %s %j', (npa, country, regions, zone) => {
    const a = geo.areaCode(npa);
    expect(a).toMatchObject({ npa, country, regions });
    expect(a!.timeZones).toContain(zone);
  });

  it('an area code spanning zones lists them all (208 Idaho: Mountain and Pacific)', () => {
    expect(geo.areaCode('208')!.timeZones).toEqual(expect.arrayContaining(['America/Boise', 'America/Los_Angeles']));
  });

  it.each(['800', '888', '900', '555', '500', '000', '12', 'abc', '5125'])('%s is not a geographic U.S./Canadian area code here', (npa) => {
    expect(geo.areaCode(npa)).toBeUndefined();
  });

  it('every listed area code is a valid U.S. or Canadian one in libphonenumber-js', () => {
    const rows = readFileSync(join(GEO_DIR, 'nanp-area-codes.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(400);
    const wrong = rows
      .map((r) => r.split(','))
      .filter(([npa, country]) => {
        for (const exchange of ['234', '456', '555', '789', '321', '612', '872', '945', '200', '300', '400', '500', '600', '700', '800', '900']) {
          const p = parsePhoneNumberFromString(`+1${npa}${exchange}0123`);
          if (p?.isValid()) return p.country !== country;
        }
        return true;
      })
      .map(([npa]) => npa);
    expect(wrong).toEqual([]);
  });
});

describe('U.S. ZIP codes (data/geo/us-zips.csv from zipcodes + tz-lookup)', () => {
  it.each([
    ['78704', 'Austin', 'TX', 'America/Chicago'],
    ['60614', 'Chicago', 'IL', 'America/Chicago'],
    ['85004', 'Phoenix', 'AZ', 'America/Phoenix'],
    ['96813', 'Honolulu', 'HI', 'Pacific/Honolulu'],
    ['79912', 'El Paso', 'TX', 'America/Denver'],
    ['02130', 'Jamaica Plain', 'MA', 'America/New_York'],
    ['00901', 'San Juan', 'PR', 'America/Puerto_Rico'],
  ])('%s is %s, %s (%s)', (zip, city, state, zone) => {
    expect(geo.zip(zip)).toMatchObject({ zip, city, state, timeZone: zone });
  });

  it('border ZIPs that tz-lookup put in Canada or Mexico carry the U.S. zone', () => {
    expect(geo.zip('56711')!.timeZone).toBe('America/Chicago'); // Angle Inlet, MN (the Northwest Angle)
  });

  it.each(['00000', '7870', '787041', 'abcde', ''])('%j is unknown', (zip) => {
    expect(geo.zip(zip)).toBeUndefined();
  });

  it('finds the ZIP codes of a place by name, with abbreviations spelled out', () => {
    expect(geo.placeZips('Dallas', 'TX').length).toBeGreaterThan(50);
    expect(geo.placeZips('St. Louis', 'mo').length).toBeGreaterThan(10);
    expect(geo.placeZips('saint louis', 'MO')).toEqual(geo.placeZips('St Louis', 'MO'));
    expect(geo.placeZips('Atlantis', 'TX')).toEqual([]);
  });

  it('knows the zones of states, provinces and countries', () => {
    expect(geo.timeZones('US', 'TX')).toEqual(expect.arrayContaining(['America/Chicago', 'America/Denver']));
    expect(geo.timeZones('US', 'HI')).toEqual(['Pacific/Honolulu']);
    expect(geo.timeZones('CA', 'ON')).toContain('America/Toronto');
    expect(geo.timeZones('KR')).toEqual(['Asia/Seoul']);
    expect(geo.timeZones('BR')).toContain('America/Sao_Paulo');
    expect(geo.timeZones('XX')).toEqual([]);
  });
});

describe('time zones on the tz database', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['America/Chicago', '2025-07-15T12:00:00Z', -300],
    ['America/Chicago', '2025-01-15T12:00:00Z', -360],
    // The 2025 spring-forward in Chicago: 2 a.m. CST on 9 March = 08:00 UTC.
    ['America/Chicago', '2025-03-09T07:59:00Z', -360],
    ['America/Chicago', '2025-03-09T08:00:00Z', -300],
    ['America/Phoenix', '2025-07-15T12:00:00Z', -420],
    ['America/Phoenix', '2025-01-15T12:00:00Z', -420],
    ['Asia/Kolkata', '2025-01-15T12:00:00Z', 330],
    ['Asia/Kathmandu', '2025-01-15T12:00:00Z', 345],
    ['Australia/Lord_Howe', '2025-01-15T12:00:00Z', 660],
    ['Australia/Lord_Howe', '2025-07-15T12:00:00Z', 630],
    ['America/Sao_Paulo', '2025-01-15T12:00:00Z', -180],
  ])('%s keeps %s at %s', (zone, iso, offset) => {
    expect(offsetMinutesAt(zone, at(iso))).toBe(offset);
  });

  it('the memoised year tables give exactly what Intl gives, any zone, any instant', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const direct = (zone: string, ms: number) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
          .formatToParts(new Date(ms))
          .filter((p) => p.type !== 'literal')
          .map((p) => [p.type, Number(p.value)]),
      ) as Record<string, number>;
      return Math.round((Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(ms / 1000) * 1000) / 60000);
    };
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }), (zone, ms) => offsetMinutesAt(zone, ms) === direct(zone, ms)),
      { numRuns: 500 },
    );
  });

  it('reads local hours and formats offsets', () => {
    expect(localHourAt('America/Chicago', at('2025-11-04T08:30:00Z'))).toBe(2);
    expect(localHourAt('Asia/Seoul', at('2025-11-04T15:30:00Z'))).toBe(0);
    expect(formatUtcOffset(-360)).toBe('UTC-06:00');
    expect(formatUtcOffset(345)).toBe('UTC+05:45');
  });

  it('knows zone names, and which say nothing about a place', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isPlacelessZone('UTC')).toBe(true);
    expect(isPlacelessZone('Etc/UTC')).toBe(true);
    expect(isPlacelessZone('Europe/London')).toBe(false);
  });

  it('reads ISO instants, marking dates and floating times inexact', () => {
    expect(parseInstant('2025-11-03T14:22:05Z')).toEqual({ ms: at('2025-11-03T14:22:05Z'), exact: true });
    expect(parseInstant('2025-11-03T08:22:05-06:00')).toEqual({ ms: at('2025-11-03T14:22:05Z'), exact: true });
    expect(parseInstant('2025-11-03')?.exact).toBe(false);
    expect(parseInstant('2025-11-03 14:22')?.exact).toBe(false);
    expect(parseInstant('yesterday')).toBeUndefined();
  });
});

describe('IP addresses and names', () => {
  it('reads IPv4, IPv6 and IPv4-mapped IPv6', () => {
    expect(parseIp('8.8.8.8')).toEqual({ version: 4, value: 134744072, text: '8.8.8.8' });
    expect(parseIp('::ffff:8.8.8.8')).toEqual({ version: 4, value: 134744072, text: '8.8.8.8' });
    expect(parseIp('[2001:4860::8888]')).toMatchObject({ version: 6, hex: '20014860000000000000000000008888' });
    expect(parseIp('1.2.3.256')).toBeUndefined();
  });

  it('IPv4 round-trips through its number', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      const parsed = parseIp(ip);
      return parsed?.version === 4 && numberToV4(parsed.value) === ip;
    }));
  });

  it('IPv6 round-trips through its 32 hex digits', () => {
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      const hex = v6ToHex(ip);
      return hex !== undefined && hex.length === 32 && v6ToHex(hexToV6(hex)) === hex;
    }));
  });

  it('classifies public addresses', () => {
    expect(isPublicIp(parseIp('8.8.8.8')!)).toBe(true);
    expect(isPublicIp(parseIp('172.20.1.1')!)).toBe(false);
    expect(isPublicIp(parseIp('2606:4700::1111')!)).toBe(true);
    expect(isPublicIp(parseIp('fc00::1')!)).toBe(false);
  });

  it('reads states and provinces by code or name', () => {
    expect(regionCode('US', 'tx')).toBe('TX');
    expect(regionCode('US', 'New York')).toBe('NY');
    expect(regionCode('US', 'Washington, D.C.')).toBe('DC');
    expect(regionCode('CA', 'Québec')).toBe('QC');
    expect(regionCode('US', 'Ontario')).toBeUndefined();
    expect(placeKey('Saint-Louis')).toBe(placeKey('St. Louis'));
  });
});

describe('no look-up throws, whatever the string', () => {
  const anything = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.constantFrom('::', '::ffff:', '[::1]', '1.2.3.4%eth0', 'fe80::1%en0', ':::', '1::2::3', '0x7f.1', '256.256.256.256'));
  it('IP, area code, ZIP, place and zone look-ups are total', () => {
    fc.assert(
      fc.property(anything, anything, (a, b) => {
        geo.ipLocation(a);
        geo.ipNetwork(a);
        geo.areaCode(a);
        geo.zip(a);
        geo.placeZips(a, b);
        geo.timeZones(a, b);
        offsetMinutesAt(a, Date.now());
        parseInstant(a);
        placeKey(a);
        regionCode('US', a);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('data/geo/SOURCES.md', () => {
  it('describes every file in data/geo', () => {
    const sources = readFileSync(join(GEO_DIR, 'SOURCES.md'), 'utf8');
    for (const f of readdirSync(GEO_DIR).filter((f) => f !== 'SOURCES.md')) expect(sources).toContain(f);
    expect(existsSync(join(GEO_DIR, 'build-info.json'))).toBe(true);
  });
});
