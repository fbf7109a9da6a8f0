/**
 * TAXII status resources live in the database (migration 2026_013): a status
 * made by one server is answered by another over the same database (servers
 * behind a load balancer, or one restarted), never to another organisation,
 * and is dropped after 30 days. On every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash, keyId } from '../../src/intel/sharing.js';
import { HIREWATCH_EXTENSION_ID } from '../../src/intel/stix.js';
import { TaxiiCollections } from '../../src/service/taxii.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const KEY = Buffer.alloc(32, 5);
const actor = { actor: 'key:w', action: 'intel.taxii.add' };
const sender = { keyId: 'w1', label: 'Globex' };
const indicator = (n: number, phone: string) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
  created_by_ref: 'identity--00000000-0000-5000-8000-000000000000', created: '2026-12-01T00:00:00.000Z', modified: '2026-12-01T00:00:00.000Z',
  pattern: "[x-hirewatch-identifier:match_class = 'phone']", pattern_type: 'stix', valid_from: '2026-12-01T00:00:00.000Z',
  extensions: { [HIREWATCH_EXTENSION_ID]: { extension_type: 'property-extension', kind: 'phone', match_class: 'phone', first_seen: '2025-10-01', last_seen: '2025-10-09', count: 3, decisions: [{ case_ref: 'abc', outcome: 'confirmed_fraud', decided_at: '2026-11-30T00:00:00.000Z', ring: true }], hmac_sha256: keyedHash(KEY, 'phone', phone), key_id: keyId(KEY) } },
});

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: TAXII statuses', (_title, engine) => {
  let db: TestDatabase;
  let first: HirewatchStore;
  let second: HirewatchStore;
  let clock = new Date('2026-12-03T09:00:00.000Z');
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    first = await db.open({ org: 'acme' });
    second = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('another server over the same database answers a status, with what was accepted and refused; another organisation gets none', async () => {
    const { status, version } = await new TaxiiCollections(KEY, () => clock).add(first, [indicator(1, '+12145550111'), { type: 'identity', id: 'identity--1', name: 'x' }], sender, actor);
    expect(version).toBe(1);
    expect(status).toMatchObject({ status: 'complete', request_timestamp: '2026-12-03T09:00:00.000Z', total_count: 2, success_count: 1, failure_count: 1, failures: [{ id: 'identity--1', message: 'only indicator objects are accepted' }] });
    const elsewhere = new TaxiiCollections(KEY, () => clock);
    expect(await elsewhere.status(second, status.id)).toEqual(status);
    expect(await elsewhere.status(second.withOrg('initech'), status.id)).toBeUndefined();
    expect(await elsewhere.status(second, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it.skipIf(!engine.available)('a status with nothing accepted is kept too, and one older than 30 days is dropped by the next', async () => {
    const old = (await new TaxiiCollections(KEY, () => clock).add(first, [{ type: 'identity', id: 'identity--2', name: 'y' }], sender, actor)).status;
    expect(old).toMatchObject({ success_count: 0, failure_count: 1 });
    expect(await new TaxiiCollections(KEY).status(second, old.id)).toEqual(old);
    clock = new Date('2027-01-03T09:00:01.000Z');
    const fresh = (await new TaxiiCollections(KEY, () => clock).add(first, [indicator(2, '+12145550112')], sender, actor)).status;
    expect(await new TaxiiCollections(KEY).status(second, old.id)).toBeUndefined();
    expect(await new TaxiiCollections(KEY).status(second, fresh.id)).toEqual(fresh);
  });
});
