import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import {
  CaseEventSchema, DecisionSchema, DEFAULT_POLICY, PolicySchema, VerificationStepSchema, type CaseBand, type CaseStatus, type SubjectKind,
} from '../cases/index.js';
import type { CasesTable, HirewatchDatabase } from './database-schema.js';
import { MemberSnapshotSchema, type CaseFilter, type CasePage, type CaseStore, type StoredCase } from './case-contract.js';
import { StoreError } from './store-error.js';
import { slices } from './row-mapping.js';

type Db = Kysely<HirewatchDatabase>;

const MEMBER_IDS_KEPT = 50;
const parseJson = <T>(text: string | null, schema: z.ZodType<T>): T | undefined => (text === null ? undefined : schema.parse(JSON.parse(text)));
const strings = z.array(z.string());

function fromRow(r: Selectable<CasesTable>): StoredCase {
  return {
    id: r.case_id, status: r.status as CaseStatus, band: r.band as CaseBand, score: Number(r.score), priority: Number(r.priority),
    subjectKind: r.subject_kind as SubjectKind, subjectName: r.subject_name ?? undefined, employeeId: r.employee_id ?? undefined,
    jobTitle: r.job_title ?? undefined, memberIds: strings.parse(JSON.parse(r.member_ids_json)), memberCount: Number(r.member_count),
    families: strings.parse(JSON.parse(r.families_json)), signals: strings.parse(JSON.parse(r.signals_json)),
    assignee: r.assignee ?? undefined, openedAt: r.opened_at, dueAt: r.due_at, decidedAt: r.decided_at ?? undefined,
    decision: parseJson(r.decision_json, DecisionSchema), pendingDecision: parseJson(r.pending_json, DecisionSchema),
    snapshot: parseJson(r.snapshot_json, z.array(MemberSnapshotSchema)),
  };
}

function toRow(org: string, c: StoredCase, at: string): Omit<CasesTable, 'next_seq'> {
  return {
    org_id: org, case_id: c.id, status: c.status, is_open: c.status === 'decided' ? 0 : 1, band: c.band, score: c.score, priority: c.priority,
    subject_kind: c.subjectKind, subject_name: c.subjectName ?? null, employee_id: c.employeeId ?? null, job_title: c.jobTitle ?? null,
    member_ids_json: JSON.stringify(c.memberIds.slice(0, MEMBER_IDS_KEPT)), member_count: c.memberCount,
    families_json: JSON.stringify(c.families), signals_json: JSON.stringify(c.signals), assignee: c.assignee ?? null,
    opened_at: c.openedAt, due_at: c.dueAt, decided_at: c.decidedAt ?? null, outcome: c.decision?.outcome ?? null,
    decision_json: c.decision ? JSON.stringify(c.decision) : null, pending_json: c.pendingDecision ? JSON.stringify(c.pendingDecision) : null,
    snapshot_json: c.snapshot ? JSON.stringify(c.snapshot) : null, updated_at: at,
  };
}

const CursorSchema = z.tuple([z.union([z.string(), z.number()]), z.string()]);
const encodeCursor = (v: z.infer<typeof CursorSchema>): string => Buffer.from(JSON.stringify(v)).toString('base64url');
function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new StoreError('invalid', 'cursor: not a cursor this store returned');
  }
}

