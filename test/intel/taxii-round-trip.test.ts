/**
 * The round trip of issue 17: company A (one database) confirms a ring and
 * serves its keyed indicators over TAXII 2.1; company B (another database,
 * another organisation) pulls them with `intel pull`'s service, following
 * `next`; B's next application from that ring holds, with evidence naming
 * A's collection; and nothing B stores (a dump of its whole database)
 * contains A's clear values. On SQLite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig } from '../../src/server/config.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening } from '../../src/service/index.js';
import { pullIntel } from '../../src/service/intel-pull.js';
import { collectionId } from '../../src/service/taxii.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ordinaryApplication } from '../helpers/case-applications.js';
import { confirmRing } from '../helpers/confirmed-ring.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const KEY = Buffer.from('6f1c0a9e3b7d4c2a8e5f1b3d7a9c0e2f4b6d8a1c3e5f7b9d0a2c4e6f8b1d3a5c', 'hex');
/** A's clear values B must never hold: the ring's other phone forms, mailbox, device, payroll, IP, names and ids. */
const A_CLEAR = ['+15125550199', '5125550199', '555-0199', 'maria.lopez.dev@gmail.com', 'marialopezdev@gmail.com', 'fp_ring', '5d41402abc', '5D41402ABC', '45.8.22.10', 'Maria Lopez', 'gh-200', 'gh-201'];

function dump(db: TestDatabase, engine: string): string {
  if (engine === 'sqlite') return execFileSync('sqlite3', [db.target, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 28 }) + readFileSync(db.target).toString('latin1');
  const url = new URL(db.cliTarget);
  const schema = /search_path=(\S+)/.exec(url.searchParams.get('options') ?? '')![1]!;
  url.searchParams.delete('options');
  return execFileSync('pg_dump', ['--schema', schema, '--data-only', '--no-owner', url.toString()], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`TAXII round trip between two companies (${engine.title})`, () => {
    let dbA: TestDatabase;
    let dbB: TestDatabase;
    let a: HirewatchStore;
    let b: HirewatchStore;
    let server: FastifyInstance;
    let apiRoot = '';
    let apiKey = '';
    const collection = collectionId('acme', 'indicators');

    beforeAll(async () => {
      dbA = await engine.setUp();
      dbB = await engine.setUp();
      a = await dbA.open({ org: 'acme' });
      b = await dbB.open({ org: 'globex' });
      await confirmRing(a);
      apiKey = (await a.admin.apiKeys.create('intel', 'globex (consortium member)')).secret;
      server = await buildServer({
        store: a, config: parseServerConfig({ rateLimit: { max: 100_000, windowMs: 60_000 } }), screenContext: context, keyCacheMs: 0, consoleDir: false, intel: { key: KEY },
      });
      const address = await server.listen({ host: '127.0.0.1', port: 0 });
      apiRoot = `${address}/taxii2/acme/`;
    });
    afterAll(async () => {
      await server?.close();
      await a?.close();
      await b?.close();
      await dbA?.tearDown();
      await dbB?.tearDown();
    });

    it('B pulls A\'s keyed indicators page by page into a watchlist named after A; a repeated pull adds nothing', async () => {
      const first = await pullIntel(b, { apiRoot, collection, apiKey, pageSize: 4 }, { actor: 'cli', action: 'intel.pull' });
      expect(first.pages).toBeGreaterThan(2);
      expect(first.failures).toEqual([]);
      expect(first.sharers).toEqual(['acme']);
      expect(first.added).toBe(first.indicators);
      expect(first.indicators).toBeGreaterThan(8);
      const again = await pullIntel(b, { apiRoot, collection, apiKey, pageSize: 50 }, { actor: 'cli', action: 'intel.pull' });
      expect(again).toMatchObject({ pages: 1, added: 0, refreshed: first.indicators });
      const sharers = await b.sharedIntel.sharers();
      expect(sharers).toEqual([{ sharerId: expect.stringMatching(/^identity--/), sharerName: 'acme', collectionId: collection, sourceUrl: apiRoot, indicators: first.indicators }]);
      const phone = [];
      for await (const row of b.sharedIntel.all()) if (row.kind === 'phone') phone.push(row);
      expect(phone).toEqual([expect.objectContaining({ keyed: true, value: expect.stringMatching(/^[0-9a-f]{64}$/), firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z', count: 2 })]);
    });

    it('B\'s next application from the ring holds, the evidence naming A and its collection, the kind and the dates', async () => {
      const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), intelKey: KEY });
      expect((await screening.shared.load(b)).size).toBeGreaterThan(8);
      const [submitted] = await screening.submit(b, [ordinaryApplication('b-77', (x) => {
        x.applicant = { ...x.applicant, fullName: 'Daniel Reyes', emails: ['D.A.N.Reyes+globex@gmail.com'] };
      })], { actor: 'key:b', action: 'test' });
      expect(submitted!.result.band).toBe('hold');
      const signal = submitted!.result.signals.find((s) => s.id === 'linkage.shared_indicator');
      expect(signal?.evidence).toBe(`mailbox danreyes@gmail.com matches a keyed email indicator shared by acme (collection ${collection}): seen 2025-11-03 to 2025-11-03 on 1 application, confirmed fraud 2026-12-02`);
      const honest = await screening.submit(b, [ordinaryApplication('b-78')], { actor: 'key:b', action: 'test' });
      expect(honest[0]!.result.signals.map((s) => s.id)).not.toContain('linkage.shared_indicator');
    });

    it('nothing B stores holds A\'s clear values', async () => {
      const text = dump(dbB, engine.name);
      expect(text).toContain('shared_indicators');
      for (const value of A_CLEAR) expect(text.includes(value), value).toBe(false);
    });
  });
}
