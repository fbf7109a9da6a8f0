import { z } from 'zod';

/** Where the database is: an SQLite file (the default) or a PostgreSQL server. */
export type StoreTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string };

export const DEFAULT_DB_FILE = './hirewatch.db';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** A PostgreSQL schema name we create and put on the search_path; plain identifiers only. */
export const SchemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name is lower-case letters, digits and _');

/** "postgres://..." selects PostgreSQL; anything else is the path of an SQLite file (":memory:" for none). */
export function parseStoreTarget(target: string): StoreTarget {
  const trimmed = target.trim();
  if (!trimmed) throw new Error('empty database target: give a file path or a postgres:// URL');
  return POSTGRES_URL.test(trimmed) ? { engine: 'postgres', url: trimmed } : { engine: 'sqlite', file: trimmed };
}

/** `--db` when given, else DATABASE_URL, else ./hirewatch.db. */
export function resolveStoreTarget(db: string | undefined, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  if (db) return parseStoreTarget(db);
  if (env.DATABASE_URL) return parseStoreTarget(env.DATABASE_URL);
  return parseStoreTarget(DEFAULT_DB_FILE);
}

/** The target for messages: a URL without its password. */
export function describeStoreTarget(target: StoreTarget): string {
  if (target.engine === 'sqlite') return target.file;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
