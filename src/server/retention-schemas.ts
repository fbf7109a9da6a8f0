import { z } from 'zod';
import { APPLICATION_LIMITS } from '../parse/application-schema.js';

/**
 * Request and response of POST /erasures (docs/RETENTION.md): one person's
 * data erased on request through the Retention service, as `hirewatch
 * erase` does. Exactly one of applicationId and email.
 */
const idText = z.string().min(1).max(APPLICATION_LIMITS.id);
export const ErasureBodySchema = z.strictObject({
  applicationId: idText.optional().meta({ description: 'erase the application(s) with this id' }),
  source: z.string().max(APPLICATION_LIMITS.id).optional().meta({ description: 'with applicationId: only the one from this source' }),
  email: z.string().min(3).max(320).optional().meta({ description: 'erase every application giving this mailbox (compared without case)' }),
  dryRun: z.boolean().default(false).meta({ description: 'say what would be erased; change nothing' }),
}).refine((b) => (b.applicationId === undefined) !== (b.email === undefined), { message: 'give applicationId or email (one of them)' })
  .refine((b) => b.source === undefined || b.applicationId !== undefined, { message: 'source goes with applicationId' });

const count = z.number().int().nonnegative();
export const ErasureResponseSchema = z.strictObject({
  dryRun: z.boolean(),
  subject: z.string().meta({ description: "hmac-sha256: and the subject's keyed digest, as the tombstone records it" }),
  found: count,
  removed: z.record(z.string(), count).meta({ description: 'rows removed (or redacted) per kind' }),
  kept: z.array(z.strictObject({ source: z.string(), id: z.string(), reason: z.string() })).meta({ description: 'applications kept, and why: a legal hold or an open case' }),
  tombstone: z.number().int().positive().optional().meta({ description: "the tombstone's sequence in the organisation's audit chain" }),
});
