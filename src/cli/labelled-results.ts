import { readApplications } from '../parse/read-input.js';
import type { Band } from '../score/combine.js';
import type { ScoringConfig } from '../score/config.js';
import { labelKey, parseLabels, type Label, type LabelSet } from '../learn/labels.js';
import { buildScreenContext, Screening } from '../service/index.js';
import { DEFAULT_ORG, resolveStoreTarget, screeningProvenance, StoreError } from '../store/index.js';
import { CliFailure, readNamedFile, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { requireApplicationsFile } from './screen-command.js';

/** A screening result as evaluation, training and the bias audit need it. */
export interface ScoredApplication {
  readonly id: string;
  readonly source: string;
  readonly score: number;
  readonly logOdds: number;
  readonly band: Band;
  readonly signals: readonly { readonly id: string; readonly weight: number; readonly uncappedWeight?: number | undefined }[];
}

export interface ScoreSource {
  /** Applications to screen now (JSON Lines or CSV). */
  readonly applications?: string | undefined;
  /** A store whose latest results are read (nothing is screened or written). */
  readonly db?: string | undefined;
  readonly org?: string | undefined;
}

const LABELS_INSTEAD = 'give --labels a JSON Lines file of {"id": ..., "label": "fraud"|"honest"} or of decided cases ({"applicationId": ..., "decision": "confirmed_fraud"|"cleared"|...}) as hirewatch cases export --labels writes';

/** A labels file, read and parsed; unreadable lines are reported on standard error and skipped. */
export function readLabelsFile(file: string): LabelSet {
  const set = parseLabels(readNamedFile(file, 'the labels file', LABELS_INSTEAD));
  for (const e of set.errors.slice(0, 10)) say(`${file}:${e.line}: ${e.error}`);
  if (set.errors.length > 10) say(`${file}: ${set.errors.length - 10} more unreadable lines`);
  const skipped = set.skipped.withdrawn + set.skipped.inconclusive;
  if (skipped) say(`${file}: ${skipped} decisions neither confirmed nor cleared skipped (${set.skipped.withdrawn} withdrawn, ${set.skipped.inconclusive} inconclusive)`);
  if (set.labels.length === 0) throw new CliFailure(`the labels file ${file} holds no usable label: ${LABELS_INSTEAD}`);
  return set;
}

/** Checks the options before anything is read: exactly one of --applications and --db. */
export function checkScoreSource(source: ScoreSource): void {
  if (source.applications && source.db) throw new UsageError('give --applications FILE (screen them now) or --db (read the stored results), not both');
  if (!source.applications && !source.db) throw new UsageError('give --applications FILE (the applications to screen) or --db PATH|URL (a database hirewatch screen or import filled)');
  if (source.applications) requireApplicationsFile(source.applications);
  if (source.db) existingStoreTarget(source.db);
  if (source.org) parseOrg(source.org);
}

/**
 * The results of the applications a label set names: screened now from
 * --applications (with linkage, as `hirewatch screen --no-db` does, every
 * application of the file in order so links count), or read from the store.
 * Returns the labelled ones (with their label) and the labels no result was found for.
 */
export async function scoreApplications(source: ScoreSource, scoring: ScoringConfig, wanted?: (id: string, source: string) => boolean): Promise<ScoredApplication[]> {
  if (source.applications) {
    const screening = new Screening(buildScreenContext(scoring), { provenance: screeningProvenance(scoring), linkage: true });
    const out: ScoredApplication[] = [];
    let unreadable = 0;
    for await (const outcome of readApplications(source.applications)) {
      if (!outcome.ok) {
        unreadable++;
        continue;
      }
      const r = screening.screen(DEFAULT_ORG, outcome.record).result;
      if (wanted && !wanted(r.id, r.source ?? '')) continue;
      out.push({ id: r.id, source: r.source ?? '', score: r.score, logOdds: r.logOdds, band: r.band, signals: r.signals });
    }
    if (unreadable) say(`${source.applications}: ${unreadable} applications could not be read and were left out`);
    return out;
  }
  throw new Error('scoreApplications: use scoreFromStore for --db');
}

/** The stored results of the labelled applications (--db): one read per label. */
export async function scoreFromStore(source: ScoreSource, labels: readonly { readonly id: string; readonly source: string }[]): Promise<ScoredApplication[]> {
  const store = await openNamedStore(resolveStoreTarget(source.db), { org: parseOrg(source.org ?? DEFAULT_ORG) });
  try {
    const out: ScoredApplication[] = [];
    for (const l of labels) {
      let app;
      try {
        app = await store.getApplication(l.id, l.source || undefined);
      } catch (err) {
        if (err instanceof StoreError) continue;
        throw err;
      }
      const r = app?.result;
      if (!r) continue;
      out.push({ id: r.id, source: r.source, score: r.score, logOdds: r.logOdds, band: r.band, signals: r.signals });
    }
    return out;
  } finally {
    await store.close();
  }
}

/**
 * Labels joined to results: by source and id, and a label that names no source
 * matches the one result with its id. Says how many labels found no result.
 */
export function joinLabels<T extends { readonly id: string; readonly source: string }>(labels: readonly Label[], results: readonly T[]): { label: Label; result: T }[] {
  const byKey = new Map(results.map((r) => [labelKey(r.source, r.id), r]));
  const byId = new Map<string, T[]>();
  for (const r of results) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out: { label: Label; result: T }[] = [];
  let missing = 0;
  for (const label of labels) {
    const exact = byKey.get(labelKey(label.source, label.id));
    const loose = !exact && !label.source && byId.get(label.id)?.length === 1 ? byId.get(label.id)![0] : undefined;
    const result = exact ?? loose;
    if (result) out.push({ label, result });
    else missing++;
  }
  if (missing) say(`${missing} labelled applications have no result (not in the applications given, or not stored) and are left out`);
  return out;
}

/** Labelled results, from --applications or --db. */
export async function labelledResults(labels: LabelSet, source: ScoreSource, scoring: ScoringConfig): Promise<{ label: Label; result: ScoredApplication }[]> {
  const results = source.db ? await scoreFromStore(source, labels.labels) : await scoreApplications(source, scoring);
  return joinLabels(labels.labels, results);
}
