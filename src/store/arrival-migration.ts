import type { Kysely, Migration } from 'kysely';

// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The order applications arrived in, per organisation (docs/SCALE.md): one
 * transaction stores a chunk of applications under one received time, so
 * that time cannot say which of them came first, and a linkage index warmed
 * from the store (a worker taking over a partition, a server starting) filed
 * a chunk's applications in source and id order instead of the order they
 * were screened in, which can change the first member (the id) of a cluster
 * and which earlier applications a later one is linked to. Each new
 * application gets the organisation's next number, in the order of its
 * batch; applications stored before keep 0 and the received-time order.
 */
export const arrivalMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('applications').addColumn('arrival', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('applications_by_arrival_number').on('applications').columns(['org_id', 'arrival']).execute();
  },
};
