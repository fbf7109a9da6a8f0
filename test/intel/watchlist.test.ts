/**
 * The shared watchlist screening consults: its HMAC-SHA256 is sharing.ts's
 * bit for bit; keyed and clear indicators match the canonical identifiers
 * the linkage index files an application under; hashes under another key,
 * IPs and employers never match; the evidence names sharer, collection,
 * kind and dates.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyedDigest } from '../../src/intel/keyed-digest.js';
import { keyedHash, keyId } from '../../src/intel/sharing.js';
import { SharedWatchlist, sharedIndicatorSignals, type WatchlistEntry } from '../../src/intel/watchlist.js';
import { identifiersOf } from '../../src/linkage/identifiers.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { application } from '../helpers/applications.js';

const KEY = Buffer.alloc(32, 3);
const hex = (o: Int32Array): string => [...o].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
const entry = (over: Partial<WatchlistEntry>): WatchlistEntry => ({
  sharerId: 'identity--1', sharerName: 'acme', collectionId: 'col-1', sourceUrl: 'https://a/taxii2/acme/', kind: 'phone', matchClass: 'phone',
  keyed: false, value: '+15125550199', firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z', count: 2, decidedAt: '2026-12-02T10:00:00.000Z', ...over,
});

describe('shared watchlist', () => {
  it('digests as sharing.keyedHash does (any length, any script, keys past 64 bytes), and as SHA-256 without a key', () => {
    const out = new Int32Array(8);
    for (const key of [KEY, Buffer.alloc(100, 9)]) {
      const d = new KeyedDigest(key);
      for (const v of ['+15125550199', 'x'.repeat(23), 'y'.repeat(24), 'z'.repeat(200), 'müller straße|日本']) {
        d.digest('address', v, out);
        expect(hex(out)).toBe(keyedHash(key, 'address', v));
      }
    }
    new KeyedDigest().digest('email', 'a@b.c', out);
    expect(hex(out)).toBe(createHash('sha256').update('hirewatch-hmac-sha256-v1\u0000email\u0000a@b.c').digest('hex'));
  });

  it('matches keyed and clear indicators on the canonical identifiers, and names sharer, collection, kind and dates', () => {
    const w = new SharedWatchlist(KEY);
    expect(w.add(entry({ keyed: true, value: keyedHash(KEY, 'email', 'danreyes@gmail.com'), kind: 'email', matchClass: 'email', keyId: keyId(KEY) }))).toBe(true);
    expect(w.add(entry({ kind: 'referencePhone' }))).toBe(true);
    expect(w.add(entry({ keyed: true, value: keyedHash(KEY, 'phone', '+15125550199'), keyId: '0000000000000000' }))).toBe(false);
    expect(w.add(entry({ kind: 'ip', matchClass: 'ip', value: '45.8.22.10' }))).toBe(false);
    expect(w.add(entry({ kind: 'employer', matchClass: 'employer', value: 'indeed' }))).toBe(false);
    expect([w.size, w.skipped, w.ignored]).toEqual([2, 1, 2]);
    const app = application((a) => {
      a.applicant.phones = ['512.555.0199'];
      a.applicant.emails = ['Dan.Reyes+x@gmail.com'];
      a.session = { ...a.session, ip: '45.8.22.10' };
    });
    const n = normaliseApplication(app);
    const hits = w.match(identifiersOf(n), n);
    expect(hits.map((h) => [h.identifier.kind, h.kind, h.keyed])).toEqual([['phone', 'referencePhone', false], ['email', 'email', true]]);
    expect(sharedIndicatorSignals(hits)[0]!.evidence).toBe(
      'phone +15125550199 matches a referencePhone indicator shared by acme (collection col-1): seen 2025-11-03 to 2025-11-20 on 2 applications, confirmed fraud 2026-12-02; '
      + 'mailbox danreyes@gmail.com matches a keyed email indicator shared by acme (collection col-1): seen 2025-11-03 to 2025-11-20 on 2 applications, confirmed fraud 2026-12-02',
    );
  });

  it('grows past its first table and still finds every entry', () => {
    const w = new SharedWatchlist(KEY);
    for (let i = 0; i < 5000; i++) w.add(entry({ value: `+1512555${String(i).padStart(4, '0')}` }));
    const app = application((a) => { a.applicant.phones = ['(512) 555-4321']; });
    const n = normaliseApplication(app);
    expect(w.match(identifiersOf(n), n).map((h) => h.identifier.value)).toContain('+15125554321');
  });

  it('the same indicator added again is held once, with its newer dates (as days) and count; the same value from another sharer is another entry', () => {
    const w = new SharedWatchlist(KEY);
    const app = normaliseApplication(application((a) => { a.applicant.phones = ['+1 512 555 0199']; }));
    expect(w.add(entry({}))).toBe(true);
    expect(w.add(entry({ lastSeen: '2025-12-01T00:00:00Z', count: 5 }))).toBe(true);
    expect(w.size).toBe(1);
    expect(w.match(identifiersOf(app), app)).toEqual([expect.objectContaining({ sharer: 'acme', lastSeen: '2025-12-01', count: 5 })]);
    expect(w.add(entry({ sharerId: 'identity--2', sharerName: 'globex' }))).toBe(true);
    expect(w.size).toBe(2);
    expect(w.match(identifiersOf(app), app).map((h) => h.sharer)).toEqual(['acme', 'globex']);
  });
});
