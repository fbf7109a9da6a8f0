import type { Insertable, Kysely } from 'kysely';
import { normaliseApplication } from '../normalise/application.js';
import type { Application } from '../parse/application-schema.js';
import type { InOrgTransaction } from './admin-queries.js';
import { appendClaimed, type ClaimedHead } from './audit-chain.js';
import { contentHash } from './content-hash.js';
import type { ApplicationsTable, HirewatchDatabase, LinksTable } from './database-schema.js';
import { applicationKey, resultRow, slices } from './row-mapping.js';
import type { HirewatchStore, ImportOptions, ScreenedRecord, WrittenRecord } from './store.js';
import type { ImportOutcome, ImportStatus } from './store-contract.js';

type Db = Kysely<HirewatchDatabase>;

interface KeyedRecord {
  readonly record: Application;
  readonly source: string;
  readonly id: string;
  readonly key: string;
  readonly hash: string;
  /** When the source system last changed it (epoch ms), from ImportOptions.sourceTime; undefined: not known. */
  readonly sourceTime: number | undefined;
}

/** What the database holds for an application: its latest version, and the newest source time seen. */
interface Current {
  readonly version: number;
  readonly resultNo: number;
  readonly hash: string;
  readonly sourceTime: number | undefined;
}

interface Step {
  readonly item: KeyedRecord;
  readonly status: ImportStatus;
  readonly version: number;
  /** A new version row is written. */
  readonly writeVersion: boolean;
  /** Result number to write for this version, 0 for none. */
  readonly resultNo: number;
  /** Older than what is stored (by source time): nothing written. */
  readonly stale: boolean;
  /** The application's newest source time after this step, and whether this step raised it. */
  readonly sourceTime: number | undefined;
  readonly sourceTimeRaised: boolean;
}

const IDS_PER_QUERY = 500;
const BAND_RANK: Readonly<Record<'clear' | 'review' | 'hold', number>> = { clear: 0, review: 1, hold: 2 };

