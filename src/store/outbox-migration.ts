import type { Kysely, Migration } from 'kysely';

/**
 * The outbox of findings (2026_014): each finding a stored change sends out,
 * written in that change's transaction and removed once delivered or
 * dead-lettered (src/store/outbox-queries.ts). The organisation leads the
 * key, as in every table, so Citus can distribute it.
 */
export const outboxMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('outbox')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('event_uid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text', (c) => c.notNull())
      .addColumn('event_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('outbox_pk', ['org_id', 'event_uid'])
      .execute();
    await db.schema.createIndex('outbox_by_lease').on('outbox').columns(['org_id', 'lease_until', 'created_at']).execute();
  },
};
