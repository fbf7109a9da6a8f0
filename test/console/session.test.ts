import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { CONSOLE_HEADER } from '../../src/server/app.js';
import { SessionStore } from '../../src/server/session/session-store.js';
import { ORG, sampleApplication, startHarness, type Harness } from '../server/server-harness.js';
import { ENGINES } from '../store/store-engines.js';

/**
 * Console sign-in (issue 14): an API key traded for an HttpOnly,
 * SameSite=Strict session cookie; the cookie works in place of the key on
 * every route; writes by cookie need the JSON type or the console header and
 * this origin; a revoked key's sessions end; sign-in attempts are limited;
 * the key never comes back and never reaches a log.
 */
const sqlite = ENGINES[0]!;

function cookieOf(response: LightMyRequestResponse): string {
  const set = response.headers['set-cookie'];
  const line = Array.isArray(set) ? set[0]! : String(set);
  return line.split(';')[0]!;
}

describe('console sessions', () => {
  let h: Harness;
  const log: string[] = [];
  let consoleDir: string;
  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'hw-console-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>hirewatch console</title><div id="root"></div>');
    writeFileSync(join(consoleDir, 'assets', 'app-abc.js'), 'console.log(1)');
    h = await startHarness(sqlite, {}, {
      signInMax: 40,
      consoleDir,
      logger: { stream: { write: (line: string) => { log.push(line); return true; } } as unknown as NodeJS.WritableStream },
    });
  });
  afterAll(async () => h?.close());

  const signIn = (key: string, remoteAddress = '127.0.0.1') =>
    h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ key }) });

  it('trades a key for an HttpOnly, SameSite=Strict session cookie and answers who is signed in', async () => {
    const res = await signIn(h.keys.analyst);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ org: ORG, role: 'analyst', name: 'test analyst' });
    expect(res.body).not.toContain(h.keys.analyst);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/^hw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(set).not.toContain('Secure');
    const cookie = cookieOf(res);
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ signedIn: true, org: ORG, role: 'analyst', via: 'session' });
  });

  it('refuses an unknown key, a non-key and a form post', async () => {
    expect((await signIn('hw_nope_nope')).statusCode).toBe(401);
    expect((await signIn('not a key')).statusCode).toBe(401);
    const form = await h.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `key=${h.keys.analyst}` });
    expect(form.statusCode).toBe(415);
    const nobody = await h.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ signedIn: false });
  });

  it('the cookie stands in for the key on API routes, with the role of the key', async () => {
    const analyst = cookieOf(await signIn(h.keys.analyst));
    const recruiter = cookieOf(await signIn(h.keys.recruiter));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie: analyst } })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie: recruiter } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie: 'hw_session=forged' } })).statusCode).toBe(401);
  });

  it('a key header wins over a cookie: a bad key is refused even with a good session', async () => {
    const analyst = cookieOf(await signIn(h.keys.analyst));
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie: analyst, authorization: 'Bearer hw_bad_bad' } });
    expect(res.statusCode).toBe(401);
  });

  it('CSRF: a cookie write needs the JSON type or the console header, and this origin', async () => {
    const cookie = cookieOf(await signIn(h.keys.analyst));
    const payload = JSON.stringify(sampleApplication());
    const plain = await h.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { cookie, 'content-type': 'text/plain' }, payload });
    expect(plain.statusCode).toBe(403);
    const foreign = await h.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' }, payload });
    expect(foreign.statusCode).toBe(403);
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost:80' }, payload });
    expect(ok.statusCode).toBeLessThan(300);
    // A key-authenticated write is not concerned (a browser never adds the key by itself).
    const byKey = await h.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${h.keys.analyst}`, 'content-type': 'application/json' }, payload: JSON.stringify(sampleApplication()) });
    expect(byKey.statusCode).toBeLessThan(300);
  });

  it('a revoked key ends its sessions at the next request', async () => {
    const { keyId, secret } = await h.store.withOrg(ORG).admin.apiKeys.create('analyst', 'to revoke');
    const cookie = cookieOf(await signIn(secret));
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie } })).statusCode).toBe(200);
    await h.store.withOrg(ORG).admin.apiKeys.revoke(keyId);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: { cookie } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).json()).toEqual({ signedIn: false });
    expect((await signIn(secret)).statusCode).toBe(401);
  });

  it('sign-out ends the session and clears the cookie; it needs the console header', async () => {
    const cookie = cookieOf(await signIn(h.keys.auditor));
    const forged = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, origin: 'https://evil.example' } });
    expect(forged.statusCode).toBe(403);
    const out = await h.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, [CONSOLE_HEADER]: '1' } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^hw_session=; .*Max-Age=0/);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sign-in and sign-out are audited in the key\'s organisation', async () => {
    const res = await h.request('GET', '/api/v1/audit?limit=1000', { key: h.keys.auditor });
    const actions = (res.json() as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions).toContain('session.open');
    expect(actions).toContain('session.close');
  });

  it('the key and the cookie never reach the log', () => {
    const text = log.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const key of Object.values(h.keys)) expect(text).not.toContain(key);
    expect(text).not.toMatch(/hw_session=[A-Za-z0-9_-]{43}/);
  });

  it('serves the console at / with a strict CSP, client routes as the page, never /api/*', async () => {
    const root = await h.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('hirewatch console');
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    expect(root.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const client = await h.app.inject({ method: 'GET', url: '/cases/c-123?tab=plan' });
    expect(client.statusCode).toBe(200);
    expect(client.body).toContain('hirewatch console');
    const asset = await h.app.inject({ method: 'GET', url: '/assets/app-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const api = await h.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    expect((await h.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('limits sign-in attempts per address', async () => {
    let last = 0;
    for (let i = 0; i < 41; i += 1) last = (await signIn('hw_x_y', '10.9.9.9')).statusCode;
    expect(last).toBe(429);
    expect((await signIn(h.keys.analyst, '10.9.9.9')).statusCode).toBe(429);
    expect((await signIn(h.keys.analyst, '10.9.9.10')).statusCode).toBe(200);
  });
});

describe('session store', () => {
  it('ends a session when idle or past its lifetime', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 1000, maxAgeMs: 5000 }, () => now);
    const s = store.open({ keyId: 'k', org: 'acme', role: 'analyst', name: 'x' });
    now = 900;
    expect(store.touch(s.id)).toBeDefined();
    now = 1800;
    expect(store.touch(s.id)).toBeDefined();
    now = 2900;
    expect(store.touch(s.id)).toBeUndefined();
    const t = store.open({ keyId: 'k', org: 'acme', role: 'analyst', name: 'x' });
    for (now = 3000; now < 7900; now += 900) expect(store.touch(t.id)).toBeDefined();
    now = 8000;
    expect(store.touch(t.id)).toBeUndefined();
  });
});
