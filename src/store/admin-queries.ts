import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appendClaimed, rotateClaimed, type AuditEntry, type AuditInput, type AuditRow, type ClaimedHead, type KeyRotation } from './audit-chain.js';
import { AuditKey } from './audit-key.js';
import { auditKeyring, singleKey, type AuditKeyLookup } from './audit-keyring.js';
import { ChainVerifier, type ChainVerification } from './audit-verifier.js';
import { sha256Hex } from './content-hash.js';
import type { HirewatchDatabase } from './database-schema.js';

type Db = Kysely<HirewatchDatabase>;

/**
 * Tables for access control, the audit log, post-hire alerts and telemetry
 * aggregates: minimal typed access now, so the server and monitor build on
 * the same layer. Every call is confined to the store's organisation, except
 * `apiKeys.authenticate`, which is how a request learns its organisation.
 */
export const ROLES = ['recruiter', 'analyst', 'admin', 'auditor', 'intel', 'intel-writer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export interface ApiKeyInfo { readonly org: string; readonly keyId: string; readonly role: Role; readonly label?: string; readonly createdAt: string; readonly revokedAt?: string }
export type { AuditEntry } from './audit-chain.js';
// The audit key and checkpoints, for the command line (which may not import the chain itself: one-path).
export {
  AUDIT_KEY_FILE_ENV, AuditKey, AuditKeyError, AuditKeyMismatchError, auditKeyFile, auditKeyForReading, auditKeyForWriting, useAuditKeyFile,
} from './audit-key.js';
export {
  auditKeyring, installNextAuditKey, nextAuditKey, nextKeyFile, retireAuditKey, retiredKeysDir, singleKey, type AuditKeyLookup,
} from './audit-keyring.js';
export { openCheckpoint, signCheckpoint, type Checkpoint, type CheckpointHead } from './audit-checkpoint.js';
export type { ChainVerification } from './audit-verifier.js';
export type { KeyRotation } from './audit-chain.js';
export const AlertInputSchema = z.object({
  subjectKind: z.enum(['employee', 'application']),
  subjectId: z.string().min(1),
  signalId: z.string().min(1),
  evidence: z.string().min(1),
  at: z.string(),
});
export interface AlertRow { readonly subjectKind: string; readonly subjectId: string; readonly signalId: string; readonly evidence: string; readonly firstSeen: string; readonly lastSeen: string; readonly count: number }

/** Runs a write in the organisation's transaction: the caller's when inside store.transaction, else a new one. */
export type InOrgTransaction = <T>(work: (trx: Db, head: ClaimedHead) => Promise<T>) => Promise<T>;

export interface AdminStore {
  apiKeys: {
    /** A new key; the secret is returned once and only its hash is stored. */
    create(role: Role, label?: string): Promise<{ keyId: string; secret: string }>;
    /** The key a secret belongs to, in any organisation; undefined when unknown. Check revokedAt. */
    authenticate(secret: string): Promise<ApiKeyInfo | undefined>;
    revoke(keyId: string): Promise<boolean>;
    list(): Promise<ApiKeyInfo[]>;
    /** How many keys this process has revoked (any organisation): a cache of `authenticate` answers is stale once it changes. */
    revokedInProcess(): number;
  };
  audit: {
    /** Append one entry (in the caller's transaction when inside store.transaction). */
    append(entry: AuditInput): Promise<AuditEntry>;
    list(afterSeq?: number, limit?: number): Promise<AuditEntry[]>;
    /** The newest entry; undefined when the log is empty. */
    last(): Promise<AuditEntry | undefined>;
    /**
     * Recompute the chain up to the head row (read first): the first entry
     * that does not verify is reported with what is wrong with it, and an end
     * that does not match the head row. `key`: the audit keys to check keyed
     * entries with, each with the key its key_id names (default: this
     * process's key file and its retired keys, never created here; one
     * AuditKey: that key alone; null: none at hand).
     */
    verify(options?: { readonly key?: AuditKey | AuditKeyLookup | null }): Promise<ChainVerification>;
    /**
     * Switch the log to the key `to` (`hirewatch audit rotate-key`): in one
     * transaction, an `audit.key_rotated` entry keyed with the log's present
     * key (found in `keys`) naming both ids, and the head moved to `to`.
     */
    rotateKey(keys: AuditKeyLookup, to: AuditKey, actor: string): Promise<KeyRotation>;
  };
  alerts: {
    /**
     * First sighting inserts; later ones raise the count and move last_seen.
     * 'new' and 'again' (the last sighting is older than the cool-down) are
     * worth telling someone; 'suppressed' is the same alert within it.
     */
    record(alert: z.input<typeof AlertInputSchema>, coolDownMs?: number): Promise<'new' | 'again' | 'suppressed'>;
    list(limit?: number): Promise<AlertRow[]>;
  };
  /**
   * ATS deliveries handled, by vendor and the vendor's delivery id: kept in
   * the database, so a retry is recognised after a restart and by every
   * server process.
   */
  webhookDeliveries: {
    seen(vendor: string, deliveryId: string): Promise<boolean>;
    /**
     * Record a delivery in the organisation's transaction: call it inside
     * store.transaction, with the change the delivery makes (which appends the
     * audit entry). False when it was recorded before. Deliveries received
     * before `forgetBefore` are forgotten (a replay that old is refused by the
     * source times of the records instead).
     */
    record(vendor: string, deliveryId: string, at: string, forgetBefore?: string): Promise<boolean>;
  };
}

const hashSecret = (secret: string): string => sha256Hex(secret);

/** Revocations made by this process, whatever the store or organisation (see apiKeys.revokedInProcess). */
let revocations = 0;

function keyInfo(r: HirewatchDatabase['api_keys']): ApiKeyInfo {
  return { org: r.org_id, keyId: r.key_id, role: RoleSchema.parse(r.role), ...(r.label ? { label: r.label } : {}), createdAt: r.created_at, ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}) };
}

