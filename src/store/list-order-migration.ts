import type { Kysely, Migration } from 'kysely';

// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Indexes in the exact order a results page is read (src/store/list-results.ts):
 * by arrival, by score, and by band then score, each ending in source and id,
 * the page key's tie-breakers. With them a page is a walk along one index that
 * stops after `limit` rows; without them the database sorted every stored
 * result of the organisation for each page (0.6 s a page at 100,000
 * applications on SQLite, so a console or an API client paging the queue
 * under load timed out). The shorter indexes they replace are prefixes of them.
 */
export const listOrderMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.dropIndex('applications_by_received').execute();
    await db.schema.createIndex('applications_by_received').on('applications')
      .columns(['org_id', 'last_received_at', 'source', 'application_id']).execute();
    await db.schema.dropIndex('screening_results_by_band').execute();
    await db.schema.createIndex('screening_results_by_band').on('screening_results')
      .columns(['org_id', 'band', 'score', 'source', 'application_id']).execute();
    await db.schema.createIndex('screening_results_by_score').on('screening_results')
      .columns(['org_id', 'score', 'source', 'application_id']).execute();
  },
};
