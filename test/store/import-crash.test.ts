import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJsonLines } from '../../bench/generate-applications.js';
import { connect } from '../../src/store/connect.js';
import type { HirewatchDatabase } from '../../src/store/database-schema.js';
import { parseStoreTarget } from '../../src/store/index.js';
import { runHirewatch, type CliRun } from './run-cli.js';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from './store-engines.js';

/**
 * `hirewatch import` is killed (SIGKILL) mid-batch ten times in a row, each
 * time after it committed at least one chunk of new records; then it runs to
 * completion. Every record must be stored exactly once, with one version and
 * one result, and after every kill only whole chunks may be in the database.
 */
const RECORDS = 4000;
const CHUNK = 100;
const KILLS = 10;
const ORG = 'crash-test';

/** Run the importer; with `killAfterNewChunk`, SIGKILL it soon after it reports a committed chunk with new records. */
function runImport(file: string, db: string, killAfterNewChunk: boolean): Promise<CliRun> {
  let armed = killAfterNewChunk;
  return runHirewatch(['import', file, '--db', db, '--org', ORG, '--chunk', String(CHUNK), '--verbose', '--json'], (stderr, child) => {
    if (armed && /chunk \d+ committed \(\d+ records: [1-9]\d* new/.test(stderr)) {
      armed = false;
      // Somewhere inside the next chunk: while it is screened or while its transaction is open.
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 60));
    }
  });
}

async function storedCounts(db: Kysely<HirewatchDatabase>): Promise<{ applications: number; versions: number; results: number; maxVersion: number }> {
  const count = async (table: 'applications' | 'application_versions' | 'screening_results'): Promise<number> => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', ORG).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const max = await db.selectFrom('applications').select((eb) => eb.fn.max('latest_version').as('v')).where('org_id', '=', ORG).executeTakeFirstOrThrow();
  return { applications: await count('applications'), versions: await count('application_versions'), results: await count('screening_results'), maxVersion: Number(max.v ?? 0) };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

interface CrashTarget {
  readonly title: string;
  readonly available: boolean;
  /** Returns the --db argument, a connection to check with, and a clean-up. */
  prepare(dir: string): Promise<{ db: string; check: Kysely<HirewatchDatabase>; cleanUp(): Promise<void> }>;
}

const TARGETS: readonly CrashTarget[] = [
  {
    title: 'import on SQLite survives 10 SIGKILLs mid-batch',
    available: true,
    async prepare(dir) {
      const db = join(dir, 'crash.db');
      const { db: check } = await connect(parseStoreTarget(db));
      return { db, check, cleanUp: () => check.destroy() };
    },
  },
  {
    title: POSTGRES_URL ? 'import on PostgreSQL survives 10 SIGKILLs mid-batch' : `import on PostgreSQL survives 10 SIGKILLs mid-batch (${POSTGRES_SKIP_REASON})`,
    available: Boolean(POSTGRES_URL),
    async prepare() {
      const schema = `hw_crash_${process.pid}_${Date.now().toString(36)}`;
      const url = new URL(POSTGRES_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      let check: Kysely<HirewatchDatabase>;
      try {
        ({ db: check } = await connect(parseStoreTarget(POSTGRES_URL!), { schema, poolSize: 2 }));
      } catch (err) {
        await dropSchema(schema);
        throw err;
      }
      return {
        db: url.toString(),
        check,
        async cleanUp() {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(check);
          await check.destroy();
        },
      };
    },
  },
];

for (const target of TARGETS) {
  describe.skipIf(!target.available)(target.title, () => {
    let dir: string;
    let file: string;
    let prepared: Awaited<ReturnType<CrashTarget['prepare']>>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hirewatch-crash-'));
      file = join(dir, 'applications.jsonl');
      writeFileSync(file, `${generateJsonLines(RECORDS).join('\n')}\n`);
      prepared = await target.prepare(dir);
    });
    afterAll(async () => {
      await prepared?.cleanUp();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores every record exactly once after being killed and re-run', async () => {
      let stored = 0;
      for (let kill = 1; kill <= KILLS; kill++) {
        const run = await runImport(file, prepared.db, true);
        expect(run.signal, `run ${kill} was to be killed mid-batch but ended by itself (code ${run.code}): ${run.stderr.slice(-500)}`).toBe('SIGKILL');
        const counts = await storedCounts(prepared.check);
        // Only whole chunks: the chunk in flight is all or nothing.
        expect(counts.applications % CHUNK, `after kill ${kill}`).toBe(0);
        expect(counts.applications).toBeGreaterThan(stored);
        expect(counts.applications).toBeLessThan(RECORDS);
        expect(counts).toEqual({ applications: counts.applications, versions: counts.applications, results: counts.applications, maxVersion: 1 });
        stored = counts.applications;
      }

      const last = await runImport(file, prepared.db, false);
      expect(last.code, last.stderr.slice(-500)).toBe(0);
      const summary = JSON.parse(last.stdout) as Record<string, number>;
      expect(summary).toMatchObject({ new: RECORDS - stored, unchanged: stored, changed: 0, errors: 0 });

      expect(await storedCounts(prepared.check)).toEqual({ applications: RECORDS, versions: RECORDS, results: RECORDS, maxVersion: 1 });
      const ids = await prepared.check.selectFrom('applications').select('application_id').where('org_id', '=', ORG).execute();
      expect(new Set(ids.map((r) => r.application_id))).toEqual(new Set(Array.from({ length: RECORDS }, (_, i) => `gen-${i}`)));
      const repeated = await prepared.check.selectFrom('screening_results').select(['source', 'application_id'])
        .where('org_id', '=', ORG).groupBy(['source', 'application_id']).having((eb) => eb.fn.countAll(), '>', 1).execute();
      expect(repeated).toEqual([]);

      const again = await runImport(file, prepared.db, false);
      expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, changed: 0, unchanged: RECORDS });
    }, 900_000);
  });
}

