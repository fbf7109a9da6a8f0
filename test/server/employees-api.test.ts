import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/**
 * GET /api/v1/employees and /employees/:id on every engine: employees from
 * `employee` telemetry events with the application they were hired from,
 * devices, last telemetry day and alerts with evidence; keyset paging and the
 * withAlerts filter; analysts and auditors read, recruiters and admins do
 * not; another organisation's employee answers 404 like an unknown one;
 * every read is audited.
 */
const at = (day: number, hour: number) => `2025-12-0${day}T${String(hour).padStart(2, '0')}:15:00Z`;
const farmDay = (day: number, device: string): Record<string, unknown>[] => [
  { type: 'process', at: at(day, 15), deviceId: device, name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
  { type: 'usb', at: at(day, 15), deviceId: device, vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
  { type: 'keystroke', at: at(day, 16), deviceId: device, medianLatencyMs: 112, samples: 850 },
];
const quietDay = (day: number, device: string): Record<string, unknown>[] => [
  { type: 'process', at: at(day, 15), deviceId: device, name: 'outlook.exe' },
];

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`employees API (${engine.title})`, () => {
    let h: Harness;
    let applicationId = '';
    let name = '';
    beforeAll(async () => {
      h = await startHarness(engine);
      const app = sampleApplication(undefined, 'Marta Quinn');
      applicationId = String(app.id);
      name = 'Marta Quinn';
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body: app })).statusCode).toBe(201);
      const employees = [
        { type: 'employee', employeeId: 'E-FARM', applicationId, startDate: '2025-12-01', deviceIds: ['LAP-F'] },
        ...['E-A', 'E-B', 'E-C'].map((id) => ({ type: 'employee', employeeId: id, startDate: '2025-11-01', deviceIds: [`LAP-${id}`] })),
      ];
      const events = [...employees, ...farmDay(2, 'LAP-F'), ...farmDay(3, 'LAP-F'), ...quietDay(3, 'LAP-E-A'), ...quietDay(4, 'LAP-E-B')];
      const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events } });
      expect(res.statusCode, res.body).toBe(200);
      // Another organisation with an employee of its own.
      const other = h.store.withOrg('globex');
      await other.monitor.putEmployee({ employeeId: 'E-GLOBEX', info: { employeeId: 'E-GLOBEX', deviceIds: [] } });
    });
    afterAll(async () => h?.close());

    const get = (url: string, key = h.keys.analyst) => h.request('GET', url, { key });

    it('lists the employees, the one with alerts first, with the application it was hired from and its last telemetry day', async () => {
      const res = await get('/api/v1/employees');
      expect(res.statusCode, res.body).toBe(200);
      const { items, nextCursor } = res.json();
      expect(nextCursor).toBeUndefined();
      expect(items.map((e: { employeeId: string }) => e.employeeId)).toEqual(['E-FARM', 'E-A', 'E-B', 'E-C']);
      expect(items[0]).toMatchObject({ employeeId: 'E-FARM', startDate: '2025-12-01', devices: ['LAP-F'], lastTelemetryDay: '2025-12-03', application: { id: applicationId, name } });
      expect(items[0].alertCount).toBeGreaterThan(0);
      expect(items[0].lastAlertAt).toEqual(expect.any(String));
      expect(items[0].application.band).toEqual(expect.stringMatching(/^(clear|review|hold)$/));
      expect(items[1]).toMatchObject({ alertCount: 0, lastTelemetryDay: '2025-12-03' });
      expect(items[3]).toEqual({ employeeId: 'E-C', startDate: '2025-11-01', devices: ['LAP-E-C'], alertCount: 0 });
      const withAlerts = (await get('/api/v1/employees?withAlerts=true')).json().items;
      expect(withAlerts.map((e: { employeeId: string }) => e.employeeId)).toEqual(['E-FARM']);
    });

    it('pages by cursor without repeating or losing anyone, in each sort', async () => {
      for (const sort of ['alerts', 'lastAlert', 'id']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 10; i++) {
          const res = await get(`/api/v1/employees?limit=1&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          expect(res.statusCode, res.body).toBe(200);
          seen.push(...res.json().items.map((e: { employeeId: string }) => e.employeeId));
          cursor = res.json().nextCursor;
          if (!cursor) break;
        }
        expect(seen, sort).toEqual(sort === 'id' ? ['E-A', 'E-B', 'E-C', 'E-FARM'] : ['E-FARM', 'E-A', 'E-B', 'E-C']);
      }
      expect((await get('/api/v1/employees?cursor=nonsense')).statusCode).toBe(400);
      expect((await get('/api/v1/employees?limit=1000')).statusCode).toBe(400);
      expect((await get('/api/v1/employees?sort=name')).statusCode).toBe(400);
      expect((await get('/api/v1/employees?org=globex')).statusCode).toBe(400);
    });

    it('shows one employee: devices with their stored days, alerts with evidence, no case unless one was opened', async () => {
      const res = await get('/api/v1/employees/E-FARM?days=7');
      expect(res.statusCode, res.body).toBe(200);
      const e = res.json();
      expect(e.deviceDays).toHaveLength(1);
      expect(e.deviceDays[0]).toMatchObject({ deviceId: 'LAP-F', lastDay: '2025-12-03' });
      expect(e.deviceDays[0].days.map((d: { day: string }) => d.day)).toEqual(['2025-12-03', '2025-12-02']);
      expect(e.deviceDays[0].days[0]).toMatchObject({ events: 3, keystrokeSamples: 850, usb: [{ product: 'Multifunction Composite Gadget', events: 1 }] });
      expect(e.deviceDays[0].days[0].processes[0].name).toMatch(/AnyDesk/i);
      const tool = e.alerts.find((a: { signalId: string }) => a.signalId === 'telemetry.remote_access_tool');
      expect(tool).toMatchObject({ subjectKind: 'application', subjectId: applicationId });
      expect(tool.evidence).toMatch(/^employee E-FARM: .*AnyDesk/);
      expect(e.alertCount).toBe(e.alerts.length);
      expect(Array.isArray(e.cases)).toBe(true);
      for (const c of e.cases) expect(c.id).toMatch(/^c_/);
      const quiet = (await get('/api/v1/employees/E-C')).json();
      expect(quiet).toMatchObject({ alerts: [], cases: [], deviceDays: [{ deviceId: 'LAP-E-C', days: [] }] });
    });

    it('auditors read, recruiters and admins do not; another organisation\'s employee is 404 like an unknown one', async () => {
      expect((await get('/api/v1/employees/E-FARM', h.keys.auditor)).statusCode).toBe(200);
      expect((await get('/api/v1/employees', h.keys.auditor)).statusCode).toBe(200);
      for (const key of [h.keys.recruiter, h.keys.admin]) {
        expect((await get('/api/v1/employees', key)).statusCode).toBe(403);
        expect((await get('/api/v1/employees/E-FARM', key)).statusCode).toBe(403);
      }
      const foreign = await get('/api/v1/employees/E-GLOBEX');
      const unknown = await get('/api/v1/employees/E-NOBODY');
      expect(foreign.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect({ ...foreign.json(), requestId: '' }).toEqual({ ...unknown.json(), requestId: '' });
      // The other organisation's analyst sees its own employee and none of ours.
      const theirs = (await get('/api/v1/employees', h.otherOrgKey)).json().items.map((e: { employeeId: string }) => e.employeeId);
      expect(theirs).toEqual(['E-GLOBEX']);
      expect((await get('/api/v1/employees/E-FARM', h.otherOrgKey)).statusCode).toBe(404);
      expect((await get(`/api/v1/employees/${'x'.repeat(200)}`)).statusCode).toBe(400);
    });

    it('audits every read', async () => {
      await get('/api/v1/employees/E-FARM');
      const entries = await h.store.withOrg(ORG).admin.audit.list(0, 1000);
      const actions = entries.map((a: { action: string }) => a.action);
      expect(actions).toContain('employees.read');
      const read = entries.filter((a: { action: string; target?: string }) => a.action === 'employee.read' && a.target === 'E-FARM');
      expect(read.length).toBeGreaterThan(0);
    });
  });
}
