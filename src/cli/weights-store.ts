import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SIGNALS } from '../catalogue/signals.js';
import { ActiveWeightsSchema, WeightsFileSchema, type ActiveWeights, type WeightsFile } from '../learn/weights-file.js';
import { CliFailure } from './cli-errors.js';

/**
 * The weights directory: one file per version (`<version>.json`, owner-only), `active.json`
 * (the active version and its history) and `audit.jsonl` (every activation and rollback,
 * appended). Default: HIREWATCH_WEIGHTS_DIR, else ~/.config/hirewatch/weights.
 */
export const WEIGHTS_DIR_ENV = 'HIREWATCH_WEIGHTS_DIR';

export function weightsDir(dir?: string): string {
  return dir ?? process.env[WEIGHTS_DIR_ENV] ?? join(homedir(), '.config', 'hirewatch', 'weights');
}

export const catalogueWeights = (): Record<string, number> => Object.fromEntries(Object.entries(SIGNALS).map(([id, s]) => [id, s.weight]));

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliFailure(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function listVersions(dir: string): WeightsFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^w\d+-[0-9a-f]{12}\.json$/.test(f))
    .map((f) => {
      const parsed = WeightsFileSchema.safeParse(readJson(join(dir, f)));
      if (!parsed.success) throw new CliFailure(`${join(dir, f)} is not a weights file (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
      return parsed.data;
    })
    .sort((a, b) => Number(a.version.slice(1).split('-')[0]) - Number(b.version.slice(1).split('-')[0]));
}

/** A version by its full name, its number (w3 or 3) or a unique prefix. */
export function findVersion(dir: string, name: string): WeightsFile {
  const all = listVersions(dir);
  const n = /^w?(\d+)$/.exec(name)?.[1];
  const hits = all.filter((w) => w.version === name || (n !== undefined && w.version.startsWith(`w${n}-`)) || w.version.startsWith(name));
  if (hits.length !== 1) throw new CliFailure(`${hits.length ? 'several weights versions match' : 'no weights version'} '${name}' in ${dir}: hirewatch weights list --dir ${dir} shows them`);
  return hits[0]!;
}

/** Writes a new version (0600) and returns it. */
export function writeVersion(dir: string, body: Omit<WeightsFile, 'version' | 'format'>): WeightsFile {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const next = Math.max(0, ...listVersions(dir).map((w) => Number(w.version.slice(1).split('-')[0]))) + 1;
  const hash = createHash('sha256').update(JSON.stringify(Object.entries(body.weights).sort())).digest('hex').slice(0, 12);
  const file: WeightsFile = { format: 'hirewatch-weights/1', version: `w${next}-${hash}`, ...body };
  const path = join(dir, `${file.version}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return file;
}

export function readActive(dir: string): ActiveWeights {
  const file = join(dir, 'active.json');
  if (!existsSync(file)) return { version: null, history: [] };
  const parsed = ActiveWeightsSchema.safeParse(readJson(file));
  if (!parsed.success) throw new CliFailure(`${file} is not an active-weights file: remove it to go back to the catalogue's weights`);
  return parsed.data;
}

export function writeActive(dir: string, active: ActiveWeights, entry: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'active.json'), `${JSON.stringify(active, null, 2)}\n`, { mode: 0o600 });
  appendFileSync(join(dir, 'audit.jsonl'), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

/** The active version's weights (for screening), or undefined when the catalogue's apply. */
export function activeWeights(dir?: string): WeightsFile | undefined {
  const d = weightsDir(dir);
  const active = readActive(d);
  return active.version ? findVersion(d, active.version) : undefined;
}
