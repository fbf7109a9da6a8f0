import { join } from 'node:path';
import type { NameMatch, WatchEntry } from '../match/types.js';
import { WatchlistIndex } from '../match/watchlist-index.js';
import type { NormalAddress } from '../normalise/address.js';
import { dataDir } from './data-dir.js';
import { loadInstitutions } from './institutions.js';
import { buildListedAddressIndex, type ListedAddressHit } from './listed-addresses.js';
import { loadOfac, ofacWatchEntries } from './ofac.js';

/** The watchlists, indexed once per run: what the watchlist detector consults. */
export interface WatchlistContext {
  readonly index: WatchlistIndex;
  readonly entries: ReadonlyMap<string, WatchEntry>;
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
  readonly stats: { readonly entries: number; readonly names: number; readonly loadMs: number };
}

export function loadWatchlists(dir: string = dataDir()): LoadedWatchlists {
  const started = performance.now();
  const problems: string[] = [];
  const entries: WatchEntry[] = [];
  let addresses: WatchlistContext['addresses'];
  try {
    const ofac = loadOfac(join(dir, 'ofac'));
    for (const e of ofac.errors.slice(0, 10)) problems.push(`ofac/${e.file}.csv:${e.line}: ${e.error}`);
    entries.push(...ofacWatchEntries(ofac.entries));
    addresses = buildListedAddressIndex(ofac.entries);
  } catch (err) {
    problems.push(`OFAC SDN list not loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const institutions = loadInstitutions(join(dir, 'watchlists'));
  for (const e of institutions.errors) problems.push(`${e.file}:${e.line}: ${e.field}: ${e.error}`);
  entries.push(...institutions.entries);
  const index = WatchlistIndex.build(entries);
  const context: WatchlistContext = {
    index,
    entries: new Map(entries.map((e) => [e.entry, e])),
    ...(addresses ? { addresses } : {}),
    cache: new Map(),
    cacheLimit: 50_000,
  };
  return { index, context, problems, stats: { entries: entries.length, names: index.stats.names, loadMs: Math.round(performance.now() - started) } };
}
