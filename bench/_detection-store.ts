/**
 * The labelled mix through the path a deployment takes: src/service's
 * Screening.submit into a store (a temporary SQLite file), in order of
 * arrival and in batches like an ATS export's, with the default case policy.
 * Then, per application, what a person sees: the stored band (holds stick)
 * and every case it is a member of. An application left clear when it
 * arrived is still put before a person when a later application of its ring
 * opens a case with it as a member: the recruiter's verification view says
 * `pending_verification` (docs/CASES.md, "A ring is one case").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationSchema, type Application } from '../src/parse/application-schema.js';
import type { ScoringConfig } from '../src/score/config.js';
import { buildScreenContext, Screening } from '../src/service/index.js';
import { openStore, screeningProvenance } from '../src/store/index.js';
import type { LabelledApplication } from './generate-labelled.js';

export type Band = 'clear' | 'review' | 'hold';

/** What a person sees of one application once the whole mix is stored. */
export interface Reached {
  /** The band stored as the application's latest result. */
  readonly stored: Band;
  /** The highest band of the cases it is a member of (undefined: in none). */
  readonly caseBand: 'review' | 'hold' | undefined;
}

const BATCH = 50;
const rank: Record<Band, number> = { clear: 0, review: 1, hold: 2 };

/** Submit the mix in order (batches of 50) and read back each application's stored band and cases, by record id. */
export async function reachThroughStore(mix: readonly LabelledApplication[], scoring: ScoringConfig): Promise<Map<string, Reached>> {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-detection-'));
  const store = await openStore(join(dir, 'detection.db'), { org: 'bench' });
  try {
    const screening = new Screening(buildScreenContext(scoring), { provenance: screeningProvenance(scoring), linkage: true, now: () => new Date('2026-12-01T09:00:00.000Z') });
    const records: Application[] = mix.map((m) => ApplicationSchema.parse(m.record));
    for (let i = 0; i < records.length; i += BATCH) {
      await screening.submit(store, records.slice(i, i + BATCH), { actor: 'bench', action: 'screen' });
    }
    const reached = new Map<string, Reached>();
    for (let i = 0; i < records.length; i += 500) {
      const part = records.slice(i, i + 500);
      const refs = part.map((r) => ({ source: r.source ?? '', id: r.id }));
      const cases = await store.cases.ofApplications(refs);
      for (const r of part) {
        const stored = await store.getApplication(r.id, r.source ?? '');
        const mine = cases.get(`${r.source ?? ''}\u0000${r.id}`) ?? [];
        const caseBand = mine.reduce<'review' | 'hold' | undefined>((b, c) => (b && rank[b] >= rank[c.band] ? b : c.band), undefined);
        reached.set(r.id, { stored: (stored?.result?.band ?? 'clear') as Band, caseBand });
      }
    }
    return reached;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Put before a person: a stored band other than clear, or a member of a case. */
export const beforePerson = (r: Reached | undefined): boolean => Boolean(r && (r.stored !== 'clear' || r.caseBand));
/** Held: a stored hold, or a member of a hold case. */
export const heldByPerson = (r: Reached | undefined): boolean => Boolean(r && (r.stored === 'hold' || r.caseBand === 'hold'));
