import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src/server/config.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, OTHER_ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/**
 * Input the API refuses with a 400 naming the problem, on both engines, before
 * anything is written: lists and texts over their limits, JSON nested too
 * deep, text that cannot be stored (NUL, lone surrogates) in any field, ids
 * too long for a URL, days that are not on the calendar. The single and the
 * batch submission take the same body fields.
 */
const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
};

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`input the API refuses (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    const stored = async (): Promise<number> => (await h.store.withOrg(ORG).counts()).applications;
    const submit = (body: unknown, key = h.keys.recruiter) => h.request('POST', '/api/v1/applications', { key, body });
    const batch = (body: unknown, key = h.keys.recruiter) => h.request('POST', '/api/v1/applications/batch', { key, body });
    const expect400 = (res: { statusCode: number; body: string; json(): { message: string; error: string } }, message: RegExp) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toBe('invalid_request');
      expect(res.json().message).toMatch(message);
    };

    it('three applications with 20,000 phones each: 400 naming the list, at once', async () => {
      const before = await stored();
      const apps = [1, 2, 3].map(() => {
        const app = sampleApplication();
        (app.applicant as Record<string, unknown>).phones = Array.from({ length: 20_000 }, (_, i) => `+1 512 555 ${String(i % 10_000).padStart(4, '0')}`);
        return app;
      });
      const started = performance.now();
      const res = await batch({ applications: apps });
      expect400(res, /^body\.applications\.0\.applicant\.phones: .*20/);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(await stored()).toBe(before);
    });

    it('JSON nested 10,000 levels: 400 naming the problem, on every JSON route', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const app = JSON.stringify(sampleApplication()).replace(/^\{/, `{"extra":${deep},`);
      const single = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app, headers: { 'content-type': 'application/json' } });
      expect400(single, /^body\.extra(\.0)+: nested deeper than 64 levels/);
      const inBatch = await h.request('POST', '/api/v1/applications/batch', { key: h.keys.recruiter, body: `[${app}]`, headers: { 'content-type': 'application/json' } });
      expect400(inBatch, /nested deeper than 64 levels/);
      const deepObject = `${'{"n":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      const telemetry = await h.request('POST', '/api/v1/telemetry', {
        key: h.keys.admin, body: `{"events":[{"type":"employee","employeeId":"E1","extra":${deepObject}}]}`, headers: { 'content-type': 'application/json' },
      });
      expect400(telemetry, /^body\.events\.0\.extra(\.n)+: nested deeper than 64 levels/);
      // Within the body's 64 levels, a record itself may nest 32.
      expect400(await submit({ ...sampleApplication(), extra: nested(40) }), /^body\.extra(\.n)+: nested deeper than 32 levels/);
      expect((await submit({ ...sampleApplication(), extra: nested(20) })).statusCode).toBe(201);
    });

    const UNSTORABLE: [string, string][] = [['a NUL', 'Ana\u0000Souza'], ['a lone surrogate', 'Ana\uD800Souza']];
    for (const [what, text] of UNSTORABLE) {
      it(`${what} in any field of a single submission: 400 naming the field`, async () => {
        const before = await stored();
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ ...sampleApplication(), applicant: { fullName: text } }, /^body\.applicant\.fullName: /],
          [{ ...sampleApplication(), id: text }, /^body\.id: /],
          [{ ...sampleApplication(), source: text }, /^body\.source: /],
          [{ ...sampleApplication(), customField: { nested: [text] } }, /^body\.customField\.nested\.0: /],
          [{ ...sampleApplication(), [`key${text}`]: 1 }, /^body\.key.*: field name /],
        ];
        for (const [body, field] of cases) {
          const res = await submit(body);
          expect400(res, field);
          expect(res.json().message).toMatch(/NUL|surrogate/);
        }
        expect(await stored()).toBe(before);
      });
    }

    it('a 600-record batch with a NUL in record 551 is refused whole: nothing is written', async () => {
      const before = await stored();
      const apps = Array.from({ length: 600 }, () => sampleApplication());
      (apps[550]!.applicant as Record<string, unknown>).fullName = 'Ana\u0000Souza';
      expect400(await batch({ applications: apps }), /^body\.applications\.550\.applicant\.fullName: .*NUL/);
      expect400(await batch(apps), /^body\.applications\.550\.applicant\.fullName: .*NUL/);
      expect(await stored()).toBe(before);
    });

    it('a NUL in a query or a path parameter is a 400, not a database error', async () => {
      expect400(await h.request('GET', '/api/v1/results?source=a%00b', { key: h.keys.recruiter }), /^query\.source: .*NUL/);
      expect400(await h.request('GET', '/api/v1/applications/a%00b', { key: h.keys.analyst }), /^params\.id: .*NUL/);
      expect400(await h.request('GET', '/api/v1/networks/a%00b', { key: h.keys.analyst }), /^params\.id: .*NUL/);
    });

    it('telemetry with a NUL in an id is a 400 naming it, and stores nothing', async () => {
      const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [{ type: 'login', at: '2025-12-03T02:14:00Z', deviceId: 'LAP\u00001', ip: '45.8.22.10' }] } });
      expect400(res, /^body\.events\.0\.deviceId: .*NUL/);
      expect(await h.store.withOrg(ORG).monitor.getDeviceDays('LAP\u00001', '2025-12-03', '2025-12-03').catch(() => [])).toEqual([]);
    });

    it('ids: 128 characters are carried by every route, 9,000 are a 400', async () => {
      const id = `i${'d'.repeat(127)}`;
      const res = await submit({ ...sampleApplication(), id });
      expect(res.statusCode, res.body).toBe(201);
      expect((await h.request('GET', `/api/v1/applications/${id}`, { key: h.keys.analyst })).statusCode).toBe(200);
      expect((await h.request('GET', `/api/v1/networks/${id}`, { key: h.keys.analyst })).statusCode).not.toBe(500);
      expect400(await submit({ ...sampleApplication(), id: 'x'.repeat(9000) }), /^body\.id: .*128/);
      expect400(await batch([{ ...sampleApplication(), id: 'x'.repeat(129) }]), /^body\.applications\.0\.id: .*128/);
      const long = await h.request('GET', `/api/v1/applications/${'x'.repeat(9000)}`, { key: h.keys.analyst });
      expect400(long, /128 characters/);
      expect(long.body).not.toContain('xxxx');
      expect400(await h.request('GET', `/api/v1/applications/${'x'.repeat(129)}`, { key: h.keys.analyst }), /128 characters/);
    });

    it('2025-02-30 is not a date: 400 naming the field, for applications and telemetry', async () => {
      expect400(await submit({ ...sampleApplication(), submittedAt: '2025-02-30' }), /^body\.submittedAt: not a calendar date/);
      expect400(await submit({ ...sampleApplication(), employment: [{ employer: 'Indeed', start: '2019-02-29' }] }), /^body\.employment\.0\.start: not a calendar date/);
      const telemetry = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [{ type: 'employee', employeeId: 'E1', startDate: '2025-02-30' }] } });
      expect400(telemetry, /^body\.events\.0\.startDate: not a calendar date/);
    });

    it('the single and the batch submission take the same body fields: `org`, when given, must be the key’s', async () => {
      const own: Record<string, unknown> = { ...sampleApplication(), org: ORG };
      const single = await submit(own);
      expect(single.statusCode, single.body).toBe(201);
      const read = (await h.request('GET', `/api/v1/applications/${own.id}`, { key: h.keys.analyst })).json();
      expect(read.record.org).toBeUndefined();
      expect((await batch({ org: ORG, applications: [sampleApplication()] })).statusCode).toBe(200);

      const before = await stored();
      const foreign = await submit({ ...sampleApplication(), org: OTHER_ORG });
      expect(foreign.statusCode).toBe(404);
      expect((await batch({ org: OTHER_ORG, applications: [sampleApplication()] })).statusCode).toBe(404);
      expect(await stored()).toBe(before);
      expect400(await submit({ ...sampleApplication(), org: 'not an org!' }), /^body\.org: /);
      expect400(await batch({ org: 'not an org!', applications: [sampleApplication()] }), /^body\.org: /);
    });
  });
}

describe('body limits', () => {
  it('the batch body limit defaults to 16 MiB (500 applications of 32 KB), the single to 1 MiB', () => {
    const config = parseServerConfig({});
    expect(config.batchBodyLimitBytes).toBe(16 * 1024 * 1024);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
  });
});
