/**
 * telemetry.shared_mfa_authenticator through the stored path (the API's POST
 * /telemetry, monitor --db, the NATS consumer): a batch that touches one
 * employee also assesses the employees whose accounts hold the same
 * authenticator, so the second enrolment raises the signal on both; an employee with
 * authenticators of their own does not; a help desk's token on more than
 * SHARED_AUTHENTICATOR_MAX accounts adds nobody. On SQLite and, when
 * reachable, PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src/monitor/events.js';
import { SHARED_AUTHENTICATOR_MAX } from '../../src/monitor/signals-identity.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildMonitorReference, Monitoring } from '../../src/service/index.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const employee = (id: string): TelemetryEvent => ({ type: 'employee', employeeId: id, startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: [`LAP-${id}`] });
const mfa = (day: number, employeeId: string, authenticatorId: string): TelemetryEvent => ({ type: 'mfa', at: `2025-12-0${day}T15:00:00Z`, employeeId, authenticatorId, method: 'push' });
const actor = { actor: 'test', action: 'telemetry.ingest' };

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`a shared authenticator in the store (${engine.title})`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    const monitoring = new Monitoring(() => buildMonitorReference({}), DEFAULT_SCORING, () => new Date('2025-12-03T00:00:00Z'));
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open({ org: 'acme' });
    });
    afterAll(async () => {
      await store?.close();
      await db?.tearDown();
    });

    const shared = (outcome: Awaited<ReturnType<Monitoring['ingest']>>) => outcome.employees.filter((e) => e.signals > 0).map((e) => e.employeeId).sort();

    it('the second enrolment, in a later batch, assesses both employees, each with the signal', async () => {
      await monitoring.ingest(store, [employee('E1'), employee('E2'), mfa(1, 'E1', 'okv-4c1e9a'), mfa(1, 'E1', 'fido2-e1'), mfa(1, 'E2', 'okv-e2-own')], { actor });
      const second = await monitoring.ingest(store, [mfa(2, 'E2', 'okv-4c1e9a')], { actor });
      expect(shared(second)).toEqual(['E1', 'E2']);
      const report = await monitoring.report(store);
      for (const id of ['E1', 'E2']) {
        expect(report.employees.find((e) => e.employeeId === id)?.signals.map((s) => s.id)).toEqual(['telemetry.shared_mfa_authenticator']);
      }
    });

    it('one person\'s own authenticators, and a help desk token on more accounts than the limit, raise nothing', async () => {
      const own = await monitoring.ingest(store, [employee('E3'), mfa(2, 'E3', 'okv-e3-phone'), mfa(2, 'E3', 'fido2-e3-laptop')], { actor });
      expect(own.employees.map((e) => `${e.employeeId} ${e.signals}`)).toEqual(['E3 0']);
      const desk = Array.from({ length: SHARED_AUTHENTICATOR_MAX + 1 }, (_, i) => `H${i}`);
      await monitoring.ingest(store, desk.map((e) => mfa(2, e, 'helpdesk-yubikey')), { actor });
      const last = await monitoring.ingest(store, [mfa(3, 'H0', 'helpdesk-yubikey')], { actor });
      expect(last.employees.map((e) => `${e.employeeId} ${e.signals}`)).toEqual(['H0 0']);
    });
  });
}
