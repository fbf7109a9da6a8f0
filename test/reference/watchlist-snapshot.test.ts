import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';
import type { MatchQuery, NameMatch } from '../../src/match/types.js';
import { dataDir } from '../../src/reference/data-dir.js';
import { loadWatchlists, type LoadedWatchlists } from '../../src/reference/watchlists.js';
import { readSnapshot, snapshotDir, snapshotKey } from '../../src/reference/watchlist-snapshot.js';

/**
 * Instant start (issue 18): the watchlist index saved as a snapshot and read
 * back answers exactly as the index built from the lists, on real names; a
 * tampered, truncated or stale snapshot is never used.
 */
let work: string;
let data: string;
let fresh: LoadedWatchlists;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hirewatch-snapshot-'));
  data = join(work, 'data');
  for (const sub of ['ofac', 'watchlists']) cpSync(join(dataDir(), sub), join(data, sub), { recursive: true });
  fresh = loadWatchlists(data, { snapshots: null });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Real names of every kind: listed names, their aliases, other romanisations, typos, unknown people, organisations. */
function queries(index: WatchlistIndex): MatchQuery[] {
  const listed = ['ofac:20157', 'ofac:15290', 'ofac:25544', 'ofac:31340', 'hri-0001', 'hri-0010', 'hri-0042']
    .map((id) => index.entry(id))
    .filter((e) => e !== undefined)
    .flatMap((e) => e.names.slice(0, 3).map((name) => ({ name, kind: e.kind === 'person' ? ('person' as const) : ('organization' as const) })));
  return [
    ...listed,
    { name: 'Kim Jong Un' },
    { name: 'Kim Jong-un', kind: 'person', dob: '1984', country: 'KP' },
    { name: 'Kimjongun' },
    { name: 'Jong Un Kim' },
    { name: 'Pak Jong Chol', kind: 'person' },
    { name: 'Park Jong-chul' },
    { name: 'Choe Son Hui' },
    { name: 'Ri Yong Ho' },
    { name: 'Korea Sobaeksu Trading Company', kind: 'organization' },
    { name: 'Chinyong Information Technology Cooperation Company' },
    { name: 'Yanbian Silverstar Network Technology' },
    { name: 'Volasys Silverstar' },
    { name: 'Lazarus Group' },
    { name: 'Mohammed Ali' },
    { name: 'John Smith' },
    { name: 'Maria Garcia Lopez' },
    { name: 'Hernandez Garcia Carlos' },
    { name: 'Acme Widgets Incorporated' },
    { name: 'Mingyu Seo' },
    { name: 'Jin Sung-il' },
    { name: 'Pak Jin Hyok' },
    { name: 'Kim Il' },
    { name: 'Abdullah' },
    { name: 'Banco Delta Asia' },
    { name: 'Korea Mining Development Trading Corporation' },
  ];
}

const answers = (index: WatchlistIndex, qs: MatchQuery[]): NameMatch[][] => qs.map((q) => index.search(q, { threshold: 0.7, limit: 10 }));

