import type { Kysely, Migration } from 'kysely';

// Migrations run against whatever the schema is at that point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Cases (docs/CASES.md): a case per held application or ring, its members,
 * typed timeline, verification steps, notes, attachments (content kept in the
 * database, size-limited) and each organisation's case policy. The queue
 * reads open cases in priority, due or opening order: an index per order,
 * led by whether the case is open, so its first page never sorts.
 */
export const casesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('cases')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('is_open', 'integer', (c) => c.notNull())
      .addColumn('band', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_name', 'text')
      .addColumn('employee_id', 'text')
      .addColumn('job_title', 'text')
      .addColumn('member_ids_json', 'text', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addColumn('families_json', 'text', (c) => c.notNull())
      .addColumn('signals_json', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('outcome', 'text')
      .addColumn('decision_json', 'text')
      .addColumn('pending_json', 'text')
      .addColumn('snapshot_json', 'text')
      .addColumn('next_seq', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cases_pk', ['org_id', 'case_id'])
      .execute();
    await db.schema.createIndex('cases_by_priority').on('cases').columns(['org_id', 'is_open', 'priority', 'case_id']).execute();
    await db.schema.createIndex('cases_by_due').on('cases').columns(['org_id', 'is_open', 'due_at', 'case_id']).execute();
    await db.schema.createIndex('cases_by_opened').on('cases').columns(['org_id', 'is_open', 'opened_at', 'case_id']).execute();
    await db.schema.createIndex('cases_by_decided').on('cases').columns(['org_id', 'outcome', 'decided_at']).execute();
    await db.schema.createIndex('cases_by_employee').on('cases').columns(['org_id', 'employee_id']).execute();
    await db.schema
      .createTable('case_members')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_members_pk', ['org_id', 'case_id', 'source', 'application_id'])
      .execute();
    await db.schema.createIndex('case_members_by_application').on('case_members').columns(['org_id', 'application_id', 'source']).execute();
    await db.schema
      .createTable('case_events')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('detail_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_events_pk', ['org_id', 'case_id', 'seq'])
      .execute();
    await db.schema
      .createTable('case_steps')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('step_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_steps_pk', ['org_id', 'case_id', 'step_id'])
      .execute();
    await db.schema
      .createTable('case_notes')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('note_id', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_notes_pk', ['org_id', 'case_id', 'note_id'])
      .execute();
    await db.schema
      .createTable('case_attachments')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('attachment_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('content_base64', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_attachments_pk', ['org_id', 'case_id', 'attachment_id'])
      .execute();
    await db.schema
      .createTable('case_policies')
      .addColumn('org_id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('policy_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
