import { z } from 'zod';
import { FAMILIES } from '../catalogue/signals.js';

/**
 * The screening result of records.md section 3, as a schema: what
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
  signals: z.array(ResultSignalSchema),
  cluster: z.strictObject({ id: z.string(), size: z.number().int().positive() }).optional(),
});

export const ScreeningErrorSchema = z.strictObject({
  id: z.string().optional(),
  error: z.string().min(1),
});

export const ScreeningLineSchema = z.union([ScreeningResultSchema, ScreeningErrorSchema]);
