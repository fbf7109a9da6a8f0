import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkageIndex } from '../../src/linkage/linkage-index.js';
import { linkageSignals } from '../../src/linkage/linkage-signals.js';
import { app, RESUME } from './helpers.js';

const phone = (p: string) => ({ applicant: { phones: [p] } });

describe('linkage index', () => {
  it('lists earlier applications sharing an identifier, and whether each is the same identity', () => {
    const index = new LinkageIndex();
    expect(index.add(app('a', 'Kevin Park', phone('(512) 555-0143'))).identifiers).toEqual([]);
    index.add(app('b', 'Alan Smith', phone('+1 512-555-0143')));
    const r = index.add(app('c', 'Dan Reyes', phone('512.555.0143')));
    expect(r.identifiers).toHaveLength(1);
    expect(r.identifiers[0]).toMatchObject({ kind: 'phone', value: '+15125550143', truncated: false });
    expect(r.identifiers[0]!.earlier.map((e) => [e.id, e.sameIdentity])).toEqual([['b', false], ['a', false]]);
    expect(r.cluster).toMatchObject({ size: 3, identities: 3 });
  });

  it('one person under a nickname or reordered name is the same identity', () => {
    const index = new LinkageIndex();
    index.add(app('a', 'Daniel Reyes', phone('(512) 555-0143')));
    const r = index.add(app('b', 'Reyes, Dan', phone('(512) 555-0143')));
    expect(r.identifiers[0]!.earlier[0]!.sameIdentity).toBe(true);
    expect(r.cluster).toMatchObject({ size: 2, identities: 1 });
  });

  it('keeps clusters current through chains of strong links, with a stable id', () => {
    const index = new LinkageIndex();
    const first = index.add(app('a', 'Kevin Park', { applicant: { phones: ['(512) 555-0143'] } }));
    expect(first.cluster).toBeUndefined();
    const b = index.add(app('b', 'Alan Smith', { applicant: { phones: ['(512) 555-0143'] }, session: { deviceId: 'fp_1' } }));
    const c = index.add(app('c', 'Maria Chen', { session: { deviceId: 'fp_1' } }));
    expect(c.cluster!.id).toBe(b.cluster!.id);
    expect(c.cluster).toMatchObject({ size: 3, identities: 3 });
    expect(c.cluster!.members.map((m) => m.id)).toEqual(['c', 'b', 'a']);
    expect(index.clusterOf('a')!.id).toBe(c.cluster!.id);
    expect(index.clusterOf('zzz')).toBeUndefined();
  });

  it('an IP alone does not join clusters; a hub identifier is capped and joins nothing', () => {
    const index = new LinkageIndex({ maxPerIdentifier: 5 });
    index.add(app('a', 'Kevin Park', { session: { ip: '10.0.0.1' } }));
    expect(index.add(app('b', 'Alan Smith', { session: { ip: '10.0.0.1' } })).cluster).toBeUndefined();
    for (let i = 0; i < 6; i++) index.add(app(`d${i}`, `Person${i} Name${i}`, { session: { deviceId: 'kiosk' } }));
    const r = index.add(app('z', 'Zed Zee', { session: { deviceId: 'kiosk' } }));
    expect(r.identifiers[0]).toMatchObject({ kind: 'device', truncated: true });
    expect(r.identifiers[0]!.earlier).toHaveLength(5);
    expect(r.cluster).toBeUndefined(); // z joins nothing through the hub
    expect(index.clusterOf('d0')).toMatchObject({ size: 6 }); // d0..d5 were joined before the cap was passed
  });

  it('finds the same photo within 6 bits of 64, not beyond', () => {
    const index = new LinkageIndex();
    index.add(app('a', 'Kevin Park', { applicant: { photoHash: 'f0e1d2c3b4a59687' } }));
    const near = index.add(app('b', 'Alan Smith', { applicant: { photoHash: 'f0e1d2c3b4a5968b' } })); // 2 bits
    expect(near.photos.map((p) => [p.id, p.distance])).toEqual([['a', 2]]);
    const far = index.add(app('c', 'Maria Chen', { applicant: { photoHash: '0fe1d2c3b4a59687' } })); // 8 bits from a
    expect(far.photos).toEqual([]);
  });

  it('a resume template shared beyond the cap is listed up to the cap, marked, and joins no cluster', () => {
    const index = new LinkageIndex({ maxPerIdentifier: 5 });
    for (let i = 0; i < 12; i++) index.add(app(`t${i}`, `Person${i} Name${i}`, { resumeText: RESUME }));
    const r = index.add(app('z', 'Zed Zee', { resumeText: RESUME }));
    expect(r.resumesTruncated).toBe(true);
    expect(r.resumes).toHaveLength(5);
    expect(r.cluster).toBeUndefined();
    // The first six were joined before any band of the template passed the cap; the rest joined nothing.
    expect(index.clusterOf('t0')).toMatchObject({ size: 6 });
    expect(index.clusterOf('t11')).toBeUndefined();
    const signal = linkageSignals(r).find((s) => s.id === 'linkage.resume_near_duplicate_other_identity')!;
    expect(signal.strength).toBe(0.5);
    expect(signal.evidence).toContain('a template');
  });

  it('finds a resume re-used with the names, dates and numbers changed', () => {
    const index = new LinkageIndex();
    index.add(app('a', 'Kevin Park', { resumeText: `Kevin Park, kevin@x.io, +1 512 555 0143. ${RESUME} 2015-2023.` }));
    const copy = index.add(app('b', 'Alan Smith', { resumeText: `ALAN SMITH  alan.smith@y.com (303) 555-0177\n${RESUME} 2012 - 2020.` }));
    expect(copy.resumes.map((r) => [r.id, r.similarity >= 0.9])).toEqual([['a', true]]);
    const other = index.add(app('c', 'Maria Chen', { resumeText: 'Data scientist focused on causal inference, experimentation platforms and forecasting for retail demand; Python, R, Spark, dbt and Airflow; published two papers on uplift modelling.' }));
    expect(other.resumes).toEqual([]);
    expect(index.add(app('d', 'Short Text', { resumeText: 'Engineer. Python.' })).resumes).toEqual([]);
  });

  it('finds exactly the earlier sharers a brute-force scan finds (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 40 }), (rows) => {
        const index = new LinkageIndex();
        rows.forEach(([p, d], i) => {
          const r = index.add(app(`r${i}`, `Name${i} Family`, { applicant: { phones: [`(512) 555-01${10 + p}`] }, session: { deviceId: `dev${d}` } }));
          const expectedPhone = rows.slice(0, i).map(([q], j) => [q, j] as const).filter(([q]) => q === p).map(([, j]) => `r${j}`).reverse();
          const phoneLink = r.identifiers.find((l) => l.kind === 'phone');
          expect(phoneLink?.earlier.map((e) => e.id) ?? []).toEqual(expectedPhone);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('re-adding the same id does not link it to itself', () => {
    const index = new LinkageIndex();
    index.add(app('a', 'Kevin Park', phone('(512) 555-0143')));
    expect(index.add(app('a', 'Kevin Park', phone('(512) 555-0143'))).identifiers).toEqual([]);
  });
});
