import { sharedIndicatorSignals, type SharedWatchlist } from '../intel/watchlist.js';
import { SharedWatchlists, type SharedWatchlistOptions } from './shared-watchlists.js';
import { identifiersOf, onboardingExtras } from '../linkage/identifiers.js';
import { LinkageIndex } from '../linkage/linkage-index.js';
import { LinkedScreener } from '../linkage/linked-screening.js';
import type { ClusterView, LinkageConfig } from '../linkage/types.js';
import { normaliseApplication, type EnrichedApplication } from '../normalise/application.js';
import type { Application } from '../parse/application-schema.js';
import { contractResult, type ScreeningResult } from '../score/result-contract.js';
import { detectNormalised, scoreDetected, type Detected, type ScreenContext, type ScreenResult } from '../score/screen.js';
import type { AuditInput, HirewatchStore, ImportOptions, ImportOutcome, RecordLinks, ScreenedRecord, ScreeningProvenance } from '../store/index.js';
import { stickyBand } from '../cases/index.js';
import { caseHooks, slices, stuck } from './batch-hooks.js';
import { auditEntryFor, withCases, type Actor } from './audit-entry.js';
import { Cases } from './cases.js';
import type { FindingSink } from './finding-sink.js';
import { sendLeftovers, sendStaged, stagingHolds } from './finding-outbox.js';
import type { OcsfFinding } from './findings.js';
import { recordLinks } from './record-links.js';
import { SubmitGroups, type SubmitPart } from './submit-group.js';

/**
 * Screening, the one path every entry point takes (CLI screen and import,
 * API submissions, ATS webhooks): normalise once, link to the
 * organisation's earlier applications, detect, score; and, with a store,
 * persist the versioned record, its normalised form, result, links, cluster
 * and the audit entry in one transaction (store.importBatch).
 *
 * Linkage state lives here, one index per organisation, filled by `warm`
 * from what the store holds and by every screening since. An application is
 * its organisation, source and id everywhere.
 */
export interface ScreeningOptions extends SharedWatchlistOptions {
  /** What produced the results (catalogue, scoring, reference data): stored with each. */
  readonly provenance: ScreeningProvenance;
  /** Link applications to earlier ones (default true). */
  readonly linkage?: boolean;
  readonly linkageConfig?: Partial<LinkageConfig>;
  /** Ids of applications a reviewer held or confirmed: their clusters count as evidence. */
  readonly held?: ReadonlySet<string>;
  /** The clock cases are opened by (default: the system's). */
  readonly now?: () => Date;
}

/** One record screened: what the store keeps, with the result. */
export interface Screened extends ScreenedRecord {
  readonly result: ScreenResult;
}

/** A record normalised and run through the detectors (on a worker thread), not yet linked or scored. */
export interface Prepared {
  readonly normalised: EnrichedApplication;
  readonly detected: Detected;
}

/** One record submitted: what happened to it in the store and its result in the contract's shape. */
export interface Submitted {
  readonly outcome: ImportOutcome;
  readonly result: ScreeningResult;
}

const refKey = (source: string | null | undefined, id: string): string => `${source ?? ''}\u0000${id}`;

export class Screening {
  private readonly byOrg = new Map<string, LinkedScreener>();
  /** Each organisation's shared watchlist (docs/SHARING.md), consulted beside its linkage index. */
  readonly shared: SharedWatchlists;
  /** How many applications each organisation's index was warmed with (undefined: all), so a rebuild warms the same. */
  private readonly warmedWith = new Map<string, number | undefined>();
  /** An organisation's index being rebuilt after an erasure: its submissions wait for it. */
  private readonly rebuilding = new Map<string, Promise<void>>();
  /** Cases of human verification: opened here, with the screening that causes them; worked through this. */
  readonly cases: Cases;
  /** Where new holds go out once stored (docs/ALERTS.md); none by default. */
  private sink: FindingSink | undefined;
  /** Single submissions waiting to be stored together (submitOne). */
  private readonly singles = new SubmitGroups<Submitted>((store, parts) => this.submitParts(store, parts));

  constructor(readonly context: ScreenContext, private readonly options: ScreeningOptions) {
    this.cases = new Cases(options.now);
    this.shared = new SharedWatchlists(options, (org, watchlist) => {
      const linker = this.byOrg.get(org);
      if (linker) this.consultOn(linker, watchlist);
    });
  }

  /** Send each new hold, and each case decision, to `sink` from now on (undefined: send nothing). */
  useSink(sink: FindingSink | undefined): void {
    this.sink = sink;
    this.cases.useSink(sink);
  }

