import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfigFromEnv } from '../../src/server/config.js';
import { ENGINES } from '../store/store-engines.js';
import { sampleApplication, startHarness, type Harness } from './server-harness.js';

/**
 * Rate limits: per client address before authentication and before the body
 * is read (failed authentications count), then per key after
 * authentication. And a key sent in the URL never reaches a log line.
 */
const sqlite = ENGINES.find((e) => e.name === 'sqlite')!;

describe('rate limit per client address, before authentication and body parsing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(sqlite, { rateLimit: { max: 100, windowMs: 60_000, addressMax: 5 } });
  });
  afterAll(async () => h?.close());

  const from = (remoteAddress: string, options: { url?: string; method?: 'GET' | 'POST'; key?: string; payload?: string } = {}) =>
    h.app.inject({
      method: options.method ?? 'GET',
      url: options.url ?? '/api/v1/results',
      remoteAddress,
      headers: {
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        ...(options.payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });

  it('failed authentications count: after 5 requests an address gets 429, whatever key it then presents', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await from('203.0.113.7', { key: `hw_guess${i}_abcdefghijklmnopqrstuvwxyz` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const limited = await from('203.0.113.7', { key: h.keys.analyst });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address has its own budget.
    expect((await from('203.0.113.8', { key: h.keys.analyst })).statusCode).toBe(200);
  });

  it('a limited address is refused before its body is read (no 400 for bad JSON, no 413)', async () => {
    for (let i = 0; i < 5; i++) await from('198.51.100.9', { url: '/api/v1/health' });
    const badJson = await from('198.51.100.9', { method: 'POST', url: '/api/v1/applications', key: h.keys.recruiter, payload: '{"id": ' });
    expect(badJson.statusCode).toBe(429);
    const huge = await from('198.51.100.9', { method: 'POST', url: '/api/v1/applications', key: h.keys.recruiter, payload: JSON.stringify({ ...sampleApplication(), resumeText: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(429);
  });

  it('unknown routes count too', async () => {
    for (let i = 0; i < 5; i++) expect((await from('192.0.2.44', { url: `/api/v1/nothing-${i}` })).statusCode).toBe(404);
    expect((await from('192.0.2.44', { url: '/api/v1/health' })).statusCode).toBe(429);
  });
});

describe('rate limit per key, after authentication', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(sqlite, { rateLimit: { max: 3, windowMs: 60_000, addressMax: 1000 } });
  });
  afterAll(async () => h?.close());

  it('a key gets 429 after its max; another key from the same address still has its budget', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await h.request('GET', '/api/v1/data/status', { key: h.keys.recruiter })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect((await h.request('GET', '/api/v1/data/status', { key: h.keys.analyst })).statusCode).toBe(200);
  });

  it('a rate-limited key is refused before its body is read', async () => {
    const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: '{"id": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(429);
  });
});

describe('configuration', () => {
  it('HIREWATCH_RATE_LIMIT_ADDRESS_MAX sets the per-address limit; it defaults to 1,200 a window', () => {
    expect(serverConfigFromEnv({}).rateLimit).toEqual({ max: 600, windowMs: 60_000, addressMax: 1200 });
    expect(serverConfigFromEnv({ HIREWATCH_RATE_LIMIT_ADDRESS_MAX: '50' }).rateLimit.addressMax).toBe(50);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`a key in the URL (${engine.title})`, () => {
    let h: Harness;
    const lines: string[] = [];
    beforeAll(async () => {
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      h = await startHarness(engine, {}, { logger: { stream } });
    });
    afterAll(async () => h?.close());

    it('is refused with a 400 telling where a key goes, and never logged', async () => {
      const secret = h.keys.analyst;
      for (const url of [
        `/api/v1/results?api_key=${secret}`,
        `/api/v1/health?api_key=${secret}`,
        `/api/v1/results?band=hold&token=${encodeURIComponent(secret)}`,
        `/api/v1/data/status?x=${secret}`,
      ]) {
        const res = await h.request('GET', url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().message).toMatch(/Authorization|X-API-Key/);
        expect(res.body).not.toContain(secret);
      }
      const post = await h.request('POST', `/api/v1/applications?api_key=${secret}`, { body: sampleApplication() });
      expect(post.statusCode).toBe(400);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('')).not.toContain(secret);
      // The part after the prefix (base64url: it may itself hold '_', so not split('_')[2], which was '' for one key in 64).
      expect(lines.join('')).not.toContain(secret.split('_').slice(2).join('_'));
    });

    it('no query string reaches the log: the path is logged, the query is redacted', async () => {
      lines.length = 0;
      expect((await h.request('GET', '/api/v1/results?band=hold&source=private-note', { key: h.keys.analyst })).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/api/v1/results');
      expect(log).not.toContain('private-note');
      expect(log).not.toContain(h.keys.analyst);
    });
  });
}
