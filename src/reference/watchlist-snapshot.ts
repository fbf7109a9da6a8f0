import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { DEFAULT_MATCH_CONFIG } from '../match/config.js';
import type { WatchlistIndexData } from '../match/index-data.js';
import type { ListedAddressTable } from './listed-addresses.js';

/**
 * Snapshots of the built watchlist index (issue 18, instant start). Building
 * the index from the OFAC CSV files and the institutions list takes one to
 * three seconds; reading a snapshot of it takes milliseconds. A snapshot is
 * one file, `watchlists-<key>.v8`, holding the index as strings and typed
 * arrays (WatchlistIndexData), written with v8.serialize and read with one
 * v8.deserialize.
 *
 * The key is a SHA-256 over everything the index is made from: the format
 * version below, the code that builds it (every module of src/match,
 * src/normalise and src/reference, as compiled), the match configuration,
 * and the name, size and SHA-256 of every file of data/ofac and
 * data/watchlists. Changed data, a changed custom list or changed code give
 * another key, so a stale snapshot is never found. The file itself starts
 * with the key and the SHA-256 of its body: a truncated, corrupted or
 * edited snapshot fails the check, is ignored and is built again.
 *
 * Where: HIREWATCH_CACHE_DIR, else $XDG_CACHE_HOME/hirewatch, else
 * ~/.cache/hirewatch: a per-user cache outside the package, because an
 * installed package (global, in a container image, a dependency) is often
 * read-only, and HIREWATCH_DATA_DIR may name a shared read-only volume. The
 * key names the data and the code, so several installs and versions can
 * share the folder. HIREWATCH_CACHE_DIR=off turns snapshots off. When the
 * folder cannot be written, the index is built in memory as before.
 */
const FORMAT = 'hirewatch-watchlists-1';
const MAGIC = 'HWSNAP1\n';
/** Snapshots kept besides the newest one (other data folders, other versions). */
const KEEP = 3;

export interface WatchlistSnapshot {
  readonly index: WatchlistIndexData;
  readonly addresses: ListedAddressTable | undefined;
  readonly problems: readonly string[];
}

/** The snapshot folder, or null when snapshots are off. */
export function snapshotDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.HIREWATCH_CACHE_DIR;
  if (set === 'off') return null;
  if (set) return resolve(set);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'hirewatch');
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

let codeHash: string | undefined;

/** SHA-256 of the modules that build the index (this folder's siblings match, normalise, reference; .js or .ts as running). */
function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  for (const layer of ['match', 'normalise', 'reference']) {
    const dir = join(root, layer);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts)$/u.test(name) || name.endsWith('.d.ts')) continue;
      hash.update(`${layer}/${name}\0`).update(readFileSync(join(dir, name))).update('\0');
    }
  }
  return (codeHash = hash.digest('hex'));
}

/** The key of the index built from `dataDir`: data files, code, configuration and format. */
export function snapshotKey(dataDir: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${codeFingerprint()}\0${JSON.stringify(DEFAULT_MATCH_CONFIG)}\0`);
  for (const sub of ['ofac', 'watchlists']) {
    const dir = join(dataDir, sub);
    const names = existsSync(dir) ? readdirSync(dir).sort() : [];
    hash.update(`${sub}:${names.length}\0`);
    for (const name of names) {
      const path = join(dir, name);
      if (!statSync(path).isFile()) continue;
      const content = readFileSync(path);
      hash.update(`${name}\0${content.length}\0${sha256(content)}\0`);
    }
  }
  return hash.digest('hex');
}

function fileOf(dir: string, key: string): string {
  return join(dir, `watchlists-${key.slice(0, 32)}.v8`);
}

/** The snapshot of this key, or undefined when there is none or it fails its checks (never trusted unchecked). */
export function readSnapshot(dir: string, key: string): WatchlistSnapshot | undefined {
  let file: Buffer;
  try {
    file = readFileSync(fileOf(dir, key));
  } catch {
    return undefined;
  }
  const head = MAGIC.length + 64 + 1 + 64 + 1;
  if (file.length <= head || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const storedKey = file.toString('latin1', MAGIC.length, MAGIC.length + 64);
  const storedSum = file.toString('latin1', MAGIC.length + 65, MAGIC.length + 129);
  if (storedKey !== key) return undefined;
  const body = file.subarray(head);
  if (sha256(body) !== storedSum) return undefined;
  try {
    const value = deserialize(body) as WatchlistSnapshot;
    return value && typeof value === 'object' && value.index ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the snapshot atomically (a temporary file renamed over it), removes
 * all but the newest few others, and says whether it could; a folder that
 * cannot be written is not an error (the caller built the index anyway).
 */
export function writeSnapshot(dir: string, key: string, snapshot: WatchlistSnapshot): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const body = serialize(snapshot);
    const target = fileOf(dir, key);
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${key}\n${sha256(body)}\n`, 'latin1'), body]));
    renameSync(tmp, target);
    const others = readdirSync(dir)
      .filter((name) => /^watchlists-[0-9a-f]+\.v8$/u.test(name) && join(dir, name) !== target)
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of others.slice(KEEP)) rmSync(old.path, { force: true });
    return true;
  } catch {
    return false;
  }
}
