import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './content-hash.js';
import type { HirewatchDatabase } from './database-schema.js';
import { AuditKeyError, AuditKeyMismatchError, auditKeyForWriting, reloadAuditKeyForWriting, type AuditKey } from './audit-key.js';
import type { AuditKeyLookup } from './audit-keyring.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * The audit chain: each organisation's log, every entry holding the hash of
 * the one before it. An entry is appended inside the transaction of the
 * change it records, so a change is never stored without its entry nor an
 * entry without its change. The organisation's head row (audit_heads) is
 * claimed first in every write transaction (`claimOrg`): on PostgreSQL its
 * row lock orders the organisation's writers, so sequences cannot collide
 * and there is nothing to retry; SQLite has one writer at a time anyway.
 *
 * Keyed: an entry's hash is HMAC-SHA256 under the audit key, which is kept
 * in a file outside the database (`HIREWATCH_AUDIT_KEY_FILE`), so whoever
 * can write the database but not read the key cannot rewrite an entry and
 * recompute the chain after it. Each entry and the head row carry the key's
 * id (derived from the key, revealing nothing of it); a process holding
 * another key refuses to extend a log rather than fork it.
 *
 * Entries written before keyed audit (migration 2026_004, key_id null) were
 * chained with plain SHA-256 and still verify that way. The first keyed
 * entry of such a log is a switch-over entry (`audit.keyed`) recording the
 * last unkeyed entry's sequence and hash under the key, which anchors the
 * unkeyed prefix: rewriting it changes the hash the switch-over records.
 *
 * Rotated (`rotateClaimed`): the entry that switches a log to a new key
 * (`audit.key_rotated`) is keyed with the old key and names both ids; every
 * entry after it must be keyed with the new one. Verification checks each
 * entry with the key its key_id names (audit-verifier.ts), which for entries
 * before a switch is a retired key (audit-keyring.ts).
 *
 * What no chain can show alone is its own end: deleting the newest entries
 * (or a whole log) leaves a shorter chain that verifies. Checkpoints
 * (signCheckpoint, kept outside the database) record each organisation's
 * head, so a later verification can tell.
 */
