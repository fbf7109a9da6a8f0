import { z } from 'zod';

/**
 * A weights file written by `hirewatch train` (docs/EVALUATION.md): the fitted weights with
 * what they were fitted from and how they did under cross-validation. `weights` holds the
 * signals the labels showed; every other signal keeps its catalogue weight.
 */
export const WEIGHTS_FORMAT = 'hirewatch-weights/1';

const Auc = z.number().min(0).max(1).nullable();

export const WeightsFileSchema = z.object({
  format: z.literal(WEIGHTS_FORMAT),
  /** w<number>-<12 hex of the weights' hash>, e.g. w3-4c1e77a90b12. */
  version: z.string().regex(/^w\d+-[0-9a-f]{12}$/),
  createdAt: z.string(),
  /** The catalogue (hash) whose weights were the priors. */
  catalogueVersion: z.string(),
  trainedOn: z.object({ labels: z.string(), examples: z.number().int(), confirmed: z.number().int(), cleared: z.number().int() }),
  lambda: z.number().positive(),
  crossValidation: z.object({ folds: z.number().int().positive(), seed: z.number().int(), priorAuc: Auc, fittedAuc: Auc }),
  weights: z.record(z.string().regex(/^[a-z]+\.[a-z0-9_]+$/), z.number()),
  priors: z.record(z.string(), z.number()),
});
export type WeightsFile = z.infer<typeof WeightsFileSchema>;

/** Which weights version is active and how it came to be (newest last). */
export const ActiveWeightsSchema = z.object({
  version: z.string().nullable(),
  history: z.array(z.object({ version: z.string().nullable(), at: z.string(), action: z.enum(['activate', 'rollback']) })),
});
export type ActiveWeights = z.infer<typeof ActiveWeightsSchema>;

/** Each signal whose weight differs between two weight sets (a missing weight is the catalogue's). */
export function diffWeights(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, catalogue: Readonly<Record<string, number>>): { id: string; from: number; to: number }[] {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return ids
    .map((id) => ({ id, from: a[id] ?? catalogue[id] ?? 0, to: b[id] ?? catalogue[id] ?? 0 }))
    .filter((d) => Math.abs(d.from - d.to) > 1e-9);
}
