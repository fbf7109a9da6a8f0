import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES } from '../../src/server/auth/roles.js';
import { routeList, type RouteName } from '../../src/server/routes/route-table.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/**
 * Every route of the route table × every role, allowed and refused. The
 * cases are generated from the table; SAMPLES must name a request for each
 * route (its type is keyed by RouteName), so a new route cannot skip this.
 */
interface Sample {
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const greenhousePing = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'webhooks', 'greenhouse', 'ping.json'), 'utf8');
const signed = (body: string) => `sha256 ${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;

let seededId = '';
const SAMPLES: Record<RouteName, () => Sample> = {
  submitApplication: () => ({ url: '/api/v1/applications', body: sampleApplication() }),
  submitApplicationBatch: () => ({ url: '/api/v1/applications/batch', body: { applications: [sampleApplication(), sampleApplication()] } }),
  getApplication: () => ({ url: `/api/v1/applications/${seededId}` }),
  listResults: () => ({ url: '/api/v1/results?limit=5&band=clear,review,hold' }),
  getNetwork: () => ({ url: `/api/v1/networks/${seededId}` }),
  getDataStatus: () => ({ url: '/api/v1/data/status' }),
  getHealth: () => ({ url: '/api/v1/health' }),
  getMetrics: () => ({ url: '/api/v1/metrics' }),
  getOpenApi: () => ({ url: '/api/v1/openapi.json' }),
  receiveWebhook: () => ({ url: `/api/v1/webhooks/greenhouse/${ORG}`, body: greenhousePing, headers: { 'content-type': 'application/json', signature: signed(greenhousePing) } }),
  postTelemetry: () => ({ url: '/api/v1/telemetry', body: { events: [{ type: 'keystroke', at: '2025-12-03T02:30:00Z', deviceId: 'LAP-MATRIX', medianLatencyMs: 12, samples: 100 }] } }),
  listAlerts: () => ({ url: '/api/v1/alerts' }),
  readAuditLog: () => ({ url: '/api/v1/audit?verify=true' }),
};

const routes = routeList();

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`every route × every role (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
      // A linked pair (one phone, two names) so the network route has a cluster to show.
      const first = sampleApplication(undefined, 'Kevin Park');
      const second = { ...sampleApplication(undefined, 'Alan Smith') } as Record<string, any>;
      second.applicant = { ...second.applicant, phones: (first.applicant as { phones: string[] }).phones };
      for (const app of [first, second]) expect((await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app })).statusCode).toBe(200);
      seededId = String(second.id);
    });
    afterAll(async () => h?.close());

    it('has a sample request for every route of the table', () => {
      for (const r of routes) expect(SAMPLES[r.operationId], r.operationId).toBeTypeOf('function');
    });

    const cases = routes.flatMap((r) => ROLES.map((role) => ({ route: r, role, allowed: r.access !== 'key' || can(role, r.permission!) })));
    it.each(cases.map((c) => [`${c.route.method.toUpperCase()} ${c.route.path} as ${c.role}: ${c.allowed ? 'allowed' : 'refused'}`, c] as const))('%s', async (_title, c) => {
      const sample = SAMPLES[c.route.operationId]();
      const res = await h.request(c.route.method.toUpperCase() as 'GET' | 'POST', sample.url, {
        key: h.keys[c.role],
        ...(sample.body !== undefined ? { body: sample.body } : {}),
        ...(sample.headers ? { headers: sample.headers } : {}),
      });
      if (c.allowed) {
        expect(res.statusCode, res.body).toBe(c.route.successStatus ?? 200);
      } else {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json()).toMatchObject({ error: 'forbidden' });
      }
    });

    it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path} without a key`, r] as const))('%s', async (_title, r) => {
      const sample = SAMPLES[r.operationId]();
      const res = await h.request(r.method.toUpperCase() as 'GET' | 'POST', sample.url, {
        ...(sample.body !== undefined ? { body: sample.body } : {}),
        ...(sample.headers ? { headers: sample.headers } : {}),
      });
      // Health is public and a webhook carries its vendor's signature instead of a key.
      expect(res.statusCode, res.body).toBe(r.access === 'key' ? 401 : 200);
    });
  });
}
