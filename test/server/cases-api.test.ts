/**
 * The case routes as a user meets them, on every engine: the issue's
 * reproduction (version 2 of a held application with only a name must not
 * come back clear or leave the held list), four eyes with two analyst
 * keys, what a recruiter sees (no evidence), limits, and another
 * organisation's analyst, who gets 404 for every case and no data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { heldSample } from './case-fixtures.js';
import { ORG, startHarness, type Harness } from './server-harness.js';

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`case routes (${engine.title})`, () => {
    let h: Harness;
    let secondAnalyst = '';
    let heldId = '';
    let caseId = '';
    beforeAll(async () => {
      h = await startHarness(engine);
      secondAnalyst = (await h.store.withOrg(ORG).admin.apiKeys.create('analyst', 'second analyst')).secret;
      const held = heldSample(undefined, 'Jane Roe');
      heldId = String(held.id);
      const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: held });
      expect(res.json().result).toMatchObject({ id: heldId, band: 'hold' });
      const queue = await h.request('GET', '/api/v1/cases?band=hold', { key: h.keys.analyst });
      caseId = queue.json().cases.find((c: { subject: { applicationIds: string[] } }) => c.subject.applicationIds.includes(heldId)).id;
    });
    afterAll(async () => h?.close());

    it('holds stick: version 2 of a held application with only a name stays hold and on the held list', async () => {
      const v2 = { id: heldId, source: 'api', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Jane Roe' } };
      const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: v2 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: heldId, version: 2, status: 'changed', result: { band: 'hold' } });
      const heldList = await h.request('GET', '/api/v1/results?band=hold', { key: h.keys.recruiter });
      expect(heldList.json().items.map((i: { id: string }) => i.id)).toContain(heldId);
      const c = (await h.request('GET', `/api/v1/cases/${caseId}`, { key: h.keys.analyst })).json();
      expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['opened', 'rescreened']);
      expect(c.timeline[1].detail).toMatchObject({ version: 2, screenedBand: 'clear', storedBand: 'hold' });
    });

    it('a recruiter sees that the application waits for verification and what to ask, never the evidence', async () => {
      const res = await h.request('GET', `/api/v1/applications/${heldId}/verification`, { key: h.keys.recruiter });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe('pending_verification');
      expect(body.questions).toContain('We would like a second short interview by video with your camera on.');
      expect(res.body).not.toMatch(/mailinator|face|deepfake|interview\.|onboarding\./);
      expect((await h.request('GET', `/api/v1/cases/${caseId}`, { key: h.keys.recruiter })).statusCode).toBe(403);
      expect((await h.request('GET', '/api/v1/applications/nobody/verification', { key: h.keys.recruiter })).json()).toEqual({ status: 'none', questions: [] });
    });

    it('works a case: assign, note, attachment with its hash, a step; limits answer 400', async () => {
      const a = h.keys.analyst;
      expect((await h.request('POST', `/api/v1/cases/${caseId}/assign`, { key: a, body: { assignee: 'dana' } })).json().assignee).toBe('dana');
      const note = await h.request('POST', `/api/v1/cases/${caseId}/notes`, { key: a, body: { text: 'Registrar reached via its website number.' } });
      expect(note.json().notes.map((n: { text: string }) => n.text)).toEqual(['Registrar reached via its website number.']);
      const file = await h.request('POST', `/api/v1/cases/${caseId}/attachments`, { key: a, body: { name: 'letter.txt', contentBase64: Buffer.from('hello').toString('base64') } });
      expect(file.json()).toMatchObject({ name: 'letter.txt', size: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
      const step = await h.request('POST', `/api/v1/cases/${caseId}/steps/s1`, { key: a, body: { state: 'failed', note: 'HR has no record', evidence: 'call 2026-12-01 10:00' } });
      expect(step.json().status).toBe('verifying');
      expect(step.json().plan[0]).toMatchObject({ id: 's1', state: 'failed', note: 'HR has no record', evidence: 'call 2026-12-01 10:00' });
      expect((await h.request('POST', `/api/v1/cases/${caseId}/notes`, { key: a, body: { text: 'x'.repeat(10_001) } })).statusCode).toBe(400);
      expect((await h.request('POST', `/api/v1/cases/${caseId}/attachments`, { key: a, body: { name: '../etc/passwd', contentBase64: 'aGk=' } })).statusCode).toBe(400);
      expect((await h.request('POST', `/api/v1/cases/${caseId}/steps/s99`, { key: a, body: { state: 'passed' } })).statusCode).toBe(404);
      expect((await h.request('POST', `/api/v1/cases/${caseId}/decision`, { key: a, body: { outcome: 'cleared', reason: 'ok' } })).statusCode).toBe(400);
      const queue = (await h.request('GET', '/api/v1/cases?assignee=dana&status=verifying', { key: a })).json();
      expect(queue.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    });

    it('four eyes: the same analyst cannot confirm their own proposal; a second analyst can; then the notice', async () => {
      const body = { outcome: 'confirmed_fraud', reason: 'HR has no record; the ID did not match on camera.', reliedOnBackgroundCheck: true };
      const first = await h.request('POST', `/api/v1/cases/${caseId}/decision`, { key: h.keys.analyst, body });
      expect(first.json()).toMatchObject({ status: 'verifying', pendingDecision: { outcome: 'confirmed_fraud' } });
      expect((await h.request('GET', `/api/v1/cases/${caseId}/adverse-action-notice`, { key: h.keys.analyst })).statusCode).toBe(409);
      expect((await h.request('POST', `/api/v1/cases/${caseId}/decision`, { key: h.keys.analyst, body })).statusCode).toBe(409);
      const second = await h.request('POST', `/api/v1/cases/${caseId}/decision`, { key: secondAnalyst, body: { outcome: 'confirmed_fraud', reason: 'Agreed: confirmed after reviewing the steps.' } });
      expect(second.json()).toMatchObject({ status: 'decided', decision: { outcome: 'confirmed_fraud', reliedOnBackgroundCheck: true } });
      expect(second.json().decision.confirmedBy).not.toBe(second.json().decision.by);
      const notice = await h.request('GET', `/api/v1/cases/${caseId}/adverse-action-notice`, { key: h.keys.auditor });
      expect(notice.json().text).toContain('Dear Jane Roe,');
      expect((await h.request('GET', `/api/v1/applications/${heldId}/verification`, { key: h.keys.recruiter })).json()).toEqual({ status: 'decided', questions: [] });
      expect((await h.request('POST', `/api/v1/cases/${caseId}/notes`, { key: h.keys.auditor, body: { text: 'auditors write nothing' } })).statusCode).toBe(403);
      const audit = (await h.request('GET', '/api/v1/audit?verify=true&limit=1000', { key: h.keys.auditor })).json();
      expect(audit.verification.ok).toBe(true);
      expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['case.assign', 'case.note', 'case.attachment', 'case.step', 'case.decision', 'case.read']));
    });

    it("another organisation's analyst gets 404 for every case route and sees no case", async () => {
      const k = h.otherOrgKey;
      for (const [method, url, body] of [
        ['GET', `/api/v1/cases/${caseId}`], ['GET', `/api/v1/cases/${caseId}/adverse-action-notice`],
        ['POST', `/api/v1/cases/${caseId}/assign`, { assignee: 'mallory' }], ['POST', `/api/v1/cases/${caseId}/notes`, { text: 'hi' }],
        ['POST', `/api/v1/cases/${caseId}/attachments`, { name: 'a.txt', contentBase64: 'aGk=' }], ['POST', `/api/v1/cases/${caseId}/steps/s1`, { state: 'passed' }],
        ['POST', `/api/v1/cases/${caseId}/decision`, { outcome: 'cleared', reason: 'nothing to see here at all' }],
      ] as const) {
        const res = await h.request(method, url, { key: k, ...(body ? { body } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.body).not.toContain('Jane Roe');
      }
      expect((await h.request('GET', '/api/v1/cases?status=decided', { key: k })).json()).toEqual({ cases: [], total: 0 });
      expect((await h.request('GET', `/api/v1/applications/${heldId}/verification`, { key: k })).json()).toEqual({ status: 'none', questions: [] });
      const dash = (await h.request('GET', '/api/v1/dashboard', { key: k })).json();
      expect(dash.topSignals).toEqual([]);
      expect(dash.weeks.every((w: { screened: number }) => w.screened === 0)).toBe(true);
    });

    it('the dashboard counts what was screened and decided; the policy is read by analysts and set by admins', async () => {
      const dash = (await h.request('GET', '/api/v1/dashboard', { key: h.keys.analyst })).json();
      const thisWeek = dash.weeks.at(-1);
      expect(thisWeek).toMatchObject({ screened: 2, hold: 2, confirmed: 1 });
      expect(dash.topSignals.map((s: { signal: string }) => s.signal)).toContain('interview.face_mismatch');
      expect(dash.openByAge.map((b: { bucket: string }) => b.bucket)).toEqual(['0-2d', '3-7d', '8-30d', '>30d']);
      const policy = (await h.request('GET', '/api/v1/policy', { key: h.keys.analyst })).json();
      expect(policy).toMatchObject({ slaDays: { hold: 2, review: 5 }, openOn: ['hold'], fourEyes: true, clearedSuppressDays: 90 });
      const changed = { ...policy, openOn: ['hold', 'review'], slaDays: { hold: 1, review: 3 } };
      const put = await h.app.inject({ method: 'PUT', url: '/api/v1/policy', headers: { authorization: `Bearer ${h.keys.admin}`, 'content-type': 'application/json' }, payload: JSON.stringify(changed) });
      expect(put.statusCode).toBe(200);
      expect((await h.request('GET', '/api/v1/policy', { key: h.keys.auditor })).json()).toMatchObject({ openOn: ['hold', 'review'], slaDays: { hold: 1, review: 3 } });
      const bad = await h.app.inject({ method: 'PUT', url: '/api/v1/policy', headers: { authorization: `Bearer ${h.keys.admin}`, 'content-type': 'application/json' }, payload: JSON.stringify({ ...policy, openOn: ['review'] }) });
      expect(bad.statusCode).toBe(400);
    });

    it('a recruiter lists the ring member that was clear when it arrived once a later member opens the case (attention=true)', async () => {
      const phone = '(312) 555-0191';
      const first = ordinaryApplication('api-ring-1', (a) => { a.applicant.fullName = 'Daniel Reyes'; a.applicant.phones = [phone]; a.session = { ...a.session, deviceId: 'fp_api_ring' }; });
      const later = heldApplication('api-ring-2', (a) => { a.applicant.fullName = 'Olivia Brandt'; a.applicant.phones = [phone]; a.session = { ...a.session, deviceId: 'fp_api_ring' }; });
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: first })).json().result.band).toBe('clear');
      const listed = async () => (await h.request('GET', '/api/v1/results?attention=true&limit=1000', { key: h.keys.recruiter })).json().items.map((i: { id: string; band: string }) => [i.id, i.band]);
      expect(await listed()).not.toContainEqual(['api-ring-1', 'clear']);
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: later })).json().result.band).toBe('hold');
      expect(await listed()).toEqual(expect.arrayContaining([['api-ring-1', 'clear'], ['api-ring-2', 'hold'], [heldId, 'hold']]));
      expect((await h.request('GET', '/api/v1/applications/api-ring-1/verification', { key: h.keys.recruiter })).json().status).toBe('pending_verification');
      expect((await h.request('GET', '/api/v1/results?attention=maybe', { key: h.keys.recruiter })).statusCode).toBe(400);
    });
  });
}
