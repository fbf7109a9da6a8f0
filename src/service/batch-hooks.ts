/** What a stored batch runs inside its transaction beside the writes (cases), and how its parts are cut. */
import { stickyBand } from '../cases/index.js';
import type { AuditInput, ImportOptions } from '../store/index.js';
import type { Actor } from './audit-entry.js';
import { newCaseId } from './case-ids.js';
import { floorsOf, openCases } from './case-opening.js';

/** One caller's share of a batch: its actor and how many records. */
export interface SubmitPartSize {
  readonly actor: Actor;
  readonly count: number;
}

/**
 * The case hooks of a stored batch (docs/CASES.md), run inside its
 * transaction: holds stick (a record is stored with at least its open
 * case's band) and the cases its results open or join, audited as the actor
 * of the part (one caller's records) each result belongs to. Each part's
 * case changes land in `changes[i]`, for its own audit entry (withCases).
 */
export function caseHooks(parts: readonly SubmitPartSize[], floors: Map<string, 'review' | 'hold'>, changes: AuditInput[][], clock?: () => Date): Pick<ImportOptions, 'floor' | 'within'> {
  const now = clock ?? (() => new Date());
  return {
    floor: async (tx, refs) => {
      // A transaction tried again reads its floors afresh: one read by a failed try may have changed since.
      floors.clear();
      const found = await floorsOf(tx, refs);
      for (const [k, v] of found) floors.set(k, v);
      return found;
    },
    within: async (tx, written) => {
      for (const [i, mine] of slices(written, parts).entries()) {
        changes[i] = await openCases(tx, mine, parts[i]!.actor, now().toISOString(), newCaseId);
      }
      return [];
    },
  };
}

/** `items` cut into consecutive runs of the parts' sizes. */
export function slices<T>(items: readonly T[], sizes: readonly SubmitPartSize[]): T[][] {
  let at = 0;
  return sizes.map((s) => items.slice(at, (at += s.count)));
}

/** The bands of a batch as stored: each at least its case's floor. */
export function stuck(bands: ReadonlyMap<string, string>, floors: ReadonlyMap<string, 'review' | 'hold'>): Map<string, string> {
  const out = new Map(bands);
  for (const [k, band] of bands) {
    if (band === 'clear' || band === 'review' || band === 'hold') out.set(k, stickyBand(band, floors.get(k)));
  }
  return out;
}
