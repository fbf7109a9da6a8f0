import { existsSync } from 'node:fs';
import { OrgIdSchema, openStore, resolveStoreTarget, type HirewatchStore, type OpenStoreOptions, type StoreTarget } from '../store/index.js';
import { CliFailure, UsageError } from './cli-errors.js';

/**
 * The database of a command that only reads (audit verify, keys list and
 * revoke, monitor --db without input): an SQLite file that does not exist is
 * not created (opening it would); the command says so instead (exit 1).
 * A target that is neither a path nor a postgres:// URL is a usage error
 * (resolveStoreTarget throws InvalidStoreTargetError: exit 2).
 */
export function existingStoreTarget(db: string | undefined): StoreTarget {
  const target = resolveStoreTarget(db);
  if (target.engine === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
    throw new CliFailure(`the database ${target.file} does not exist (nothing was created): give --db the file hirewatch screen, import, serve or keys create made, or a postgres:// URL`);
  }
  return target;
}

/**
 * openStore for a command: an SQLite file that cannot be opened (not a
 * database, a directory, no permission) is named in the message, as
 * PostgreSQL targets are by connect (without their password).
 */
export async function openNamedStore(target: StoreTarget, options: OpenStoreOptions = {}): Promise<HirewatchStore> {
  try {
    return await openStore(target, options);
  } catch (err) {
    if (target.engine !== 'sqlite') throw err;
    throw new CliFailure(`cannot open the SQLite database ${target.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** An --org value, checked before anything is opened: a bad one is a usage error (exit 2). */
export function parseOrg(org: string): string {
  const parsed = OrgIdSchema.safeParse(org);
  if (!parsed.success) throw new UsageError(`--org ${JSON.stringify(org)}: ${parsed.error.issues[0]?.message ?? 'not an organisation id'}`);
  return parsed.data;
}
