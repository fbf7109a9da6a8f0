import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig } from '../../src/server/config.js';
import { context } from '../helpers/applications.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/**
 * Finding 4 of "Hardening": a replayed delivery must not roll a record back.
 * Each vendor's signed payload carries when the source last changed the
 * application (Greenhouse `application.last_activity_at`, Ashby
 * `application.updatedAt`, Lever the fetched opportunity's `updatedAt`); an
 * update older than the one stored is acknowledged as stale and changes
 * nothing. Delivery ids are kept in the database, so a retry is still a
 * duplicate after a restart.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'webhooks');
const fixture = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, any>;
const hmac = (message: string) => createHmac('sha256', WEBHOOK_SECRET).update(message).digest('hex');

/** The Greenhouse fixture as Greenhouse would send it at `lastActivity`, with the candidate's phone then. */
function greenhouseAt(lastActivity: string, phone: string): string {
  const body = fixture('greenhouse/new-candidate-application.json');
  body.action = 'application_updated';
  body.payload.application.last_activity_at = lastActivity;
  body.payload.application.candidate.phone_numbers = [{ value: phone, type: 'mobile' }];
  return JSON.stringify(body);
}

function ashbyAt(updatedAt: string, name: string, actionId: string): string {
  const body = fixture('ashby/application-submit.json');
  body.webhookActionId = actionId;
  body.data.application.updatedAt = updatedAt;
  body.data.application.candidate.name = name;
  return JSON.stringify(body);
}

const leverEvent = fixture('lever/application-created.json');
function leverDelivery(id: string): string {
  const event: Record<string, any> = { ...leverEvent, id };
  event.signature = hmac(String(event.token) + String(event.triggeredAt));
  return JSON.stringify(event);
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`webhook replays and restarts (${engine.title})`, () => {
    let h: Harness;
    /** What the fake Lever API answers next: the opportunity as of `updatedAt`. */
    let leverNow = { updatedAt: 1762179725000, name: 'Ryan Cole' };
    const leverFetcher = async () => {
      const opportunity = fixture('lever/opportunity.json');
      opportunity.data.updatedAt = leverNow.updatedAt;
      opportunity.data.name = leverNow.name;
      return opportunity;
    };
    beforeAll(async () => {
      h = await startHarness(engine, {}, { now: () => new Date(Number(leverEvent.triggeredAt) + 5_000), leverFetcher });
    });
    afterAll(async () => h?.close());

    const post = (vendor: string, body: string, headers: Record<string, string> = {}) =>
      h.request('POST', `/api/v1/webhooks/${vendor}/${ORG}`, { body, headers: { 'content-type': 'application/json', ...headers } });
    const greenhouse = (body: string, eventId: string) => post('greenhouse', body, { signature: `sha256 ${hmac(body)}`, 'greenhouse-event-id': eventId });

    const older = greenhouseAt('2025-11-03T14:22:04Z', '+1 (512) 555-0143');
    const newer = greenhouseAt('2025-11-05T09:30:00Z', '+1 (512) 555-0199');

    it('a replay of an old Greenhouse delivery under a new delivery id does not change the stored latest version (200 stale)', async () => {
      expect((await greenhouse(older, 'gh-evt-1')).json()).toEqual({ status: 'stored', id: 'gh-448812', version: 1 });
      expect((await greenhouse(newer, 'gh-evt-2')).json()).toEqual({ status: 'stored', id: 'gh-448812', version: 2 });

      const replay = await greenhouse(older, 'gh-evt-3-forged-id');
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.json()).toEqual({ status: 'stale', id: 'gh-448812', version: 2 });

      const stored = await h.store.withOrg(ORG).getApplication('gh-448812', 'greenhouse');
      expect(stored?.version).toBe(2);
      expect((stored?.record.applicant as { phones: string[] }).phones).toEqual(['+1 (512) 555-0199']);
      expect(await h.store.withOrg(ORG).listVersions({ id: 'gh-448812', source: 'greenhouse' })).toHaveLength(2);
      const log = await h.store.withOrg(ORG).admin.audit.list();
      expect(log.at(-1)).toMatchObject({ actor: 'webhook:greenhouse', target: 'gh-448812', detail: { status: 'unchanged', deliveryId: 'gh-evt-3-forged-id', sourceUpdatedAt: '2025-11-03T14:22:04.000Z' } });
    });

    it('an update as recent as the stored one is taken (a timestamp is not a version: same second, new content)', async () => {
      const sameSecond = greenhouseAt('2025-11-05T09:30:00Z', '+1 (512) 555-0177');
      expect((await greenhouse(sameSecond, 'gh-evt-4')).json()).toEqual({ status: 'stored', id: 'gh-448812', version: 3 });
    });

    it('a delivery id seen before is a duplicate after a server restart', async () => {
      const store = await h.db.open();
      const restarted = await buildServer({
        store,
        config: parseServerConfig({ rateLimit: { max: 100_000, windowMs: 60_000 }, webhookSecrets: { greenhouse: { [ORG]: [WEBHOOK_SECRET] } } }),
        screenContext: context,
        keyCacheMs: 0,
      });
      try {
        const body = greenhouseAt('2025-11-05T09:30:00Z', '+1 (512) 555-0177');
        const res = await restarted.inject({
          method: 'POST', url: `/api/v1/webhooks/greenhouse/${ORG}`, payload: body,
          headers: { 'content-type': 'application/json', signature: `sha256 ${hmac(body)}`, 'greenhouse-event-id': 'gh-evt-4' },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ status: 'duplicate' });
      } finally {
        await restarted.close();
        await store.close();
      }
    });

    it('Ashby: an older applicationSubmit (application.updatedAt) is stale', async () => {
      const ashby = (body: string) => post('ashby', body, { 'ashby-signature': `sha256=${hmac(body)}` });
      expect((await ashby(ashbyAt('2025-11-04T09:15:30.512Z', 'Diego Herrera', 'act-1'))).json()).toMatchObject({ status: 'stored', version: 1 });
      expect((await ashby(ashbyAt('2025-11-06T10:00:00.000Z', 'Diego A. Herrera', 'act-2'))).json()).toMatchObject({ status: 'stored', version: 2 });
      expect((await ashby(ashbyAt('2025-11-04T09:15:30.512Z', 'Diego Herrera', 'act-3'))).json()).toMatchObject({ status: 'stale', version: 2 });
      const stored = await h.store.withOrg(ORG).getApplication('ashby-9f8e7d6c-0000-4b5a-8c7d-000000000100', 'ashby');
      expect(stored?.fullName).toBe('Diego A. Herrera');
    });

    it("Lever: an opportunity fetched older than the stored one (its updatedAt) is stale", async () => {
      leverNow = { updatedAt: 1762179725000, name: 'Ryan Cole' };
      expect((await post('lever', leverDelivery('lv-1'))).json()).toMatchObject({ status: 'stored', version: 1 });
      leverNow = { updatedAt: 1762179999000, name: 'Ryan J. Cole' };
      expect((await post('lever', leverDelivery('lv-2'))).json()).toMatchObject({ status: 'stored', version: 2 });
      // A slow fetch that started earlier answers with the older state last.
      leverNow = { updatedAt: 1762179725000, name: 'Ryan Cole' };
      expect((await post('lever', leverDelivery('lv-3'))).json()).toMatchObject({ status: 'stale', version: 2 });
      expect((await h.store.withOrg(ORG).getApplication('lever-0ddba11e-0000-4a1b-9c2d-000000000030', 'lever'))?.fullName).toBe('Ryan J. Cole');
    });
  });
}
