import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeverApplicationReference } from '../../src/server/webhooks/lever.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/** POST /webhooks/:vendor/:org: vendor signatures over the raw body, delivery dedupe, Lever's fetch step. */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'webhooks');
const raw = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const hmac = (message: string, secret = WEBHOOK_SECRET) => createHmac('sha256', secret).update(message).digest('hex');

const leverEvent = JSON.parse(raw('lever/application-created.json')) as Record<string, unknown>;
leverEvent.signature = hmac(String(leverEvent.token) + String(leverEvent.triggeredAt));
const leverBody = JSON.stringify(leverEvent);

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`ATS webhooks (${engine.title})`, () => {
    let h: Harness;
    const fetched: { org: string; ref: LeverApplicationReference }[] = [];
    beforeAll(async () => {
      h = await startHarness(engine, {}, {
        now: () => new Date(Number(leverEvent.triggeredAt) + 5_000),
        leverFetcher: async (org, ref) => {
          fetched.push({ org, ref });
          return JSON.parse(raw('lever/opportunity.json'));
        },
      });
    });
    afterAll(async () => h?.close());

    const greenhouse = raw('greenhouse/new-candidate-application.json');
    const post = (vendor: string, body: string, headers: Record<string, string>, org = ORG) =>
      h.request('POST', `/api/v1/webhooks/${vendor}/${org}`, { body, headers: { 'content-type': 'application/json', ...headers } });

    it('Greenhouse: a signed delivery is verified over the raw bytes, stored and screened', async () => {
      const res = await post('greenhouse', greenhouse, { signature: `sha256 ${hmac(greenhouse)}`, 'greenhouse-event-id': 'evt-1' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'stored', id: 'gh-448812', version: 1 });
      const stored = await h.store.withOrg(ORG).getApplication('gh-448812', 'greenhouse');
      expect(stored?.result?.band).toMatch(/clear|review|hold/);
      const log = await h.store.withOrg(ORG).admin.audit.list();
      expect(log.at(-1)).toMatchObject({ actor: 'webhook:greenhouse', action: 'webhook.ingest', target: 'gh-448812' });
    });

    it('a repeated delivery id is acknowledged once', async () => {
      const res = await post('greenhouse', greenhouse, { signature: `sha256 ${hmac(greenhouse)}`, 'greenhouse-event-id': 'evt-1' });
      expect(res.json()).toEqual({ status: 'duplicate' });
      expect(await h.store.withOrg(ORG).listVersions({ id: 'gh-448812', source: 'greenhouse' })).toHaveLength(1);
    });

    it('refuses a bad, missing or foreign-secret signature with 401 and stores nothing', async () => {
      const tampered = greenhouse.replace('Daniel', 'Danial');
      const bad = await post('greenhouse', tampered, { signature: `sha256 ${hmac(greenhouse)}` });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ error: 'unauthorized', message: 'the delivery could not be authenticated' });
      expect((await post('greenhouse', greenhouse, {})).statusCode).toBe(401);
      expect((await post('greenhouse', greenhouse, { signature: `sha256 ${hmac(greenhouse, 'another-secret-0123456789')}` })).statusCode).toBe(401);
      // No secret configured for this organisation: refused, whatever the signature.
      expect((await post('greenhouse', greenhouse, { signature: `sha256 ${hmac(greenhouse)}` }, 'globex')).statusCode).toBe(401);
      expect(await h.store.withOrg('globex').getApplication('gh-448812')).toBeUndefined();
    });

    it('an unknown vendor is a 400 naming the parameter', async () => {
      const res = await post('workday', greenhouse, {});
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('params.vendor');
    });

    it('Ashby: Ashby-Signature over the raw body', async () => {
      const body = raw('ashby/application-submit.json');
      const res = await post('ashby', body, { 'ashby-signature': `sha256=${hmac(body)}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'stored', id: 'ashby-9f8e7d6c-0000-4b5a-8c7d-000000000100' });
    });

    it('Lever: ids only, so the opportunity is fetched (the fetch step) and mapped', async () => {
      const res = await post('lever', leverBody, {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'stored', id: 'lever-0ddba11e-0000-4a1b-9c2d-000000000030' });
      expect(fetched).toEqual([{ org: ORG, ref: { opportunityId: '0ddba11e-0000-4a1b-9c2d-000000000030', applicationId: 'a1b2c3d4-0000-4e5f-8a9b-000000000010' } }]);
      const unsigned = JSON.stringify({ ...leverEvent, signature: hmac('other') });
      expect((await post('lever', unsigned, {})).statusCode).toBe(401);
    });
  });
}

describe.skipIf(!ENGINES[0]!.available)('Lever without a fetcher', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENGINES[0]!, {}, { now: () => new Date(Number(leverEvent.triggeredAt)) });
  });
  afterAll(async () => h?.close());
  it('answers 502 so that Lever retries later', async () => {
    const res = await h.request('POST', `/api/v1/webhooks/lever/${ORG}`, { body: leverBody, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: 'fetch_unavailable' });
  });
});
