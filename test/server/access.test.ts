import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { OTHER_ORG, ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/** Organisation boundaries, what each role sees of a result, bad input, size and rate limits. */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`access and limits (${engine.title})`, () => {
    let h: Harness;
    let acmeId = '';
    beforeAll(async () => {
      h = await startHarness(engine, { bodyLimitBytes: 4096, batchBodyLimitBytes: 64 * 1024 });
      const app = sampleApplication();
      acmeId = String(app.id);
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app })).statusCode).toBe(201);
    });
    afterAll(async () => h?.close());

    describe('another organisation', () => {
      it('cannot read an application by id (404, as for an id that does not exist)', async () => {
        const own = await h.request('GET', `/api/v1/applications/${acmeId}`, { key: h.keys.analyst });
        expect(own.statusCode).toBe(200);
        const foreign = await h.request('GET', `/api/v1/applications/${acmeId}`, { key: h.otherOrgKey });
        expect(foreign.statusCode).toBe(404);
        const missing = await h.request('GET', '/api/v1/applications/no-such-id', { key: h.otherOrgKey });
        expect(foreign.json().error).toBe(missing.json().error);
        expect(foreign.json().message).toBe(missing.json().message);
      });
      it('cannot read its network by id', async () => {
        expect((await h.request('GET', `/api/v1/networks/${acmeId}`, { key: h.otherOrgKey })).statusCode).toBe(404);
      });
      it('cannot name another organisation inside a batch body', async () => {
        const res = await h.request('POST', '/api/v1/applications/batch', { key: h.otherOrgKey, body: { org: ORG, applications: [sampleApplication()] } });
        expect(res.statusCode).toBe(404);
        const ownOrg = await h.request('POST', '/api/v1/applications/batch', { key: h.otherOrgKey, body: { org: OTHER_ORG, applications: [sampleApplication()] } });
        expect(ownOrg.statusCode).toBe(200);
        const bareArray = await h.request('POST', '/api/v1/applications/batch', { key: h.otherOrgKey, body: [sampleApplication(), sampleApplication()] });
        expect(bareArray.statusCode).toBe(200);
        expect(bareArray.json().items).toHaveLength(2);
      });
      it("cannot tie telemetry to another organisation's application", async () => {
        const events = [{ type: 'employee', employeeId: 'E-X', applicationId: acmeId, deviceIds: ['LAP-X'] }];
        const { secret } = await h.store.withOrg(OTHER_ORG).admin.apiKeys.create('admin');
        const res = await h.request('POST', '/api/v1/telemetry', { key: secret, body: { events } });
        expect(res.statusCode).toBe(404);
        expect(res.json().message).toContain('body.events.0.applicationId');
        expect((await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events } })).statusCode).toBe(200);
      });
      it('sees only its own results', async () => {
        const res = await h.request('GET', '/api/v1/results', { key: h.otherOrgKey });
        expect(res.json().items.map((i: { id: string }) => i.id)).not.toContain(acmeId);
      });
    });

    describe('what a role sees of a result', () => {
      it('recruiter: id, score and band; no evidence, record or cluster', async () => {
        const app = sampleApplication();
        const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app });
        expect(Object.keys(res.json().result).sort()).toEqual(['band', 'id', 'score']);
        const read = (await h.request('GET', `/api/v1/applications/${app.id}`, { key: h.keys.recruiter })).json();
        expect(read.record).toBeUndefined();
        expect(Object.keys(read.result).sort()).toEqual(['band', 'id', 'score']);
        const list = (await h.request('GET', '/api/v1/results', { key: h.keys.recruiter })).json();
        expect(list.items[0].signals).toBeUndefined();
        expect((await h.request('GET', '/api/v1/results?clusterId=c-1', { key: h.keys.recruiter })).statusCode).toBe(403);
      });
      it('analyst: the signals with their evidence, and the record', async () => {
        const app = sampleApplication();
        app.applicant = { ...(app.applicant as object), phones: ['+1 (512) 555-0143'] };
        const res = (await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app })).json();
        expect(res.result.signals.map((s: { id: string }) => s.id)).toContain('contact.phone_plus1_format');
        const read = (await h.request('GET', `/api/v1/applications/${app.id}`, { key: h.keys.analyst })).json();
        expect(read.record.id).toBe(app.id);
        expect(read.result.signals[0].evidence).toBeTypeOf('string');
      });
      it('a new application answers 201; resubmitting identical content is a no-op that answers 200 with the stored result; a change, 200 with version 2', async () => {
        const app = sampleApplication();
        const firstAnswer = await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app });
        const againAnswer = await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app });
        expect([firstAnswer.statusCode, againAnswer.statusCode]).toEqual([201, 200]);
        const first = firstAnswer.json();
        const again = againAnswer.json();
        expect(first.status).toBe('new');
        expect(again).toMatchObject({ status: 'unchanged', version: 1, result: first.result });
        const changedAnswer = await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: { ...app, resumeText: 'new text' } });
        expect(changedAnswer.statusCode).toBe(200);
        expect(changedAnswer.json()).toMatchObject({ status: 'changed', version: 2 });
      });
    });

    describe('keys', () => {
      it('refuses a missing, malformed, unknown or revoked key with 401', async () => {
        expect((await h.request('GET', '/api/v1/results')).statusCode).toBe(401);
        expect((await h.request('GET', '/api/v1/results', { key: 'not-a-key' })).statusCode).toBe(401);
        expect((await h.request('GET', '/api/v1/results', { key: 'hw_000000000000_abcdefghijklmnopqrstuvwxyz012345' })).statusCode).toBe(401);
        const { keyId, secret } = await h.store.withOrg(ORG).admin.apiKeys.create('analyst');
        expect((await h.request('GET', '/api/v1/results', { headers: { 'x-api-key': secret } })).statusCode).toBe(200);
        await h.store.withOrg(ORG).admin.apiKeys.revoke(keyId);
        expect((await h.request('GET', '/api/v1/results', { key: secret })).statusCode).toBe(401);
      });
    });

    describe('bad input', () => {
      it('400 naming the field', async () => {
        const app = sampleApplication();
        delete (app.applicant as Record<string, unknown>).fullName;
        const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid_request' });
        expect(res.json().message).toContain('body.applicant.fullName');
        const batch = await h.request('POST', '/api/v1/applications/batch', { key: h.keys.recruiter, body: { applications: [sampleApplication(), { id: 'x' }] } });
        expect(batch.statusCode).toBe(400);
        expect(batch.json().message).toContain('body.applications.1');
        const query = await h.request('GET', '/api/v1/results?limit=0', { key: h.keys.recruiter });
        expect(query.statusCode).toBe(400);
        expect(query.json().message).toContain('query.limit');
        const unknown = await h.request('GET', '/api/v1/results?bnad=hold', { key: h.keys.recruiter });
        expect(unknown.statusCode).toBe(400);
        const telemetry = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [{ type: 'network_rtt', at: '2025-12-03T02:31:00Z', deviceId: 'L', rttMs: -1 }] } });
        expect(telemetry.statusCode).toBe(400);
        expect(telemetry.json().message).toContain('body.events.0.rttMs');
      });
      it('400 for a body that is not JSON, without echoing it', async () => {
        const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: '{"id": "x", secret', headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBe(400);
        expect(res.body).not.toContain('secret');
      });
    });

    describe('limits', () => {
      it('413 for a body over the configured limit, single and batch', async () => {
        const big = { ...sampleApplication(), resumeText: 'x'.repeat(5000) };
        const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: big });
        expect(res.statusCode).toBe(413);
        expect(res.json()).toMatchObject({ error: 'payload_too_large' });
        // The batch route has its own, larger limit.
        expect((await h.request('POST', '/api/v1/applications/batch', { key: h.keys.recruiter, body: { applications: [big] } })).statusCode).toBe(200);
        const huge = { applications: Array.from({ length: 20 }, () => big) };
        expect((await h.request('POST', '/api/v1/applications/batch', { key: h.keys.recruiter, body: huge })).statusCode).toBe(413);
      });
    });
  });
}

for (const engine of ENGINES.filter((e) => e.name === 'sqlite')) {
  describe('rate limit per key', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine, { rateLimit: { max: 3, windowMs: 60_000 } });
    });
    afterAll(async () => h?.close());

    it('429 after max requests in the window, counted per key', async () => {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await h.request('GET', '/api/v1/data/status', { key: h.keys.recruiter })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await h.request('GET', '/api/v1/data/status', { key: h.keys.recruiter });
      expect(limited.json()).toMatchObject({ error: 'rate_limited' });
      expect(limited.headers['retry-after']).toBeDefined();
      // Another key has its own budget.
      expect((await h.request('GET', '/api/v1/data/status', { key: h.keys.analyst })).statusCode).toBe(200);
    });
  });
}
