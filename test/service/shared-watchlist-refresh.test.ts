/**
 * A long-running door (serve, worker) sees a pull another process made
 * (`hirewatch intel pull` into the same database): the stored watchlist's
 * version goes up with every write, and screening looks at it at most every
 * sharedRefreshMs, reading the watchlist again when it changed. On every
 * engine, with the other process played by a second store handle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore, type SharedIndicatorRow } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor: Actor = { actor: 'key:a', action: 'test' };
const row = (value: string): SharedIndicatorRow => ({
  sharerId: 'identity--00000000-0000-5000-8000-0000000000ac', sharerName: 'acme', collectionId: 'c-acme', sourceUrl: 'https://intel.acme.example/taxii2/acme/',
  kind: 'phone', matchClass: 'phone', keyed: false, value, firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z', count: 2, objectId: `indicator--${value}`,
});
const withPhone = (id: string, phone: string) => ordinaryApplication(id, (a) => { a.applicant.phones = [phone]; });
const sharedSignals = (s: { result: { signals: readonly { id: string; evidence: string }[] } }) => s.result.signals.filter((x) => x.id === 'linkage.shared_indicator').map((x) => x.evidence);

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: a running server sees another process\'s pull', (_title, engine) => {
  let db: TestDatabase;
  let serving: HirewatchStore;
  let pulling: HirewatchStore;
  let clock = new Date('2026-12-03T09:00:00.000Z');
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock, sharedRefreshMs: 30_000 });
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    serving = await db.open({ org: 'globex' });
    pulling = await db.open({ org: 'globex' });
  });
  afterAll(async () => {
    await serving?.close();
    await pulling?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('the version is 0 before any indicator, and one more with each write', async () => {
    expect(await pulling.sharedIntel.version()).toBe(0);
    expect(await pulling.sharedIntel.upsert([row('+15125550101')], '2026-12-03T08:00:00.000Z')).toEqual({ added: 1, refreshed: 0, version: 1 });
    expect(await pulling.sharedIntel.upsert([row('+15125550101')], '2026-12-03T08:30:00.000Z')).toEqual({ added: 0, refreshed: 1, version: 2 });
    expect(await pulling.sharedIntel.upsert([], '2026-12-03T08:40:00.000Z')).toEqual({ added: 0, refreshed: 0, version: 2 });
    expect(await pulling.withOrg('initech').sharedIntel.version()).toBe(0);
  });

  it.skipIf(!engine.available)('a pull made after start matches from the first look 30 s later, not before', async () => {
    expect((await screening.shared.load(serving)).size).toBe(1);
    const [known] = await screening.submit(serving, [withPhone('gh-1', '+1 512 555 0101')], actor);
    expect(sharedSignals(known!)).toEqual(['phone +15125550101 matches a phone indicator shared by acme (collection c-acme): seen 2025-11-03 to 2025-11-20 on 2 applications']);

    // Another process pulls a second indicator.
    expect((await pulling.sharedIntel.upsert([row('+15125550102')], '2026-12-03T09:00:05.000Z')).version).toBe(3);
    clock = new Date('2026-12-03T09:00:20.000Z');
    const [early] = await screening.submit(serving, [withPhone('gh-2', '+1 512 555 0102')], actor);
    expect(sharedSignals(early!)).toEqual([]);

    clock = new Date('2026-12-03T09:00:31.000Z');
    await screening.submit(serving, [withPhone('gh-3', '+1 512 555 0199')], actor);
    await screening.shared.settled('globex');
    expect(screening.shared.of('globex')?.size).toBe(2);
    const [late] = await screening.submit(serving, [withPhone('gh-4', '+1 512 555 0102')], actor);
    expect(sharedSignals(late!)).toEqual(['phone +15125550102 matches a phone indicator shared by acme (collection c-acme): seen 2025-11-03 to 2025-11-20 on 2 applications']);
  });

  it.skipIf(!engine.available)('a submission inside a transaction (an ATS webhook) never reads through it; the next one outside does', async () => {
    expect((await pulling.sharedIntel.upsert([row('+15125550103')], '2026-12-03T09:01:00.000Z')).version).toBe(4);
    clock = new Date('2026-12-03T09:02:00.000Z');
    await serving.transaction((tx) => screening.submit(tx, [withPhone('gh-5', '+1 512 555 0198')], actor));
    await screening.shared.settled('globex');
    expect(screening.shared.of('globex')?.size).toBe(2);
    await screening.submit(serving, [withPhone('gh-6', '+1 512 555 0197')], actor);
    await screening.shared.settled('globex');
    expect(screening.shared.of('globex')?.size).toBe(3);
  });

  it.skipIf(!engine.available)('rows an inbox write adds while a read is under way are in what the read swaps in', async () => {
    const reading = screening.shared.load(serving);
    screening.shared.extend('globex', [row('+15125550104')], 5);
    expect((await reading).size).toBe(4);
    const [hit] = await screening.submit(serving, [withPhone('gh-7', '+1 512 555 0104')], actor);
    expect(sharedSignals(hit!)).toHaveLength(1);
  });

  it.skipIf(!engine.available)('without linkage the watchlist is consulted all the same', async () => {
    const alone = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), linkage: false });
    await alone.shared.load(serving);
    const [hit] = await alone.submit(serving, [withPhone('gh-8', '+1 512 555 0101')], actor);
    expect(sharedSignals(hit!)).toEqual(['phone +15125550101 matches a phone indicator shared by acme (collection c-acme): seen 2025-11-03 to 2025-11-20 on 2 applications']);
  });
});
