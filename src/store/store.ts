import type { Application } from '../parse/application-schema.js';
import type { EnrichedApplication } from '../normalise/application.js';
import type { ScreenResult } from '../score/screen.js';
import type { AdminStore } from './admin-queries.js';
import type { AuditInput } from './audit-chain.js';
import type { CaseStore } from './case-contract.js';
import type { LatestRecord } from './latest-records.js';
import type { MonitorStore } from './monitor-queries.js';
import type { RetentionStore } from './retention-queries.js';
import type { SharedIntelStore } from './intel-queries.js';
import type { OutboxStore } from './outbox-queries.js';
import type {
  ApplicationRef, ImportOutcome, LinkInput, ResultFilter, ResultPage, ScreeningProvenance, StoreCounts,
  StoredApplication, StoredCluster, StoredLink, StoredResult, VersionSummary,
} from './store-contract.js';

/** What screening one record gives the store: its result, its normalised form, and the links it was found with. */
export interface ScreenedRecord {
  readonly result: ScreenResult;
  /** The normalised record the result was computed from (stored as is; normalised again when absent). */
  readonly normalised?: EnrichedApplication;
  /**
   * The links a screened record was found with and the members of its
   * cluster (src/linkage): written in the same transaction as its result,
   * so a crash never leaves a result without its links.
   */
  readonly links?: RecordLinks;
}

/** Screens one record (normalise -> link -> detect -> score); called only for new or changed content. */
export type Screener = (record: Application) => ScreenedRecord;

export interface ImportOptions {
  /** Screen new and changed records (and stored ones never screened) in the same transaction as their version. */
  readonly screen?: Screener;
  /** Required with `screen`: what produced the results (see screeningProvenance). */
  readonly provenance?: ScreeningProvenance;
  /** Time of receipt recorded on new versions (default: now). */
  readonly receivedAt?: string;
  /** The audit entries recording this batch, appended in its transaction (src/store/audit-chain.ts). */
  readonly audit?: (outcomes: readonly ImportOutcome[]) => readonly AuditInput[];
  /**
   * When the source system last changed a record (an ATS's updated-at, from
   * its signed payload), as an ISO 8601 instant; undefined: not known. A
   * record older than the newest time stored for its application is refused:
   * its outcome is 'unchanged' with `stale: true`, and nothing is written. A
   * record as recent or newer is taken; the newest time is kept either way.
   */
  readonly sourceTime?: (record: Application) => string | undefined;
  /**
   * Inside the transaction, once the stored state is read and before anything
   * is written: the lowest band each record may be stored with, by
   * `source\0id` (holds stick: an open case's band, src/cases). A result
   * screened lower is stored with this band.
   */
  readonly floor?: (tx: HirewatchStore, refs: readonly { readonly source: string; readonly id: string }[]) => Promise<ReadonlyMap<string, 'review' | 'hold'>>;
  /**
   * Inside the transaction, after the records are written and before the
   * batch's audit entries: the work that goes with them (cases opened and
   * joined), returning the audit entries it adds.
   */
  readonly within?: (tx: HirewatchStore, written: readonly WrittenRecord[]) => Promise<readonly AuditInput[]>;
}

/** A record of a batch as written: its outcome and, when screened in this batch, its result as stored. */
export interface WrittenRecord {
  readonly record: Application;
  readonly outcome: ImportOutcome;
  readonly screened?: ScreenedRecord;
  /** The band the screening gave before a floor raised it (only when raised). */
  readonly screenedBand?: 'clear' | 'review' | 'hold';
}

export interface RecordLinks {
  readonly links: readonly LinkInput[];
  /** The cluster's members (the result's cluster id is theirs now: clusters merge). */
  readonly members: readonly ApplicationRef[];
}

export { StoreError, type StoreErrorCode } from './store-error.js';

/**
 * The hirewatch store, bound to one organisation: every read and write is
 * confined to it (an id of another organisation is simply not found).
 * The same interface over SQLite and PostgreSQL.
 */
