import { GENESIS, KEY_ROTATION_ACTION, KEYED_SWITCH_ACTION, keyedChainHash, legacyChainHash, type AuditRow } from './audit-chain.js';
import type { AuditKeyLookup } from './audit-keyring.js';

/**
 * Verifying an organisation's audit chain (audit-chain.ts): every entry in
 * order, each keyed entry with the key its key_id names, following the
 * entries that switch the log to another key (`audit.key_rotated`).
 */

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
  /** Key rotations the log went through, when there were any. */
  readonly rotations?: number;
  /** The last entry, when the chain verifies: what a checkpoint records. */
  readonly last?: { readonly seq: number; readonly hash: string; readonly at: string };
}

const KEY_ID = /^[0-9a-f]{16}$/;

/**
 * Checks one organisation's rows in order of sequence, with the keys `keys`
 * holds (the key file and its retired keys, or one key given). The first
 * keyed entry may be keyed with any key at hand; every later one must be
 * keyed with the same key, until an `audit.key_rotated` entry (keyed with it)
 * names the next.
 */
export class ChainVerifier {
  private prev = GENESIS;
  private expected = 1;
  private checked = 0;
  private unkeyed = 0;
  private rotations = 0;
  /** The key entries must be keyed with from here on; undefined before the first keyed entry. */
  private keyId: string | undefined;
  /** Where the log switched to `keyId` (0: its first keyed entry). */
  private keySince = 0;
  private lastAt = '';
  private broken: { seq: number; reason: string } | undefined;

  constructor(private readonly org: string, private readonly keys: AuditKeyLookup) {}

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
      if (this.keyId !== undefined) return fail(`entry ${row.seq} is unkeyed but follows keyed entries (rewritten without the audit key)`);
      if (legacyChainHash(this.org, this.prev, fields) !== row.hash) return fail(`entry ${row.seq} does not match its hash (edited)`);
      this.unkeyed++;
    } else {
      if (this.keyId !== undefined && row.keyId !== this.keyId) {
        const since = this.keySince > 0 ? `switched to audit key ${this.keyId} by entry ${this.keySince}` : `keyed with audit key ${this.keyId}`;
        return fail(`entry ${row.seq} names audit key ${row.keyId}, but the log was ${since} and never switched to ${row.keyId} (rewritten, or written by a process holding another key)`);
      }
      const key = this.keys.byId(row.keyId);
      if (!key) return fail(`entry ${row.seq} names audit key ${row.keyId}, ${this.keys.missing(row.keyId)}`);
      if (keyedChainHash(key, this.org, this.prev, fields) !== row.hash) return fail(`entry ${row.seq} does not match its hash (edited, or the chain recomputed without the audit key)`);
      if (this.keyId === undefined && this.unkeyed > 0) {
        const d = row.detail;
        if (row.action !== KEYED_SWITCH_ACTION || d.unkeyedEntries !== this.unkeyed || d.unkeyedHead !== this.prev) {
          return fail(`entry ${row.seq} is the first keyed entry but not the switch-over entry that anchors the ${this.unkeyed} unkeyed entries before it (those were rewritten)`);
        }
      }
      this.keyId = row.keyId;
      if (row.action === KEY_ROTATION_ACTION) {
        const d = row.detail;
        if (d.fromKeyId !== row.keyId || typeof d.toKeyId !== 'string' || !KEY_ID.test(d.toKeyId) || d.toKeyId === row.keyId) {
          return fail(`entry ${row.seq} is a key rotation that does not name the key it is keyed with and another key to switch to`);
        }
        this.keyId = d.toKeyId;
        this.keySince = row.seq;
        this.rotations++;
      }
    }
    this.prev = row.hash;
    this.lastAt = row.at;
    this.expected++;
    this.checked++;
    return true;
  }

  /**
   * The verdict, given the organisation's head row (seq, hash and the key it
   * names; read before the rows, which were read up to its seq, so entries
   * appended meanwhile do not count) or undefined when it has none.
   */
  finish(head: { readonly seq: number; readonly hash: string; readonly keyId?: string | null } | undefined): ChainVerification {
    const counts = { ...(this.unkeyed > 0 ? { unkeyed: this.unkeyed } : {}), ...(this.rotations > 0 ? { rotations: this.rotations } : {}) };
    if (this.broken) return { ok: false, checked: this.checked, brokenAt: this.broken.seq, reason: this.broken.reason, ...counts };
    const end = this.expected - 1;
    const headSeq = head?.seq ?? 0;
    if (headSeq !== end || (end > 0 && head?.hash !== this.prev)) {
      const reason = !head
        ? `the log has ${end} entries but no head row (audit_heads)`
        : headSeq > end
          ? `the log ends at entry ${end}, but its head row says it reached entry ${headSeq} (entries deleted)`
          : `the log ends at entry ${end}, but its head row names entry ${headSeq} with another hash`;
      return { ok: false, checked: this.checked, brokenAt: end + 1, reason, ...counts };
    }
    if (head?.keyId && this.keyId !== undefined && head.keyId !== this.keyId) {
      return { ok: false, checked: this.checked, brokenAt: end + 1, reason: `the log is keyed with audit key ${this.keyId} at entry ${end}, but its head row names audit key ${head.keyId}`, ...counts };
    }
    return { ok: true, checked: this.checked, ...counts, ...(end > 0 ? { last: { seq: end, hash: this.prev, at: this.lastAt } } : {}) };
  }
}
