import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inspect } from 'node:util';
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

// ---------------------------------------------------------------- the audit key

export const AUDIT_KEY_FILE_ENV = 'HIREWATCH_AUDIT_KEY_FILE';
/** Shortest key file content accepted (hirewatch writes 64 hex digits: 256 bits). */
export const MIN_AUDIT_KEY_CHARS = 32;

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

/**
 * The audit key: HMAC key material from a file. Prints as its id and file
 * (String, JSON, util.inspect), never as the key.
 */
export class AuditKey {
  readonly #secret: Buffer;
  /** 16 hex digits derived from the key: stored with each entry, safe to print. */
  readonly id: string;

  constructor(readonly file: string, material: string | Buffer) {
    this.#secret = Buffer.from(material);
    this.id = this.mac('hirewatch audit key id').slice(0, 16);
  }

  /** HMAC-SHA256 of `text` under the key, as hex. */
  mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('hex');
  }

  toString(): string {
    return `audit key ${this.id} (${this.file})`;
  }
  toJSON(): { id: string; file: string } {
    return { id: this.id, file: this.file };
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

let chosenFile: string | undefined;

/** The key file a command line gave (`--audit-key-file`); undefined: back to HIREWATCH_AUDIT_KEY_FILE or the default. */
export function useAuditKeyFile(file: string | undefined): void {
  chosenFile = file;
}

/** Where the audit key is: `--audit-key-file`, else HIREWATCH_AUDIT_KEY_FILE, else $XDG_CONFIG_HOME/hirewatch/audit.key (~/.config/...). */
export function auditKeyFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (chosenFile) return resolve(chosenFile);
  const fromEnv = env[AUDIT_KEY_FILE_ENV];
  if (fromEnv) return resolve(fromEnv);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'hirewatch', 'audit.key');
}

/** The key in `file`; undefined when there is no such file. Throws AuditKeyError when it cannot be read or is too short. */
export function readAuditKeyFile(file: string): AuditKey | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditKeyError(`audit key file ${file} cannot be read: ${(err as Error).message}`);
  }
  const material = text.trim();
  if (material.length < MIN_AUDIT_KEY_CHARS) {
    throw new AuditKeyError(`audit key file ${file} holds ${material.length} characters; at least ${MIN_AUDIT_KEY_CHARS} are needed (e.g. openssl rand -hex 32)`);
  }
  return new AuditKey(file, material);
}

/**
 * Create a key file: 32 random bytes as hex, mode 0600 (its folder 0700 when
 * created). Written to a temporary file and linked into place, so a process
 * never reads half a key and two processes starting at once end up with the
 * same one.
 */
export function createAuditKeyFile(file: string): AuditKey {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } catch (err) {
    throw new AuditKeyError(`audit key file ${file} cannot be created: ${(err as Error).message} (set ${AUDIT_KEY_FILE_ENV} to a key file)`);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
  }
  const key = readAuditKeyFile(file);
  if (!key) throw new AuditKeyError(`audit key file ${file} vanished after it was created`);
  return key;
}

const loaded = new Map<string, AuditKey>();

/** The key entries are written with (read once per process); the key file is created when absent. */
export function auditKeyForWriting(): AuditKey {
  const file = auditKeyFile();
  let key = loaded.get(file);
  if (!key) {
    key = readAuditKeyFile(file) ?? createAuditKeyFile(file);
    loaded.set(file, key);
  }
  return key;
}

/** The key to verify with; never creates one. Undefined when the file does not exist. */
export function auditKeyForReading(file: string = auditKeyFile()): AuditKey | undefined {
  const known = loaded.get(file);
  if (known) return known;
  const key = readAuditKeyFile(file);
  if (key) loaded.set(file, key);
  return key;
}

export class AuditKeyMismatchError extends Error {
  constructor(readonly org: string, readonly logKeyId: string, readonly key: AuditKey) {
    super(
      `audit key mismatch: the audit log of organisation ${org} is keyed with audit key ${logKeyId}, ` +
      `but this process holds audit key ${key.id} (${key.file}); give every process the same key file (${AUDIT_KEY_FILE_ENV})`,
    );
    this.name = 'AuditKeyMismatchError';
  }
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

// ---------------------------------------------------------------- checkpoints

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

/** Read a checkpoint (parsed JSON) and check its signature with the key. */
export function openCheckpoint(key: AuditKey, value: unknown): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const parsed = CheckpointSchema.safeParse(value, { reportInput: false });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a checkpoint (${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'unexpected shape'})` };
  }
  const { signature, ...body } = parsed.data;
  if (body.keyId !== key.id) return { ok: false, reason: `it was signed with audit key ${body.keyId}, not the key given (${key.id})` };
  if (checkpointMac(key, body) !== signature) return { ok: false, reason: 'its signature does not verify (the file was edited)' };
  return { ok: true, checkpoint: parsed.data };
}