export const AuditInputSchema = z.object({
  actor: z.string().min(1),
  action: z.string().min(1),
  target: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditInput = z.input<typeof AuditInputSchema>;

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly detail: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

/** An entry as stored: with the id of the key its hash was made with (null: unkeyed, before keyed audit). */
export interface AuditRow extends AuditEntry {
  readonly keyId: string | null;
}

export const GENESIS = '0'.repeat(64);

/** The action of the entry that starts the keyed part of a log that has unkeyed entries. */
export const KEYED_SWITCH_ACTION = 'audit.keyed';

/** The action of the entry that switches a log to another key (`hirewatch audit rotate-key`), keyed with the key it retires. */
export const KEY_ROTATION_ACTION = 'audit.key_rotated';

type EntryFields = Omit<AuditEntry, 'prevHash' | 'hash'>;

const entryText = (org: string, e: EntryFields): Record<string, unknown> =>
  ({ org, seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target ?? null, detail: e.detail });

/** The hash of an entry written before keyed audit: SHA-256, which anyone can recompute. */
export function legacyChainHash(org: string, prevHash: string, e: EntryFields): string {
  return sha256Hex(prevHash + canonicalJson(entryText(org, e)));
}

/** The hash of a keyed entry: HMAC-SHA256 under the audit key, over the previous hash and the entry with the key's id. */
export function keyedChainHash(key: AuditKey, org: string, prevHash: string, e: EntryFields): string {
  return key.mac(`hirewatch-audit/2\n${prevHash}${canonicalJson({ ...entryText(org, e), keyId: key.id })}`);
}

// ---------------------------------------------------------------- appending

/** The claimed head of an organisation's chain, held until the transaction ends. */
export interface ClaimedHead {
  seq: number;
  hash: string;
  /** The key the log continues under; null before its first keyed entry. */
  keyId: string | null;
}

/**
 * Claim the organisation's audit head for this transaction: the first
 * statement of every write transaction, so that writers of one organisation
 * queue here rather than deadlock later on the rows they both touch.
 */
export async function claimOrg(trx: Db, org: string): Promise<ClaimedHead> {
  const bump = () => trx.updateTable('audit_heads').set((eb) => ({ seq: eb.ref('seq') })).where('org_id', '=', org).returning(['seq', 'hash', 'key_id']).executeTakeFirst();
  let head = await bump();
  if (!head) {
    await trx.insertInto('audit_heads').values({ org_id: org, seq: 0, hash: GENESIS }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
    head = await bump();
  }
  if (!head) throw new Error(`audit head of organisation ${org} could not be claimed`);
  return { seq: Number(head.seq), hash: head.hash, keyId: head.key_id ?? null };
}

/** Write one entry after the claimed head, keyed with `key`, and move the claimed head (not the head row) past it. */
async function writeEntry(trx: Db, org: string, head: ClaimedHead, key: AuditKey, input: AuditInput, at: string): Promise<AuditEntry> {
  const entry = AuditInputSchema.parse(input);
  const base = { seq: head.seq + 1, at, actor: entry.actor, action: entry.action, ...(entry.target ? { target: entry.target } : {}), detail: entry.detail };
  const hash = keyedChainHash(key, org, head.hash, base);
  await trx.insertInto('audit_log').values({
    org_id: org, seq: base.seq, at, actor: base.actor, action: base.action, target: entry.target ?? null,
    detail_json: JSON.stringify(base.detail), prev_hash: head.hash, hash, key_id: key.id,
  }).execute();
  const written = { ...base, prevHash: head.hash, hash };
  head.seq = base.seq;
  head.hash = hash;
  return written;
}

/**
 * Append entries after the claimed head (same transaction) and move the
 * head. The first keyed entries of a log with unkeyed ones are preceded by
 * the switch-over entry. A log keyed with another key than this process
 * holds is refused (AuditKeyMismatchError, which fails the transaction),
 * unless the key file now holds that key (rotated: the file was replaced
 * since this process read it).
 */
export async function appendClaimed(trx: Db, org: string, head: ClaimedHead, inputs: readonly AuditInput[], at: string): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  let key = auditKeyForWriting();
  if (head.keyId !== null && head.keyId !== key.id) {
    const reread = reloadAuditKeyForWriting();
    if (!reread || reread.id !== head.keyId) throw new AuditKeyMismatchError(org, head.keyId, reread ?? key);
    key = reread;
  }
  if (head.keyId === null) {
    if (head.seq > 0) {
      await writeEntry(trx, org, head, key, { actor: 'hirewatch', action: KEYED_SWITCH_ACTION, detail: { unkeyedEntries: head.seq, unkeyedHead: head.hash, keyId: key.id } }, at);
    }
    head.keyId = key.id;
  }
  const out: AuditEntry[] = [];
  for (const input of inputs) out.push(await writeEntry(trx, org, head, key, input, at));
  await trx.updateTable('audit_heads').set({ seq: head.seq, hash: head.hash, key_id: key.id }).where('org_id', '=', org).execute();
  return out;
}

/** What rotating one organisation's log did. */
export type KeyRotation =
  | { readonly status: 'rotated'; readonly fromKeyId: string; readonly entry: AuditEntry }
  | { readonly status: 'already' | 'empty' | 'unkeyed' };

/**
 * Switch the claimed log to the key `to`: an entry (KEY_ROTATION_ACTION)
 * keyed with the key the log is keyed with now, naming both ids, then the
 * head row names `to`, so the switch itself is covered by the old chain and
 * every later entry must be keyed with `to`. Nothing to do for a log already
 * keyed with `to`, an empty one, or one with only unkeyed entries (its first
 * keyed entry anchors them under whichever key writes it).
 */
export async function rotateClaimed(trx: Db, org: string, head: ClaimedHead, keys: AuditKeyLookup, to: AuditKey, actor: string, at: string): Promise<KeyRotation> {
  if (head.keyId === to.id) return { status: 'already' };
  if (head.keyId === null) return { status: head.seq === 0 ? 'empty' : 'unkeyed' };
  const from = keys.byId(head.keyId);
  if (!from) throw new AuditKeyError(`organisation ${org}: its audit log is keyed with audit key ${head.keyId}, ${keys.missing(head.keyId)}`);
  const entry = await writeEntry(trx, org, head, from, { actor, action: KEY_ROTATION_ACTION, detail: { fromKeyId: from.id, toKeyId: to.id } }, at);
  head.keyId = to.id;
  await trx.updateTable('audit_heads').set({ seq: head.seq, hash: head.hash, key_id: to.id }).where('org_id', '=', org).execute();
  return { status: 'rotated', fromKeyId: from.id, entry };
}
