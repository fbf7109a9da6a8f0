/**
 * POST /api/v1/erasures in a running server (docs/RETENTION.md): the erased
 * application answers 404, the server's own linkage index forgets it (a new
 * application with its phone links only to what is still stored), and the
 * audit chain verifies. On every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

const PHONE = '(512) 555-0199';
const withPhone = (id: string, name: string) => {
  const a = sampleApplication(id, name) as { applicant: { phones: string[] } };
  a.applicant.phones = [PHONE];
  return a;
};

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: POST /erasures', (_title, engine) => {
  let h: Harness;
  beforeAll(async () => {
    if (engine.available) h = await startHarness(engine);
  });
  afterAll(async () => h?.close());

  it.skipIf(!engine.available)('erases an applicant: 404 afterwards, forgotten by the running linkage index, chain verified', async () => {
    for (const [id, name] of [['era-1', 'Amelia Hartford'], ['era-2', 'Kevin Park']] as const) {
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.admin, body: withPhone(id, name) })).statusCode).toBe(201);
    }
    expect((await h.request('POST', '/api/v1/erasures', { key: h.keys.analyst, body: { applicationId: 'era-1' } })).statusCode).toBe(403);
    const bad = await h.request('POST', '/api/v1/erasures', { key: h.keys.admin, body: { applicationId: 'era-1', email: 'x@example.org' } });
    expect(bad.statusCode).toBe(400);

    const erased = await h.request('POST', '/api/v1/erasures', { key: h.keys.admin, body: { applicationId: 'era-1' } });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ dryRun: false, found: 1, kept: [], removed: { applications: 1, links: 3, otherResultsRedacted: 1 }, tombstone: expect.any(Number) });
    expect((await h.request('GET', '/api/v1/applications/era-1', { key: h.keys.analyst })).statusCode).toBe(404);

    expect((await h.request('POST', '/api/v1/applications', { key: h.keys.admin, body: withPhone('era-3', 'Maria Lopez') })).statusCode).toBe(201);
    const fresh = await h.store.withOrg(ORG).getApplication('era-3');
    const phone = fresh!.result!.signals.find((s) => s.id === 'linkage.shared_phone_other_identity');
    expect(phone?.evidence).toBe('phone +15125550199 also on era-2 (Kevin Park)');
    expect(JSON.stringify(fresh)).not.toContain('Amelia');

    const audit = await h.request('GET', '/api/v1/audit?verify=true', { key: h.keys.auditor });
    expect(audit.json().verification).toMatchObject({ ok: true });
    const tombstone = (audit.json().entries as { seq: number; action: string }[]).find((e) => e.seq === erased.json().tombstone)!;
    expect(tombstone.action).toBe('erasure');
    expect(JSON.stringify(tombstone)).not.toMatch(/Amelia|Hartford|555-0199|5125550199|era-1/);
  });
});
