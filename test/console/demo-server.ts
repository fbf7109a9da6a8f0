import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadDemo, type DemoKey } from '../../src/cli/demo.js';
import { buildServer } from '../../src/server/app.js';
import { parseServerConfig } from '../../src/server/config.js';
import { DEFAULT_CONSOLE_DIR } from '../../src/server/session/console-static.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildScreenContext } from '../../src/service/index.js';
import { DEFAULT_ORG, openStore, type HirewatchStore } from '../../src/store/index.js';

/**
 * What `hirewatch serve --demo` starts, in this process on an ephemeral port: the examples
 * loaded through the service layer into a fresh SQLite file, the demo team's keys, and an
 * analyst of another organisation (to show it sees nothing). For the browser tests and
 * scripts/screenshots.ts. Needs the console built (npm run build).
 */
export interface DemoServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: HirewatchStore;
  readonly org: string;
  /** The demo team by label: 'Dana (analyst)', 'Sam (second analyst)', 'Riley (recruiter)', 'Alex (auditor)', 'Morgan (admin)'. */
  readonly keys: Readonly<Record<string, DemoKey>>;
  /** An analyst of organisation 'globex', which holds nothing. */
  readonly otherOrgAnalyst: string;
  close(): Promise<void>;
}

export const CHROMIUM = '/usr/bin/chromium';
export const consoleBuilt = (): boolean => existsSync(join(DEFAULT_CONSOLE_DIR, 'index.html'));
export const chromiumPresent = (): boolean => existsSync(CHROMIUM);

export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-console-'));
  const store = await openStore(join(dir, 'demo.db'));
  const context = buildScreenContext(DEFAULT_SCORING);
  const demo = await loadDemo(store.withOrg(DEFAULT_ORG), context);
  const otherOrgAnalyst = (await store.withOrg('globex').admin.apiKeys.create('analyst', 'Globex analyst')).secret;
  const app = await buildServer({
    store,
    config: parseServerConfig({ rateLimit: { max: 100_000, windowMs: 60_000 } }),
    screenContext: context,
    keyCacheMs: 0,
    linkageWarmup: { orgs: [DEFAULT_ORG], perOrg: 5000 },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    app,
    store,
    org: DEFAULT_ORG,
    keys: Object.fromEntries(demo.keys.map((k) => [k.label, k])),
    otherOrgAnalyst,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
