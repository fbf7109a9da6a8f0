import Database from 'better-sqlite3';
import pg from 'pg';
import type { EngineUnderTest, TestDatabase } from './store-engines.js';

/** Raw SQL on either engine of the store tests, `?` placeholders: how the audit tests tamper with a database as an attacker who can write it would. */

export type Row = Record<string, unknown>;

export interface RawSql {
  run(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function rawSql(engine: EngineUnderTest, db: TestDatabase): Promise<RawSql> {
  if (engine.name === 'sqlite') {
    const sqlite = new Database(db.target);
    return {
      run: async (text, params = []) => {
        const statement = sqlite.prepare(text);
        return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: db.cliTarget });
  await client.connect();
  return {
    run: async (text, params = []) => {
      let n = 0;
      return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as Row[];
    },
    close: () => client.end(),
  };
}