async function readCurrent(db: Db, org: string, items: readonly KeyedRecord[]): Promise<Map<string, Current>> {
  const current = new Map<string, Current>();
  const wanted = new Set(items.map((i) => i.key));
  for (const ids of slices([...new Set(items.map((i) => i.id))], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('applications as a')
      .innerJoin('application_versions as v', (join) =>
        join.onRef('v.org_id', '=', 'a.org_id').onRef('v.source', '=', 'a.source')
          .onRef('v.application_id', '=', 'a.application_id').onRef('v.version', '=', 'a.latest_version'))
      .select(['a.source', 'a.application_id', 'a.latest_version', 'a.latest_result_no', 'a.source_updated_at', 'v.content_hash'])
      .where('a.org_id', '=', org)
      .where('a.application_id', 'in', ids)
      .execute();
    for (const row of rows) {
      const key = applicationKey(row.source, row.application_id);
      if (!wanted.has(key)) continue;
      const sourceTime = row.source_updated_at ? Date.parse(row.source_updated_at) : Number.NaN;
      current.set(key, {
        version: Number(row.latest_version), resultNo: Number(row.latest_result_no), hash: row.content_hash,
        sourceTime: Number.isFinite(sourceTime) ? sourceTime : undefined,
      });
    }
  }
  return current;
}

const newest = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/**
 * Decide, record by record in order, what each one does to the stored state
 * (pure). The stale-update rule: a record whose source time is older than
 * the newest source time seen for its application changes nothing (a replayed
 * or reordered delivery must not roll the record back); as recent or newer,
 * or without a source time, it is stored as before. The newest time is kept.
 */
function plan(items: readonly KeyedRecord[], stored: ReadonlyMap<string, Current>, screening: boolean): Step[] {
  const state = new Map(stored);
  return items.map((item): Step => {
    const cur = state.get(item.key);
    if (cur && item.sourceTime !== undefined && cur.sourceTime !== undefined && item.sourceTime < cur.sourceTime) {
      return { item, status: 'unchanged', version: cur.version, writeVersion: false, resultNo: 0, stale: true, sourceTime: cur.sourceTime, sourceTimeRaised: false };
    }
    const sourceTime = newest(cur?.sourceTime, item.sourceTime);
    const sourceTimeRaised = sourceTime !== cur?.sourceTime;
    if (cur && cur.hash === item.hash) {
      // Unchanged; a stored version never screened (an interrupted two-step write) is screened now.
      const resultNo = screening && cur.resultNo === 0 ? 1 : 0;
      state.set(item.key, { ...cur, resultNo: resultNo || cur.resultNo, sourceTime });
      return { item, status: 'unchanged', version: cur.version, writeVersion: false, resultNo, stale: false, sourceTime, sourceTimeRaised };
    }
    const version = cur ? cur.version + 1 : 1;
    const resultNo = screening ? 1 : 0;
    state.set(item.key, { version, resultNo, hash: item.hash, sourceTime });
    return { item, status: cur ? 'changed' : 'new', version, writeVersion: true, resultNo, stale: false, sourceTime, sourceTimeRaised };
  });
}

function keyed(record: Application, sourceTimeOf: ImportOptions['sourceTime']): KeyedRecord {
  const source = record.source ?? '';
  const given = sourceTimeOf?.(record);
  const sourceTime = given === undefined ? Number.NaN : Date.parse(given);
  return {
    record, source, id: record.id, key: applicationKey(source, record.id), hash: contentHash(record),
    sourceTime: Number.isFinite(sourceTime) ? sourceTime : undefined,
  };
}

const isoTime = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** Work done before the transaction opens, by record key and content hash. */
interface Prepared {
  readonly results: Map<string, ScreenedRecord>;
  readonly normalised: Map<string, string>;
}

const contentKey = (s: Step): string => `${s.item.key}\u0000${s.item.hash}`;

async function writeSteps(trx: Db, org: string, steps: readonly Step[], prepared: Prepared, options: ImportOptions, receivedAt: string): Promise<void> {
  const versions = steps.filter((s) => s.writeVersion);
  const { results } = prepared;
  for (const part of slices(versions)) {
    await trx.insertInto('application_versions').values(part.map((s) => ({
      org_id: org, source: s.item.source, application_id: s.item.id, version: s.version,
      content_hash: s.item.hash, raw_json: JSON.stringify(s.item.record), received_at: receivedAt,
    }))).execute();
    await trx.insertInto('normalised_applications').values(part.map((s) => ({
      org_id: org, source: s.item.source, application_id: s.item.id, version: s.version,
      normalised_json: prepared.normalised.get(contentKey(s))!,
    }))).execute();
  }
  const screened = steps.filter((s) => s.resultNo > 0);
  for (const part of slices(screened)) {
    await trx.insertInto('screening_results').values(part.map((s) => resultRow(
      { org, source: s.item.source, id: s.item.id, version: s.version, resultNo: s.resultNo },
      results.get(contentKey(s))!.result, options.provenance!, receivedAt,
    ))).execute();
  }
  const clustered = screened.flatMap((s) => {
    const cluster = results.get(contentKey(s))!.result.cluster;
    return cluster ? [{ org_id: org, cluster_id: cluster.id, member_source: s.item.source, member_id: s.item.id, joined_at: receivedAt }] : [];
  });
  const linkRows: Insertable<LinksTable>[] = [];
  for (const s of screened) {
    const { result, links: found } = results.get(contentKey(s))!;
    if (!found) continue;
    for (const l of found.links) {
      linkRows.push({ org_id: org, source: s.item.source, application_id: s.item.id, other_source: l.other.source ?? '', other_id: l.other.id, kind: l.kind, value_fingerprint: l.valueFingerprint, linked_at: receivedAt });
    }
    const cluster = result.cluster;
    for (const m of cluster ? found.members : []) clustered.push({ org_id: org, cluster_id: cluster!.id, member_source: m.source ?? '', member_id: m.id, joined_at: receivedAt });
  }
  for (const part of slices(linkRows)) await trx.insertInto('links').values(part).onConflict((oc) => oc.doNothing()).execute();
  for (const part of slices(clustered)) {
    await trx.insertInto('clusters').values(part).onConflict((oc) => oc.doNothing()).execute();
  }
  // The final state of each application touched: the last step for its key wins.
  // A new application takes the organisation's next arrival number, in the batch's order.
  const arrivals = await arrivalNumbers(trx, org, steps);
  const finalState = new Map<string, Insertable<ApplicationsTable>>();
  for (const s of steps) {
    if (!s.writeVersion && s.resultNo === 0) continue;
    finalState.set(s.item.key, {
      arrival: arrivals.get(s.item.key) ?? 0,
      org_id: org, source: s.item.source, application_id: s.item.id,
      full_name: s.item.record.applicant.fullName, submitted_at: s.item.record.submittedAt,
      latest_version: s.version, latest_result_no: s.resultNo,
      first_received_at: receivedAt, last_received_at: receivedAt,
      source_updated_at: isoTime(s.sourceTime),
    });
  }
  for (const part of slices([...finalState.values()])) {
    await trx.insertInto('applications').values(part).onConflict((oc) => oc.columns(['org_id', 'source', 'application_id']).doUpdateSet((eb) => ({
      full_name: eb.ref('excluded.full_name'),
      submitted_at: eb.ref('excluded.submitted_at'),
      latest_version: eb.ref('excluded.latest_version'),
      latest_result_no: eb.ref('excluded.latest_result_no'),
      last_received_at: eb.ref('excluded.last_received_at'),
      source_updated_at: eb.ref('excluded.source_updated_at'),
    }))).execute();
  }
  // Same content from a newer source time: only the newest time seen moves (the record was not received anew).
  const raisedOnly = new Map<string, Step>();
  for (const s of steps) if (s.sourceTimeRaised && !finalState.has(s.item.key)) raisedOnly.set(s.item.key, s);
  for (const s of raisedOnly.values()) {
    await trx.updateTable('applications').set({ source_updated_at: isoTime(s.sourceTime) })
      .where('org_id', '=', org).where('source', '=', s.item.source).where('application_id', '=', s.item.id).execute();
  }
}

/**
 * The arrival number (migration 2026_010) of each application the batch
 * stores for the first time: the organisation's highest so far plus one, two,
 * ... in the order of the batch. The transaction holds the organisation's
 * audit head, so no other writer of the organisation numbers at the same time.
 */
async function arrivalNumbers(trx: Db, org: string, steps: readonly Step[]): Promise<Map<string, number>> {
  const fresh = steps.filter((s) => s.status === 'new');
  const numbers = new Map<string, number>();
  if (fresh.length === 0) return numbers;
  const top = await trx.selectFrom('applications').select((eb) => eb.fn.max('arrival').as('top')).where('org_id', '=', org).executeTakeFirst();
  let next = Number(top?.top ?? 0);
  for (const s of fresh) if (!numbers.has(s.item.key)) numbers.set(s.item.key, ++next);
  return numbers;
}

/**
 * Store a batch in one transaction. Records are screened before the
 * transaction opens (CPU work never holds the write lock); inside it the
 * organisation's audit head is claimed first, the stored state is read again
 * (so a concurrent writer is never overwritten), the versions, results,
 * links and cluster members are written, and the audit entries describing
 * the batch are appended: all of it or none of it.
 *
 * `inOrgTransaction` runs the write in the organisation's transaction (the
 * caller's, inside store.transaction, or a new one retried when another
 * writer got there first); `ownTransaction` says it is a new one, so the
 * CPU work is done before it opens.
 */
export async function importBatch(
  db: Db, org: string, records: readonly Application[], options: ImportOptions, inOrgTransaction: InOrgTransaction, ownTransaction: boolean,
  bind?: (trx: Db, head: ClaimedHead) => HirewatchStore,
): Promise<ImportOutcome[]> {
  if (options.screen && !options.provenance) throw new Error('importBatch: screening needs the provenance of its results');
  if (records.length === 0) return [];
  const items = records.map((r) => keyed(r, options.sourceTime));
  const screening = Boolean(options.screen);
  const prepared: Prepared = { results: new Map(), normalised: new Map() };
  // Normalise and screen what needs it (CPU work, outside the transaction when the plan holds).
  const prepare = (steps: readonly Step[]): void => {
    for (const s of steps) {
      const k = contentKey(s);
      if (s.resultNo > 0 && !prepared.results.has(k)) {
        const screened = options.screen!(s.item.record);
        prepared.results.set(k, screened);
        if (screened.normalised && !prepared.normalised.has(k)) prepared.normalised.set(k, JSON.stringify(screened.normalised));
      }
      if (s.writeVersion && !prepared.normalised.has(k)) prepared.normalised.set(k, JSON.stringify(normaliseApplication(s.item.record)));
    }
  };
  const write = async (trx: Db, head: ClaimedHead): Promise<ImportOutcome[]> => {
    const receivedAt = options.receivedAt ?? new Date().toISOString();
    const steps = plan(items, await readCurrent(trx, org, items), screening);
    prepare(steps);
    const tx = bind && (options.floor || options.within) ? bind(trx, head) : undefined;
    // Holds stick: a result is stored with at least the band its application's open case has.
    const floors = tx && options.floor ? await options.floor(tx, steps.filter((s) => s.resultNo > 0).map((s) => ({ source: s.item.source, id: s.item.id }))) : new Map<string, 'review' | 'hold'>();
    const raised = new Map<string, 'clear' | 'review' | 'hold'>();
    const toWrite: Prepared = { results: new Map(prepared.results), normalised: prepared.normalised };
    for (const s of steps) {
      const floor = s.resultNo > 0 ? floors.get(`${s.item.source}\u0000${s.item.id}`) : undefined;
      const screened = toWrite.results.get(contentKey(s));
      if (!floor || !screened || BAND_RANK[screened.result.band] >= BAND_RANK[floor]) continue;
      raised.set(contentKey(s), screened.result.band);
      toWrite.results.set(contentKey(s), { ...screened, result: { ...screened.result, band: floor } });
    }
    await writeSteps(trx, org, steps, toWrite, options, receivedAt);
    const outcomes = steps.map((s): ImportOutcome => ({ id: s.item.id, source: s.item.source, status: s.status, version: s.version, ...(s.stale ? { stale: true } : {}) }));
    const extra = tx && options.within
      ? await options.within(tx, steps.map((s, i): WrittenRecord => {
        const screened = s.resultNo > 0 ? toWrite.results.get(contentKey(s)) : undefined;
        const before = raised.get(contentKey(s));
        return { record: s.item.record, outcome: outcomes[i]!, ...(screened ? { screened } : {}), ...(before ? { screenedBand: before } : {}) };
      }))
      : [];
    if (options.audit) await appendClaimed(trx, org, head, [...options.audit(outcomes), ...extra], receivedAt);
    else if (extra.length > 0) await appendClaimed(trx, org, head, extra, receivedAt);
    return outcomes;
  };
  if (ownTransaction) prepare(plan(items, await readCurrent(db, org, items), screening));
  return inOrgTransaction(write);
}
