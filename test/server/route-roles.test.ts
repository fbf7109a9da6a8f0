import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/server/auth/roles.js';
import { routeList, type RouteName } from '../../src/server/routes/route-table.js';
import { ENGINES } from '../store/store-engines.js';
import { Cases } from '../../src/service/index.js';
import { DEFAULT_POLICY } from '../../src/cases/index.js';
import { heldSample } from './case-fixtures.js';
import { ORG, sampleApplication, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/**
 * Every route of the route table × every role (and no key), against the
 * status written out in EXPECTED below. SAMPLES and EXPECTED are keyed by
 * RouteName, so a new route cannot skip this test: it must be given a sample
 * request and a row of expected answers.
 */
interface Sample {
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const greenhousePing = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'webhooks', 'greenhouse', 'ping.json'), 'utf8');
const signed = (body: string) => `sha256 ${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;

let seededId = '';
/** An open case (worked by the write routes) and a case decided confirmed_fraud on a background check (its notice). */
let caseId = '';
let decidedCaseId = '';
let heldId = '';
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
  listEmployees: () => ({ url: '/api/v1/employees?withAlerts=false&sort=lastAlert&limit=5' }),
  getEmployee: () => ({ url: '/api/v1/employees/E-ROLES' }),
  readAuditLog: () => ({ url: '/api/v1/audit?verify=true' }),
  listCases: () => ({ url: '/api/v1/cases?band=hold&sort=due&limit=5' }),
  getCase: () => ({ url: `/api/v1/cases/${caseId}` }),
  assignCase: () => ({ url: `/api/v1/cases/${caseId}/assign`, body: { assignee: 'dana' } }),
  addCaseNote: () => ({ url: `/api/v1/cases/${caseId}/notes`, body: { text: 'Called the registrar through the number on its website.' } }),
  addCaseAttachment: () => ({ url: `/api/v1/cases/${caseId}/attachments`, body: { name: 'letter.txt', contentBase64: Buffer.from('no such degree').toString('base64') } }),
  recordCaseStep: () => ({ url: `/api/v1/cases/${caseId}/steps/s1`, body: { state: 'passed', note: 'HR confirmed the dates' } }),
  // Four eyes: the analyst's confirmed_fraud is a proposal (the one analyst key proposes once per run).
  decideCase: () => ({ url: `/api/v1/cases/${caseId}/decision`, body: { outcome: 'confirmed_fraud', reason: 'The ID held to the camera did not match.' } }),
  getAdverseActionNotice: () => ({ url: `/api/v1/cases/${decidedCaseId}/adverse-action-notice` }),
  getVerification: () => ({ url: `/api/v1/applications/${heldId}/verification` }),
  getDashboard: () => ({ url: '/api/v1/dashboard' }),
  getPolicy: () => ({ url: '/api/v1/policy' }),
  putPolicy: () => ({ url: '/api/v1/policy', body: DEFAULT_POLICY }),
  // An applicant nobody submitted: the erasure finds nothing and changes nothing.
  eraseSubject: () => ({ url: '/api/v1/erasures', body: { applicationId: 'never-submitted' } }),
};

/**
 * What each caller gets from each route, written out by hand from the
 * README's role table ("Keys and roles") and the route table
 * (src/server/routes/route-table.ts), read as documentation: it is NOT
 * derived from ROLE_PERMISSIONS or can(), so a wrong permission in either
 * makes a case fail. A status is the one the server must answer: 200 allowed,
 * 403 refused for the role, 401 no key.
 *
 * Reading of the README behind each row:
 * - recruiter: "submit applications; see score and band" (submit, read an
 *   application's band, list results);
 * - analyst: "submit; see evidence, records, clusters and networks, alerts";
 * - admin: "submit; post telemetry; configuration and keys (no evidence)",
 *   and like a recruiter it sees score and band of what it submits and reads;
 * - auditor: "read the audit log";
 * - every role reads the reference-data status and the OpenAPI document
 *   (permission data:read). The README's role table does not name data:read
 *   for any role; these rows say every role has it.
 * - metrics (metrics:read) are the admin's alone: request counts and
 *   latencies span every organisation the server holds, so they are
 *   operations' business, not a recruiter's, an analyst's or an auditor's.
 * - health is public and a webhook is authenticated by the vendor's
 *   signature, so a key (or none) changes nothing there.
 */
type Outcome = 200 | 201 | 401 | 403;
interface Expected {
  readonly recruiter: Outcome;
  readonly analyst: Outcome;
  readonly admin: Outcome;
  readonly auditor: Outcome;
  readonly noKey: Outcome;
}
const EXPECTED: Record<RouteName, Expected> = {
  //                        recruiter      analyst      admin        auditor      no key
  submitApplication:      { recruiter: 201, analyst: 201, admin: 201, auditor: 403, noKey: 401 },
  submitApplicationBatch: { recruiter: 200, analyst: 200, admin: 200, auditor: 403, noKey: 401 },
  getApplication:         { recruiter: 200, analyst: 200, admin: 200, auditor: 403, noKey: 401 },
  listResults:            { recruiter: 200, analyst: 200, admin: 200, auditor: 403, noKey: 401 },
  getNetwork:             { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  getDataStatus:          { recruiter: 200, analyst: 200, admin: 200, auditor: 200, noKey: 401 },
  getHealth:              { recruiter: 200, analyst: 200, admin: 200, auditor: 200, noKey: 200 },
  getMetrics:             { recruiter: 403, analyst: 403, admin: 200, auditor: 403, noKey: 401 },
  getOpenApi:             { recruiter: 200, analyst: 200, admin: 200, auditor: 200, noKey: 401 },
  receiveWebhook:         { recruiter: 200, analyst: 200, admin: 200, auditor: 200, noKey: 200 },
  postTelemetry:          { recruiter: 403, analyst: 403, admin: 200, auditor: 403, noKey: 401 },
  listAlerts:             { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  // Employees from telemetry, with their alerts' evidence: analysts, and auditors (who read everything).
  listEmployees:          { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  getEmployee:            { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  readAuditLog:           { recruiter: 403, analyst: 403, admin: 403, auditor: 200, noKey: 401 },
  // Cases (docs/CASES.md): analysts work them, auditors read them and write nothing, recruiters
  // only learn that an application waits for verification, admins set the policy.
  listCases:              { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  getCase:                { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  assignCase:             { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  addCaseNote:            { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  addCaseAttachment:      { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  recordCaseStep:         { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  decideCase:             { recruiter: 403, analyst: 200, admin: 403, auditor: 403, noKey: 401 },
  getAdverseActionNotice: { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  getVerification:        { recruiter: 200, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  getDashboard:           { recruiter: 403, analyst: 200, admin: 403, auditor: 200, noKey: 401 },
  getPolicy:              { recruiter: 403, analyst: 200, admin: 200, auditor: 200, noKey: 401 },
  putPolicy:              { recruiter: 403, analyst: 403, admin: 200, auditor: 403, noKey: 401 },
  // Erasure on request (docs/RETENTION.md) is configuration-level work: admins only.
  eraseSubject:           { recruiter: 403, analyst: 403, admin: 200, auditor: 403, noKey: 401 },
};
const CALLERS = ['recruiter', 'analyst', 'admin', 'auditor', 'intel', 'intel-writer', 'noKey'] as const;
type Caller = (typeof CALLERS)[number];

const routes = routeList();
// TAXII clients' keys (docs/SHARING.md) reach no API route: public ones answer as without a key, the rest 403.
const statusOf = (r: (typeof routes)[number], caller: Caller): number =>
  caller === 'intel' || caller === 'intel-writer' ? (r.access === 'key' ? 403 : EXPECTED[r.operationId].noKey) : EXPECTED[r.operationId][caller];
const cases = routes.flatMap((r) => CALLERS.map((caller) => ({ route: r, caller, status: statusOf(r, caller) })));

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`every route × every role against the written-out table (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
      // A linked pair (one phone, two names) so the network route has a cluster to show.
      const first = sampleApplication(undefined, 'Kevin Park');
      const second = { ...sampleApplication(undefined, 'Alan Smith') } as Record<string, any>;
      second.applicant = { ...second.applicant, phones: (first.applicant as { phones: string[] }).phones };
      for (const app of [first, second]) expect((await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app })).statusCode).toBe(201);
      seededId = String(second.id);
      // Two held applications: one case to work, one decided by two analysts on a background check.
      const held = [heldSample(), heldSample(undefined, 'Alan Smith')];
      for (const app of held) expect((await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app })).json().result.band).toBe('hold');
      heldId = String(held[0]!.id);
      const acme = h.store.withOrg(ORG);
      await acme.monitor.putEmployee({ employeeId: 'E-ROLES', info: { employeeId: 'E-ROLES', deviceIds: ['LAP-ROLES'] } });
      const caseOf = async (id: string) => (await acme.cases.list({})).cases.find((c) => c.memberIds.includes(id))!.id;
      caseId = await caseOf(heldId);
      decidedCaseId = await caseOf(String(held[1]!.id));
      const cases = new Cases();
      const decision = { outcome: 'confirmed_fraud' as const, reason: 'The background check found no such employment.', reliedOnBackgroundCheck: true };
      await cases.decide(acme, decidedCaseId, decision, { actor: 'key:first', action: 'case.decision' });
      await cases.decide(acme, decidedCaseId, decision, { actor: 'key:second', action: 'case.decision' });
    });
    afterAll(async () => h?.close());

    it('the table and the samples name exactly the routes the server registers, and the harness has a key for each role column', () => {
      const names = routes.map((r) => r.operationId).sort();
      expect(Object.keys(EXPECTED).sort()).toEqual(names);
      expect(Object.keys(SAMPLES).sort()).toEqual(names);
      expect([...ROLES].sort()).toEqual(CALLERS.filter((c) => c !== 'noKey').sort());
    });

    const title = (c: (typeof cases)[number]) => `${c.route.method.toUpperCase()} ${c.route.path} ${c.caller === 'noKey' ? 'without a key' : `as ${c.caller}`} answers ${c.status}`;
    it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      const sample = SAMPLES[c.route.operationId]();
      const res = await h.request(c.route.method.toUpperCase() as 'GET' | 'POST', sample.url, {
        ...(c.caller === 'noKey' ? {} : { key: h.keys[c.caller as Exclude<Caller, 'noKey'>] }),
        ...(sample.body !== undefined ? { body: sample.body } : {}),
        ...(sample.headers ? { headers: sample.headers } : {}),
      });
      expect(res.statusCode, res.body).toBe(c.status);
      if (c.status === 403) expect(res.json()).toMatchObject({ error: 'forbidden' });
      if (c.status === 401) expect(res.json()).toMatchObject({ error: 'unauthorized' });
    });
  });
}
