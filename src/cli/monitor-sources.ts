import { resolve } from 'node:path';
import { normaliseApplication, type EnrichedApplication } from '../normalise/application.js';
import type { Aggregate } from '../monitor/aggregate.js';
import { forEachLine } from '../monitor/ingest.js';
import { StreamFolder } from '../monitor/stream-folder.js';
import type { HirewatchStore } from '../store/index.js';
import type { MonitorStore } from '../store/monitor-queries.js';
import { ApplicationSchema } from '../parse/application-schema.js';

/** Lines of a file committed to the store at a time. */
const FILE_COMMIT_LINES = 10_000;

export interface FileIngest {
  readonly aggregate: Aggregate;
  readonly folded: number;
  readonly skipped: number;
  readonly errors: number;
}

/**
 * A telemetry file into the store: its line numbers are its sequence, under
 * the consumer name "file:<absolute path>", so importing the same file again
 * counts nothing twice and a file that grew adds only its new lines. Commits
 * every FILE_COMMIT_LINES lines; a crash loses at most the lines since.
 */
export async function ingestFileIntoStore(file: string, store: MonitorStore, onError: (line: number, error: string) => void): Promise<FileIngest> {
  const consumer = `file:${resolve(file)}`;
  const folder = StreamFolder.fromStored(await store.load(consumer));
  let folded = 0;
  let skipped = 0;
  let errors = 0;
  let sinceCommit = 0;
  await forEachLine(file, (text, line) => {
    const outcome = folder.add(text, line);
    if (outcome.status === 'folded') folded++;
    else if (outcome.status === 'skipped') skipped++;
    else if (outcome.status === 'error') {
      errors++;
      onError(line, outcome.error);
    }
    if (++sinceCommit < FILE_COMMIT_LINES) return undefined;
    sinceCommit = 0;
    return store.commit(consumer, folder.pending()).then(() => folder.markCommitted());
  });
  await store.commit(consumer, folder.pending());
  folder.markCommitted();
  return { aggregate: folder.aggregate, folded, skipped, errors };
}

/** Everything every consumer has stored for the organisation. */
export async function storedAggregate(store: MonitorStore): Promise<Aggregate> {
  return StreamFolder.fromStored(await store.load('')).aggregate;
}

/** The applications the aggregate's employees name, read from the store. */
export async function applicationsFromStore(store: HirewatchStore, aggregate: Aggregate): Promise<Map<string, EnrichedApplication>> {
  const out = new Map<string, EnrichedApplication>();
  for (const e of Object.values(aggregate.employees)) {
    if (!e.applicationId || out.has(e.applicationId)) continue;
    try {
      const stored = await store.getApplication(e.applicationId);
      if (stored) out.set(e.applicationId, normaliseApplication(ApplicationSchema.parse(stored.record)));
    } catch {
      // an id two sources share: the claimed location stays unknown for that employee
    }
  }
  return out;
}
