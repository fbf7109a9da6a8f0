import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, writeManifest, type Dataset } from './manifest.js';
import { parseOfacFiles } from './ofac.js';

/**
 * `hirewatch data update [NAME]`: fetch a dataset from its publisher (or a
 * folder or URL given with --from), verify it, and swap it in atomically: the
 * old files stay in place until the new ones have been read back and checked,
 * and a failed check leaves everything as it was.
 */
export interface FetchedFile {
  readonly name: string;
  readonly text: string;
}

export interface Updater {
  readonly name: string;
  /** Files to fetch: name on disk, and path under the publisher's base URL. */
  readonly files: readonly { readonly name: string; readonly remote: string; readonly optional?: boolean }[];
  readonly defaultBase: string;
  /** Checks the fetched files; returns the record count or throws with what is wrong. */
  verify(files: ReadonlyMap<string, string>, previous: Dataset | undefined, options: { force: boolean }): number;
}

const OFAC_MIN_ENTRIES = 5_000;

export const UPDATERS: Record<string, Updater> = {
  'ofac-sdn': {
    name: 'ofac-sdn',
    defaultBase: 'https://www.treasury.gov/ofac/downloads/',
    files: [
      { name: 'sdn.csv', remote: 'sdn.csv' },
      { name: 'alt.csv', remote: 'alt.csv' },
      { name: 'add.csv', remote: 'add.csv' },
    ],
    verify(files, previous, { force }) {
      const sdn = files.get('sdn.csv') ?? '';
      if (/<html|<!doctype/i.test(sdn.slice(0, 500))) throw new Error('sdn.csv is a web page, not OFAC CSV (the download was refused or redirected)');
      const parsed = parseOfacFiles({ sdn, alt: files.get('alt.csv'), add: files.get('add.csv') });
      const named = parsed.entries.length;
      const badShare = parsed.errors.length / Math.max(1, parsed.rows.sdn + parsed.rows.alt + parsed.rows.add);
      if (badShare > 0.01) throw new Error(`${parsed.errors.length} unreadable rows (first: ${parsed.errors[0]?.file}.csv line ${parsed.errors[0]?.line}: ${parsed.errors[0]?.error})`);
      if (!force && named < OFAC_MIN_ENTRIES) throw new Error(`only ${named} entries; a complete SDN list has well over ${OFAC_MIN_ENTRIES} (use --force to accept)`);
      if (!force && previous && named < previous.records * 0.8) throw new Error(`${named} entries, fewer than 80 % of the ${previous.records} in use (use --force to accept)`);
      return named;
    },
  },
};

async function fetchText(base: string, remote: string): Promise<string> {
  if (/^https?:\/\//.test(base)) {
    const url = new URL(remote, base.endsWith('/') ? base : `${base}/`);
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  }
  return readFileSync(join(base, remote), 'utf8');
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface UpdateResult {
  readonly name: string;
  readonly records: number;
  readonly previousRecords?: number;
  readonly files: readonly string[];
}

export async function updateDataset(
  dataDir: string,
  name: string,
  options: { from?: string; force?: boolean; today: string; asOf?: string },
): Promise<UpdateResult> {
  const updater = UPDATERS[name];
  if (!updater) throw new Error(`no updater for '${name}' (known: ${Object.keys(UPDATERS).join(', ')})`);
  const manifest = readManifest(dataDir);
  const previous = manifest.datasets[name];
  if (!previous) throw new Error(`'${name}' is not in ${join(dataDir, 'manifest.json')}`);
  const base = options.from ?? updater.defaultBase;

  const fetched = new Map<string, string>();
  for (const file of updater.files) {
    try {
      fetched.set(file.name, await fetchText(base, file.remote));
    } catch (err) {
      if (!file.optional) throw new Error(`cannot fetch ${file.remote} from ${base}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const records = updater.verify(fetched, previous, { force: Boolean(options.force) });

  // Stage the new folder beside the old one, read it back, then swap.
  const target = join(dataDir, previous.dir);
  const staging = `${target}.new-${process.pid}`;
  const retired = `${target}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [file, text] of fetched) writeFileSync(join(staging, file), text);
  // Documentation that travels with the data (SOURCES.md, licences) is kept.
  if (existsSync(target)) {
    for (const f of readdirSync(target).filter((f) => /\.(md|txt)$/i.test(f))) cpSync(join(target, f), join(staging, f));
  }
  for (const [file, text] of fetched) {
    if (sha256(readFileSync(join(staging, file), 'utf8')) !== sha256(text)) throw new Error(`${file} did not read back intact; nothing was changed`);
  }
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });

  manifest.datasets[name] = {
    ...previous,
    asOf: options.asOf ?? options.today,
    retrieved: options.today,
    records,
    url: /^https?:\/\//.test(base) ? base : previous.url,
    files: Object.fromEntries([...fetched].map(([file, text]) => [file, { sha256: sha256(text), bytes: Buffer.byteLength(text) }])),
  };
  writeManifest(dataDir, manifest);
  return { name, records, previousRecords: previous.records, files: [...fetched.keys()] };
}
