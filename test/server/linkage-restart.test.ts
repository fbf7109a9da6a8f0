import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig } from '../../src/server/config.js';
import { context } from '../helpers/applications.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, sampleApplication, startHarness, type Harness } from './server-harness.js';

/** Linkage across a restart: the index is warmed from the store's most recent applications. */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`linkage after a restart (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    it('a ring member arriving after a restart is linked to one stored before it, and the network shows both', async () => {
      const first = sampleApplication(undefined, 'Kevin Park');
      expect((await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: first })).statusCode).toBe(201);

      const restarted = await buildServer({
        store: h.store, config: parseServerConfig({}), screenContext: context, keyCacheMs: 0,
        linkageWarmup: { orgs: [ORG], perOrg: 100 },
      });
      const second = sampleApplication(undefined, 'Alan Smith') as Record<string, any>;
      second.applicant = { ...second.applicant, phones: (first.applicant as { phones: string[] }).phones };
      const res = await restarted.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${h.keys.analyst}` }, payload: second });
      const result = res.json().result;
      expect(result.signals.map((s: { id: string }) => s.id)).toContain('linkage.shared_phone_other_identity');
      expect(result.cluster.size).toBe(2);

      const network = (await restarted.inject({ method: 'GET', url: `/api/v1/networks/${second.id}`, headers: { authorization: `Bearer ${h.keys.analyst}` } })).json();
      expect(network.members.map((m: { id: string }) => m.id).sort()).toEqual([first.id, second.id].sort());
      expect(network.links).toContainEqual(expect.objectContaining({ from: { id: second.id, source: 'api' }, to: { id: first.id, source: 'api' }, kind: 'phone' }));
      await restarted.close();
    });
  });
}
