/**
 * Cases from other doors: a post-hire hold opens the employee's case (and a
 * second batch joins it rather than opening another), and a policy that
 * opens cases on `review` opens one for a review result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

const at = (day: number, hour: number) => `2025-12-0${day}T${String(hour).padStart(2, '0')}:15:00Z`;
const farmDay = (day: number, device: string): Record<string, unknown>[] => [
  { type: 'process', at: at(day, 15), deviceId: device, name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
  { type: 'usb', at: at(day, 15), deviceId: device, vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
  { type: 'keystroke', at: at(day, 16), deviceId: device, medianLatencyMs: 112, samples: 850 },
  { type: 'login', at: at(day, 3), deviceId: device, ip: '5.188.10.10' },
];

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`cases from telemetry and from policy (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    it('a post-hire hold opens the employee case once; the next batch joins it', async () => {
      const app = sampleApplication();
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app })).json().result.band).toBe('clear');
      const employee = { type: 'employee', employeeId: 'E77', applicationId: app.id, startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-77'] };
      const first = (await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [employee, ...farmDay(3, 'LAP-77')] } })).json();
      expect(first.employees[0]).toMatchObject({ employeeId: 'E77', band: 'hold' });
      const queue = (await h.request('GET', '/api/v1/cases', { key: h.keys.analyst })).json();
      const mine = queue.cases.filter((c: { subject: { employeeId?: string } }) => c.subject.employeeId === 'E77');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ band: 'hold', subject: { kind: 'employee', applicationIds: [app.id] } });
      expect(mine[0].families).toContain('telemetry');
      const view = (await h.request('GET', `/api/v1/cases/${mine[0].id}`, { key: h.keys.analyst })).json();
      expect(view.plan.map((s: { key: string }) => s.key)).toContain('telemetry.it_review');
      await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: farmDay(5, 'LAP-77') } });
      const again = (await h.request('GET', '/api/v1/cases', { key: h.keys.analyst })).json().cases.filter((c: { subject: { employeeId?: string } }) => c.subject.employeeId === 'E77');
      expect(again.map((c: { id: string }) => c.id)).toEqual([mine[0].id]);
      // the case is recorded in the telemetry batch's own audit entry
      const audit = (await h.request('GET', '/api/v1/audit?verify=true', { key: h.keys.auditor })).json();
      expect(audit.verification.ok).toBe(true);
      expect(audit.entries.some((e: { detail: { cases?: { opened?: { ids: string[] } } } }) => e.detail.cases?.opened?.ids.includes(mine[0].id))).toBe(true);
    });

    it('with openOn review, a review result opens a case; by default it does not', async () => {
      const reviewApp = () => {
        const a = sampleApplication() as Record<string, any>;
        a.applicant = { ...a.applicant, emails: [`${a.id}@mailinator.com`] };
        a.employment = [{ employer: 'Indeed', title: 'Software Engineer', start: '2015-07', end: '2019-03' }, { employer: 'Foo', title: 'Software Engineer', start: '2016-07', end: '2020-03' }];
        return a;
      };
      const caseFor = async (id: string) => (await h.request('GET', '/api/v1/cases?band=review', { key: h.keys.analyst })).json().cases.filter((c: { subject: { applicationIds: string[] } }) => c.subject.applicationIds.includes(id));
      const before = reviewApp();
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: before })).json().result.band).toBe('review');
      expect(await caseFor(String(before.id))).toEqual([]);
      const policy = (await h.request('GET', '/api/v1/policy', { key: h.keys.admin })).json();
      const put = await h.app.inject({ method: 'PUT', url: '/api/v1/policy', headers: { authorization: `Bearer ${h.keys.admin}`, 'content-type': 'application/json' }, payload: JSON.stringify({ ...policy, openOn: ['hold', 'review'] }) });
      expect(put.statusCode).toBe(200);
      const after = reviewApp();
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: after })).json().result.band).toBe('review');
      const opened = await caseFor(String(after.id));
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatchObject({ band: 'review', status: 'open' });
      expect(Date.parse(opened[0].dueAt) - Date.parse(opened[0].openedAt)).toBe(5 * 86_400_000);
      expect((await h.store.withOrg(ORG).admin.audit.list()).some((e) => e.action === 'policy.set')).toBe(true);
    });
  });
}
