import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/** POST /telemetry folds events into stored device-day aggregates; GET /alerts lists deduplicated alerts. */
const at = (day: number, hour: number) => `2025-12-0${day}T${String(hour).padStart(2, '0')}:15:00Z`;

function farmDay(day: number, device: string): Record<string, unknown>[] {
  return [
    { type: 'process', at: at(day, 15), deviceId: device, name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
    { type: 'usb', at: at(day, 15), deviceId: device, vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
    { type: 'keystroke', at: at(day, 16), deviceId: device, medianLatencyMs: 112, samples: 850 },
  ];
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`telemetry and alerts (${engine.title})`, () => {
    let h: Harness;
    let applicationId = '';
    beforeAll(async () => {
      h = await startHarness(engine);
      const app = sampleApplication();
      applicationId = String(app.id);
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app })).statusCode).toBe(201);
    });
    afterAll(async () => h?.close());

    const employee = () => ({ type: 'employee', employeeId: 'E1029', applicationId, startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-55'] });

    it('stores aggregates per device and day, and alerts on the employee’s application with evidence', async () => {
      const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: [employee(), ...farmDay(3, 'LAP-55')] } });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json();
      expect(out).toMatchObject({ accepted: 4, deviceDays: 1, unassignedDevices: [] });
      expect(out.employees[0]).toMatchObject({ employeeId: 'E1029', applicationId });
      expect(out.employees[0].band).not.toBe('clear');
      const stored = await h.store.withOrg(ORG).monitor.getDeviceDays('LAP-55', '2025-12-03', '2025-12-03');
      expect(stored[0]!.aggregate).toMatchObject({ deviceId: 'LAP-55', day: '2025-12-03', events: 3 });

      const alerts = (await h.request('GET', '/api/v1/alerts', { key: h.keys.analyst })).json().items;
      const tool = alerts.find((a: { signalId: string }) => a.signalId === 'telemetry.remote_access_tool');
      expect(tool).toMatchObject({ subjectKind: 'application', subjectId: applicationId, count: 1 });
      expect(tool.evidence).toMatch(/^employee E1029: .*AnyDesk/);
    });

    it('a later batch merges into the stored aggregate and raises the count of the same alert (no new row)', async () => {
      const before = (await h.request('GET', '/api/v1/alerts', { key: h.keys.analyst })).json().items.length;
      const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: farmDay(3, 'LAP-55') } });
      expect(res.statusCode, res.body).toBe(200);
      const stored = await h.store.withOrg(ORG).monitor.getDeviceDays('LAP-55', '2025-12-03', '2025-12-03');
      expect(stored[0]!.aggregate).toMatchObject({ events: 6 });
      const alerts = (await h.request('GET', '/api/v1/alerts', { key: h.keys.analyst })).json().items;
      expect(alerts).toHaveLength(before);
      expect(alerts.find((a: { signalId: string }) => a.signalId === 'telemetry.remote_access_tool').count).toBe(2);
    });

    it('reports a device tied to no employee (kept, not dropped)', async () => {
      const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events: farmDay(4, 'LAP-ORPHAN') } });
      expect(res.json().unassignedDevices).toEqual(['LAP-ORPHAN']);
      expect(await h.store.withOrg(ORG).monitor.getDeviceDays('LAP-ORPHAN', '2025-12-04', '2025-12-04')).toHaveLength(1);
    });
  });
}