export interface HirewatchStore {
  readonly engine: 'sqlite' | 'postgres';
  readonly org: string;
  /** The same connection, bound to another organisation (the server: one store, the caller's org per request). */
  withOrg(org: string): HirewatchStore;
  /**
   * Run `work` in one transaction of this organisation: everything written
   * through the store it is given (records, results, telemetry, alerts, audit
   * entries) is committed together or not at all. Writers of one
   * organisation are ordered (its audit head is claimed first). Inside,
   * `transaction` runs `work` in the same transaction.
   */
  transaction<T>(work: (tx: HirewatchStore) => Promise<T>): Promise<T>;
  /** True for the store a transaction hands its work (valid only until that transaction ends). */
  readonly inTransaction: boolean;
  /**
   * The same organisation's store outside any transaction (this store when it
   * is not one): for work that must outlive the transaction, such as
   * forgetting a finding from the outbox once it is delivered.
   */
  outside(): HirewatchStore;
  /**
   * Run `fn` once the transaction this store belongs to (one opened with
   * `transaction`) has committed, never if it fails; outside one, at once.
   */
  afterCommit(fn: () => void): void;

  /**
   * One transaction: each record is stored as a new application, a new
   * version of a changed one, or nothing when its content equals the latest
   * version. Either all of it is committed or none of it.
   */
  importBatch(records: readonly Application[], options?: ImportOptions): Promise<ImportOutcome[]>;
  /** importBatch of one record. */
  putVersion(record: Application, options?: ImportOptions): Promise<ImportOutcome>;
  /** A (re-)screening of a stored version: it becomes that version's newest result. */
  putResult(ref: ApplicationRef & { readonly version: number }, result: ScreenResult, provenance: ScreeningProvenance): Promise<StoredResult>;

  /** Latest version with its newest result and cluster; undefined when this organisation has no such application. Throws StoreError('ambiguous') when the id exists under several sources and none is given. */
  getApplication(id: string, source?: string): Promise<StoredApplication | undefined>;
  /** Every version of an application, oldest first. */
  listVersions(ref: ApplicationRef): Promise<VersionSummary[]>;
  /** One version's record as received. */
  getVersionRecord(ref: ApplicationRef, version: number): Promise<Record<string, unknown> | undefined>;
  /** Every result of an application (all versions), oldest first. */
  listResultHistory(ref: ApplicationRef): Promise<StoredResult[]>;
  /** Latest results, filtered, one page at a time. */
  listResults(filter?: ResultFilter): Promise<ResultPage>;
  counts(): Promise<StoreCounts>;
  /** The latest version of every application (or of the `newest` N received) with its normalised form, in order of first arrival (linkage replays them). */
  latestRecords(options?: { readonly newest?: number }): AsyncIterable<LatestRecord>;

  putLinks(ref: ApplicationRef, links: readonly LinkInput[]): Promise<void>;
  listLinks(ref: ApplicationRef): Promise<StoredLink[]>;
  addClusterMembers(clusterId: string, members: readonly ApplicationRef[]): Promise<void>;
  getCluster(clusterId: string): Promise<StoredCluster | undefined>;

  /** API keys, audit log, alerts and telemetry aggregates of this organisation. */
  readonly admin: AdminStore;
  /** Telemetry consumers' stored aggregates, employees and checkpoints (src/monitor). */
  readonly monitor: MonitorStore;
  /** Cases of human verification (docs/CASES.md); written through src/service/cases.ts. */
  readonly cases: CaseStore;
  /** Retention periods, legal holds and removals (docs/RETENTION.md); written through src/service/retention.ts. */
  readonly retention: RetentionStore;
  /** Indicators other organisations share (docs/SHARING.md); written through src/service/intel-pull.ts. */
  readonly sharedIntel: SharedIntelStore;
  /** Findings written with the change that sends them, kept until delivered (docs/ALERTS.md). */
  readonly outbox: OutboxStore;

  /**
   * After a bulk load: bring the query planner's statistics up to date, so lists and
   * look-ups are planned for the rows now stored (PostgreSQL: ANALYZE of the tables an
   * import writes; SQLite: PRAGMA optimize). Not inside a transaction.
   */
  refreshStatistics(): Promise<void>;

  /** Close the connection (every org-bound view of it). */
  close(): Promise<void>;
}