function auditEntry(r: HirewatchDatabase['audit_log']): AuditEntry {
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, ...(r.target ? { target: r.target } : {}), detail: JSON.parse(r.detail_json) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash };
}

/** A row as verification reads it: detail that is not JSON is kept as text, so it fails its hash instead of the read. */
function auditRow(r: HirewatchDatabase['audit_log']): AuditRow {
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(r.detail_json) as Record<string, unknown>;
  } catch {
    detail = { unreadable: r.detail_json };
  }
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, ...(r.target ? { target: r.target } : {}), detail, prevHash: r.prev_hash, hash: r.hash, keyId: r.key_id ?? null };
}

const VERIFY_PAGE = 1000;

/**
 * `appendOutside`, given when the store is not bound to a transaction, appends
 * an entry in a transaction of its own (grouped with others: audit-group-commit.ts).
 */
export function adminStore(db: Db, org: string, inOrgTransaction: InOrgTransaction, appendOutside?: (input: AuditInput) => Promise<AuditEntry>): AdminStore {
  const audit: AdminStore['audit'] = {
    async append(input) {
      if (appendOutside) return appendOutside(input);
      return inOrgTransaction(async (trx, head) => (await appendClaimed(trx, org, head, [input], new Date().toISOString()))[0]!);
    },
    async list(afterSeq = 0, limit = 1000) {
      const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', org).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(auditEntry);
    },
    async last() {
      const row = await db.selectFrom('audit_log').selectAll().where('org_id', '=', org).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? auditEntry(row) : undefined;
    },
    async verify(options = {}) {
      const keys = options.key === undefined ? auditKeyring() : options.key instanceof AuditKey || options.key === null ? singleKey(options.key ?? undefined) : options.key;
      const row = await db.selectFrom('audit_heads').select(['seq', 'hash', 'key_id']).where('org_id', '=', org).executeTakeFirst();
      const head = row ? { seq: Number(row.seq), hash: row.hash, keyId: row.key_id ?? null } : undefined;
      const verifier = new ChainVerifier(org, keys);
      for (let after = 0; ;) {
        let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', org).where('seq', '>', after);
        if (head) query = query.where('seq', '<=', head.seq);
        const page = (await query.orderBy('seq').limit(VERIFY_PAGE).execute()).map(auditRow);
        for (const r of page) if (!verifier.push(r)) return verifier.finish(head);
        if (page.length < VERIFY_PAGE) return verifier.finish(head);
        after = page[page.length - 1]!.seq;
      }
    },
    rotateKey(keys, to, actor) {
      return inOrgTransaction((trx, head) => rotateClaimed(trx, org, head, keys, to, actor, new Date().toISOString()));
    },
  };
  return {
    apiKeys: {
      async create(role, label) {
        const keyId = randomBytes(6).toString('hex');
        const secret = `hw_${keyId}_${randomBytes(24).toString('base64url')}`;
        await db.insertInto('api_keys').values({
          org_id: org, key_id: keyId, key_hash: hashSecret(secret), role: RoleSchema.parse(role), label: label ?? null,
          created_at: new Date().toISOString(), revoked_at: null,
        }).execute();
        return { keyId, secret };
      },
      async authenticate(secret) {
        const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashSecret(secret)).executeTakeFirst();
        return row ? keyInfo(row) : undefined;
      },
      async revoke(keyId) {
        const r = await db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() })
          .where('org_id', '=', org).where('key_id', '=', keyId).where('revoked_at', 'is', null).executeTakeFirst();
        revocations++;
        return Number(r.numUpdatedRows) > 0;
      },
      async list() {
        return (await db.selectFrom('api_keys').selectAll().where('org_id', '=', org).orderBy('created_at').execute()).map(keyInfo);
      },
      revokedInProcess: () => revocations,
    },
    audit,
    alerts: {
      async record(input, coolDownMs = 24 * 3_600_000) {
        const a = AlertInputSchema.parse(input);
        return inOrgTransaction(async (trx) => {
          const seen = await trx.selectFrom('alerts').select(['last_seen', 'last_notified', 'first_seen']).where('org_id', '=', org).where('subject_kind', '=', a.subjectKind)
            .where('subject_id', '=', a.subjectId).where('signal_id', '=', a.signalId).executeTakeFirst();
          const since = seen ? (seen.last_notified ?? seen.first_seen) : undefined;
          const status = !since ? 'new' : Date.parse(a.at) - Date.parse(since) >= coolDownMs ? 'again' : 'suppressed';
          const notified = status === 'suppressed' ? since! : a.at;
          await trx.insertInto('alerts').values({
            org_id: org, subject_kind: a.subjectKind, subject_id: a.subjectId, signal_id: a.signalId,
            evidence: a.evidence, first_seen: a.at, last_seen: a.at, count: 1, last_notified: notified,
          }).onConflict((oc) => oc.columns(['org_id', 'subject_kind', 'subject_id', 'signal_id']).doUpdateSet((eb) => ({
            evidence: eb.ref('excluded.evidence'),
            last_seen: eb.ref('excluded.last_seen'),
            last_notified: eb.ref('excluded.last_notified'),
            count: eb('alerts.count', '+', 1),
          }))).execute();
          return status;
        });
      },
      async list(limit = 100) {
        const rows = await db.selectFrom('alerts').selectAll().where('org_id', '=', org).orderBy('last_seen', 'desc').limit(limit).execute();
        return rows.map((r) => ({ subjectKind: r.subject_kind, subjectId: r.subject_id, signalId: r.signal_id, evidence: r.evidence, firstSeen: r.first_seen, lastSeen: r.last_seen, count: Number(r.count) }));
      },
    },
    webhookDeliveries: {
      async seen(vendor, deliveryId) {
        const row = await db.selectFrom('webhook_deliveries').select('delivery_id')
          .where('org_id', '=', org).where('vendor', '=', vendor).where('delivery_id', '=', deliveryId).executeTakeFirst();
        return row !== undefined;
      },
      async record(vendor, deliveryId, at, forgetBefore) {
        return inOrgTransaction(async (trx) => {
          if (forgetBefore) {
            await trx.deleteFrom('webhook_deliveries').where('org_id', '=', org).where('vendor', '=', vendor).where('received_at', '<', forgetBefore).execute();
          }
          const r = await trx.insertInto('webhook_deliveries').values({ org_id: org, vendor, delivery_id: deliveryId, received_at: at })
            .onConflict((oc) => oc.columns(['org_id', 'vendor', 'delivery_id']).doNothing()).executeTakeFirst();
          return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
        });
      },
    },
  };
}
