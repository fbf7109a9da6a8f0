import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './content-hash.js';
import type { HirewatchDatabase } from './database-schema.js';
import { AuditKeyMismatchError, auditKeyForWriting, type AuditKey } from './audit-key.js';

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

/**
 * Append entries after the claimed head (same transaction) and move the
 * head. The first keyed entries of a log with unkeyed ones are preceded by
 * the switch-over entry; a log keyed with another key is refused
 * (AuditKeyMismatchError), which fails the transaction.
 */
export async function appendClaimed(trx: Db, org: string, head: ClaimedHead, inputs: readonly AuditInput[], at: string): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  const key = auditKeyForWriting();
  const write = async (input: AuditInput): Promise<AuditEntry> => {
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
  };
  if (head.keyId !== key.id) {
    if (head.keyId !== null) throw new AuditKeyMismatchError(org, head.keyId, key);
    if (head.seq > 0) {
      await write({ actor: 'hirewatch', action: KEYED_SWITCH_ACTION, detail: { unkeyedEntries: head.seq, unkeyedHead: head.hash, keyId: key.id } });
    }
    head.keyId = key.id;
  }
  const out: AuditEntry[] = [];
  for (const input of inputs) out.push(await write(input));
  await trx.updateTable('audit_heads').set({ seq: head.seq, hash: head.hash, key_id: key.id }).where('org_id', '=', org).execute();
  return out;
}

// ---------------------------------------------------------------- verifying

export interface ChainVerification {
  readonly ok: boolean;
  /** Entries verified (before the broken one, when one is). */
  readonly checked: number;
  /** The first entry that does not verify (for an end that does not match the head row: the entry after the last). */
  readonly brokenAt?: number;
  /** What is wrong, in a sentence naming the entry. */
  readonly reason?: string;
  /** Entries from before keyed audit (plain SHA-256), when there are any. */
  readonly unkeyed?: number;
  /** The last entry, when the chain verifies: what a checkpoint records. */
  readonly last?: { readonly seq: number; readonly hash: string; readonly at: string };
}

/**
 * Checks one organisation's rows in order of sequence. `key` undefined: no
 * key at hand, so keyed entries cannot be checked (reported as such).
 */
export class ChainVerifier {
  private prev = GENESIS;
  private expected = 1;
  private checked = 0;
  private unkeyed = 0;
  private keyed = false;
  private lastAt = '';
  private broken: { seq: number; reason: string } | undefined;

  constructor(private readonly org: string, private readonly key: AuditKey | undefined, private readonly keyFile?: string) {}

  /** Check the next row; false once the chain is broken (later rows are not looked at). */
  push(row: AuditRow): boolean {
    if (this.broken) return false;
    const fail = (reason: string): boolean => {
      this.broken = { seq: row.seq, reason };
      return false;
    };
    if (row.seq !== this.expected) {
      this.broken = { seq: this.expected, reason: `entry ${this.expected} is missing (the log goes from entry ${this.expected - 1} to ${row.seq})` };
      return false;
    }
    if (row.prevHash !== this.prev) return fail(`entry ${row.seq} does not follow entry ${row.seq - 1} (it names another previous hash)`);
    const { prevHash: _p, hash: _h, keyId: _k, ...fields } = row;
    if (row.keyId === null) {
      if (this.keyed) return fail(`entry ${row.seq} is unkeyed but follows keyed entries (rewritten without the audit key)`);
      if (legacyChainHash(this.org, this.prev, fields) !== row.hash) return fail(`entry ${row.seq} does not match its hash (edited)`);
      this.unkeyed++;
    } else {
      if (!this.key) return fail(`entry ${row.seq} is keyed (audit key ${row.keyId}) and no audit key is at hand to check it${this.keyFile ? ` (${this.keyFile} does not exist)` : ''}`);
      if (row.keyId !== this.key.id) return fail(`entry ${row.seq} names audit key ${row.keyId}, not the key given (${this.key.id})`);
      if (keyedChainHash(this.key, this.org, this.prev, fields) !== row.hash) return fail(`entry ${row.seq} does not match its hash (edited, or the chain recomputed without the audit key)`);
      if (!this.keyed && this.unkeyed > 0) {
        const d = row.detail;
        if (row.action !== KEYED_SWITCH_ACTION || d.unkeyedEntries !== this.unkeyed || d.unkeyedHead !== this.prev) {
          return fail(`entry ${row.seq} is the first keyed entry but not the switch-over entry that anchors the ${this.unkeyed} unkeyed entries before it (those were rewritten)`);
        }
      }
      this.keyed = true;
    }
    this.prev = row.hash;
    this.lastAt = row.at;
    this.expected++;
    this.checked++;
    return true;
  }

  /**
   * The verdict, given the organisation's head row (seq and hash; read before
   * the rows, which were read up to its seq, so entries appended meanwhile do
   * not count) or undefined when it has none.
   */
  finish(head: { readonly seq: number; readonly hash: string } | undefined): ChainVerification {
    const unkeyed = this.unkeyed > 0 ? { unkeyed: this.unkeyed } : {};
    if (this.broken) return { ok: false, checked: this.checked, brokenAt: this.broken.seq, reason: this.broken.reason, ...unkeyed };
    const end = this.expected - 1;
    const headSeq = head?.seq ?? 0;
    if (headSeq !== end || (end > 0 && head?.hash !== this.prev)) {
      const reason = !head
        ? `the log has ${end} entries but no head row (audit_heads)`
        : headSeq > end
          ? `the log ends at entry ${end}, but its head row says it reached entry ${headSeq} (entries deleted)`
          : `the log ends at entry ${end}, but its head row names entry ${headSeq} with another hash`;
      return { ok: false, checked: this.checked, brokenAt: end + 1, reason, ...unkeyed };
    }
    return { ok: true, checked: this.checked, ...unkeyed, ...(end > 0 ? { last: { seq: end, hash: this.prev, at: this.lastAt } } : {}) };
  }
}