/** A LIKE pattern matching `"value"` inside a JSON array of strings. */
const jsonItemPattern = (value: string): string => `%${JSON.stringify(value).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

const key = (source: string, id: string): string => `${source}\u0000${id}`;

export function caseStore(db: Db, org: string): CaseStore {
  const one = (caseId: string) => db.selectFrom('cases').selectAll().where('org_id', '=', org).where('case_id', '=', caseId);
  return {
    async policy() {
      const row = await db.selectFrom('case_policies').select('policy_json').where('org_id', '=', org).executeTakeFirst();
      return row ? PolicySchema.parse({ ...DEFAULT_POLICY, ...JSON.parse(row.policy_json) }) : DEFAULT_POLICY;
    },
    async putPolicy(policy, by, at) {
      const row = { org_id: org, policy_json: JSON.stringify(PolicySchema.parse(policy)), updated_at: at, updated_by: by };
      await db.insertInto('case_policies').values(row).onConflict((oc) => oc.column('org_id').doUpdateSet({ policy_json: row.policy_json, updated_at: at, updated_by: by })).execute();
    },
    async get(caseId) {
      const row = await one(caseId).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async ofApplications(refs) {
      const out = new Map<string, StoredCase[]>();
      const wanted = new Set(refs.map((r) => key(r.source, r.id)));
      for (const ids of slices([...new Set(refs.map((r) => r.id))], 500)) {
        const rows = await db.selectFrom('case_members as m')
          .innerJoin('cases as c', (j) => j.onRef('c.org_id', '=', 'm.org_id').onRef('c.case_id', '=', 'm.case_id'))
          .selectAll('c').select(['m.source as member_source', 'm.application_id as member_id'])
          .where('m.org_id', '=', org).where('m.application_id', 'in', ids).orderBy('c.opened_at').execute();
        for (const row of rows) {
          const k = key(row.member_source, row.member_id);
          if (!wanted.has(k)) continue;
          out.set(k, [...(out.get(k) ?? []), fromRow(row)]);
        }
      }
      return out;
    },
    async ofEmployee(employeeId) {
      const rows = await db.selectFrom('cases').selectAll().where('org_id', '=', org).where('employee_id', '=', employeeId).orderBy('opened_at').execute();
      return rows.map(fromRow);
    },
    async insert(c, at) {
      await db.insertInto('cases').values({ ...toRow(org, c, at), next_seq: 1 }).execute();
    },
    async update(c, at) {
      const { org_id: _o, case_id: _c, ...set } = toRow(org, c, at);
      await db.updateTable('cases').set(set).where('org_id', '=', org).where('case_id', '=', c.id).execute();
    },
    async addMembers(caseId, refs, at) {
      for (const part of slices([...refs], 200)) {
        await db.insertInto('case_members').values(part.map((r) => ({ org_id: org, case_id: caseId, source: r.source, application_id: r.id, joined_at: at })))
          .onConflict((oc) => oc.doNothing()).execute();
      }
    },
    async members(caseId) {
      const rows = await db.selectFrom('case_members').select(['source', 'application_id', 'joined_at']).where('org_id', '=', org).where('case_id', '=', caseId)
        .orderBy('joined_at').orderBy('source').orderBy('application_id').execute();
      return rows.map((r) => ({ source: r.source, applicationId: r.application_id, joinedAt: r.joined_at }));
    },
    async appendEvent(caseId, e) {
      const row = await db.updateTable('cases').set((eb) => ({ next_seq: eb('next_seq', '+', 1) })).where('org_id', '=', org).where('case_id', '=', caseId)
        .returning('next_seq').executeTakeFirst();
      if (!row) throw new StoreError('not_found', `case ${caseId} not found`);
      const seq = Number(row.next_seq) - 1;
      await db.insertInto('case_events').values({ org_id: org, case_id: caseId, seq, at: e.at, actor: e.by, type: e.type, detail_json: JSON.stringify(e.detail) }).execute();
      return seq;
    },
    async events(caseId) {
      const rows = await db.selectFrom('case_events').selectAll().where('org_id', '=', org).where('case_id', '=', caseId).orderBy('seq').execute();
      return rows.map((r) => CaseEventSchema.parse({ seq: Number(r.seq), at: r.at, by: r.actor, type: r.type, detail: JSON.parse(r.detail_json) }));
    },
    async putSteps(caseId, steps) {
      for (const [position, step] of steps.entries()) {
        const row = { org_id: org, case_id: caseId, step_id: step.id, position, step_json: JSON.stringify(VerificationStepSchema.parse(step)) };
        await db.insertInto('case_steps').values(row).onConflict((oc) => oc.columns(['org_id', 'case_id', 'step_id']).doUpdateSet({ position, step_json: row.step_json })).execute();
      }
    },
    async steps(caseId) {
      const rows = await db.selectFrom('case_steps').select('step_json').where('org_id', '=', org).where('case_id', '=', caseId).orderBy('position').execute();
      return rows.map((r) => VerificationStepSchema.parse(JSON.parse(r.step_json)));
    },
    async addNote(caseId, n) {
      await db.insertInto('case_notes').values({ org_id: org, case_id: caseId, note_id: n.id, actor: n.by, at: n.at, text: n.text }).execute();
    },
    async notes(caseId) {
      const rows = await db.selectFrom('case_notes').selectAll().where('org_id', '=', org).where('case_id', '=', caseId).orderBy('at').orderBy('note_id').execute();
      return rows.map((r) => ({ id: r.note_id, by: r.actor, at: r.at, text: r.text }));
    },
    async addAttachment(caseId, a, contentBase64) {
      await db.insertInto('case_attachments').values({ org_id: org, case_id: caseId, attachment_id: a.id, name: a.name, size: a.size, sha256: a.sha256, actor: a.by, at: a.at, content_base64: contentBase64 }).execute();
    },
    async attachments(caseId) {
      const rows = await db.selectFrom('case_attachments').select(['attachment_id', 'name', 'size', 'sha256', 'actor', 'at'])
        .where('org_id', '=', org).where('case_id', '=', caseId).orderBy('at').orderBy('attachment_id').execute();
      return rows.map((r) => ({ id: r.attachment_id, name: r.name, size: Number(r.size), sha256: r.sha256, by: r.actor, at: r.at }));
    },
    list: (filter = {}) => listCases(db, org, filter),
    async decided() {
      const rows = await db.selectFrom('cases').selectAll().where('org_id', '=', org).where('is_open', '=', 0).orderBy('decided_at').orderBy('case_id').execute();
      return rows.map(fromRow);
    },
    async dailyCounts(since) {
      const day = sql<string>`substr(screened_at, 1, 10)`;
      const screened = await db.selectFrom('screening_results').select([day.as('day'), 'band', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('org_id', '=', org).where('screened_at', '>=', since).groupBy([day, 'band']).execute();
      const dday = sql<string>`substr(decided_at, 1, 10)`;
      const confirmed = await db.selectFrom('cases').select([dday.as('day'), (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('org_id', '=', org).where('outcome', '=', 'confirmed_fraud').where('decided_at', '>=', since).groupBy(dday).execute();
      const byDay = new Map<string, { clear: number; review: number; hold: number; confirmed: number }>();
      const at = (d: string) => {
        let v = byDay.get(d);
        if (!v) byDay.set(d, (v = { clear: 0, review: 0, hold: 0, confirmed: 0 }));
        return v;
      };
      for (const r of screened) if (r.band === 'clear' || r.band === 'review' || r.band === 'hold') at(r.day)[r.band] += Number(r.n);
      for (const r of confirmed) at(r.day).confirmed += Number(r.n);
      return [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, v]) => ({ day: d, ...v }));
    },
    async countOpen(from, to) {
      let q = db.selectFrom('cases').select((eb) => eb.fn.countAll<number | string>().as('n')).where('org_id', '=', org).where('is_open', '=', 1);
      if (from !== undefined) q = q.where('opened_at', '>=', from);
      if (to !== undefined) q = q.where('opened_at', '<', to);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },
    async signalCounts(since) {
      const rows = await db.selectFrom('cases').select('signals_json').where('org_id', '=', org).where('opened_at', '>=', since).execute();
      const counts = new Map<string, number>();
      for (const r of rows) for (const s of strings.parse(JSON.parse(r.signals_json))) counts.set(s, (counts.get(s) ?? 0) + 1);
      return counts;
    },
  };
}

const SORT_COLUMN = { priority: 'priority', due: 'due_at', opened: 'opened_at' } as const;

async function listCases(db: Db, org: string, filter: CaseFilter): Promise<CasePage> {
  const sort = filter.sort ?? 'priority';
  const limit = Math.max(1, Math.min(200, filter.limit ?? 50));
  const column = SORT_COLUMN[sort];
  let base = db.selectFrom('cases').where('org_id', '=', org);
  if (filter.status === undefined) base = base.where('is_open', '=', 1);
  else base = base.where('is_open', '=', filter.status === 'decided' ? 0 : 1).where('status', '=', filter.status);
  if (filter.band !== undefined) base = base.where('band', '=', filter.band);
  if (filter.assignee !== undefined) base = base.where('assignee', '=', filter.assignee);
  if (filter.openedBefore !== undefined) base = base.where('opened_at', '<=', filter.openedBefore);
  if (filter.family !== undefined) base = base.where(sql<boolean>`families_json like ${jsonItemPattern(filter.family)} escape '\\'`);
  if (filter.signal !== undefined) base = base.where(sql<boolean>`signals_json like ${jsonItemPattern(filter.signal)} escape '\\'`);
  const total = Number((await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  let page = base.selectAll();
  const descending = sort === 'priority';
  if (filter.cursor !== undefined) {
    const [value, id] = decodeCursor(filter.cursor);
    const v = sort === 'priority' ? Number(value) : String(value);
    page = page.where((eb) => eb(eb.refTuple(column, 'case_id'), descending ? '<' : '>', eb.tuple(v, id)));
  }
  const direction = descending ? 'desc' : 'asc';
  const rows = await page.orderBy(column, direction).orderBy('case_id', direction).limit(limit + 1).execute();
  const cases = rows.slice(0, limit).map(fromRow);
  const last = cases[cases.length - 1];
  const nextCursor = rows.length > limit && last
    ? encodeCursor([sort === 'priority' ? last.priority : sort === 'due' ? last.dueAt : last.openedAt, last.id])
    : undefined;
  return { cases, total, ...(nextCursor ? { nextCursor } : {}) };
}
