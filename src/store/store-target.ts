import { z } from 'zod';

/** Where the database is: an SQLite file (the default) or a PostgreSQL server. */
export type StoreTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string };

export const DEFAULT_DB_FILE = './hirewatch.db';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const SQLITE_PREFIX = /^sqlite:/i;
/**
 * A URL scheme: two or more characters then ":" (one letter then ":" is a
 * Windows drive, C:\...). A file whose name has such a colon is written
 * ./name or sqlite:name.
 */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** A database target that is neither a file path nor a PostgreSQL URL (a usage error: exit 2 on the command line). */
export class InvalidStoreTargetError extends Error {
  override readonly name = 'InvalidStoreTargetError';
}

/** A PostgreSQL schema name we create and put on the search_path; plain identifiers only. */
export const SchemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name is lower-case letters, digits and _');

/**
 * "postgres://..." or "postgresql://..." selects PostgreSQL; "sqlite:PATH"
 * or a path is an SQLite file (":memory:" for none). Any other scheme
 * ("mysql://...", "http://...") is refused rather than taken for a path.
 */
export function parseStoreTarget(target: string): StoreTarget {
  const trimmed = target.trim();
  if (!trimmed) throw new InvalidStoreTargetError('empty database target: give an SQLite file path or a postgres:// URL');
  if (POSTGRES_URL.test(trimmed)) {
    if (!URL.canParse(trimmed)) throw new InvalidStoreTargetError(`${redactedTarget(trimmed)} is not a valid PostgreSQL URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)`);
    return { engine: 'postgres', url: trimmed };
  }
  if (SQLITE_PREFIX.test(trimmed)) {
    // sqlite:PATH; sqlite://PATH and sqlite:///ABSOLUTE as in file URLs.
    const rest = trimmed.slice('sqlite:'.length);
    const file = rest.startsWith('//') ? rest.slice(2) : rest;
    if (!file.trim()) throw new InvalidStoreTargetError('sqlite: needs a file path after it (sqlite:./hirewatch.db)');
    return { engine: 'sqlite', file };
  }
  const scheme = SCHEME.exec(trimmed)?.[1];
  if (scheme) {
    throw new InvalidStoreTargetError(
      `${redactedTarget(trimmed)} is not a database hirewatch can use: give an SQLite file path (or sqlite:PATH) or a postgres:// URL, not ${scheme.toLowerCase()}:`,
    );
  }
  return { engine: 'sqlite', file: trimmed };
}

/** `--db` when given, else DATABASE_URL, else ./hirewatch.db. */
export function resolveStoreTarget(db: string | undefined, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  if (db) return parseStoreTarget(db);
  if (env.DATABASE_URL) return parseStoreTarget(env.DATABASE_URL);
  return parseStoreTarget(DEFAULT_DB_FILE);
}

/** A URL-like text without its password (in the authority or a password= parameter), for messages. */
function redactedTarget(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) if (/^pass(word)?$/i.test(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    // Not parsable: cut out anything between "//user:" and "@".
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*:)[^@/]*@/i, '$1***@');
  }
}

/** The target for messages: a URL without its password. */
export function describeStoreTarget(target: StoreTarget): string {
  if (target.engine === 'sqlite') return target.file;
  return redactedTarget(target.url);
}
