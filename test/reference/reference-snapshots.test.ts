import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../../src/reference/data-dir.js';
import { EDUCATION_SNAPSHOT, loadEducationReference, type EducationReference } from '../../src/reference/education/education-reference.js';
import type { GeoReference } from '../../src/reference/geo/geo-reference.js';
import { GEO_SNAPSHOT } from '../../src/reference/geo/geo-snapshot.js';
import { loadGeoReference } from '../../src/reference/geo/load-geo-reference.js';
import { readSnapshotOf, snapshotKey } from '../../src/reference/watchlist-snapshot.js';

/**
 * Instant start (issue 18): the geographic tables and the education name
 * engine go through the watchlist index's snapshot files (same keys, same
 * checks). Read back, they answer exactly as when built from data/; a
 * damaged snapshot is rejected and built again; a snapshot of other data
 * (a changed file) is never found.
 */
let work: string;
let data: string;
let geoFresh: GeoReference;
let eduFresh: EducationReference;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hirewatch-ref-snapshot-'));
  data = join(work, 'data');
  for (const sub of ['geo', 'education']) cpSync(join(dataDir(), sub), join(data, sub), { recursive: true });
  geoFresh = loadGeoReference({ dataDir: data, snapshots: null });
  eduFresh = loadEducationReference(join(data, 'education'), { snapshots: null });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every kind of geographic look-up, on real rows of each file and on addresses and places no file holds. */
function geoAnswers(geo: GeoReference): unknown[] {
  const ips = ['3.5.140.1', '52.95.110.1', '104.16.0.1', '8.8.8.8', '185.65.135.1', '2600:1f18::1', '2a03:2880:f003::1', '2001:4860:4860::8888', '10.0.0.1', 'not an ip'];
  const zips = ['00501', '10001', '78701', '96898', '99999', 'abcde'];
  const places: [string, string][] = [['Austin', 'TX'], ['St. Louis', 'MO'], ['Saint Louis', 'mo'], ['Holtsville', 'NY'], ['Nowhere', 'ZZ']];
  const zones: [string, string?][] = [['US', 'TX'], ['US', 'HI'], ['CA', 'ON'], ['CA', 'NS'], ['KP'], ['ru'], ['ZZ']];
  return [
    ...ips.map((ip) => geo.ipNetwork(ip)),
    ...['201', '512', '902', '999', '12'].map((npa) => geo.areaCode(npa)),
    ...zips.map((z) => geo.zip(z)),
    ...places.map(([city, state]) => geo.placeZips(city, state)),
    ...zones.map(([country, region]) => geo.timeZones(country, region)),
    geo.provenance,
  ];
}

/** Names the table holds, and names only the name engine finds (typos, other order, a known name inside a longer text). */
const CLAIMS = [
  'University of Alabama at Birmingham', 'Univeristy of Alabama at Birmminghamm', 'Massachusets Institute of Technolgy', 'Technology Institute of Massachusetts',
  'Higland Communizty College', 'Lodi University', 'Department of Computer Science, University of Nevada', 'Kim Il Sung University', 'Pyongyang University of Science and Technology',
  'Univrsity of Hirewatch Nowhere', 'Stanford Univeristy', 'Universidad Nacional Autonoma de Mexico',
  // Named after people: the engine's own settings (a common surname is an ordinary word) must come back with the snapshot.
  'Andderson University', 'Montygomery Beauty Schol', 'Thomas Univrsity', 'Kabul Polytechnic University',
];
const eduAnswers = (edu: EducationReference) => CLAIMS.map((name) => edu.findInstitution(name));

/** Flip one byte near the end of the only snapshot of `kind` in `cache`. */
function damage(cache: string, prefix: string): string {
  const [name] = readdirSync(cache).filter((n) => n.startsWith(`${prefix}-`));
  const file = join(cache, name!);
  const bytes = readFileSync(file);
  bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
  writeFileSync(file, bytes);
  return file;
}

