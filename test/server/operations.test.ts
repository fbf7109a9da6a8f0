import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/server/openapi.js';
import { routeList } from '../../src/server/routes/route-table.js';
import { ENGINES } from '../store/store-engines.js';
import { sampleApplication, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/** The OpenAPI document served from the route table, Prometheus metrics, health. */
describe('operations (SQLite)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENGINES[0]!);
  });
  afterAll(async () => h?.close());

  it('GET /openapi.json documents every route of the table with its permission', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json', { key: h.keys.recruiter })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of routeList()) {
      const op = doc.paths[openApiPath(r.path).path]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.operationId).toBe(r.operationId);
      if (r.permission) expect(op['x-permission']).toBe(r.permission);
    }
  });

  it('GET /metrics: requests by route and status, latency histogram, applications by band', async () => {
    await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: sampleApplication() });
    await h.request('GET', '/api/v1/applications/nope', { key: h.keys.analyst });
    const res = await h.request('GET', '/api/v1/metrics', { key: h.keys.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(/hirewatch_http_requests_total\{route="\/api\/v1\/applications",method="POST",status="201"\} 1/);
    expect(text).toMatch(/hirewatch_http_requests_total\{route="\/api\/v1\/applications\/:id",method="GET",status="404"\} 1/);
    expect(text).toMatch(/hirewatch_http_request_duration_seconds_bucket\{route="\/api\/v1\/applications",le="\+Inf"\} 1/);
    expect(text).toMatch(/hirewatch_applications_stored\{org="acme"\} 1/);
    expect(text).toMatch(/hirewatch_applications_by_band\{org="acme",band="clear"\} \d+/);
    expect(text).not.toContain('hw_');
  });

  it('GET /health needs no key', async () => {
    const res = await h.request('GET', '/api/v1/health');
    expect(res.json()).toMatchObject({ status: 'ok', engine: 'sqlite' });
  });

  it('an unknown route is a 404 in the error shape', async () => {
    const res = await h.request('GET', '/api/v1/nothing', { key: h.keys.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('logging', () => {
  it('never writes a key, a webhook secret or a signature', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const h = await startHarness(ENGINES[0]!, {}, { logger: { stream } });
    try {
      await h.request('GET', '/api/v1/results', { key: h.keys.analyst, headers: { 'x-api-key': h.keys.admin } });
      await h.request('POST', '/api/v1/webhooks/greenhouse/acme', { body: '{}', headers: { 'content-type': 'application/json', signature: 'sha256 00' } });
      await h.request('GET', '/api/v1/applications/x', { key: 'hw_0123456789ab_not-a-real-secret' });
      const log = lines.join('');
      expect(log).toContain('incoming request');
      for (const secret of [h.keys.analyst, h.keys.admin, WEBHOOK_SECRET, 'not-a-real-secret', 'sha256 00']) expect(log).not.toContain(secret);
    } finally {
      await h.close();
    }
  });
});
