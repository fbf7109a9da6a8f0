/**
 * Derive data/geo/hosting-ranges-ipv4.csv and hosting-ranges-ipv6.csv: the
 * address ranges of the autonomous systems listed in data/geo/hosting-asns.csv,
 * cut from the IP-to-ASN data of @ip-location-db/asn (RouteViews, the five
 * RIRs and DB-IP ASN Lite; CC BY 4.0). Only these ranges are loaded at run
 * time (binary search), never the whole 60 MB of the package. Re-run after
 * updating the package or editing the list:
 *   npx tsx scripts/build-geo-hosting-ranges.ts [path/to/@ip-location-db/asn]
 *
 * Checks: every listed ASN must have ranges in the data, and its organisation
 * name in the list must be the one the data gives (a renamed or reassigned AS
 * is reported, and the build fails, so the list is reviewed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataDir } from '../src/reference/data-dir.js';
import { today, writeGeoBuildEntry } from '../src/reference/geo/build-info.js';
import { v6ToHex } from '../src/reference/geo/ip.js';

const asnDir = process.argv[2] ?? join(process.cwd(), 'node_modules', '@ip-location-db', 'asn');
const geoDir = join(dataDir(), 'geo');

const listed = new Map<number, string>();
for (const row of parse(readFileSync(join(geoDir, 'hosting-asns.csv')), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) {
  listed.set(Number(row.asn), row.organisation!);
}

/** Split one line of the package's CSV: start,end,asn,organisation (organisation may be quoted). */
function fields(line: string): [string, string, number, string] | undefined {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  let org = line.slice(c + 1);
  if (org.startsWith('"')) org = org.slice(1, -1).replace(/""/g, '"');
  return [line.slice(0, a), line.slice(a + 1, b), Number(line.slice(b + 1, c)), org];
}

const orgSeen = new Map<number, Map<string, number>>();
function note(asn: number, org: string): void {
  const m = orgSeen.get(asn) ?? new Map<string, number>();
  m.set(org, (m.get(org) ?? 0) + 1);
  orgSeen.set(asn, m);
}

interface Range<T> { start: T; end: T; asn: number }
function cut<T>(file: string, read: (s: string) => T | undefined, next: (end: T) => T): Range<T>[] {
  const out: Range<T>[] = [];
  for (const line of readFileSync(join(asnDir, file), 'utf8').split('\n')) {
    const f = fields(line);
    if (!f || !listed.has(f[2])) continue;
    note(f[2], f[3]);
    const start = read(f[0]);
    const end = read(f[1]);
    if (start === undefined || end === undefined) continue;
    const last = out[out.length - 1];
    // Adjacent ranges of the same AS are merged.
    if (last && last.asn === f[2] && next(last.end) === start) last.end = end;
    else out.push({ start, end, asn: f[2] });
  }
  return out;
}

const v4 = cut('asn-ipv4-num.csv', (s) => (/^\d+$/.test(s) ? Number(s) : undefined), (n) => n + 1);
const incHex = (hex: string): string => (BigInt(`0x${hex}`) + 1n).toString(16).padStart(32, '0');
const v6 = cut('asn-ipv6.csv', (s) => v6ToHex(s), incHex);
for (const table of [v4, v6] as Range<number | string>[][]) {
  for (let i = 1; i < table.length; i++) {
    if (!(table[i - 1]!.end < table[i]!.start)) throw new Error(`ranges not sorted or overlapping near ${String(table[i]!.start)}`);
  }
}

writeFileSync(join(geoDir, 'hosting-ranges-ipv4.csv'), `start,end,asn\n${v4.map((r) => `${r.start},${r.end},${r.asn}`).join('\n')}\n`);
writeFileSync(join(geoDir, 'hosting-ranges-ipv6.csv'), `start,end,asn\n${v6.map((r) => `${r.start},${r.end},${r.asn}`).join('\n')}\n`);

const problems: string[] = [];
for (const [asn, org] of listed) {
  const seen = orgSeen.get(asn);
  if (!seen) problems.push(`AS${asn} (${org}) has no ranges in the data`);
  else if (!seen.has(org)) problems.push(`AS${asn}: listed as "${org}", the data says ${[...seen.keys()].map((o) => `"${o}"`).join(', ')}`);
}
const pkg = JSON.parse(readFileSync(join(asnDir, 'package.json'), 'utf8')) as { version: string };
writeGeoBuildEntry(geoDir, 'hosting-ranges', {
  files: ['hosting-asns.csv', 'hosting-ranges-ipv4.csv', 'hosting-ranges-ipv6.csv'],
  records: v4.length + v6.length,
  inputs: { '@ip-location-db/asn': pkg.version, 'hosting-asns.csv (listed ASNs)': String(listed.size) },
  built: today(),
  notes: [`${v4.length} IPv4 and ${v6.length} IPv6 ranges (adjacent ranges of one AS merged)`, ...problems],
});
console.log(`hosting ranges for ${listed.size} ASNs from @ip-location-db/asn ${pkg.version}: ${v4.length} IPv4, ${v6.length} IPv6`);
for (const p of problems) console.error(`  ${p}`);
if (problems.length) process.exit(1);
