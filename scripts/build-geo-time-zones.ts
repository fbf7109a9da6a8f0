/**
 * Derive data/geo/country-time-zones.csv (country, IANA zone) from the tz
 * database's zone.tab. Re-run on a newer tz release:
 *   npx tsx scripts/build-geo-time-zones.ts [/usr/share/zoneinfo/zone.tab]
 * Zones the running Node's ICU does not know are left out (and reported).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDir } from '../src/reference/data-dir.js';
import { today, writeGeoBuildEntry } from '../src/reference/geo/build-info.js';
import { isTimeZone } from '../src/reference/geo/time-zones.js';

const zoneTab = process.argv[2] ?? '/usr/share/zoneinfo/zone.tab';
const geoDir = join(dataDir(), 'geo');

function tzVersion(): string {
  for (const file of [join(dirname(zoneTab), 'tzdata.zi'), join(dirname(zoneTab), '+VERSION')]) {
    if (!existsSync(file)) continue;
    const m = /(\d{4}[a-z])/.exec(readFileSync(file, 'utf8').slice(0, 200));
    if (m) return m[1]!;
  }
  return 'unknown';
}

const rows: [string, string][] = [];
const unknown: string[] = [];
for (const line of readFileSync(zoneTab, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [codes, , zone] = line.split('\t');
  if (!codes || !zone) continue;
  if (!isTimeZone(zone)) {
    unknown.push(zone);
    continue;
  }
  for (const country of codes.split(',')) rows.push([country, zone]);
}
rows.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
writeFileSync(join(geoDir, 'country-time-zones.csv'), `country,timeZone\n${rows.map((r) => r.join(',')).join('\n')}\n`);
const version = tzVersion();
writeGeoBuildEntry(geoDir, 'country-time-zones', {
  files: ['country-time-zones.csv'],
  records: rows.length,
  inputs: { 'tz database zone.tab': version, 'node ICU tz': process.versions.tz ?? 'unknown' },
  built: today(),
  ...(unknown.length ? { notes: [`left out (unknown to ICU): ${unknown.join(' ')}`] } : {}),
});
console.log(`country-time-zones.csv: ${rows.length} rows from tz ${version}${unknown.length ? `; unknown to ICU: ${unknown.join(' ')}` : ''}`);
