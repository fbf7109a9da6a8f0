import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer, type BuildServerOptions } from '../../src/server/app.js';
import { parseServerConfig, type ServerConfigInput } from '../../src/server/config.js';
import type { Role } from '../../src/server/auth/roles.js';
import { ROLES } from '../../src/server/auth/roles.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import type { EngineUnderTest, TestDatabase } from '../store/store-engines.js';

/**
 * One server over a fresh database for a test file: a key per role in the
 * organisation `acme` (and an analyst in `globex`, for cross-organisation
 * attempts), driven with fastify.inject (no sockets). The same harness runs
 * on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL (a schema per run).
 */
export const ORG = 'acme';
export const OTHER_ORG = 'globex';
export const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef';

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: HirewatchStore;
  readonly db: TestDatabase;
  /** A key per role in ORG. */
  readonly keys: Readonly<Record<Role, string>>;
  /** An analyst's key in OTHER_ORG. */
  readonly otherOrgKey: string;
  request(method: 'GET' | 'POST', url: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startHarness(
  engine: EngineUnderTest,
  config: ServerConfigInput = {},
  extra: Partial<BuildServerOptions> = {},
): Promise<Harness> {
  const db = await engine.setUp();
  const store = await db.open();
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await store.withOrg(ORG).admin.apiKeys.create(role, `test ${role}`)).secret;
  const otherOrgKey = (await store.withOrg(OTHER_ORG).admin.apiKeys.create('analyst')).secret;
  const app = await buildServer({
    store,
    config: parseServerConfig({
      rateLimit: { max: 100_000, windowMs: 60_000 },
      webhookSecrets: { greenhouse: { [ORG]: [WEBHOOK_SECRET] }, ashby: { [ORG]: [WEBHOOK_SECRET] }, lever: { [ORG]: [WEBHOOK_SECRET] } },
      ...config,
    }),
    screenContext: context,
    keyCacheMs: 0,
    ...extra,
  });
  await app.ready();
  return {
    app,
    store,
    db,
    keys,
    otherOrgKey,
    request: (method, url, options = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...(options.body !== undefined && typeof options.body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
      }),
    async close() {
      await app.close();
      await store.close();
      await db.tearDown();
    },
  };
}

let serial = 0;
/** A fresh, ordinary application (unique id and identifiers per call). */
export function sampleApplication(id = `app-${process.pid}-${++serial}`, name = 'Daniel Reyes'): Record<string, unknown> {
  const n = String(++serial).padStart(4, '0');
  return {
    id,
    source: 'api',
    submittedAt: '2025-11-03T14:22:05Z',
    applicant: {
      fullName: name,
      emails: [`applicant${n}.${process.pid}@example.com`],
      phones: [`(512) 555-${n}`],
      address: { line1: `${n} Barton Springs Rd`, city: 'Austin', region: 'TX', postalCode: '78704', country: 'US' },
    },
    session: { ip: '66.68.92.231', deviceId: `fp_${n}_${process.pid}` },
  };
}
