import type { Kysely, Migration } from 'kysely';

// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Shared intelligence (docs/SHARING.md): the indicators other organisations
 * share, pulled over TAXII 2.1 (`hirewatch intel pull`), one watchlist per
 * sharer (the producer identity of their bundle). `value` is the keyed hash
 * (HMAC-SHA256 under the consortium key, `keyed` 1) or the canonical clear
 * value (`keyed` 0), as the sharer sent it. One row per sharer, kind, form
 * and value, so a pull repeated stores nothing twice.
 */
export const sharedIntelMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('shared_indicators')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('sharer_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('keyed', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('match_class', 'text', (c) => c.notNull())
      .addColumn('sharer_name', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text')
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('first_pulled_at', 'text', (c) => c.notNull())
      .addColumn('pulled_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('shared_indicators_pk', ['org_id', 'sharer_id', 'kind', 'keyed', 'value'])
      .execute();
  },
};

/**
 * The version of each organisation's shared watchlist (2026_012): one more on
 * every write to shared_indicators, in the write's transaction, so a running
 * server learns with one indexed read that another process (`hirewatch intel
 * pull`) changed the watchlist it holds in memory.
 */
export const sharedIntelVersionMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('shared_intel_versions')
      .addColumn('org_id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },
};

/**
 * TAXII status resources (2026_013): what a member's POST to the inbox did,
 * kept in the database so that any server behind the load balancer, and a
 * restarted one, answers GET .../status/{id}; kept 30 days.
 */
export const taxiiStatusMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('taxii_statuses')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('status_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('taxii_statuses_pk', ['org_id', 'status_id'])
      .execute();
    await db.schema.createIndex('taxii_statuses_by_age').on('taxii_statuses').columns(['org_id', 'created_at']).execute();
  },
};

