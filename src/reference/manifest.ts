import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * data/manifest.json: the machine-readable record of every dataset shipped in
 * data/ (the human-readable one is data/SOURCES.md). `data status` reads it;
 * `data update` rewrites the entry of the dataset it refreshed.
 */
export const DatasetFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export const DatasetSchema = z.object({
  title: z.string(),
  publisher: z.string(),
  url: z.string().url(),
  licence: z.string(),
  /** The date the data describes (the list's publication), YYYY-MM or YYYY-MM-DD. */
  asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  /** When this copy was fetched. */
  retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  records: z.number().int().nonnegative(),
  /** Folder under data/ holding the files. */
  dir: z.string(),
  files: z.record(z.string(), DatasetFileSchema),
  /** Name of the updater `hirewatch data update` uses, when the publisher can be fetched. */
  updater: z.string().optional(),
  notes: z.string().optional(),
});

export const ManifestSchema = z.object({
  datasets: z.record(z.string(), DatasetSchema),
});

export type Dataset = z.infer<typeof DatasetSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

export function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Write the manifest atomically: a crash leaves the old one or the new one, never half. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const file = join(dir, 'manifest.json');
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(ManifestSchema.parse(manifest), null, 2)}\n`);
  renameSync(tmp, file);
}
