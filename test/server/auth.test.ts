import { describe, expect, it } from 'vitest';
import {
  checkApiKey,
  generateApiKey,
  hashKeySecret,
  parseApiKey,
  presentedApiKey,
  randomBase62,
  verifyApiKey,
  type StoredApiKey,
} from '../../src/server/auth/api-keys.js';
import { authorize, can, checkOrgAccess, PERMISSIONS, resultViewFor, ROLE_PERMISSIONS, ROLES, rolesWith, type Principal, type ScreeningResult } from '../../src/server/auth/roles.js';

const RESULT: ScreeningResult = {
  id: 'gh-1',
  score: 62,
  band: 'hold',
  signals: [{ id: 'contact.phone_invalid', family: 'contact', weight: 0.89, evidence: "phone '(713) 155-0124' is not assigned" }],
  cluster: { id: 'c-1', size: 3 },
};

describe('API keys', () => {
  it('generates hw_<prefix>_<secret> in base62 and stores only a hash of the secret', () => {
    const { key, stored } = generateApiKey({ role: 'analyst', orgId: 'acme', createdAt: '2025-11-03T00:00:00Z' });
    expect(key).toMatch(/^hw_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
    const parts = parseApiKey(key)!;
    expect(stored.prefix).toBe(parts.prefix);
    expect(stored.secretHash).toBe(hashKeySecret(parts.secret));
    expect(JSON.stringify(stored)).not.toContain(parts.secret);
    expect(stored).toMatchObject({ role: 'analyst', orgId: 'acme' });
  });

  it('does not repeat and uses the whole alphabet', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey({ role: 'recruiter', orgId: 'o', createdAt: 't' }).key));
    expect(keys.size).toBe(200);
    const chars = new Set(randomBase62(5000));
    expect(chars.size).toBe(62);
  });

  it('verifies the right key and refuses a wrong, unknown, revoked or malformed one', async () => {
    const { key, stored } = generateApiKey({ role: 'admin', orgId: 'acme', createdAt: 't' });
    const table = new Map<string, StoredApiKey>([[stored.prefix, stored]]);
    const lookup = async (prefix: string) => table.get(prefix);
    expect(await verifyApiKey(key, lookup)).toEqual({ ok: true, key: stored });
    const parts = parseApiKey(key)!;
    const flipped = parts.secret.slice(0, -1) + (parts.secret.endsWith('a') ? 'b' : 'a');
    expect(await verifyApiKey(`hw_${parts.prefix}_${flipped}`, lookup)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifyApiKey(`hw_ZZZZZZZZ_${parts.secret}`, lookup)).toEqual({ ok: false, reason: 'unknown' });
    expect(await verifyApiKey('hw_short', lookup)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyApiKey(undefined, lookup)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkApiKey(parts, { ...stored, revokedAt: '2025-12-01T00:00:00Z' })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('reads the key from Authorization: Bearer or X-API-Key', () => {
    expect(presentedApiKey({ authorization: 'Bearer hw_abc' })).toBe('hw_abc');
    expect(presentedApiKey({ 'X-API-Key': ' hw_def ' })).toBe('hw_def');
    expect(presentedApiKey({ authorization: 'Basic eDp5' })).toBeUndefined();
    expect(presentedApiKey({})).toBeUndefined();
  });
});

describe('roles', () => {
  it('gives each role what the design says', () => {
    expect(rolesWith('result:band').sort()).toEqual(['admin', 'analyst', 'recruiter']);
    expect(rolesWith('result:evidence')).toEqual(['analyst']);
    expect(rolesWith('keys:manage')).toEqual(['admin']);
    expect(rolesWith('watchlist:write')).toEqual(['admin']);
    expect(rolesWith('config:write')).toEqual(['admin']);
    expect(rolesWith('audit:read')).toEqual(['auditor']);
    expect(rolesWith('case:write')).toEqual(['analyst']);
    expect(can('recruiter', 'network:read')).toBe(false);
  });
  it('auditors are read-only: no permission that writes', () => {
    const writes = PERMISSIONS.filter((p) => p.endsWith(':write') || p === 'keys:manage');
    for (const p of writes) expect(can('auditor', p)).toBe(false);
  });
  it('every role holds only known permissions', () => {
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });
  it('shows a recruiter id, score and band only; an analyst everything; an auditor nothing', () => {
    expect(resultViewFor('recruiter', RESULT)).toEqual({ id: 'gh-1', score: 62, band: 'hold' });
    expect(resultViewFor('admin', RESULT)).toEqual({ id: 'gh-1', score: 62, band: 'hold' });
    expect(resultViewFor('analyst', RESULT)).toEqual(RESULT);
    expect(resultViewFor('auditor', RESULT)).toBeUndefined();
  });
});

describe('organisation checks', () => {
  const analyst: Principal = { keyPrefix: 'AbCdEfGh', role: 'analyst', orgId: 'acme' };
  it('allows ids of the caller organisation', () => {
    expect(checkOrgAccess(analyst, ['acme', 'acme'])).toEqual({ ok: true });
    expect(checkOrgAccess(analyst, [])).toEqual({ ok: true });
  });
  it('refuses a foreign id (including one inside a body) the same way as a missing one', () => {
    expect(checkOrgAccess(analyst, ['acme', 'globex'])).toEqual({ ok: false, status: 404 });
    expect(checkOrgAccess(analyst, [undefined])).toEqual({ ok: false, status: 404 });
  });
  it('checks role before organisation', () => {
    expect(authorize(analyst, 'keys:manage', ['acme'])).toEqual({ ok: false, status: 403 });
    expect(authorize(analyst, 'result:evidence', ['globex'])).toEqual({ ok: false, status: 404 });
    expect(authorize(analyst, 'result:evidence', ['acme'])).toEqual({ ok: true });
  });
});
