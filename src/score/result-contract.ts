import { z } from 'zod';
import { FAMILIES } from '../catalogue/signals.js';

/**
 * The screening result of docs/RECORDS.md section 3, as a schema: what
 * `screen --format jsonl` writes and what the API will return.
 */
export const ResultSignalSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/),
  family: z.enum(FAMILIES),
  weight: z.number(),
  evidence: z.string().min(1),
});

export const ScreeningResultSchema = z.strictObject({
  id: z.string().min(1),
  score: z.number().int().min(0).max(100),
  band: z.enum(['clear', 'review', 'hold']),
  /**
   * The rule that decided the band, in a sentence that starts with the rule's
   * name (BAND_RULES in src/score/combine.ts: holds-alone, independent-lines,
   * strong-signal, one-substantive-line, one-line, weak-only, below-review,
   * no-evidence). It says why a score and a band seem to disagree. Every
   * screening carries it, and the store keeps it (migration 2026_007); only
   * results stored before that have none.
   */
  bandReason: z.string().min(1).optional(),
  signals: z.array(ResultSignalSchema),
  cluster: z.strictObject({ id: z.string(), size: z.number().int().positive() }).optional(),
});

export const ScreeningErrorSchema = z.strictObject({
  id: z.string().optional(),
  error: z.string().min(1),
});

export const ScreeningLineSchema = z.union([ScreeningResultSchema, ScreeningErrorSchema]);

export type ScreeningResult = z.infer<typeof ScreeningResultSchema>;

/** What a result carries that the contract shows (a fresh ScreenResult or a stored one). */
export interface ResultLike {
  readonly id: string;
  readonly score: number;
  readonly band: ScreeningResult['band'];
  readonly bandReason?: string | undefined;
  readonly signals: readonly { readonly id: string; readonly family: string; readonly weight: number; readonly evidence: string }[];
  readonly cluster?: { readonly id: string; readonly size: number } | undefined;
}

/** A result's signals as the contract fixes them (what a stored signal carries besides is left out). */
export function contractSignals(signals: ResultLike['signals']): ScreeningResult['signals'] {
  return signals.map((s) => ({ id: s.id, family: s.family as ScreeningResult['signals'][number]['family'], weight: s.weight, evidence: s.evidence }));
}

/** The result as the contract fixes it (docs/RECORDS.md section 3), nothing more: the one view every output uses. */
export function contractResult(r: ResultLike): ScreeningResult {
  return {
    id: r.id,
    score: r.score,
    band: r.band,
    ...(r.bandReason ? { bandReason: r.bandReason } : {}),
    signals: contractSignals(r.signals),
    ...(r.cluster ? { cluster: { id: r.cluster.id, size: r.cluster.size } } : {}),
  };
}
