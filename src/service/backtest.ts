import { stickyBand } from '../cases/index.js';
import type { Band } from '../score/combine.js';
import type { ScoringConfig } from '../score/config.js';
import { rescore } from '../score/rescore.js';
import type { HirewatchStore, StoredResult } from '../store/index.js';
import { floorsOf, refKey } from './case-opening.js';

/**
 * The weights backtest (docs/EVALUATION.md, `hirewatch weights backtest`): every stored
 * application's latest result combined again under candidate weights, beside the band and
 * score it has now. Nothing is written.
 *
 * Detection does not depend on the weights, so a stored result's signals are what a fresh screen
 * would find; combining them with the candidate configuration (src/score/rescore.ts) gives the
 * score, band and reason a fresh screen would, and holds stick as they do when a result is stored
 * (an open case, or one decided confirmed fraud, keeps its band as the floor).
 */
export interface BacktestOptions {
  /** The configuration to try. */
  readonly candidate: ScoringConfig;
  /** Configurations results may have been made with, by scoring version (provenance): to know each signal's strength on older results. */
  readonly known: ReadonlyMap<string, ScoringConfig>;
  /** The configuration in use now (the "before"); also assumed for a result whose scoring version is not among `known`. */
  readonly current: ScoringConfig;
}

export interface BacktestRow {
  readonly id: string;
  readonly source: string;
  /** Under the weights in use. */
  readonly before: { readonly band: Band; readonly score: number };
  /** Under the candidate, with the rule that decided the band. */
  readonly after: { readonly band: Band; readonly score: number; readonly bandReason: string };
  /** An open case (or one decided confirmed fraud) keeps the application at this band: holds stick. */
  readonly floor?: Band;
}

/** A stored result that a screening under the weights in use would not store as it is. */
export interface StaleRow {
  readonly id: string;
  readonly source: string;
  readonly stored: { readonly band: Band; readonly score: number };
  readonly now: { readonly band: Band; readonly score: number };
  /** 'case': a case opened since keeps it at a higher band; 'weights': it was made under other weights (or another configuration). */
  readonly why: 'case' | 'weights';
}

export interface Backtest {
  /** Applications with a stored result. */
  readonly applications: number;
  /** matrix[before][after]: how many applications, before under the weights in use, after under the candidate. */
  readonly matrix: Record<Band, Record<Band, number>>;
  /** Applications whose band changes, ordered by id. */
  readonly changes: BacktestRow[];
  /** Applications whose score changes and band does not. */
  readonly scoreOnly: number;
  /** Stored results a screening under the weights in use would store otherwise (ordered by id): the backtest's "before" is the re-scoring. */
  readonly stale: StaleRow[];
  /** Results some of whose signals' strengths were worked out from rounded weights, or made under a configuration not known. */
  readonly approximate: number;
  /** Results made under a scoring configuration that is not among the known ones. */
  readonly unknownConfiguration: number;
  /** Stored signal ids the catalogue no longer has (left out). */
  readonly unknownSignals: readonly string[];
}

const PAGE = 500;

export function emptyMatrix(): Record<Band, Record<Band, number>> {
  return { clear: { clear: 0, review: 0, hold: 0 }, review: { clear: 0, review: 0, hold: 0 }, hold: { clear: 0, review: 0, hold: 0 } };
}

const byRef = (a: { id: string; source: string }, b: { id: string; source: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0);

/**
 * Backtest `options.candidate` on the organisation's stored applications (their latest
 * versions' newest results): each is combined again under the weights in use (`before`) and
 * under the candidate (`after`), so the changes are the candidate's alone.
 */
export async function backtestWeights(store: HirewatchStore, options: BacktestOptions): Promise<Backtest> {
  const matrix = emptyMatrix();
  const changes: BacktestRow[] = [];
  const stale: StaleRow[] = [];
  const unknownSignals = new Set<string>();
  let applications = 0;
  let scoreOnly = 0;
  let approximate = 0;
  let unknownConfiguration = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listResults({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    cursor = page.nextCursor;
    const results: StoredResult[] = [];
    for (const item of page.items) {
      const app = await store.getApplication(item.id, item.source);
      if (app?.result) results.push(app.result);
    }
    const floors = await floorsOf(store, results.map((r) => ({ source: r.source, id: r.id })));
    for (const r of results) {
      const madeWith = options.known.get(r.provenance.scoringVersion);
      if (!madeWith) unknownConfiguration++;
      const now = rescore(r.signals, options.current, madeWith, options.current);
      const next = rescore(r.signals, options.candidate, madeWith, options.current);
      if (now.approximate) approximate++;
      for (const id of now.unknown) unknownSignals.add(id);
      const floor = floors.get(refKey(r.source, r.id));
      const before = stickyBand(now.band, floor) as Band;
      const after = stickyBand(next.band, floor) as Band;
      applications++;
      matrix[before][after]++;
      if (before !== r.band || now.score !== r.score) {
        stale.push({ id: r.id, source: r.source, stored: { band: r.band, score: r.score }, now: { band: before, score: now.score }, why: now.score === r.score && before !== now.band ? 'case' : 'weights' });
      }
      if (after !== before) {
        changes.push({ id: r.id, source: r.source, before: { band: before, score: now.score }, after: { band: after, score: next.score, bandReason: next.bandReason }, ...(after !== next.band ? { floor: after } : {}) });
      } else if (next.score !== now.score) scoreOnly++;
    }
  } while (cursor);
  changes.sort(byRef);
  stale.sort(byRef);
  return { applications, matrix, changes, scoreOnly, stale, approximate, unknownConfiguration, unknownSignals: [...unknownSignals].sort() };
}
