import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditKey, AuditKeyError, auditKeyFile, auditKeyForReading, createAuditKeyFile, forgetLoadedAuditKey, readAuditKeyFile } from './audit-key.js';

/**
 * The audit keys verification needs: the current key (the key file) and the
 * keys it replaced (retired by `hirewatch audit rotate-key`). Retired keys
 * are kept beside the key file, one file per key named by its id:
 * `<key file>.retired/<id>.key` (folder 0700, files 0600), e.g.
 * ~/.config/hirewatch/audit.key.retired/3f9c0d1e2a4b5c6d.key. Writers need
 * only the current key; whoever verifies older entries needs the folder too.
 *
 * A rotation's new key is first written to `<key file>.next`, and moved over
 * the key file once every organisation's log has switched to it; a rotation
 * interrupted before that resumes with the same `.next` key.
 */

const KEY_ID = /^[0-9a-f]{16}$/;

/** The keys a chain or checkpoint is checked with, by id. */
export interface AuditKeyLookup {
  /** The key writers use (undefined: none at hand). */
  readonly current: AuditKey | undefined;
  /** The key with this id; undefined when it is not at hand. */
  byId(id: string): AuditKey | undefined;
  /** Why the key with this id is not at hand, naming it and where it was looked for; never key material. */
  missing(id: string): string;
}

/** Where the keys retired from `file` are kept. */
export const retiredKeysDir = (file: string): string => `${file}.retired`;
/** Where a rotation keeps the new key until every organisation has switched to it. */
export const nextKeyFile = (file: string): string => `${file}.next`;

/** One key given (a test's, or a key file named alone): nothing retired. */
export function singleKey(key: AuditKey | undefined): AuditKeyLookup {
  return {
    current: key,
    byId: (id) => (key && key.id === id ? key : undefined),
    missing: () => (key ? `not the key given (${key.id})` : 'no audit key is at hand to check it'),
  };
}

/**
 * The key file and its retired keys (read when asked for, never created). A
 * retired key file whose key has another id than its name is not used.
 */
export function auditKeyring(file: string = auditKeyFile()): AuditKeyLookup {
  const current = auditKeyForReading(file);
  const dir = retiredKeysDir(file);
  const retired = new Map<string, AuditKey | string>();
  const lookUp = (id: string): AuditKey | string => {
    if (current && current.id === id) return current;
    if (!KEY_ID.test(id)) return `audit key id ${JSON.stringify(id.slice(0, 40))} is not a key id`;
    let found = retired.get(id);
    if (found === undefined) {
      const path = join(dir, `${id}.key`);
      try {
        const key = readAuditKeyFile(path);
        found = !key ? `${path} does not exist` : key.id === id ? key : `${path} holds audit key ${key.id}, not ${id}`;
      } catch (err) {
        found = err instanceof AuditKeyError ? err.message : `${path} cannot be read`;
      }
      retired.set(id, found);
    }
    return found;
  };
  return {
    current,
    byId: (id) => {
      const found = lookUp(id);
      return typeof found === 'string' ? undefined : found;
    },
    missing: (id) => {
      const found = lookUp(id);
      const why = typeof found === 'string' ? found : 'it is at hand';
      return current
        ? `not the key given (${current.id}), nor a retired key at hand (${why})`
        : `no audit key is at hand to check it (${file} does not exist; ${why})`;
    },
  };
}

/** The key of a rotation under way: `<file>.next`, created (0600) unless an interrupted rotation left one. */
export function nextAuditKey(file: string): { key: AuditKey; resumed: boolean } {
  const next = nextKeyFile(file);
  const resumed = existsSync(next);
  return { key: createAuditKeyFile(next), resumed };
}

/** Copy the current key into the retired keys (0600, folder 0700) before anything is written under its successor. */
export function retireAuditKey(key: AuditKey): string {
  const dir = retiredKeysDir(key.file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${key.id}.key`);
  const kept = readAuditKeyFile(path);
  if (kept && kept.id === key.id) return path;
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, readFileSync(key.file), { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw new AuditKeyError(`audit key ${key.id} cannot be kept in ${dir}: ${(err as Error).message}`);
  }
  const copied = readAuditKeyFile(path);
  if (!copied || copied.id !== key.id) throw new AuditKeyError(`audit key ${key.id} could not be kept in ${dir}`);
  return path;
}

/** Move the rotation's new key over the key file (atomic rename); this process reads it afresh from now on. */
export function installNextAuditKey(file: string): AuditKey {
  renameSync(nextKeyFile(file), file);
  forgetLoadedAuditKey(file);
  const key = readAuditKeyFile(file);
  if (!key) throw new AuditKeyError(`audit key file ${file} vanished after the rotation`);
  return key;
}
