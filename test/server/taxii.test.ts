/**
 * TAXII 2.1 under /taxii2/ (docs/SHARING.md): content negotiation (406, 415),
 * who reaches what (intel and intel-writer keys only, their own
 * organisation's root only), paging with limit and next, added_after, the
 * manifest, and the inbox: keyed indicators under the server's key are
 * stored and matched by the next screening; clear values, another key's
 * hashes and other objects are refused one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash, keyId } from '../../src/intel/sharing.js';
import { HIREWATCH_EXTENSION_ID } from '../../src/intel/stix.js';
import { collectionId } from '../../src/service/taxii.js';
import { confirmRing } from '../helpers/confirmed-ring.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, OTHER_ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

const KEY = Buffer.alloc(32, 5);
const TAXII = 'application/taxii+json;version=2.1';
const engine = ENGINES[0]!;

const indicator = (n: number, ext: Record<string, unknown>) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
  created_by_ref: 'identity--00000000-0000-5000-8000-000000000000', created: '2026-12-01T00:00:00.000Z', modified: '2026-12-01T00:00:00.000Z',
  pattern: "[x-hirewatch-identifier:match_class = 'phone']", pattern_type: 'stix', valid_from: '2026-12-01T00:00:00.000Z',
  extensions: { [HIREWATCH_EXTENSION_ID]: { extension_type: 'property-extension', kind: 'phone', match_class: 'phone', first_seen: '2025-10-01', last_seen: '2025-10-09', count: 3, decisions: [{ case_ref: 'abc', outcome: 'confirmed_fraud', decided_at: '2026-11-30T00:00:00.000Z', ring: true }], ...ext } },
});

describe('TAXII 2.1', () => {
  let h: Harness;
  const get = (url: string, key: string | undefined, accept = TAXII) => h.app.inject({ method: 'GET', url, headers: { accept, ...(key ? { authorization: `Bearer ${key}` } : {}) } });
  const root = `/taxii2/${ORG}/`;
  const objects = `${root}collections/${collectionId(ORG, 'indicators')}/objects/`;
  const inbox = `${root}collections/${collectionId(ORG, 'inbox')}/objects/`;

  beforeAll(async () => {
    h = await startHarness(engine, {}, { intel: { key: KEY }, consoleDir: false });
    await confirmRing(h.store.withOrg(ORG));
  });
  afterAll(async () => h?.close());

  it('answers application/taxii+json;version=2.1, and 406 to an Accept without it', async () => {
    const ok = await get('/taxii2/', h.keys.intel);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/taxii+json;version=2.1');
    expect(ok.json().api_roots).toEqual([expect.stringMatching(/\/taxii2\/acme\/$/)]);
    expect((await get('/taxii2/', h.keys.intel, 'application/json')).statusCode).toBe(406);
    expect((await get('/taxii2/', h.keys.intel, 'application/taxii+json;version=2.0')).statusCode).toBe(406);
    expect((await get(root, h.keys.intel, 'application/taxii+json')).json().versions).toEqual([TAXII]);
  });

  it('only intel keys, only their own root: 401 without a key, 403 for other roles, 404 for another organisation', async () => {
    expect((await get(root, undefined)).statusCode).toBe(401);
    for (const role of ['analyst', 'admin', 'recruiter', 'auditor'] as const) expect((await get(root, h.keys[role])).statusCode).toBe(403);
    expect((await get(`/taxii2/${OTHER_ORG}/`, h.keys.intel)).statusCode).toBe(404);
    const cols = (await get(`${root}collections/`, h.keys['intel-writer'])).json().collections;
    expect(cols.map((c: { can_read: boolean; can_write: boolean }) => [c.can_read, c.can_write])).toEqual([[true, false], [false, true]]);
  });

  it('pages with limit and next, filters with added_after and match[type]; the manifest lists the same objects', async () => {
    const all = (await get(`${objects}?limit=10000`, h.keys.intel)).json().objects as { id: string; type: string }[];
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const res = await get(`${objects}?limit=3${next ? `&next=${next}` : ''}`, h.keys.intel);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.objects.map((o: { id: string }) => o.id));
      next = body.more ? body.next : undefined;
    } while (next);
    expect(seen).toEqual(all.map((o) => o.id));
    expect(JSON.stringify(all)).not.toContain('5550199');
    const manifest = (await get(`${objects.replace(/objects\/$/, 'manifest/')}?limit=10000`, h.keys.intel)).json();
    expect(manifest.objects.map((o: { id: string }) => o.id)).toEqual(seen);
    expect((await get(`${objects}?added_after=2026-12-03T00:00:00.000Z`, h.keys.intel)).json()).toEqual({ more: false });
    const types = (await get(`${objects}?match[type]=indicator`, h.keys.intel)).json().objects.map((o: { type: string }) => o.type);
    expect(new Set(types)).toEqual(new Set(['indicator']));
    expect((await get(inbox, h.keys.intel)).statusCode).toBe(403);
  });

  it('the inbox takes keyed indicators from intel-writer keys only, as TAXII, refusing clear values, other keys and other objects', async () => {
    const hash = keyedHash(KEY, 'phone', '+12145550111');
    const envelope = { objects: [
      indicator(1, { hmac_sha256: hash, key_id: keyId(KEY) }),
      indicator(2, { value: '+12145550112' }),
      indicator(3, { hmac_sha256: hash, key_id: '0123456789abcdef' }),
      { type: 'identity', id: 'identity--00000000-0000-5000-8000-000000000000', name: 'x' },
    ] };
    const post = (key: string, type = TAXII) => h.app.inject({ method: 'POST', url: inbox, headers: { accept: TAXII, 'content-type': type, authorization: `Bearer ${key}` }, payload: JSON.stringify(envelope) });
    expect((await post(h.keys.intel)).statusCode).toBe(403);
    expect((await post(h.keys['intel-writer'], 'application/json')).statusCode).toBe(415);
    const res = await post(h.keys['intel-writer']);
    expect(res.statusCode).toBe(202);
    const status = res.json();
    expect(status).toMatchObject({ status: 'complete', total_count: 4, success_count: 1, failure_count: 3, pending_count: 0 });
    expect((await get(`${root}status/${status.id}/`, h.keys['intel-writer'])).json()).toEqual(status);
    const app = sampleApplication(undefined, 'Kevin Park') as Record<string, any>;
    app.applicant = { ...app.applicant, phones: ['(214) 555-0111'] };
    const screened = await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app });
    const signal = screened.json().result.signals.find((s: { id: string }) => s.id === 'linkage.shared_indicator');
    expect(signal.evidence).toContain(`phone +12145550111 matches a keyed phone indicator shared by test intel-writer (collection ${collectionId(ORG, 'inbox')})`);
  });
});
