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
 *
 * The same files, keys and checks serve the other derived tables (a
 * SnapshotKind each, loadThroughSnapshot): the geographic tables
 * (geo/geo-snapshot.ts, keyed by data/geo) and the education name engine
 * (education/education-reference.ts, keyed by data/education).
 */
const MAGIC = 'HWSNAP1\n';
/** Snapshots kept besides the newest one (other data folders, other versions). */
const KEEP = 3;

/**
 * What a snapshot holds and what it is made from. The watchlist index is
 * one kind; the geographic tables (geo/load-geo-reference.ts) and the
 * education name engine (education/institution-finder.ts) are others, in
 * the same files, keys and checks: `<name>-<key>.v8`, keyed by `format`,
 * the code, `config` and the files of `data` (folders under the base
 * folder given to snapshotKey, '.' for the base itself).
 */
export interface SnapshotKind {
  readonly name: string;
  readonly format: string;
  readonly data: readonly string[];
  readonly config?: string;
}

export const WATCHLIST_SNAPSHOT: SnapshotKind = {
  name: 'watchlists', format: 'hirewatch-watchlists-1', data: ['ofac', 'watchlists'], config: JSON.stringify(DEFAULT_MATCH_CONFIG),
};

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

/** The modules of a folder and its subfolders (reference/geo, reference/education), hashed in name order. */
function hashModules(hash: ReturnType<typeof createHash>, dir: string, label: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) hashModules(hash, join(dir, entry.name), `${label}/${entry.name}`);
    else if (/\.(js|ts)$/u.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(`${label}/${entry.name}\0`).update(readFileSync(join(dir, entry.name))).update('\0');
  }
}

/** SHA-256 of the modules that build the snapshots (this folder's siblings match, normalise, reference; .js or .ts as running). */
function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  for (const layer of ['match', 'normalise', 'reference']) {
    const dir = join(root, layer);
    if (existsSync(dir)) hashModules(hash, dir, layer);
  }
  return (codeHash = hash.digest('hex'));
}

/** The key of a snapshot of `kind` made from the files under `base` (the data folder): data files, code, configuration and format. */
export function snapshotKey(base: string, kind: SnapshotKind = WATCHLIST_SNAPSHOT): string {
  const hash = createHash('sha256').update(`${kind.format}\0${codeFingerprint()}\0${kind.config ?? ''}\0`);
  for (const sub of kind.data) {
    const dir = join(base, sub);
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

function fileOf(dir: string, key: string, kind: SnapshotKind): string {
  return join(dir, `${kind.name}-${key.slice(0, 32)}.v8`);
}

/** The watchlist snapshot of this key, or undefined when there is none or it fails its checks (never trusted unchecked). */
export function readSnapshot(dir: string, key: string): WatchlistSnapshot | undefined {
  const value = readSnapshotOf<WatchlistSnapshot>(dir, key, WATCHLIST_SNAPSHOT);
  return value && typeof value === 'object' && value.index ? value : undefined;
}

/** The snapshot of this kind and key, or undefined when there is none or it fails its checks (the caller checks its shape). */
export function readSnapshotOf<T>(dir: string, key: string, kind: SnapshotKind): T | undefined {
  let file: Buffer;
  try {
    file = readFileSync(fileOf(dir, key, kind));
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
    const value = deserialize(body) as T;
    return value ?? undefined;
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
  return writeSnapshotOf(dir, key, WATCHLIST_SNAPSHOT, snapshot);
}

/** writeSnapshot for any kind. */
export function writeSnapshotOf(dir: string, key: string, kind: SnapshotKind, snapshot: unknown): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const body = serialize(snapshot);
    const target = fileOf(dir, key, kind);
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${key}\n${sha256(body)}\n`, 'latin1'), body]));
    renameSync(tmp, target);
    const others = readdirSync(dir)
      .filter((name) => name.startsWith(`${kind.name}-`) && /^[a-z]+-[0-9a-f]+\.v8$/u.test(name) && join(dir, name) !== target)
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of others.slice(KEEP)) rmSync(old.path, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** How a value came: read from a snapshot, or built (and whether a snapshot of it was saved). */
export interface SnapshotLoad<T> {
  readonly value: T;
  readonly from: 'snapshot' | 'built';
  readonly saved?: boolean;
}

/**
 * The value of `kind` made from the files under `base`: read from its
 * snapshot in `folder` when a valid one exists (and `accept` takes its
 * shape), else built and saved. `folder` null: built, nothing read or saved.
 */
export function loadThroughSnapshot<T>(kind: SnapshotKind, base: string, folder: string | null, build: () => T, options: { rebuild?: boolean; accept?: (value: T) => boolean } = {}): SnapshotLoad<T> {
  const key = folder === null ? undefined : snapshotKey(base, kind);
  if (folder !== null && key !== undefined && !options.rebuild) {
    const read = readSnapshotOf<T>(folder, key, kind);
    if (read !== undefined && (options.accept?.(read) ?? true)) return { value: read, from: 'snapshot' };
  }
  const value = build();
  const saved = folder !== null && key !== undefined && writeSnapshotOf(folder, key, kind, value);
  return { value, from: 'built', saved };
}
