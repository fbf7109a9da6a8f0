import { z } from 'zod';
import { AuditKey } from './audit-key.js';
import { singleKey, type AuditKeyLookup } from './audit-keyring.js';
import { canonicalJson } from './content-hash.js';

/**
 * Checkpoints of the audit chain: each organisation's head (sequence, hash,
 * time), signed with the audit key and kept outside the database, so a later
 * verification can tell a log that ends before its checkpointed entry, or
 * whose checkpointed entry changed (no chain can show its own end). A
 * checkpoint signed before a key rotation is checked with the retired key
 * its keyId names (audit-keyring.ts).
 */

export const CHECKPOINT_FORMAT = 'hirewatch-audit-checkpoint/1';

export const CheckpointHeadSchema = z.strictObject({
  org: z.string().min(1),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
});
export type CheckpointHead = z.infer<typeof CheckpointHeadSchema>;

export const CheckpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  createdAt: z.string(),
  keyId: z.string(),
  heads: z.array(CheckpointHeadSchema),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

const checkpointMac = (key: AuditKey, body: Omit<Checkpoint, 'signature'>): string =>
  key.mac(`${CHECKPOINT_FORMAT}\n${canonicalJson(body)}`);

/** A checkpoint of these heads, signed (HMAC-SHA256) with the audit key. */
export function signCheckpoint(key: AuditKey, heads: readonly CheckpointHead[], createdAt: string): Checkpoint {
  const body = { format: CHECKPOINT_FORMAT, createdAt, keyId: key.id, heads: [...heads].sort((a, b) => (a.org < b.org ? -1 : a.org > b.org ? 1 : 0)) } as const;
  return { ...body, signature: checkpointMac(key, body) };
}

/** Read a checkpoint (parsed JSON) and check its signature with the key it names (the current key or a retired one). */
export function openCheckpoint(keys: AuditKey | AuditKeyLookup, value: unknown): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const parsed = CheckpointSchema.safeParse(value, { reportInput: false });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a checkpoint (${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'unexpected shape'})` };
  }
  const { signature, ...body } = parsed.data;
  const lookup = keys instanceof AuditKey ? singleKey(keys) : keys;
  const key = lookup.byId(body.keyId);
  if (!key) return { ok: false, reason: `it was signed with audit key ${body.keyId}, ${lookup.missing(body.keyId)}` };
  if (checkpointMac(key, body) !== signature) return { ok: false, reason: 'its signature does not verify (the file was edited)' };
  return { ok: true, checkpoint: parsed.data };
}
