import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inspect } from 'node:util';

/**
 * The audit key: the HMAC key the audit chain (audit-chain.ts) and its
 * checkpoints (audit-checkpoint.ts) are keyed with, kept in a file outside
 * the database, created owner-only with 256 random bits by the first process
 * that writes, read once per process.
 */

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

/**
 * The key file read afresh (never created): after a rotation (the head of a
 * log names another key than this process holds), a process whose key file
 * was replaced meanwhile writes with the new key without a restart. Undefined
 * when the file is gone.
 */
export function reloadAuditKeyForWriting(): AuditKey | undefined {
  const file = auditKeyFile();
  const key = readAuditKeyFile(file);
  if (key) loaded.set(file, key);
  return key;
}

/** Forget the key read from `file` (it was replaced). */
export function forgetLoadedAuditKey(file: string): void {
  loaded.delete(file);
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
      `but this process holds audit key ${key.id} (${key.file}); give every process the same key file (${AUDIT_KEY_FILE_ENV}): ` +
      'after `hirewatch audit rotate-key`, the new one',
    );
    this.name = 'AuditKeyMismatchError';
  }
}