  /** Send the organisation's findings that a stopped process stored but had not sent (src/service/finding-outbox.ts); how many. */
  sendLeftovers(store: HirewatchStore): Promise<number> {
    return sendLeftovers(store, this.sink, this.options.now ? { now: this.options.now } : {});
  }

  private now(): string {
    return (this.options.now ?? (() => new Date()))().toISOString();
  }

  get provenance(): ScreeningProvenance {
    return this.options.provenance;
  }

  private linker(org: string): LinkedScreener | undefined {
    if (this.options.linkage === false) return undefined;
    let linker = this.byOrg.get(org);
    if (!linker) {
      linker = new LinkedScreener(this.context, {
        index: new LinkageIndex(this.options.linkageConfig),
        ...(this.options.held ? { held: this.options.held } : {}),
      });
      this.consultOn(linker, this.shared.of(org));
      this.byOrg.set(org, linker);
    }
    return linker;
  }

  private consultOn(linker: LinkedScreener, watchlist: SharedWatchlist | undefined): void {
    linker.consult = watchlist ? (record, identifiers) => sharedIndicatorSignals(watchlist.match(identifiers, record)) : undefined;
  }

  /**
   * File the organisation's stored applications into its linkage index, in
   * order of arrival: all of them, or the `newest` most recently received.
   * The stored normalised form is used as it is (nothing is parsed or
   * normalised again). Returns how many were filed.
   */
  async warm(store: HirewatchStore, newest?: number): Promise<number> {
    const linker = this.linker(store.org);
    if (!linker) return 0;
    this.warmedWith.set(store.org, newest);
    let filed = 0;
    for await (const r of store.latestRecords(newest === undefined ? {} : { newest })) {
      linker.index.add(r.normalised, onboardingExtras(r.record));
      filed++;
    }
    return filed;
  }

  /**
   * Forget what the store no longer holds (an erasure, retention): the
   * organisation's linkage index is replaced by one warmed from the store as
   * it is now, so erased identifiers link nothing and clusters held together
   * only by an erased application come apart. Submissions of the
   * organisation wait for the new index.
   */
  async forget(store: HirewatchStore): Promise<void> {
    if (this.options.linkage === false || !this.byOrg.has(store.org)) return;
    const org = store.org;
    const rebuild = (async () => {
      this.byOrg.delete(org);
      await this.warm(store, this.warmedWith.get(org));
    })();
    this.rebuilding.set(org, rebuild);
    try {
      await rebuild;
    } finally {
      if (this.rebuilding.get(org) === rebuild) this.rebuilding.delete(org);
    }
  }

  /** Screen one application of an organisation and file it in its linkage index. Nothing is stored. */
  screen(org: string, app: Application): Screened {
    const normalised = normaliseApplication(app);
    return this.screenDetected(org, app, { normalised, detected: detectNormalised(normalised, this.context) });
  }

  /**
   * screen() of an application normalised and run through the detectors
   * already (on a worker thread, src/service/detect-pool.ts): linked, filed
   * and scored here, in the order of the calls, so the result is screen()'s.
   */
  screenDetected(org: string, app: Application, prepared: Prepared): Screened {
    const linker = this.linker(org);
    if (!linker) {
      // Without linkage the shared watchlist is still consulted, on the identifiers the index would have filed.
      const watchlist = this.shared.of(org);
      const across = watchlist ? (record: EnrichedApplication) => ({ signals: sharedIndicatorSignals(watchlist.match(identifiersOf(record, onboardingExtras(app)), record)) }) : undefined;
      return { result: scoreDetected(app, prepared.normalised, prepared.detected, this.context.scoring, across), normalised: prepared.normalised };
    }
    const { result, links, normalised } = linker.screenDetected(app, prepared.normalised, prepared.detected);
    // The links as the store keeps them (fingerprints hashed) are worked out only when something stores them.
    let stored: RecordLinks | undefined | null = null;
    return {
      result,
      normalised,
      get links(): RecordLinks | undefined {
        if (stored === null) stored = recordLinks(links);
        return stored;
      },
    };
  }

  /** The cluster of an application screened or warmed before (undefined when alone or unknown). */
  clusterOf(org: string, id: string, source?: string): ClusterView | undefined {
    return this.byOrg.get(org)?.index.clusterOf(id, source ?? '');
  }

  /**
   * The whole clusters of the given applications of an organisation, by
   * cluster id (empty without linkage): after a run, which earlier
   * applications a later one linked into a ring.
   */
  clustersWith(org: string, refs: Iterable<{ readonly id: string; readonly source?: string | undefined }>): Map<string, { id: string; source: string; filed: number }[]> {
    return this.byOrg.get(org)?.index.clustersWith(refs) ?? new Map();
  }

