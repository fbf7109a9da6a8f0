import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { HirewatchDatabase } from './database-schema.js';
import { migrationProvider } from './migrations.js';
import { SchemaNameSchema, describeStoreTarget, type StoreTarget } from './store-target.js';
import { withStatementCache } from './statement-cache.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export interface ConnectOptions {
  /** PostgreSQL only: schema to create (if missing) and work in; default is the server's search_path. */
  readonly schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  readonly poolSize?: number;
  /**
   * SQLite files only: who copies the write-ahead log into the database
   * file. 'inline' (default): SQLite, inside the commit that fills it (fine
   * for a command that runs and ends); 'background': a worker thread
   * (src/store/wal-checkpointer.ts), for a server whose commits must not pause.
   */
  readonly walCheckpoint?: 'inline' | 'background';
}

export interface Connection {
  readonly db: Kysely<HirewatchDatabase>;
  readonly engine: StoreTarget['engine'];
  /** Closes the connection (and stops its checkpoint thread first). */
  readonly close: () => Promise<void>;
}

/** The database file and its -wal and -shm hold personal data: readable and writable by their owner only. */
export const DATABASE_FILE_MODE = 0o600;

/**
 * Create the database file owner-only before SQLite opens it, whatever the
 * umask (chmod after creating: the umask only narrows what open() is given).
 * SQLite creates -wal and -shm with the mode of the database file. Existing
 * files lose any access by group and others (a database, or a -wal left by a
 * run before this rule); one that is not ours to change is left as it is.
 */
function createOwnerOnly(file: string): void {
  if (!existsSync(file)) {
    closeSync(openSync(file, 'a', DATABASE_FILE_MODE));
    chmodSync(file, DATABASE_FILE_MODE);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const { mode } = statSync(f);
      if (mode & 0o077) chmodSync(f, mode & 0o700);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw err;
    }
  }
}

function sqliteConnection(file: string, options: ConnectOptions): { db: Kysely<HirewatchDatabase>; checkpointer?: WalCheckpointer } {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    createOwnerOnly(file);
  }
  const database = new Database(file);
  // WAL: readers never block the writer; a killed process leaves the last committed state.
  // synchronous=NORMAL is safe against process crashes in WAL mode (a power cut may lose the last commits, never corrupt).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 10000');
  // A million stored applications make indexes of hundreds of MB: keep their hot pages in memory
  // (64 MB page cache, the file mapped up to 1 GB) instead of SQLite's 2 MB default.
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 1073741824');
  database.pragma('temp_store = MEMORY');
  const checkpointer = onDisk && options.walCheckpoint === 'background' ? new WalCheckpointer(database, file) : undefined;
  const db = new Kysely<HirewatchDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, ...(checkpointer ? { checkpointer } : {}) };
}

function postgresConnection(url: string, options: ConnectOptions): Kysely<HirewatchDatabase> {
  const schema = options.schema === undefined ? undefined : SchemaNameSchema.parse(options.schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<HirewatchDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Open the database and bring its schema up to date (migrations run on every open; applied ones are skipped). */
export async function connect(target: StoreTarget, options: ConnectOptions = {}): Promise<Connection> {
  const { db, checkpointer } = target.engine === 'sqlite' ? sqliteConnection(target.file, options) : { db: postgresConnection(target.url, options), checkpointer: undefined };
  const close = async (): Promise<void> => {
    await checkpointer?.stop();
    await db.destroy();
  };
  try {
    let schema: string | undefined;
    if (target.engine === 'postgres') {
      if (options.schema) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
      // Name the schema: the migrator otherwise finds its tables in any schema of the database.
      schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined;
      if (!schema) throw new Error('PostgreSQL: no schema to work in (check search_path)');
    }
    const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`database migration${failed ? ` ${failed}` : ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } catch (err) {
    await close();
    // pg's errors ("connect ECONNREFUSED 127.0.0.1:5432", "password authentication failed for user ...")
    // do not say which database; name it, without its password.
    if (target.engine === 'postgres') {
      throw new Error(`PostgreSQL database ${describeStoreTarget(target)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    throw err;
  }
  return { db, engine: target.engine, close };
}
