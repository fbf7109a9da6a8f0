import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../store/store-engines.js';
import { fuzzRequest, sendAndCheck } from './fuzz-requests.js';
import { sampleApplication, startHarness, type Harness } from './server-harness.js';

/**
 * A short run of the request fuzzer (fuzz-requests.ts) on each engine: every
 * route of the route table, every caller, hostile input. No answer is a 5xx,
 * no refused request changes what is stored, Object.prototype is untouched,
 * and the server still answers afterwards. The long run (100,000 requests) is
 * `npm run bench -- fuzz`.
 */
const RUNS = { sqlite: 400, postgres: 150 } as const;

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`fuzzed requests (${engine.title})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
      // Something to read, so reads reach past "not found".
      const seeded = await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: sampleApplication('app-1') });
      expect(seeded.statusCode, seeded.body).toBe(201);
    });
    afterAll(async () => h?.close());

    it('answers every generated request with no 5xx, and a refused one changes nothing', async () => {
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fuzzRequest(h), async (request) => {
          const { response, problem } = await sendAndCheck(h, request);
          if (response) seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
          expect(problem).toBeUndefined();
        }),
        { numRuns: RUNS[engine.name], seed: 20261203 },
      );
      // The run reached past authentication and validation, not only 401s.
      const statuses = [...seen.keys()];
      expect(statuses).toEqual(expect.arrayContaining([200, 400, 401]));
      expect((await h.request('GET', '/api/v1/health')).statusCode).toBe(200);
      const results = await h.request('GET', '/api/v1/results?limit=5', { key: h.keys.analyst });
      expect(results.statusCode, results.body).toBe(200);
    }, 300_000);
  });
}
