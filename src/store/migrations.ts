import type { CreateTableBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import { casesMigration } from './case-migration.js';
import { listOrderMigration } from './list-order-migration.js';
import { retentionMigration } from './retention-migration.js';
import { sharedIntelMigration, sharedIntelVersionMigration, taxiiStatusMigration } from './intel-migration.js';
import { outboxMigration } from './outbox-migration.js';
import { arrivalMigration } from './arrival-migration.js';

/**
 * The schema, written once with Kysely's schema builder for SQLite and
 * PostgreSQL alike, and applied on open by Kysely's Migrator. A migration is
 * never edited once released: a change is a new entry at the end.
 *
 * Citus: every table has org_id first in its primary key, so each can be
 * distributed with `create_distributed_table('<table>', 'org_id')`. The
 * migrator's own bookkeeping tables are small local tables.
 */
// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Columns naming an application (org, source, id), first in every application-keyed table. */
function applicationKey<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'org_id' | 'source' | 'application_id'> {
  return table
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull());
}

const initialSchema: Migration = {
  async up(db: AnyDb): Promise<void> {
    await applicationKey(db.schema.createTable('applications'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('latest_version', 'integer', (c) => c.notNull())
      .addColumn('latest_result_no', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_received_at', 'text', (c) => c.notNull())
      .addColumn('last_received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('applications_pk', ['org_id', 'source', 'application_id'])
      .execute();
    await db.schema.createIndex('applications_by_id').on('applications').columns(['org_id', 'application_id']).execute();
    await db.schema.createIndex('applications_by_received').on('applications').columns(['org_id', 'last_received_at']).execute();

    await applicationKey(db.schema.createTable('application_versions'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('raw_json', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('application_versions_pk', ['org_id', 'source', 'application_id', 'version'])
      .execute();

    await applicationKey(db.schema.createTable('normalised_applications'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('normalised_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('normalised_applications_pk', ['org_id', 'source', 'application_id', 'version'])
      .execute();

    await applicationKey(db.schema.createTable('screening_results'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('result_no', 'integer', (c) => c.notNull())
      .addColumn('screened_at', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('band', 'text', (c) => c.notNull())
      .addColumn('log_odds', 'double precision', (c) => c.notNull())
      .addColumn('signals_json', 'text', (c) => c.notNull())
      .addColumn('skipped_json', 'text')
      .addColumn('cluster_id', 'text')
      .addColumn('cluster_size', 'integer')
      .addColumn('catalogue_version', 'text', (c) => c.notNull())
      .addColumn('scoring_version', 'text', (c) => c.notNull())
      .addColumn('reference_version', 'text', (c) => c.notNull())
      .addColumn('reference_versions_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('screening_results_pk', ['org_id', 'source', 'application_id', 'version', 'result_no'])
      .execute();
    await db.schema.createIndex('screening_results_by_band').on('screening_results').columns(['org_id', 'band', 'score']).execute();

    await applicationKey(db.schema.createTable('links'))
      .addColumn('other_source', 'text', (c) => c.notNull())
      .addColumn('other_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value_fingerprint', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('links_pk', ['org_id', 'source', 'application_id', 'other_source', 'other_id', 'kind', 'value_fingerprint'])
      .execute();
    await db.schema.createIndex('links_by_other').on('links').columns(['org_id', 'other_source', 'other_id']).execute();
    await db.schema.createIndex('links_by_fingerprint').on('links').columns(['org_id', 'kind', 'value_fingerprint']).execute();

    await db.schema
      .createTable('clusters')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('cluster_id', 'text', (c) => c.notNull())
      .addColumn('member_source', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('clusters_pk', ['org_id', 'cluster_id', 'member_source', 'member_id'])
      .execute();
    await db.schema.createIndex('clusters_by_member').on('clusters').columns(['org_id', 'member_source', 'member_id']).execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('api_keys_pk', ['org_id', 'key_id'])
      .addUniqueConstraint('api_keys_hash_unique', ['org_id', 'key_hash'])
      .execute();
    await db.schema.createIndex('api_keys_by_hash').on('api_keys').columns(['key_hash']).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('detail_json', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pk', ['org_id', 'seq'])
      .execute();

    await db.schema
      .createTable('alerts')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('signal_id', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('alerts_pk', ['org_id', 'subject_kind', 'subject_id', 'signal_id'])
      .execute();
    await db.schema.createIndex('alerts_by_last_seen').on('alerts').columns(['org_id', 'last_seen']).execute();

    await db.schema
      .createTable('telemetry_aggregates')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('aggregate_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('telemetry_aggregates_pk', ['org_id', 'device_id', 'day'])
      .execute();
  },
};

/** Where a telemetry consumer stands (the last stream sequence folded into the stored aggregates) and the employees it has seen. */
const monitorState: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('telemetry_checkpoints')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('last_sequence', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('telemetry_checkpoints_pk', ['org_id', 'consumer'])
      .execute();
    await db.schema
      .createTable('employees')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('employee_id', 'text', (c) => c.notNull())
      .addColumn('application_id', 'text')
      .addColumn('info_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('employees_pk', ['org_id', 'employee_id'])
      .execute();
    // When an alert was last worth telling someone: the cool-down runs from there, not from the last sighting.
    await db.schema.alterTable('alerts').addColumn('last_notified', 'text').execute();
  },
};

/**
 * The head of each organisation's audit chain (its last sequence and hash)
 * in a row of its own. Every write transaction updates it first: on
 * PostgreSQL that row lock orders an organisation's writers, so two
 * transactions can never take the same sequence, and an audit entry is
 * written in the same transaction as the change it records.
 */
const auditHeads: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('audit_heads')
      .addColumn('org_id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    const heads = await db.selectFrom('audit_log as a')
      .select(['a.org_id', 'a.seq', 'a.hash'])
      .where(({ eb, selectFrom }) => eb('a.seq', '=', selectFrom('audit_log as b').select((b) => b.fn.max('b.seq').as('m')).whereRef('b.org_id', '=', 'a.org_id')))
      .execute();
    for (const h of heads) await db.insertInto('audit_heads').values({ org_id: h.org_id, seq: h.seq, hash: h.hash }).execute();
    // Linkage replays applications in order of arrival (latestRecords): an index in that order, not a sort per page.
    await db.schema.createIndex('applications_by_arrival').on('applications').columns(['org_id', 'first_received_at', 'source', 'application_id']).execute();
  },
};

/**
 * Keyed audit (src/store/audit-chain.ts): each entry and each head row name
 * the audit key its hash was made with. Entries already stored keep null:
 * they were chained with plain SHA-256 and still verify that way; the first
 * keyed entry of their log is the switch-over entry that anchors them.
 */
const keyedAudit: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
    await db.schema.alterTable('audit_heads').addColumn('key_id', 'text').execute();
  },
};

/**
 * Replays must not roll a record back (src/store/import-batch.ts): each
 * application keeps the newest time its source system (an ATS) last changed
 * it, as that source's signed payload says (null: never said). ATS delivery
 * ids handled, per organisation and vendor, so a retry is recognised after a
 * restart too; the index serves forgetting old ones.
 */
const sourceOrder: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('applications').addColumn('source_updated_at', 'text').execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['org_id', 'vendor', 'delivery_id'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_by_received').on('webhook_deliveries').columns(['org_id', 'vendor', 'received_at']).execute();
  },
};

/**
 * A stored result says why it has its band, as a fresh one does (bandReason):
 * an identical resubmission answers the same. Results stored before keep null.
 */
const bandReason: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('screening_results').addColumn('band_reason', 'text').execute();
  },
};

/** Migrations in order of their names. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_001_initial_schema': initialSchema,
  '2026_002_monitor_state': monitorState,
  '2026_003_audit_heads': auditHeads,
  '2026_004_keyed_audit': keyedAudit,
  '2026_005_source_order': sourceOrder,
  '2026_006_cases': casesMigration,
  '2026_007_band_reason': bandReason,
  '2026_008_retention': retentionMigration,
  '2026_009_list_order': listOrderMigration,
  '2026_010_arrival': arrivalMigration,
  '2026_011_shared_intel': sharedIntelMigration,
  '2026_012_shared_intel_version': sharedIntelVersionMigration,
  '2026_013_taxii_status': taxiiStatusMigration,
  '2026_014_outbox': outboxMigration,
};

/** The in-code provider the Migrator reads (no migration files to ship or find). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
