import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverConfigFromEnv, webhookSecretsFor } from '../../src/server/config.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, OTHER_ORG, startHarness, type Harness } from './server-harness.js';

/**
 * Ids from a request are data, never property names of a plain object:
 * telemetry naming "__proto__", "constructor" ... as employee, device,
 * process or IP must not touch Object.prototype (which would break every
 * route of every organisation), and is counted like any other id.
 */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const at = '2025-12-03T15:15:00Z';
const KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

const PAYLOADS: Record<string, unknown>[][] = [
  [{ type: 'employee', employeeId: '__proto__', startDate: '2025-12-01' }],
  [{ type: 'employee', employeeId: 'constructor', startDate: '2025-12-01', deviceIds: ['__proto__', 'constructor'] }],
  [{ type: 'login', at, deviceId: '__proto__', employeeId: '__proto__', ip: '__proto__' }],
  [{ type: 'login', at, deviceId: 'constructor', employeeId: 'constructor', ip: 'constructor' }],
  KEYS.map((name) => ({ type: 'process', at, deviceId: '__proto__', name })),
  KEYS.map((name) => ({ type: 'process', at, deviceId: 'hasOwnProperty', name: `C:\\Windows\\${name}.exe` })),
  KEYS.map((ip) => ({ type: 'login', at, deviceId: 'prototype', ip })),
  [{ type: 'usb', at, deviceId: '__proto__', vendorId: '1d6b', productId: '0104', product: '__proto__' }],
  [{ type: 'network_rtt', at, deviceId: '__proto__', rttMs: 12, peer: '__proto__' }],
  [{ type: 'keystroke', at, deviceId: 'constructor', medianLatencyMs: 12, samples: 300 }],
];

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`ids named like Object.prototype properties (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());
    afterEach(() => {
      // Undo any pollution, so one failure does not cascade into the rest of the file.
      for (const name of Object.getOwnPropertyNames(Object.prototype)) {
        if (!PROTO_NAMES.includes(name)) delete (Object.prototype as Record<string, unknown>)[name];
      }
    });

    for (const [i, events] of PAYLOADS.entries()) {
      it(`payload ${i + 1} (${JSON.stringify(events[0])}) leaves Object.prototype alone and every route working`, async () => {
        const res = await h.request('POST', '/api/v1/telemetry', { key: h.keys.admin, body: { events } });
        expect(res.statusCode, res.body).toBe(200);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
        expect(({} as Record<string, unknown>).startDate).toBeUndefined();
        expect((await h.request('GET', '/api/v1/health')).statusCode).toBe(200);
        const other = await h.request('GET', '/api/v1/results', { key: h.otherOrgKey });
        expect(other.statusCode, other.body).toBe(200);
        const mine = await h.request('GET', '/api/v1/alerts', { key: h.keys.analyst });
        expect(mine.statusCode, mine.body).toBe(200);
      });
    }

    it('counts such ids like any other: the employee, its devices and their days are stored under those names', async () => {
      const res = await h.request('POST', '/api/v1/telemetry', {
        key: h.keys.admin,
        body: {
          events: [
            { type: 'employee', employeeId: '__proto__', deviceIds: ['constructor'] },
            { type: 'login', at: '2025-12-05T10:00:00Z', deviceId: 'constructor', employeeId: '__proto__', ip: '66.68.92.231' },
            { type: 'process', at: '2025-12-05T10:01:00Z', deviceId: 'constructor', name: '__proto__' },
            { type: 'process', at: '2025-12-05T10:02:00Z', deviceId: 'constructor', name: '__proto__.exe' },
            { type: 'process', at: '2025-12-05T10:03:00Z', deviceId: 'constructor', name: 'hasOwnProperty' },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().employees.map((e: { employeeId: string }) => e.employeeId)).toContain('__proto__');
      expect(res.json().unassignedDevices).not.toContain('constructor');
      const stored = await h.store.withOrg(ORG).monitor.getDeviceDays('constructor', '2025-12-05', '2025-12-05');
      expect(stored).toHaveLength(1);
      const day = stored[0]!.aggregate as { events: number; processes: Record<string, number>; loginEmployees: Record<string, number> };
      expect(day.events).toBe(4);
      expect(Object.entries(day.processes).sort()).toEqual([['__proto__', 2], ['hasownproperty', 1]]);
      expect(Object.entries(day.loginEmployees)).toEqual([['__proto__', 1]]);
      expect(await h.store.withOrg(OTHER_ORG).monitor.getDeviceDays('constructor', '2025-12-05', '2025-12-05')).toEqual([]);
    });

    it('a webhook for an organisation named like an Object.prototype property is refused like any unconfigured one (401)', async () => {
      for (const org of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        const res = await h.request('POST', `/api/v1/webhooks/greenhouse/${org}`, { body: '{}', headers: { 'content-type': 'application/json', signature: 'sha256 00' } });
        expect(res.statusCode, `${org}: ${res.body}`).toBe(401);
      }
    });
  });
}

describe('webhook secrets keyed by organisation', () => {
  it('an organisation named like an Object.prototype property is an organisation like any other', () => {
    const config = serverConfigFromEnv({
      HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__constructor: 'whsec-constructor-0123456789',
      HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme: 'whsec-acme-0123456789abcd',
    });
    expect(webhookSecretsFor(config, 'greenhouse', 'constructor')).toEqual(['whsec-constructor-0123456789']);
    expect(webhookSecretsFor(config, 'greenhouse', 'toString')).toEqual([]);
    expect(webhookSecretsFor(config, 'lever', 'constructor')).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  });
});
