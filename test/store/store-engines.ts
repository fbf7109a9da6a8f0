import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type HirewatchStore, type OpenStoreOptions } from '../../src/store/index.js';

/**
 * The engines the store suite runs against: SQLite always (a temporary
 * file), PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a fresh
 * schema per run, dropped afterwards).
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
export const POSTGRES_SKIP_REASON = 'skipped: set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL database to run it';

export interface EngineUnderTest {
  readonly name: 'sqlite' | 'postgres';
  readonly available: boolean;
  /** Title for describe(): says why it is skipped when it is. */
  readonly title: string;
  /** A fresh, empty database for one test file (call in beforeAll). */
  setUp(): Promise<TestDatabase>;
}

export interface TestDatabase {
  /** What openStore takes. */
  readonly target: string;
  /** What the CLI's `--db` takes to reach the same database (on PostgreSQL: the URL with the test's schema as search_path). */
  readonly cliTarget: string;
  open(options?: OpenStoreOptions): Promise<HirewatchStore>;
  tearDown(): Promise<void>;
}

const runId = `${process.pid}_${Date.now().toString(36)}`;
let counter = 0;

const sqlite: EngineUnderTest = {
  name: 'sqlite',
  available: true,
  title: 'store on SQLite',
  async setUp() {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-store-'));
    const target = join(dir, 'hirewatch.db');
    return {
      target,
      cliTarget: target,
      open: (options = {}) => openStore(target, options),
      async tearDown() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: EngineUnderTest = {
  name: 'postgres',
  available: Boolean(POSTGRES_URL),
  title: POSTGRES_URL ? 'store on PostgreSQL' : `store on PostgreSQL (${POSTGRES_SKIP_REASON})`,
  async setUp() {
    const url = POSTGRES_URL!;
    const schema = `hw_test_${runId}_${++counter}`.toLowerCase();
    const cli = new URL(url);
    cli.searchParams.set('options', `-c search_path=${schema}`);
    await (await openStore(url, { schema, poolSize: 1 })).close(); // the schema exists before a CLI reaches it
    return {
      target: url,
      cliTarget: cli.toString(),
      open: (options = {}) => openStore(url, { schema, poolSize: 4, ...options }),
      async tearDown() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

export const ENGINES: readonly EngineUnderTest[] = [sqlite, postgres];
