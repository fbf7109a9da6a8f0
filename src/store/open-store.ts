import { sql, type Kysely } from 'kysely';
import { adminStore, type AdminStore, type InOrgTransaction } from './admin-queries.js';
import { appendClaimed, claimOrg, type ClaimedHead } from './audit-chain.js';
import { AuditGroupCommit } from './audit-group-commit.js';
import type { CaseStore } from './case-contract.js';
import { caseStore } from './case-queries.js';
import { connect, type ConnectOptions } from './connect.js';
import type { HirewatchDatabase } from './database-schema.js';
import { importBatch } from './import-batch.js';
import { latestRecords } from './latest-records.js';
import { monitorStore, type MonitorStore } from './monitor-queries.js';
import { listResults } from './list-results.js';
import { counts, getApplication, getCluster, getVersionRecord, listResultHistory, listVersions } from './read-queries.js';
import type { HirewatchStore } from './store.js';
import { ApplicationRefSchema, DEFAULT_ORG, OrgIdSchema, type ApplicationRef } from './store-contract.js';
import { isRetryableWriteError } from './row-mapping.js';
import { parseStoreTarget, type StoreTarget } from './store-target.js';
import { retentionStore, type RetentionStore } from './retention-queries.js';
import { sharedIntelStore, type SharedIntelStore } from './intel-queries.js';
import { outboxStore, type OutboxStore } from './outbox-queries.js';
import { addClusterMembers, listLinks, putLinks, putResult } from './write-queries.js';

export interface OpenStoreOptions extends ConnectOptions {
  /** Organisation every call is confined to (default "default"). */
  readonly org?: string;
}

const ref = (r: ApplicationRef): { id: string; source: string } => ApplicationRefSchema.parse(r);

const MAX_ATTEMPTS = 5;

/**
 * A store bound to one organisation; `head` is set when it is bound to an
 * open transaction of that organisation (store.transaction), whose audit
 * head is claimed.
 */
/** What every organisation's view of one connection shares: each organisation's queue of audit entries appended outside a transaction, and how the connection closes. */
interface PerConnection {
  readonly groups: Map<string, AuditGroupCommit>;
  /** The connection itself, outside any transaction. */
  readonly root: Kysely<HirewatchDatabase>;
  readonly close: () => Promise<void>;
}

function boundStore(db: Kysely<HirewatchDatabase>, engine: StoreTarget['engine'], shared: PerConnection, orgInput: string, head?: ClaimedHead, after?: (() => void)[]): HirewatchStore {
  const { groups } = shared;
  const org = OrgIdSchema.parse(orgInput);
  let admin: AdminStore | undefined;
  let monitor: MonitorStore | undefined;
  let cases: CaseStore | undefined;
  let retention: RetentionStore | undefined;
  let sharedIntel: SharedIntelStore | undefined;
  let outbox: OutboxStore | undefined;
  const bind = (trx: Kysely<HirewatchDatabase>, claimed: ClaimedHead): HirewatchStore => boundStore(trx, engine, shared, org, claimed);
  const inOrgTransaction: InOrgTransaction = async (work) => {
    if (head) return work(db, head);
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(async (trx) => work(trx, await claimOrg(trx, org)));
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableWriteError(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      }
    }
  };
  const auditGroup = (): AuditGroupCommit => {
    let group = groups.get(org);
    if (!group) {
      group = new AuditGroupCommit((inputs) => inOrgTransaction((trx, claimed) => appendClaimed(trx, org, claimed, inputs, new Date().toISOString())));
      groups.set(org, group);
    }
    return group;
  };
  const store: HirewatchStore = {
    engine,
    org,
    withOrg: (other) => {
      if (head) throw new Error('a transaction belongs to one organisation');
      return boundStore(db, engine, shared, other);
    },
    transaction: async (work) => {
      if (head) return work(store);
      let committed: (() => void)[] = [];
      const result = await inOrgTransaction((trx, claimed) => {
        // A transaction tried again starts its after-commit work afresh.
        committed = [];
        return work(boundStore(trx, engine, shared, org, claimed, committed));
      });
      for (const fn of committed) {
        try {
          fn();
        } catch {
          // After-commit work reports its own failures; what was committed stays.
        }
      }
      return result;
    },
    inTransaction: head !== undefined,
    outside: () => (head ? boundStore(shared.root, engine, shared, org) : store),
    afterCommit: (fn) => {
      if (after) after.push(fn);
      else if (head) throw new Error('afterCommit inside importBatch: call it on the store importBatch was called on');
      else fn();
    },
    importBatch: (records, options = {}) => importBatch(db, org, records, options, inOrgTransaction, !head, bind),
    putVersion: async (record, options = {}) => (await importBatch(db, org, [record], options, inOrgTransaction, !head, bind))[0]!,
    putResult: (r, result, provenance) => putResult(db, org, { ...ref(r), version: r.version }, result, provenance),
    getApplication: (id, source) => getApplication(db, org, id, source),
    listVersions: (r) => listVersions(db, org, ref(r)),
    getVersionRecord: (r, version) => getVersionRecord(db, org, ref(r), version),
    listResultHistory: (r) => listResultHistory(db, org, ref(r)),
    listResults: (filter) => listResults(db, org, filter),
    counts: () => counts(db, org),
    latestRecords: (options) => latestRecords(db, org, options),
    putLinks: (r, links) => putLinks(db, org, ref(r), links),
    listLinks: (r) => listLinks(db, org, ref(r)),
    addClusterMembers: (clusterId, members) => addClusterMembers(db, org, clusterId, members),
    getCluster: (clusterId) => getCluster(db, org, clusterId),
    get admin() {
      admin ??= adminStore(db, org, inOrgTransaction, head ? undefined : (input) => auditGroup().append(input));
      return admin;
    },
    get monitor() {
      monitor ??= monitorStore(db, org);
      return monitor;
    },
    get cases() {
      cases ??= caseStore(db, org);
      return cases;
    },
    get retention() {
      retention ??= retentionStore(db, org);
      return retention;
    },
    get sharedIntel() {
      sharedIntel ??= sharedIntelStore(db, org);
      return sharedIntel;
    },
    get outbox() {
      outbox ??= outboxStore(db, org);
      return outbox;
    },
    refreshStatistics: async () => {
      if (head) throw new Error('refresh statistics outside a transaction');
      await (engine === 'sqlite'
        ? sql`pragma optimize`
        : sql`analyze applications, application_versions, normalised_applications, screening_results, links, clusters, cases, case_members`
      ).execute(db);
    },
    close: async () => {
      if (head) throw new Error('close the store, not a transaction');
      await shared.close();
    },
  };
  return store;
}

/**
 * Open (and create or migrate) the store: an SQLite file path, or a
 * postgres:// URL. The store is bound to one organisation; `withOrg` gives
 * views of the same connection for others.
 */
export async function openStore(target: string | StoreTarget, options: OpenStoreOptions = {}): Promise<HirewatchStore> {
  const resolved = typeof target === 'string' ? parseStoreTarget(target) : target;
  const org = OrgIdSchema.parse(options.org ?? DEFAULT_ORG);
  const { db, engine, close } = await connect(resolved, options);
  return boundStore(db, engine, { groups: new Map(), root: db, close }, org);
}
