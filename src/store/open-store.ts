import type { Kysely } from 'kysely';
import { adminStore, type AdminStore } from './admin-queries.js';
import { connect, type ConnectOptions } from './connect.js';
import type { HirewatchDatabase } from './database-schema.js';
import { importBatch } from './import-batch.js';
import { latestRecords } from './latest-records.js';
import { monitorStore, type MonitorStore } from './monitor-queries.js';
import { listResults } from './list-results.js';
import { counts, getApplication, getCluster, getVersionRecord, listResultHistory, listVersions } from './read-queries.js';
import type { HirewatchStore } from './store.js';
import { ApplicationRefSchema, DEFAULT_ORG, OrgIdSchema, type ApplicationRef } from './store-contract.js';
import { parseStoreTarget, type StoreTarget } from './store-target.js';
import { addClusterMembers, listLinks, putLinks, putResult } from './write-queries.js';

export interface OpenStoreOptions extends ConnectOptions {
  /** Organisation every call is confined to (default "default"). */
  readonly org?: string;
}

const ref = (r: ApplicationRef): { id: string; source: string } => ApplicationRefSchema.parse(r);

function boundStore(db: Kysely<HirewatchDatabase>, engine: StoreTarget['engine'], orgInput: string): HirewatchStore {
  const org = OrgIdSchema.parse(orgInput);
  let admin: AdminStore | undefined;
  let monitor: MonitorStore | undefined;
  const store: HirewatchStore = {
    engine,
    org,
    withOrg: (other) => boundStore(db, engine, other),
    importBatch: (records, options) => importBatch(db, org, records, options),
    putVersion: async (record, options) => (await importBatch(db, org, [record], options))[0]!,
    putResult: (r, result, provenance) => putResult(db, org, { ...ref(r), version: r.version }, result, provenance),
    getApplication: (id, source) => getApplication(db, org, id, source),
    listVersions: (r) => listVersions(db, org, ref(r)),
    getVersionRecord: (r, version) => getVersionRecord(db, org, ref(r), version),
    listResultHistory: (r) => listResultHistory(db, org, ref(r)),
    listResults: (filter) => listResults(db, org, filter),
    counts: () => counts(db, org),
    latestRecords: () => latestRecords(db, org),
    putLinks: (r, links) => putLinks(db, org, ref(r), links),
    listLinks: (r) => listLinks(db, org, ref(r)),
    addClusterMembers: (clusterId, members) => addClusterMembers(db, org, clusterId, members),
    getCluster: (clusterId) => getCluster(db, org, clusterId),
    get admin() {
      admin ??= adminStore(db, org);
      return admin;
    },
    get monitor() {
      monitor ??= monitorStore(db, org);
      return monitor;
    },
    close: () => db.destroy(),
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
  const { db, engine } = await connect(resolved, options);
  return boundStore(db, engine, org);
}