describe('watchlist snapshots', () => {
  it('a saved and reloaded index answers exactly as the one built from the lists (real names)', () => {
    const reloaded = WatchlistIndex.fromData(deserialize(serialize(fresh.index.data)));
    const qs = queries(fresh.index);
    expect(qs.length).toBeGreaterThan(30);
    const expected = answers(fresh.index, qs);
    expect(answers(reloaded, qs)).toEqual(expected);
    expect(reloaded.stats).toEqual(fresh.index.stats);
    // The expected matches, written out: the listed entry is found first.
    const top = (q: MatchQuery) => reloaded.search(q)[0];
    expect(top({ name: 'Kim Jong Un' })).toMatchObject({ entry: 'ofac:20157', name: 'KIM, Jong Un', score: 1 });
    expect(top({ name: 'Kim Jong-un', kind: 'person' })?.entry).toBe('ofac:20157');
    expect(top({ name: 'Korea Sobaeksu Trading Company', kind: 'organization' })).toMatchObject({ entry: 'hri-0025', score: 1 });
    expect(top({ name: 'Chinyong Information Technology Cooperation Company' })).toMatchObject({ entry: 'hri-0010', score: 1 });
    expect(top({ name: 'Yanbian Silverstar Network Technology' })).toMatchObject({ entry: 'hri-0001', name: 'Yanbian Silverstar Network Technology Co., Ltd.' });
    expect(top({ name: 'Pak Jin Hyok' })).toMatchObject({ entry: 'ofac:24918', name: 'PAK, Jin Hyok', score: 1 });
    expect(top({ name: 'Lazarus Group' })).toMatchObject({ entry: 'hri-0006', score: 1 });
    expect(top({ name: 'John Smith' })).toBeUndefined();
    expect(reloaded.entry('ofac:20157')).toEqual(fresh.index.entry('ofac:20157'));
    expect(reloaded.lookupDomain('silverstarchina.com')).toEqual(fresh.index.lookupDomain('silverstarchina.com'));
  });

  it('loadWatchlists builds and saves once, then reads the snapshot, with the same answers and context', () => {
    const cache = join(work, 'cache-a');
    const first = loadWatchlists(data, { snapshots: cache });
    expect(first.stats).toMatchObject({ from: 'built', saved: true });
    const second = loadWatchlists(data, { snapshots: cache });
    expect(second.stats.from).toBe('snapshot');
    expect(second.problems).toEqual(fresh.problems);
    const qs = queries(fresh.index);
    expect(answers(second.index, qs)).toEqual(answers(fresh.index, qs));
    expect(second.context.entries.get('ofac:20157')).toEqual(fresh.context.entries.get('ofac:20157'));
    const street = { street: '1 nonexistent st', city: 'nowhere' } as Parameters<NonNullable<LoadedWatchlists['context']['addresses']>>[0];
    expect(second.context.addresses?.(street)).toEqual(fresh.context.addresses?.(street));
  });

  it('a tampered or truncated snapshot is rejected and built again', () => {
    const cache = join(work, 'cache-b');
    loadWatchlists(data, { snapshots: cache });
    const [name] = readdirSync(cache);
    const file = join(cache, name!);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    expect(readSnapshot(cache, snapshotKey(data))).toBeUndefined();
    const again = loadWatchlists(data, { snapshots: cache });
    expect(again.stats).toMatchObject({ from: 'built', saved: true });
    expect(loadWatchlists(data, { snapshots: cache }).stats.from).toBe('snapshot');
    writeFileSync(file, readFileSync(file).subarray(0, 5000));
    expect(loadWatchlists(data, { snapshots: cache }).stats.from).toBe('built');
  });

  it('a snapshot of other data is never used: a changed list gives another key', () => {
    const cache = join(work, 'cache-c');
    const before = snapshotKey(data);
    loadWatchlists(data, { snapshots: cache });
    appendFileSync(join(data, 'watchlists', 'custom.jsonl'), `${JSON.stringify({ id: 'custom-1', name: 'Zzyzx Quillfeather Holdings', kind: 'organization', reason: 'test', source: 'test' })}\n`);
    try {
      expect(snapshotKey(data)).not.toBe(before);
      expect(readSnapshot(cache, snapshotKey(data))).toBeUndefined();
      const changed = loadWatchlists(data, { snapshots: cache });
      expect(changed.stats.from).toBe('built');
    } finally {
      rmSync(join(data, 'watchlists', 'custom.jsonl'));
    }
    expect(snapshotKey(data)).toBe(before);
  });

  it('a folder that cannot be written: the index is built in memory and the run goes on', () => {
    const blocked = join(work, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder would be');
    const loaded = loadWatchlists(data, { snapshots: join(blocked, 'cache') });
    expect(loaded.stats).toMatchObject({ from: 'built', saved: false });
    expect(loaded.index.search({ name: 'Kim Jong Un' })[0]?.entry).toBe('ofac:20157');
  });

  it('the folder: HIREWATCH_CACHE_DIR, else XDG_CACHE_HOME/hirewatch, else ~/.cache/hirewatch; off turns snapshots off', () => {
    expect(snapshotDir({ HIREWATCH_CACHE_DIR: '/srv/cache' })).toBe('/srv/cache');
    expect(snapshotDir({ HIREWATCH_CACHE_DIR: 'off' })).toBeNull();
    expect(snapshotDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/hirewatch');
    expect(snapshotDir({})).toMatch(/\.cache\/hirewatch$/u);
  });
});
