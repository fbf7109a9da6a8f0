/**
 * One first load of the watchlist index in a fresh process, for bench/reference.ts:
 * `cold` builds it from the lists (no snapshot), `snapshot` reads the snapshot in
 * HIREWATCH_CACHE_DIR (written by `save`). Prints {"ms", "from", "rssMb"}.
 */
import { loadWatchlists } from '../src/reference/watchlists.js';

const mode = process.argv[2];
const rss0 = process.memoryUsage().rss;
const loaded = loadWatchlists(undefined, mode === 'cold' ? { snapshots: null } : { rebuild: mode === 'save' });
const answer = loaded.index.search({ name: 'Kim Jong Un' })[0]?.entry;
console.log(JSON.stringify({ ms: loaded.stats.loadMs, from: loaded.stats.from, saved: loaded.stats.saved ?? null, answer, rssMb: Math.round((process.memoryUsage().rss - rss0) / 1e6) }));