  /**
   * Store records already screened (`screen`), in one transaction with the
   * audit entry `actor` describes. Only new and changed content is written;
   * an unchanged record keeps its stored result.
   */
  async store(store: HirewatchStore, items: readonly { record: Application; screened: Screened }[], actor: Actor): Promise<ImportOutcome[]> {
    await this.rebuilding.get(store.org);
    const byKey = new Map(items.map((i) => [refKey(i.record.source, i.record.id), i.screened]));
    const bands = new Map([...byKey].map(([k, s]) => [k, s.result.band]));
    const floors = new Map<string, 'review' | 'hold'>();
    const changes: AuditInput[][] = [[]];
    const staged: OcsfFinding[] = [];
    const hooks = caseHooks([{ actor, count: items.length }], floors, changes, this.options.now);
    const outcomes = await store.importBatch(items.map((i) => i.record), {
      provenance: this.provenance,
      screen: (record) => byKey.get(refKey(record.source, record.id))!,
      audit: (done) => [withCases(auditEntryFor(actor, done, stuck(bands, floors)), changes[0]!)],
      floor: hooks.floor,
      within: stagingHolds(hooks.within, this.sink, floors, () => this.now(), staged),
    });
    sendStaged(store, this.sink, staged);
    return outcomes;
  }

  /**
   * Screen and store a batch: each new or changed record is screened (and
   * linked) in order, all of it stored in one transaction with its audit
   * entry. Identical content is a no-op that answers with the stored result.
   * A record found in `prepared` was normalised and detected already (worker
   * threads): only its linkage and score are worked out here.
   */
  async submit(store: HirewatchStore, records: readonly Application[], actor: Actor, prepared?: ReadonlyMap<Application, Prepared>): Promise<Submitted[]> {
    return (await this.submitParts(store, [{ records, actor }], prepared))[0]!;
  }

  /**
   * Submit one application as a request of its own (the API's single
   * submission). Those of an organisation that arrive while one is being
   * stored are stored together next, in one transaction, each part with its
   * own audit entry and case changes (src/service/submit-group.ts); each
   * caller is answered once its record is stored.
   */
  submitOne(store: HirewatchStore, record: Application, actor: Actor): Promise<Submitted> {
    return this.singles.submit(store, record, actor);
  }

  /**
   * submit() of several callers' records in one transaction: the records in
   * order, each part audited as its own actor, as if each part had been
   * submitted alone, one after the other. The results come back by part.
   */
  async submitParts(store: HirewatchStore, parts: readonly SubmitPart[], prepared?: ReadonlyMap<Application, Prepared>): Promise<Submitted[][]> {
    await this.rebuilding.get(store.org);
    await this.shared.look(store);
    const fresh = new Map<string, Screened>();
    const bands = new Map<string, string>();
    const floors = new Map<string, 'review' | 'hold'>();
    const changes: AuditInput[][] = parts.map(() => []);
    const sizes = parts.map((p) => ({ actor: p.actor, count: p.records.length }));
    const staged: OcsfFinding[] = [];
    const hooks = caseHooks(sizes, floors, changes, this.options.now);
    const outcomes = await store.importBatch(parts.flatMap((p) => p.records), {
      provenance: this.provenance,
      screen: (record) => {
        const ready = prepared?.get(record);
        const screened = ready ? this.screenDetected(store.org, record, ready) : this.screen(store.org, record);
        fresh.set(refKey(record.source, record.id), screened);
        bands.set(refKey(record.source, record.id), screened.result.band);
        return screened;
      },
      audit: (done) => slices(done, sizes).map((mine, i) => withCases(auditEntryFor(parts[i]!.actor, mine, stuck(bands, floors)), changes[i]!)),
      floor: hooks.floor,
      within: stagingHolds(hooks.within, this.sink, floors, () => this.now(), staged),
    });
    sendStaged(store, this.sink, staged);
    const submitted: Submitted[] = [];
    for (const outcome of outcomes) {
      const screened = fresh.get(refKey(outcome.source, outcome.id));
      if (screened) {
        // Holds stick: the band answered is the band stored.
        const band = stickyBand(screened.result.band, floors.get(refKey(outcome.source, outcome.id)));
        submitted.push({ outcome, result: contractResult({ ...screened.result, band }) });
        continue;
      }
      const stored = await store.getApplication(outcome.id, outcome.source);
      if (!stored?.result) throw new Error(`application ${outcome.id} has no stored result`);
      submitted.push({ outcome, result: contractResult(stored.result) });
    }
    return slices(submitted, sizes);
  }
}

export type { Actor, AuditInput };
