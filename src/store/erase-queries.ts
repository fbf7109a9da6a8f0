import type { ExpressionBuilder, Kysely } from 'kysely';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Removing applications (an erasure request, or retention): the record as
 * received and every version, the normalised forms, the results, the links
 * in both directions (stored identifier fingerprints), the cluster
 * memberships and the alerts about them. What other applications say of
 * them is redacted: their linkage evidence names an earlier application as
 * `id (name)`, which becomes "an erased application". A decided case keeps
 * its record (the decision, its reason, its member ids) and loses only the
 * subject's name. Runs in the caller's transaction.
 */
export interface ErasedCounts {
  readonly applications: number;
  readonly versions: number;
  readonly normalisedForms: number;
  readonly results: number;
  readonly links: number;
  readonly clusterMemberships: number;
  readonly alerts: number;
  /** Results of other applications whose evidence named an erased one. */
  readonly otherResultsRedacted: number;
  /** Decided cases that kept their record and lost the subject's name. */
  readonly decidedCasesRedacted: number;
}

interface Ref { readonly source: string; readonly id: string }

const CHUNK = 250;
export const ERASED_MENTION = 'an erased application';
const key = (source: string, id: string): string => `${source}\u0000${id}`;
const deleted = (r: { numDeletedRows: bigint }): number => Number(r.numDeletedRows);

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// The tables named here all key an application by two text columns; which two is the caller's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEb = ExpressionBuilder<any, any>;
/** (sourceColumn, idColumn) is one of `part`. */
function pairIn(eb: AnyEb, part: readonly Ref[], sourceColumn = 'source', idColumn = 'application_id') {
  return eb.or(part.map((r) => eb.and([eb(eb.ref(sourceColumn), '=', r.source), eb(eb.ref(idColumn), '=', r.id)])));
}

/** The names an application was stored under (every version's fullName as given, trimmed). */
async function namesOf(db: Db, org: string, refs: readonly Ref[]): Promise<Map<string, Set<string>>> {
  const names = new Map<string, Set<string>>();
  for (const part of chunks(refs)) {
    const rows = await db.selectFrom('application_versions').select(['source', 'application_id', 'raw_json']).where('org_id', '=', org).where((eb) => pairIn(eb, part)).execute();
    for (const r of rows) {
      let name: unknown;
      try {
        name = (JSON.parse(r.raw_json) as { applicant?: { fullName?: unknown } }).applicant?.fullName;
      } catch {
        continue;
      }
      if (typeof name !== 'string' || !name.trim()) continue;
      const k = key(r.source, r.application_id);
      names.set(k, (names.get(k) ?? new Set()).add(name.trim()));
    }
  }
  return names;
}

/** Applications outside `erasing` whose results may name one inside it: linked to it, or in a cluster with it. */
async function neighbours(db: Db, org: string, refs: readonly Ref[], erasing: ReadonlySet<string>): Promise<{ others: Map<string, Ref>; named: Ref[] }> {
  const others = new Map<string, Ref>();
  const named = new Map<string, Ref>();
  const note = (source: string, id: string, about: Ref): void => {
    if (erasing.has(key(source, id))) return;
    others.set(key(source, id), { source, id });
    named.set(key(about.source, about.id), about);
  };
  for (const part of chunks(refs)) {
    // Each direction by its own index: the primary key (source, application_id) and links_by_other.
    const from = await db.selectFrom('links').select(['source', 'application_id', 'other_source', 'other_id'])
      .where('org_id', '=', org).where((eb) => pairIn(eb, part)).execute();
    const to = await db.selectFrom('links').select(['source', 'application_id', 'other_source', 'other_id'])
      .where('org_id', '=', org).where((eb) => pairIn(eb, part, 'other_source', 'other_id')).execute();
    for (const r of [...from, ...to]) {
      if (erasing.has(key(r.source, r.application_id))) note(r.other_source, r.other_id, { source: r.source, id: r.application_id });
      if (erasing.has(key(r.other_source, r.other_id))) note(r.source, r.application_id, { source: r.other_source, id: r.other_id });
    }
    const mine = await db.selectFrom('clusters').select(['cluster_id', 'member_source', 'member_id'])
      .where('org_id', '=', org).where((eb) => pairIn(eb, part, 'member_source', 'member_id')).execute();
    for (const clusterIds of chunks([...new Set(mine.map((m) => m.cluster_id))])) {
      const members = await db.selectFrom('clusters').select(['cluster_id', 'member_source', 'member_id']).where('org_id', '=', org).where('cluster_id', 'in', clusterIds).execute();
      for (const m of members) for (const e of mine) if (e.cluster_id === m.cluster_id) note(m.member_source, m.member_id, { source: e.member_source, id: e.member_id });
    }
  }
  return { others, named: [...named.values()] };
}

/** Replace every "id (name)" of an erased application in the stored results of `others`. */
async function redactMentions(db: Db, org: string, others: readonly Ref[], mentions: readonly string[]): Promise<number> {
  if (mentions.length === 0) return 0;
  let redacted = 0;
  for (const part of chunks(others)) {
    const rows = await db.selectFrom('screening_results').select(['source', 'application_id', 'version', 'result_no', 'signals_json'])
      .where('org_id', '=', org).where((eb) => pairIn(eb, part)).execute();
    for (const r of rows) {
      let text = r.signals_json;
      for (const m of mentions) text = text.split(m).join(ERASED_MENTION);
      if (text === r.signals_json) continue;
      await db.updateTable('screening_results').set({ signals_json: text }).where('org_id', '=', org).where('source', '=', r.source)
        .where('application_id', '=', r.application_id).where('version', '=', r.version).where('result_no', '=', r.result_no).execute();
      redacted++;
    }
  }
  return redacted;
}

