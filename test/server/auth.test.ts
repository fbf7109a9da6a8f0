import { describe, expect, it } from 'vitest';
import { presentedApiKey } from '../../src/server/auth/presented-key.js';
import { authorize, can, checkOrgAccess, PERMISSIONS, resultViewFor, ROLE_PERMISSIONS, ROLES, rolesWith, type Principal, type ScreeningResult } from '../../src/server/auth/roles.js';

const RESULT: ScreeningResult = {
  id: 'gh-1',
  score: 62,
  band: 'hold',
  signals: [{ id: 'contact.phone_invalid', family: 'contact', weight: 0.89, evidence: "phone '(713) 155-0124' is not assigned" }],
  cluster: { id: 'c-1', size: 3 },
};

describe('API keys', () => {
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
