import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/store/statement-cache.js';

interface Db { people: { id: number; name: string } }

const opened: Database.Database[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) if (d.open) d.close();
});

function database(): Database.Database {
  const d = new Database(':memory:');
  opened.push(d);
  d.exec("create table people (id integer primary key, name text not null); insert into people (name) values ('Ada'), ('Grace'), ('Edsger')");
  return d;
}

describe('the SQLite statement cache', () => {
  it('hands out the prepared statement again for the same SQL, and a new one for other SQL', () => {
    const cached = withStatementCache(database());
    const first = cached.prepare('select name from people where id = ?');
    expect(cached.prepare('select name from people where id = ?')).toBe(first);
    expect(cached.prepare('select id from people where name = ?')).not.toBe(first);
    expect(first.all([2])).toEqual([{ name: 'Grace' }]);
    expect(first.all([3])).toEqual([{ name: 'Edsger' }]);
  });

  it('drops the least recently used statement past its capacity, and still answers every query', () => {
    const cached = withStatementCache(database(), 2);
    const a = cached.prepare('select count(*) as n from people');
    const b = cached.prepare('select max(id) as n from people');
    cached.prepare('select count(*) as n from people'); // a is now the most recent
    cached.prepare('select min(id) as n from people'); // evicts b
    expect(cached.prepare('select count(*) as n from people')).toBe(a);
    const b2 = cached.prepare('select max(id) as n from people');
    expect(b2).not.toBe(b);
    expect(b2.all([])).toEqual([{ n: 3 }]);
  });

  it('gives a fresh statement for SQL whose cached statement is still being iterated', () => {
    const cached = withStatementCache(database());
    const text = 'select name from people order by id';
    const seen: string[] = [];
    const outer = cached.prepare(text);
    for (const row of outer.iterate([]) as Iterable<{ name: string }>) {
      const inner = cached.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push(`${row.name}:${inner.all([]).length}`);
    }
    expect(seen).toEqual(['Ada:3', 'Grace:3', 'Edsger:3']);
    expect(cached.prepare(text)).toBe(outer);
  });

  it('sees a column a migration added after the statement was first prepared', async () => {
    const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(database()) }) });
    const all = () => sql<Record<string, unknown>>`select * from people where id = 1`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: 'Ada' }]);
    await sql`alter table people add column email text`.execute(db);
    await sql`update people set email = 'ada@example.org' where id = 1`.execute(db);
    expect((await all()).rows).toEqual([{ id: 1, name: 'Ada', email: 'ada@example.org' }]);
    await db.destroy();
  });
});
