import { SharedWatchlist } from '../intel/watchlist.js';
import type { HirewatchStore, SharedIndicatorRow } from '../store/index.js';

export interface SharedWatchlistOptions {
  /** The consortium key (docs/SHARING.md): keyed shared indicators match only under it; clear ones match without. */
  readonly intelKey?: Buffer;
  /**
   * Look at the stored version of an organisation's watchlist at most this
   * often (ms) when its applications are submitted, and read it again in
   * the background when another process changed it (`hirewatch intel
   * pull`). Undefined: never (short runs: import, screen).
   */
  readonly sharedRefreshMs?: number;
  /** The clock the looks are spaced by (default: the system's). */
  readonly now?: () => Date;
}

/**
 * The shared watchlists screening consults, one per organisation: the
 * indicators it pulled from others (docs/SHARING.md), read from its store.
 * Every door (serve, worker, import, screen --db) calls `load` before
 * screening an organisation's applications, so an application meets the
 * same indicators whichever way it arrives; long-running ones (serve,
 * worker) also see a later pull by another process, through the stored
 * version (`look`, from Screening's submissions). `onChange` tells the
 * owner which watchlist an organisation's screening now consults.
 */
export class SharedWatchlists {
  private readonly lists = new Map<string, SharedWatchlist>();
  /** The stored version each organisation's watchlist was read at. */
  private readonly versions = new Map<string, number>();
  /** A read under way, per organisation. */
  private readonly loads = new Map<string, Promise<SharedWatchlist>>();
  /** When each organisation's stored version was last looked at. */
  private readonly looked = new Map<string, number>();
  /** Rows an inbox write added while a read was under way: joined to what that read returns. */
  private readonly added = new Map<string, SharedIndicatorRow[]>();

  constructor(private readonly options: SharedWatchlistOptions, private readonly onChange: (org: string, watchlist: SharedWatchlist | undefined) => void) {}

  /** The organisation's watchlist in use (none when it holds no indicator). */
  of(org: string): SharedWatchlist | undefined {
    return this.lists.get(org);
  }

  /** Consult `watchlist` for the organisation from now on (an empty one or none: consult nothing). */
  use(org: string, watchlist: SharedWatchlist | undefined): void {
    if (watchlist && watchlist.size > 0) this.lists.set(org, watchlist);
    else this.lists.delete(org);
    this.onChange(org, this.lists.get(org));
  }

  /** Read the organisation's (store.org) watchlist from the store and use it. Its `skipped` counts keyed indicators no local key can match. */
  load(store: HirewatchStore): Promise<SharedWatchlist> {
    const org = store.org;
    const under = this.loads.get(org);
    if (under) return under;
    const load = (async () => {
      // The version first: a write landing during the read leaves a newer version, read again by the next look.
      const version = await store.sharedIntel.version();
      const watchlist = new SharedWatchlist(this.options.intelKey);
      for await (const row of store.sharedIntel.all()) watchlist.add(row);
      for (const row of this.added.get(org) ?? []) watchlist.add(row);
      this.use(org, watchlist);
      this.versions.set(org, version);
      return watchlist;
    })().finally(() => {
      this.loads.delete(org);
      this.added.delete(org);
    });
    this.loads.set(org, load);
    return load;
  }

  /**
   * At most every sharedRefreshMs per organisation, one read of the stored
   * version; when it is not the one in use, the watchlist is read again in
   * the background and swapped in when complete (until then the one in use
   * answers). A failed look or read is tried again at the next call. A
   * store bound to a transaction is never looked through.
   */
  async look(store: HirewatchStore): Promise<void> {
    const every = this.options.sharedRefreshMs;
    // A transaction's store (an ATS webhook's) ends with it: a read in the background would outlive it.
    if (every === undefined || store.inTransaction) return;
    const org = store.org;
    const at = (this.options.now ?? (() => new Date()))().getTime();
    const last = this.looked.get(org);
    if (last !== undefined && at - last < every) return;
    this.looked.set(org, at);
    try {
      const version = await store.sharedIntel.version();
      if (version !== this.versions.get(org) && !this.loads.has(org)) this.load(store).catch(() => this.looked.delete(org));
    } catch {
      this.looked.delete(org);
    }
  }

  /** Resolves once no read of the organisation's watchlist is under way. */
  async settled(org: string): Promise<void> {
    await this.loads.get(org)?.catch(() => undefined);
  }

  /**
   * Rows just stored (a TAXII inbox write, which made `version`) joined to
   * the organisation's watchlist in use, so the next screening sees them.
   * When the one in use was the version before, it is now that version;
   * otherwise another write came between, and the next look reads all. A
   * read under way gets the rows too, so swapping it in cannot lose them.
   */
  extend(org: string, rows: readonly SharedIndicatorRow[], version: number): void {
    if (rows.length === 0) return;
    if (this.loads.has(org)) this.added.set(org, [...(this.added.get(org) ?? []), ...rows]);
    const watchlist = this.lists.get(org) ?? new SharedWatchlist(this.options.intelKey);
    for (const row of rows) watchlist.add(row);
    this.use(org, watchlist);
    if (this.versions.get(org) === version - 1) this.versions.set(org, version);
  }
}
