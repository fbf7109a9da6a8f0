import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { sampleApplication, startHarness, type Harness } from './server-harness.js';

/**
 * GET /api/v1/networks/:id says what each link shares (the store keeps only
 * a fingerprint of it), names the members, and leaves out links to
 * applications outside the cluster: the sample applications all come from
 * one IP address, which links them without joining them into one cluster.
 */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`the stored network (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    it('names the shared phone, the members, and nothing outside the cluster', async () => {
      const bystander = sampleApplication(undefined, 'Olivia Grant');
      const first = sampleApplication(undefined, 'Kevin Park');
      const second = sampleApplication(undefined, 'Alan Smith') as Record<string, any>;
      const phone = (first.applicant as { phones: string[] }).phones[0]!; // "(512) 555-NNNN"
      second.applicant = { ...second.applicant, phones: [phone] };
      for (const app of [bystander, first, second]) expect((await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: app })).statusCode).toBe(201);

      const res = await h.request('GET', `/api/v1/networks/${second.id}`, { key: h.keys.analyst });
      expect(res.statusCode, res.body).toBe(200);
      const network = res.json();
      expect(network.size).toBe(2);
      expect(network.members.map((m: { id: string; name: string }) => [m.id, m.name]).sort()).toEqual([[first.id, 'Kevin Park'], [second.id, 'Alan Smith']].sort());
      expect(network.links).toContainEqual(expect.objectContaining({ from: { id: second.id, source: 'api' }, to: { id: first.id, source: 'api' }, kind: 'phone', shared: `phone +1${phone.replace(/\D/g, '')}` }));
      const inside = new Set([first.id, second.id]);
      expect(network.links.filter((l: { from: { id: string }; to: { id: string } }) => !inside.has(l.from.id) || !inside.has(l.to.id))).toEqual([]);
    });
  });
}
