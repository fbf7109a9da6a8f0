import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared per connection (a query with an IN list of another length is another statement). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite database as Kysely's dialect sees it, with its prepared
 * statements kept: Kysely prepares the SQL of every query it runs, and
 * preparing costs a page of the list route about as much as running it.
 * The same SQL text is the same statement, bound afresh on every call.
 * Least recently used statements are dropped past `capacity`. A statement
 * that is busy (a stream still iterating it) is never handed out twice: the
 * caller gets a fresh one, so a query run while a stream of the same SQL is
 * open behaves as it did without the cache. SQLite re-prepares a cached
 * statement by itself when a migration changes the schema.
 */
export function withStatementCache(database: Database.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
