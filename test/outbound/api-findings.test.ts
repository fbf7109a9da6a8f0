/**
 * The API door emits the same findings as the CLI (docs/ALERTS.md): the sink
 * given to buildServer gets a hold from POST /applications, the decision from
 * POST /cases/:id/decision, and post-hire alerts from POST /telemetry, each
 * valid against the Detection Finding class; a sink that throws changes no
 * answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingSink, OcsfFinding } from '../../src/service/index.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { validateOcsf } from '../helpers/ocsf-validate.js';
import { startHarness, type Harness } from '../server/server-harness.js';
import { ENGINES } from '../store/store-engines.js';

const events: OcsfFinding[] = [];
let throwing = false;
const sink: FindingSink = {
  producer: { version: '0.0.0-test' },
  emit: (e) => {
    if (throwing) throw new Error('down');
    events.push(e);
  },
};
const at = (day: number, hour: number) => `2025-12-0${day}T${String(hour).padStart(2, '0')}:15:00Z`;

describe('findings from the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENGINES.find((e) => e.name === 'sqlite')!, {}, { findings: sink });
  });
  afterAll(async () => h?.close());

  it('a held submission, its case decision and post-hire alerts each send a valid finding', async () => {
    const held = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: heldApplication('api-1') });
    expect(held.json().result.band).toBe('hold');
    expect(events.map((e) => e.unmapped.hirewatch.kind)).toEqual(['hold']);
    const queue = (await h.request('GET', '/api/v1/cases', { key: h.keys.analyst })).json();
    const c = queue.cases.find((x: { subject: { applicationIds: string[] } }) => x.subject.applicationIds.includes('api-1'));
    const decided = await h.request('POST', `/api/v1/cases/${c.id}/decision`, { key: h.keys.analyst, body: { outcome: 'cleared', reason: 'verified by video call with ID' } });
    expect(decided.statusCode).toBe(200);
    expect(events.map((e) => e.unmapped.hirewatch.kind)).toEqual(['hold', 'decision']);
    expect(events[1]).toMatchObject({ activity_id: 3, status_id: 3, unmapped: { hirewatch: { caseId: c.id, outcome: 'cleared' } } });

    const app = ordinaryApplication('api-2');
    await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app });
    const employee = { type: 'employee', employeeId: 'E9', applicationId: 'api-2', startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-9'] };
    const farm = [
      { type: 'process', at: at(3, 15), deviceId: 'LAP-9', name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
      { type: 'usb', at: at(3, 15), deviceId: 'LAP-9', vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
      { type: 'login', at: at(3, 3), deviceId: 'LAP-9', ip: '5.188.10.10' },
    ];
    const telemetry = (await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [employee, ...farm] } })).json();
    const alerts = events.filter((e) => e.unmapped.hirewatch.kind === 'post_hire_alert');
    expect(alerts.length).toBe(telemetry.alertsRecorded);
    expect(alerts.length).toBeGreaterThan(0);
    for (const e of events) expect(validateOcsf(e, 'detection_finding')).toEqual([]);
  });

  it('a sink that throws changes no answer', async () => {
    throwing = true;
    try {
      const r = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: heldApplication('api-3') });
      expect(r.statusCode).toBeLessThan(300);
      expect(r.json().result.band).toBe('hold');
    } finally {
      throwing = false;
    }
  });
});
