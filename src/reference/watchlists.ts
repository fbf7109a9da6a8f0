import { join } from 'node:path';
import type { NameMatch, WatchEntry } from '../match/types.js';
import { WatchlistIndex } from '../match/watchlist-index.js';
import type { NormalAddress } from '../normalise/address.js';
import { dataDir } from './data-dir.js';
import { loadInstitutions } from './institutions.js';
import { listedAddressLookup, listedAddressTable, type ListedAddressHit, type ListedAddressTable } from './listed-addresses.js';
import { loadOfac, ofacWatchEntries } from './ofac.js';
import { readSnapshot, snapshotDir, snapshotKey, writeSnapshot } from './watchlist-snapshot.js';

/** The watchlists, indexed once per run: what the watchlist detector consults. */
export interface WatchlistContext {
  readonly index: WatchlistIndex;
  readonly entries: { get(id: string): WatchEntry | undefined };
  readonly addresses?: (address: NormalAddress) => readonly ListedAddressHit[];
  /**
   * Memo of name searches for this run: employers and schools repeat across
   * applications. Created with the context and owned by it (not global).
   */
  readonly cache: Map<string, NameMatch | null>;
  readonly cacheLimit: number;
}

/**
 * Every watchlist in data/ (the OFAC SDN list, the high-risk institutions
 * and the user's custom list), loaded and indexed once for a run. Problems
 * with a list are reported and the run goes on with what could be read.
 */
export interface LoadedWatchlists {
  readonly index: WatchlistIndex;
  readonly context: WatchlistContext;
  readonly problems: readonly string[];
  readonly stats: {
    readonly entries: number;
    readonly names: number;
    readonly loadMs: number;
    /** 'snapshot': read from a snapshot; 'built': built from the lists (and 'saved' says whether a snapshot was written). */
    readonly from: 'snapshot' | 'built';
    readonly saved?: boolean;
  };
}

export interface LoadOptions {
  /** The snapshot folder (default: snapshotDir(), see watchlist-snapshot.ts); null: build in memory, save nothing. */
  readonly snapshots?: string | null;
  /** Build from the lists even when a valid snapshot exists, and save it (`hirewatch data update`, the install script). */
  readonly rebuild?: boolean;
}

function contextOf(index: WatchlistIndex, addresses: ListedAddressTable | undefined): WatchlistContext {
  return {
    index,
    entries: { get: (id) => index.entry(id) },
    ...(addresses ? { addresses: listedAddressLookup(addresses) } : {}),
    cache: new Map(),
    cacheLimit: 50_000,
  };
}

/** Builds the index from the lists in `dir`. */
function build(dir: string): { index: WatchlistIndex; addresses: ListedAddressTable | undefined; problems: string[] } {
  const problems: string[] = [];
  const entries: WatchEntry[] = [];
  let addresses: ListedAddressTable | undefined;
  try {
    const ofac = loadOfac(join(dir, 'ofac'));
    for (const e of ofac.errors.slice(0, 10)) problems.push(`ofac/${e.file}.csv:${e.line}: ${e.error}`);
    entries.push(...ofacWatchEntries(ofac.entries));
    addresses = listedAddressTable(ofac.entries);
  } catch (err) {
    problems.push(`OFAC SDN list not loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const institutions = loadInstitutions(join(dir, 'watchlists'));
  for (const e of institutions.errors) problems.push(`${e.file}:${e.line}: ${e.field}: ${e.error}`);
  entries.push(...institutions.entries);
  return { index: WatchlistIndex.build(entries), addresses, problems };
}

/**
 * The watchlists of `dir`, from a snapshot of their index when a valid one
 * exists for exactly these files and this code, else built from the lists
 * (and the snapshot saved for the next run when the folder can be written).
 */
export function loadWatchlists(dir: string = dataDir(), options: LoadOptions = {}): LoadedWatchlists {
  const started = performance.now();
  const folder = options.snapshots === undefined ? snapshotDir() : options.snapshots;
  const key = folder === null ? undefined : snapshotKey(dir);
  const snapshot = folder === null || key === undefined || options.rebuild ? undefined : readSnapshot(folder, key);
  if (snapshot) {
    const index = WatchlistIndex.fromData(snapshot.index);
    const loadMs = Math.round(performance.now() - started);
    return { index, context: contextOf(index, snapshot.addresses), problems: snapshot.problems, stats: { entries: index.stats.entries, names: index.stats.names, loadMs, from: 'snapshot' } };
  }
  const { index, addresses, problems } = build(dir);
  const saved = folder !== null && key !== undefined && writeSnapshot(folder, key, { index: index.data, addresses, problems });
  const loadMs = Math.round(performance.now() - started);
  return { index, context: contextOf(index, addresses), problems, stats: { entries: index.stats.entries, names: index.stats.names, loadMs, from: 'built', saved } };
}
