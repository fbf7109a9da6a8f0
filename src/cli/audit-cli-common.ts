import { existsSync } from 'node:fs';
import { listOrganisations } from '../server/persistence/org-list.js';
import { AUDIT_KEY_FILE_ENV, auditKeyFile, auditKeyring, type AuditKeyLookup } from '../store/admin-queries.js';
import { OrgIdSchema, resolveStoreTarget, type StoreTarget } from '../store/index.js';

/** What the `hirewatch audit` commands (verify, checkpoint, rotate-key) share. */

/** Where the output goes (tests pass collectors). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

export class CommandFailure extends Error {}

/** The database named, refused when it is an SQLite file that does not exist (opening it would create it). */
export function existingTarget(db: string | undefined): StoreTarget {
  const target = resolveStoreTarget(db);
  if (target.engine === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
    throw new CommandFailure(`the database file ${target.file} does not exist (nothing was created)`);
  }
  return target;
}

/** The key file (`--audit-key-file`, else HIREWATCH_AUDIT_KEY_FILE, else the default) and its retired keys; never created. */
export function readKeys(file: string | undefined, need: string): { keys: AuditKeyLookup; file: string } {
  const path = file ?? auditKeyFile();
  const keys = auditKeyring(path);
  if (!keys.current && need) throw new CommandFailure(`no audit key: ${path} does not exist (${need}; give --audit-key-file or ${AUDIT_KEY_FILE_ENV})`);
  return { keys, file: path };
}

export async function organisations(target: StoreTarget, org: string | undefined, extra: readonly string[] = []): Promise<string[]> {
  if (org) return [OrgIdSchema.parse(org)];
  return [...new Set([...(await listOrganisations(target)), ...extra])].sort();
}

/** Run a command: a CommandFailure or an audit key problem is printed (exit status 1), anything else thrown. */
export async function run(io: Io, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof CommandFailure) && !(err instanceof Error && err.name === 'AuditKeyError')) throw err;
    io.err(`hirewatch: ${err.message}\n`);
    return 1;
  }
}
