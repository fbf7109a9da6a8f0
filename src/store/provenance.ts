import { SIGNALS } from '../catalogue/signals.js';
import { dataDir } from '../reference/data-dir.js';
import { readManifest } from '../reference/manifest.js';
import type { ScoringConfig } from '../score/config.js';
import { canonicalJson, sha256Hex } from './content-hash.js';
import type { ScreeningProvenance } from './store-contract.js';

/**
 * The versions of everything that produced a screening result, so a stored
 * result can be told apart from one made under another catalogue, another
 * scoring configuration or older reference data:
 * - catalogue: hash of every signal's id, family and weight ("cat-" + 12 hex);
 * - scoring: hash of the scoring configuration ("cfg-" + 12 hex);
 * - reference: each dataset of data/manifest.json with its date, fetch date
 *   and a digest of its files, and a hash over all of them ("ref-" + 12 hex).
 */
const short = (prefix: string, value: unknown): string => `${prefix}-${sha256Hex(canonicalJson(value)).slice(0, 12)}`;

export function catalogueVersion(): string {
  const table = Object.entries(SIGNALS).map(([id, s]) => [id, s.family, s.weight]);
  return short('cat', table);
}

export function scoringVersion(scoring: ScoringConfig): string {
  return short('cfg', scoring);
}

export function referenceDatasetVersions(dir: string = dataDir()): ScreeningProvenance['referenceDatasets'] {
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch {
    return {};
  }
  return Object.fromEntries(
    Object.entries(manifest.datasets).map(([name, dataset]) => {
      const files = Object.entries(dataset.files).map(([file, f]) => [file, f.sha256]);
      return [name, { asOf: dataset.asOf, retrieved: dataset.retrieved, digest: sha256Hex(canonicalJson(files)).slice(0, 16) }];
    }),
  );
}

/** Compute once per run (it reads data/manifest.json) and pass to every import. */
export function screeningProvenance(scoring: ScoringConfig, dir?: string): ScreeningProvenance {
  const referenceDatasets = referenceDatasetVersions(dir);
  return {
    catalogueVersion: catalogueVersion(),
    scoringVersion: scoringVersion(scoring),
    referenceVersion: Object.keys(referenceDatasets).length ? short('ref', referenceDatasets) : 'ref-none',
    referenceDatasets,
  };
}
