import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig, serverConfigFromEnv } from '../../src/server/config.js';
import { keyAuthenticator } from '../../src/server/http/authenticate.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { ENGINES, type EngineUnderTest, type TestDatabase } from '../store/store-engines.js';

/** What `hirewatch keys revoke` does from its own process: set revoked_at in the database. */
async function revokeElsewhere(engine: EngineUnderTest, db: TestDatabase, keyId: string): Promise<void> {
  const at = new Date().toISOString();
  if (engine.name === 'sqlite') {
    const sqlite = new Database(db.target);
    sqlite.prepare('update api_keys set revoked_at = ? where key_id = ?').run(at, keyId);
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: db.cliTarget });
  await client.connect();
  try {
    await client.query('update api_keys set revoked_at = $1 where key_id = $2', [at, keyId]);
  } finally {
    await client.end();
  }
}

/**
 * Finding 6 (part) of "Hardening": a revoked key must stop working. A server
 * looks keys up on every request unless told to cache them
 * (HIREWATCH_KEY_CACHE_MS); a revocation made in the server's own process
 * empties its cache at once; one made by another process (`hirewatch keys
 * revoke`) is seen within the cache time.
 */
for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`key revocation (${engine.title})`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open();
    });
    afterAll(async () => {
      await store?.close();
      await db?.tearDown();
    });

    const results = (app: Awaited<ReturnType<typeof buildServer>>, key: string) =>
      app.inject({ method: 'GET', url: '/api/v1/results', headers: { authorization: `Bearer ${key}` } }).then((r) => r.statusCode);

    it('by default a key revoked by another process is refused on the next request', async () => {
      const app = await buildServer({ store, config: parseServerConfig({}), screenContext: context });
      try {
        const { keyId, secret } = await store.withOrg('acme').admin.apiKeys.create('analyst');
        expect(await results(app, secret)).toBe(200);
        await revokeElsewhere(engine, db, keyId);
        expect(await results(app, secret)).toBe(401);
      } finally {
        await app.close();
      }
    });

    it('with a key cache, a revocation in the same process is immediate', async () => {
      const app = await buildServer({ store, config: parseServerConfig({}), screenContext: context, keyCacheMs: 60_000 });
      try {
        const { keyId, secret } = await store.withOrg('acme').admin.apiKeys.create('analyst');
        expect(await results(app, secret)).toBe(200);
        expect(await store.withOrg('acme').admin.apiKeys.revoke(keyId)).toBe(true);
        expect(await results(app, secret)).toBe(401);
      } finally {
        await app.close();
      }
    });

    it("with a key cache, another process's revocation is seen within the cache time", async () => {
      let now = 1_000_000;
      const auth = keyAuthenticator(store, 5_000, () => now);
      const { keyId, secret } = await store.withOrg('acme').admin.apiKeys.create('analyst');
      const headers = { authorization: `Bearer ${secret}` };
      expect(await auth.authenticate(headers)).toMatchObject({ keyPrefix: keyId, orgId: 'acme' });
      await revokeElsewhere(engine, db, keyId);
      now += 4_999;
      expect(await auth.authenticate(headers)).toBeDefined();
      now += 2;
      expect(await auth.authenticate(headers)).toBeUndefined();
    });
  });
}

describe('HIREWATCH_KEY_CACHE_MS', () => {
  it('is off unless set, and bounded', () => {
    expect(serverConfigFromEnv({}).keyCacheMs).toBeUndefined();
    expect(serverConfigFromEnv({ HIREWATCH_KEY_CACHE_MS: '2000' }).keyCacheMs).toBe(2000);
    expect(() => serverConfigFromEnv({ HIREWATCH_KEY_CACHE_MS: '-1' })).toThrow(/keyCacheMs/);
    expect(() => serverConfigFromEnv({ HIREWATCH_KEY_CACHE_MS: '3600000' })).toThrow(/keyCacheMs/);
  });
});
