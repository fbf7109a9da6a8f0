/**
 * Derive data/geo/us-zips.csv (zip, city, state, lat, lon, timeZone) from the
 * `zipcodes` package (U.S. ZIP codes with place and coordinates) and
 * `tz-lookup` (coordinates to IANA zone). Re-run after updating either:
 *   npx tsx scripts/build-geo-zips.ts
 * Needs data/geo/country-time-zones.csv (scripts/build-geo-time-zones.ts).
 *
 * Corrections, all counted in data/geo/build-info.json:
 * - military codes (states AA, AE, AP) keep city and state but no location;
 * - codes at 0,0 (no location in the source) keep no location;
 * - tz-lookup is coarse near borders and coasts: a ZIP whose zone belongs to
 *   another country, or is a placeless Etc/ zone, takes the zone of the
 *   nearest ZIP of the same state whose zone is a U.S. one (within 500 km),
 *   or its territory's only zone; farther than that, the coordinates
 *   themselves are wrong and the ZIP keeps no location.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import tzlookup from 'tz-lookup';
import zipcodes from 'zipcodes';
import { dataDir } from '../src/reference/data-dir.js';
import { today, writeGeoBuildEntry } from '../src/reference/geo/build-info.js';
import { distanceKm } from '../src/reference/geo/places.js';
import { US_STATES } from '../src/reference/geo/regions.js';

const require = createRequire(import.meta.url);
const geoDir = join(dataDir(), 'geo');
const MILITARY = new Set(['AA', 'AE', 'AP']);
/** Zone countries acceptable for U.S. ZIP codes: the U.S., its territories and the freely associated states zipcodes lists. */
const US_ZONE_COUNTRIES = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'FM', 'MH', 'PW']);

const zoneCountry = new Map<string, string>();
for (const line of readFileSync(join(geoDir, 'country-time-zones.csv'), 'utf8').split('\n').slice(1)) {
  const [country, zone] = line.split(',');
  if (country && zone && !zoneCountry.has(zone)) zoneCountry.set(zone, country);
}

interface Row { zip: string; city: string; state: string; lat?: number; lon?: number; timeZone?: string }

const rows: Row[] = [];
let military = 0;
let noLocation = 0;
for (const rec of Object.values(zipcodes.codes)) {
  if (rec.country !== 'US' || !/^\d{5}$/.test(rec.zip)) continue;
  const row: Row = { zip: rec.zip, city: rec.city, state: rec.state };
  if (MILITARY.has(rec.state)) military++;
  else if (!Number.isFinite(rec.latitude) || !Number.isFinite(rec.longitude) || (rec.latitude === 0 && rec.longitude === 0)) noLocation++;
  else {
    row.lat = rec.latitude;
    row.lon = rec.longitude;
    row.timeZone = tzlookup(rec.latitude, rec.longitude);
  }
  rows.push(row);
}

const good = (r: Row) => r.timeZone !== undefined && US_ZONE_COUNTRIES.has(zoneCountry.get(r.timeZone) ?? '');
const byState = new Map<string, Row[]>();
for (const r of rows) if (good(r)) byState.set(r.state, [...(byState.get(r.state) ?? []), r]);
const fixes: string[] = [];
const dropped: string[] = [];
/** A border ZIP lies within this distance of a same-state ZIP with a U.S. zone; farther means bad coordinates. */
const MAX_FIX_KM = 500;
/** Territories with one zone in zone.tab (AS -> Pacific/Pago_Pago). */
const byCountry = new Map<string, string>();
{
  const zonesOf = new Map<string, string[]>();
  for (const [zone, country] of zoneCountry) zonesOf.set(country, [...(zonesOf.get(country) ?? []), zone]);
  for (const [country, zones] of zonesOf) if (zones.length === 1 && US_ZONE_COUNTRIES.has(country)) byCountry.set(country, zones[0]!);
}
for (const r of rows) {
  if (r.lat === undefined || r.lon === undefined || good(r)) continue;
  let best: Row | undefined;
  let bestKm = Infinity;
  for (const other of byState.get(r.state) ?? []) {
    const km = distanceKm(r.lat, r.lon, other.lat!, other.lon!);
    if (km < bestKm) {
      bestKm = km;
      best = other;
    }
  }
  const territoryZone = byCountry.get(r.state);
  if ((!best || bestKm > MAX_FIX_KM) && territoryZone) {
    fixes.push(`${r.zip} ${r.state} ${r.timeZone ?? '-'} -> ${territoryZone} (the territory's zone)`);
    r.timeZone = territoryZone;
    continue;
  }
  if (!best || bestKm > MAX_FIX_KM) {
    // Coordinates far from every other ZIP of the state are wrong in the source: keep no location.
    dropped.push(`${r.zip} ${r.state} at ${r.lat},${r.lon} (${r.timeZone ?? '-'}; nearest same-state ZIP ${Math.round(bestKm)} km)`);
    delete r.lat;
    delete r.lon;
    delete r.timeZone;
    continue;
  }
  fixes.push(`${r.zip} ${r.state} ${r.timeZone ?? '-'} -> ${best.timeZone} (${Math.round(bestKm)} km)`);
  r.timeZone = best.timeZone;
}

rows.sort((a, b) => (a.zip < b.zip ? -1 : 1));
const csvCell = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = rows.map((r) => [r.zip, csvCell(r.city), r.state, r.lat ?? '', r.lon ?? '', r.timeZone ?? ''].join(','));
writeFileSync(join(geoDir, 'us-zips.csv'), `zip,city,state,lat,lon,timeZone\n${lines.join('\n')}\n`);

const unknownStates = [...new Set(rows.map((r) => r.state))].filter((s) => !US_STATES[s] && !MILITARY.has(s));
const version = (require('zipcodes/package.json') as { version: string }).version;
const tzVersion = (require('tz-lookup/package.json') as { version: string }).version;
writeGeoBuildEntry(geoDir, 'us-zips', {
  files: ['us-zips.csv'],
  records: rows.length,
  inputs: { zipcodes: version, 'tz-lookup': tzVersion },
  built: today(),
  notes: [
    `${military} military (AA/AE/AP) codes kept without location`,
    `${noLocation} codes without coordinates in the source kept without location`,
    `${fixes.length} codes whose tz-lookup zone was foreign or placeless took the zone of the nearest same-state ZIP (within ${MAX_FIX_KM} km)`,
    `${dropped.length} codes whose coordinates lie abroad, far from any same-state ZIP, kept without location: ${dropped.map((d) => d.split(' ')[0]).join(' ')}`,
    ...(unknownStates.length ? [`states outside the U.S. state table (freely associated states): ${unknownStates.join(' ')}`] : []),
  ],
});
console.log(`us-zips.csv: ${rows.length} ZIP codes (zipcodes ${version}, tz-lookup ${tzVersion}); ${military} military, ${noLocation} without location, ${fixes.length} zone fixes, ${dropped.length} bad locations dropped`);
for (const f of fixes) console.log(`  zone ${f}`);
for (const d of dropped) console.log(`  dropped ${d}`);
