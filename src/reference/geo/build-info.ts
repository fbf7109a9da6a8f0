import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * data/geo/build-info.json: what each derived geography file was built from
 * (package versions, source dates) and how many records it holds. Written by
 * the scripts/build-geo-*.ts derivations, read by the loader for provenance.
 */
export interface GeoBuildEntry {
  /** Files this derivation wrote, under data/geo/. */
  readonly files: readonly string[];
  readonly records: number;
  /** Inputs and their versions or dates ("zipcodes": "8.0.0"). */
  readonly inputs: Readonly<Record<string, string>>;
  /** Day the derivation ran (YYYY-MM-DD). */
  readonly built: string;
  readonly notes?: readonly string[];
}

export type GeoBuildInfo = Record<string, GeoBuildEntry>;

export const BUILD_INFO_FILE = 'build-info.json';

export function readGeoBuildInfo(geoDir: string): GeoBuildInfo {
  const file = join(geoDir, BUILD_INFO_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as GeoBuildInfo;
  } catch {
    return {};
  }
}

/** Record one derivation's entry, keeping the others; written atomically. */
export function writeGeoBuildEntry(geoDir: string, key: string, entry: GeoBuildEntry): void {
  const info = readGeoBuildInfo(geoDir);
  info[key] = entry;
  const sorted = Object.fromEntries(Object.entries(info).sort(([a], [b]) => (a < b ? -1 : 1)));
  const file = join(geoDir, BUILD_INFO_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
