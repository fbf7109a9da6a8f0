import { z } from 'zod';
import { DEFAULT_FAMILY_CAPS, FAMILIES, SIGNALS, type Family } from '../catalogue/signals.js';

/**
 * Scoring configuration, declared with its defaults. A JSON file given with
 * `--config` is validated against this schema; anything left out keeps its
 * default.
 */
const familyCaps = Object.fromEntries(FAMILIES.map((f) => [f, z.number().positive().optional()])) as Record<Family, z.ZodOptional<z.ZodNumber>>;

export const ScoringConfigSchema = z
  .object({
    /** Log-odds before any evidence: about 1 in 20. */
    prior: z.number().default(-3),
    thresholds: z
      .object({
        /** Score (0-100) from which a person should look. */
        review: z.number().min(0).max(100).default(15),
        /** Score from which the process pauses until a person verifies. */
        hold: z.number().min(0).max(100).default(60),
      })
      .default({ review: 15, hold: 60 })
      .refine((t) => t.review <= t.hold, 'thresholds.review must not exceed thresholds.hold'),
    /** Highest total a family may add: correlated clues do not count twice. */
    familyCaps: z.object(familyCaps).default({}),
    /** Per-signal weight overrides (log-odds), e.g. re-fitted from reviewers' decisions. */
    weights: z.record(z.string(), z.number()).default({}),
    /**
     * A substantive signal at or above this weight (before its family's cap)
     * is strong: it may reach `review` alone. `hold` needs substantive
     * evidence on two independent lines, or a signal that holds alone (the
     * catalogue's weak signals, bases and holdsAlone; src/score/combine.ts).
     */
    strongWeight: z.number().positive().default(2.5),
  })
  .superRefine((config, ctx) => {
    for (const id of Object.keys(config.weights)) {
      if (!(id in SIGNALS)) ctx.addIssue({ code: 'custom', path: ['weights', id], message: `unknown signal id '${id}'` });
    }
  });

export type ScoringConfig = z.output<typeof ScoringConfigSchema>;

export const DEFAULT_SCORING: ScoringConfig = ScoringConfigSchema.parse({});

export function familyCap(config: ScoringConfig, family: Family): number {
  return config.familyCaps[family] ?? DEFAULT_FAMILY_CAPS[family];
}