describe('geographic tables snapshot', () => {
  it('built, saved, then read back: the same answers as from the CSV files', () => {
    const cache = join(work, 'geo-a');
    const first = loadGeoReference({ dataDir: data, snapshots: cache });
    expect(first.from).toBe('built');
    const second = loadGeoReference({ dataDir: data, snapshots: cache });
    expect(second.from).toBe('snapshot');
    const expected = geoAnswers(geoFresh);
    expect(expected.filter((a) => a !== undefined).length).toBeGreaterThan(20);
    expect(geoAnswers(first)).toEqual(expected);
    expect(geoAnswers(second)).toEqual(expected);
    expect(second.ipLocation('8.8.8.8')).toEqual(geoFresh.ipLocation('8.8.8.8'));
  });

  it('a damaged or truncated snapshot is rejected and built again, answering the same', () => {
    const cache = join(work, 'geo-b');
    loadGeoReference({ dataDir: data, snapshots: cache });
    const file = damage(cache, 'geo');
    expect(readSnapshotOf(cache, snapshotKey(data, GEO_SNAPSHOT), GEO_SNAPSHOT)).toBeUndefined();
    const again = loadGeoReference({ dataDir: data, snapshots: cache });
    expect(again.from).toBe('built');
    expect(geoAnswers(again)).toEqual(geoAnswers(geoFresh));
    expect(loadGeoReference({ dataDir: data, snapshots: cache }).from).toBe('snapshot');
    writeFileSync(file, readFileSync(file).subarray(0, 4000));
    const truncated = loadGeoReference({ dataDir: data, snapshots: cache });
    expect(truncated.from).toBe('built');
    expect(geoAnswers(truncated)).toEqual(geoAnswers(geoFresh));
  });

  it('a changed data file gives another key: the stale snapshot is never read', () => {
    const cache = join(work, 'geo-c');
    const zips = join(data, 'geo', 'us-zips.csv');
    const original = readFileSync(zips);
    loadGeoReference({ dataDir: data, snapshots: cache });
    const before = snapshotKey(data, GEO_SNAPSHOT);
    appendFileSync(zips, '99950,Testtown,AK,55.5,-131.6,America/Sitka\n');
    try {
      expect(snapshotKey(data, GEO_SNAPSHOT)).not.toBe(before);
      const changed = loadGeoReference({ dataDir: data, snapshots: cache });
      expect(changed.from).toBe('built');
      expect(changed.zip('99950')).toMatchObject({ city: 'Testtown', state: 'AK' });
      expect(loadGeoReference({ dataDir: data, snapshots: cache }).zip('99950')).toMatchObject({ city: 'Testtown' });
    } finally {
      writeFileSync(zips, original);
    }
    expect(loadGeoReference({ dataDir: data, snapshots: cache }).zip('99950')).toEqual(geoFresh.zip('99950'));
  });
});

describe('education name engine snapshot', () => {
  const key = () => snapshotKey(join(data, 'education'), EDUCATION_SNAPSHOT);
  const saved = (cache: string) => readSnapshotOf(cache, key(), EDUCATION_SNAPSHOT);

  it('built at the first name the table does not hold, saved, then read back: the same answers', () => {
    const cache = join(work, 'edu-a');
    const first = loadEducationReference(join(data, 'education'), { snapshots: cache });
    expect(saved(cache)).toBeUndefined();
    const expected = eduAnswers(eduFresh);
    expect(expected.filter((m) => m?.tier === 'similar').length).toBeGreaterThan(2);
    expect(eduAnswers(first)).toEqual(expected);
    expect(saved(cache)).toBeDefined();
    const file = join(cache, readdirSync(cache)[0]!);
    const written = statSync(file).mtimeMs;
    expect(eduAnswers(loadEducationReference(join(data, 'education'), { snapshots: cache }))).toEqual(expected);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('a damaged snapshot is rejected, built again and saved; a changed alias file gives another key', () => {
    const cache = join(work, 'edu-b');
    eduAnswers(loadEducationReference(join(data, 'education'), { snapshots: cache }));
    damage(cache, 'institutions');
    expect(saved(cache)).toBeUndefined();
    expect(eduAnswers(loadEducationReference(join(data, 'education'), { snapshots: cache }))).toEqual(eduAnswers(eduFresh));
    expect(saved(cache)).toBeDefined();
    const aliases = join(data, 'education', 'aliases.tsv');
    const original = readFileSync(aliases);
    const before = key();
    appendFileSync(aliases, '\n');
    try {
      expect(key()).not.toBe(before);
      expect(saved(cache)).toBeUndefined();
    } finally {
      writeFileSync(aliases, original);
    }
    expect(key()).toBe(before);
  });

  it('rebuild: built now and saved (hirewatch data update, the install script)', () => {
    const cache = join(work, 'edu-c');
    loadEducationReference(join(data, 'education'), { snapshots: cache, rebuild: true });
    expect(saved(cache)).toBeDefined();
  });
});