export async function eraseApplications(db: Db, org: string, refs: readonly Ref[]): Promise<ErasedCounts> {
  const erasing = new Set(refs.map((r) => key(r.source, r.id)));
  const { others, named } = await neighbours(db, org, refs, erasing);
  const names = await namesOf(db, org, named);
  // As JSON text: the evidence strings inside signals_json, escaped as JSON.stringify escapes them.
  const mentions = named.flatMap((r) => [...(names.get(key(r.source, r.id)) ?? [])].map((n) => JSON.stringify(`${r.id} (${n})`).slice(1, -1)));
  const otherResultsRedacted = await redactMentions(db, org, [...others.values()], mentions);
  const counts = { applications: 0, versions: 0, normalisedForms: 0, results: 0, links: 0, clusterMemberships: 0, alerts: 0, decidedCasesRedacted: 0 };
  for (const part of chunks(refs)) {
    const ids = part.map((r) => r.id);
    const mine = (source: string, id: string): boolean => erasing.has(key(source, id));
    counts.versions += deleted(await db.deleteFrom('application_versions').where('org_id', '=', org).where((eb) => pairIn(eb, part)).executeTakeFirst());
    counts.normalisedForms += deleted(await db.deleteFrom('normalised_applications').where('org_id', '=', org).where((eb) => pairIn(eb, part)).executeTakeFirst());
    counts.results += deleted(await db.deleteFrom('screening_results').where('org_id', '=', org).where((eb) => pairIn(eb, part)).executeTakeFirst());
    counts.applications += deleted(await db.deleteFrom('applications').where('org_id', '=', org).where((eb) => pairIn(eb, part)).executeTakeFirst());
    counts.links += deleted(await db.deleteFrom('links').where('org_id', '=', org).where((eb) => pairIn(eb, part)).executeTakeFirst());
    counts.links += deleted(await db.deleteFrom('links').where('org_id', '=', org)
      .where((eb) => pairIn(eb, part, 'other_source', 'other_id')).executeTakeFirst());
    counts.clusterMemberships += deleted(await db.deleteFrom('clusters').where('org_id', '=', org)
      .where((eb) => pairIn(eb, part, 'member_source', 'member_id')).executeTakeFirst());
    // Alerts name an application by id alone: one that another stored application also carries is kept.
    const still = new Set((await db.selectFrom('applications').select('application_id').where('org_id', '=', org).where('application_id', 'in', ids).execute()).map((r) => r.application_id));
    const alone = ids.filter((id) => !still.has(id));
    if (alone.length > 0) counts.alerts += deleted(await db.deleteFrom('alerts').where('org_id', '=', org).where('subject_kind', '=', 'application').where('subject_id', 'in', alone).executeTakeFirst());
    const cases = await db.selectFrom('case_members as m').innerJoin('cases as c', (j) => j.onRef('c.org_id', '=', 'm.org_id').onRef('c.case_id', '=', 'm.case_id'))
      .select(['c.case_id', 'm.source', 'm.application_id']).where('m.org_id', '=', org).where('m.application_id', 'in', ids).where('c.is_open', '=', 0).where('c.subject_name', 'is not', null).execute();
    const caseIds = [...new Set(cases.filter((c) => mine(c.source, c.application_id)).map((c) => c.case_id))];
    if (caseIds.length > 0) {
      const r = await db.updateTable('cases').set({ subject_name: null }).where('org_id', '=', org).where('case_id', 'in', caseIds).executeTakeFirst();
      counts.decidedCasesRedacted += Number(r.numUpdatedRows);
    }
  }
  return { ...counts, otherResultsRedacted };
}

/** Device ids an employee row lists. */
function devicesOf(infoJson: string): string[] {
  try {
    const ids = (JSON.parse(infoJson) as { deviceIds?: unknown }).deviceIds;
    return Array.isArray(ids) ? ids.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** The employees hired from these applications, their alerts, and their devices' days when no other employee lists the device. */
export async function eraseEmployeesOf(db: Db, org: string, applicationIds: readonly string[]): Promise<Record<string, number>> {
  const counts = { employees: 0, deviceDays: 0, alerts: 0 };
  if (applicationIds.length === 0) return counts;
  const employees = await db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).where('application_id', 'in', [...applicationIds]).execute();
  if (employees.length === 0) return counts;
  const leaving = new Set(employees.map((e) => e.employee_id));
  const devices = new Set(employees.flatMap((e) => devicesOf(e.info_json)));
  const staying = await db.selectFrom('employees').select(['employee_id', 'info_json']).where('org_id', '=', org).execute();
  for (const e of staying) if (!leaving.has(e.employee_id)) for (const d of devicesOf(e.info_json)) devices.delete(d);
  for (const part of chunks([...devices])) {
    counts.deviceDays += deleted(await db.deleteFrom('telemetry_aggregates').where('org_id', '=', org).where('device_id', 'in', part).executeTakeFirst());
  }
  for (const part of chunks([...leaving])) {
    counts.alerts += deleted(await db.deleteFrom('alerts').where('org_id', '=', org).where('subject_kind', '=', 'employee').where('subject_id', 'in', part).executeTakeFirst());
    counts.employees += deleted(await db.deleteFrom('employees').where('org_id', '=', org).where('employee_id', 'in', part).executeTakeFirst());
  }
  return counts;
}
