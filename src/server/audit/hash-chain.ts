import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The audit log as a hash chain. Each entry stores the hash of the one
 * before it and its own hash, `sha256(prevHash + canonicalJson(entry))`
 * where `entry` is every field except `hash` itself (prevHash included, so
 * the link is covered twice). Changing any field of any entry, deleting an
 * entry or reordering entries breaks the chain at the first entry touched.
 *
 * Deleting the newest entries leaves a shorter, valid chain: to catch that,
 * keep the head (`seq`, `hash`) somewhere else (a periodic export, a
 * second store, a signed receipt) and pass it to `verifyChain` as
 * `expectedHead`. All functions here are pure.
 */

/** The hash the first entry links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the caller records. `detail` must be plain JSON (see canonicalJson). */
export interface AuditEntryInput {
  /** ISO 8601 instant, supplied by the caller so append stays pure. */
  readonly at: string;
  readonly orgId: string;
  /** Who: an API key prefix, `cli`, `system`. Never a key or secret. */
  readonly actor: string;
  /** What, e.g. `result.evidence.read`, `keys.create`, `config.update`. */
  readonly action: string;
  /** The object acted on, e.g. an application id; null when none. */
  readonly target?: string | null;
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

export interface AuditEntry extends AuditEntryInput {
  /** 1, 2, 3 ... without gaps. */
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The fields that are hashed: everything but `hash`, with absent optional fields as null. */
function hashedFields(entry: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    seq: entry.seq,
    at: entry.at,
    orgId: entry.orgId,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
    prevHash: entry.prevHash,
  };
}

/** sha256(prevHash + canonical JSON of the entry), as hex. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(entry.prevHash + canonicalJson(hashedFields(entry)), 'utf8').digest('hex');
}

/** The entry that follows `prev` (undefined: the first one of the chain). */
export function appendEntry(prev: Pick<AuditEntry, 'seq' | 'hash'> | undefined, input: AuditEntryInput): AuditEntry {
  const unhashed = {
    seq: prev ? prev.seq + 1 : 1,
    at: input.at,
    orgId: input.orgId,
    actor: input.actor,
    action: input.action,
    target: input.target ?? null,
    detail: input.detail ?? null,
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

export type ChainBreak = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';

export type ChainVerification =
  | { readonly ok: true; readonly count: number; readonly head?: { readonly seq: number; readonly hash: string } }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: ChainBreak };

export interface VerifyOptions {
  /** Where the given entries start (default: the genesis). Lets a long log be checked in pages. */
  readonly after?: Pick<AuditEntry, 'seq' | 'hash'>;
  /**
   * A head recorded elsewhere earlier (an anchor): the chain must still hold
   * that seq with that hash. Catches deletion of the newest entries; entries
   * appended since the anchor are fine.
   */
  readonly expectedHead?: Pick<AuditEntry, 'seq' | 'hash'>;
}

/**
 * Check entries in the order given (the store's `ORDER BY seq`). On failure,
 * `brokenAt` is the seq expected at the first entry that does not fit (for a
 * deleted entry: the missing seq; for a changed one: its seq).
 */
export function verifyChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainVerification {
  let prevSeq = options.after?.seq ?? 0;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  const anchor = options.expectedHead;
  let anchorHash: string | undefined = anchor && anchor.seq === prevSeq ? prevHash : undefined;
  for (const entry of entries) {
    const expectedSeq = prevSeq + 1;
    if (entry.seq !== expectedSeq) return { ok: false, brokenAt: expectedSeq, reason: 'seq_gap' };
    if (entry.prevHash !== prevHash) return { ok: false, brokenAt: entry.seq, reason: 'prev_hash_mismatch' };
    if (hashEntry(entry) !== entry.hash) return { ok: false, brokenAt: entry.seq, reason: 'hash_mismatch' };
    prevSeq = entry.seq;
    prevHash = entry.hash;
    if (anchor && entry.seq === anchor.seq) anchorHash = entry.hash;
  }
  if (anchor && anchorHash !== anchor.hash) {
    return { ok: false, brokenAt: anchorHash === undefined ? prevSeq + 1 : anchor.seq, reason: 'head_mismatch' };
  }
  const head = entries.length > 0 ? { seq: prevSeq, hash: prevHash } : undefined;
  return head ? { ok: true, count: entries.length, head } : { ok: true, count: 0 };
}
