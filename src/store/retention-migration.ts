import type { Kysely, Migration } from 'kysely';

// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Retention and erasure (docs/RETENTION.md): each organisation's retention
 * periods, one row of JSON, and its legal holds, one row per held
 * application. A held application is never removed, by retention or by an
 * erasure request, until the hold is released.
 */
export const retentionMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('retention_policies')
      .addColumn('org_id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('policy_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('legal_holds')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('legal_holds_pk', ['org_id', 'source', 'application_id'])
      .execute();
  },
};
