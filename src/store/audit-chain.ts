import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './content-hash.js';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * The audit chain: each organisation's log, every entry holding the hash of
 * the one before it. An entry is appended inside the transaction of the
 * change it records, so a change is never stored without its entry nor an
 * entry without its change. The organisation's head row (audit_heads) is
 * claimed first in every write transaction (`claimOrg`): on PostgreSQL its
 * row lock orders the organisation's writers, so sequences cannot collide
 * and there is nothing to retry; SQLite has one writer at a time anyway.
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

export const GENESIS = '0'.repeat(64);

export function chainHash(org: string, prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return sha256Hex(prevHash + canonicalJson({ org, seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target ?? null, detail: e.detail }));
}

/** The claimed head of an organisation's chain, held until the transaction ends. */
export interface ClaimedHead {
  seq: number;
  hash: string;
}

/**
 * Claim the organisation's audit head for this transaction: the first
 * statement of every write transaction, so that writers of one organisation
 * queue here rather than deadlock later on the rows they both touch.
 */
export async function claimOrg(trx: Db, org: string): Promise<ClaimedHead> {
  const bump = () => trx.updateTable('audit_heads').set((eb) => ({ seq: eb.ref('seq') })).where('org_id', '=', org).returning(['seq', 'hash']).executeTakeFirst();
  let head = await bump();
  if (!head) {
    await trx.insertInto('audit_heads').values({ org_id: org, seq: 0, hash: GENESIS }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
    head = await bump();
  }
  if (!head) throw new Error(`audit head of organisation ${org} could not be claimed`);
  return { seq: Number(head.seq), hash: head.hash };
}

/** Append entries after the claimed head (same transaction) and move the head. */
export async function appendClaimed(trx: Db, org: string, head: ClaimedHead, inputs: readonly AuditInput[], at: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (const input of inputs) {
    const entry = AuditInputSchema.parse(input);
    const base = { seq: head.seq + 1, at, actor: entry.actor, action: entry.action, ...(entry.target ? { target: entry.target } : {}), detail: entry.detail };
    const hash = chainHash(org, head.hash, base);
    await trx.insertInto('audit_log').values({
      org_id: org, seq: base.seq, at, actor: base.actor, action: base.action, target: entry.target ?? null,
      detail_json: JSON.stringify(base.detail), prev_hash: head.hash, hash,
    }).execute();
    out.push({ ...base, prevHash: head.hash, hash });
    head.seq = base.seq;
    head.hash = hash;
  }
  if (out.length > 0) await trx.updateTable('audit_heads').set({ seq: head.seq, hash: head.hash }).where('org_id', '=', org).execute();
  return out;
}
