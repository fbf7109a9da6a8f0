import type { Command } from 'commander';
import {
  AUDIT_KEY_FILE_ENV, installNextAuditKey, nextAuditKey, nextKeyFile, retireAuditKey, retiredKeysDir, type AuditKey, type AuditKeyLookup,
} from '../store/admin-queries.js';
import { DEFAULT_DB_FILE, openStore, type HirewatchStore } from '../store/index.js';
import { CommandFailure, existingTarget, organisations, processIo, readKeys, run, type Io } from './audit-cli-common.js';

/**
 * `hirewatch audit rotate-key --all-orgs [--db PATH|URL] [--audit-key-file FILE]`:
 * replace the audit key. In order, so that an interruption loses nothing and
 * running the command again finishes the job:
 *
 * 1. the new key is written to `<key file>.next` (0600), or the one an
 *    interrupted rotation left there is taken up again;
 * 2. the current key is kept as `<key file>.retired/<id>.key` (0600), which
 *    verification of the entries it keyed needs from now on;
 * 3. every organisation's log is verified (nothing is rotated when one is
 *    broken: a rotation entry must not vouch for a broken log);
 * 4. each organisation, in one transaction of its own: an `audit.key_rotated`
 *    entry keyed with the key the log is keyed with (naming the new key's
 *    id), and the head moved to the new key; organisations whose first entries
 *    appear meanwhile are rotated too;
 * 5. `<key file>.next` is renamed over the key file.
 *
 * From step 4 on, a process still holding the old key refuses to write to a
 * rotated log (AuditKeyMismatchError) until its key file holds the new key
 * (it reads the file again when a log names another key than it holds).
 * Every organisation is rotated: a process has one key file for all of them.
 */
export interface RotateKeyOptions {
  db?: string;
  allOrgs?: boolean;
  auditKeyFile?: string;
}

const ACTOR = 'cli';

/** The keyring with the rotation's new key added (logs an interrupted rotation already switched are keyed with it). */
function withKey(keys: AuditKeyLookup, extra: AuditKey): AuditKeyLookup {
  return { current: keys.current, byId: (id) => (id === extra.id ? extra : keys.byId(id)), missing: (id) => keys.missing(id) };
}

async function verifyAll(store: HirewatchStore, orgs: readonly string[], keys: AuditKeyLookup): Promise<void> {
  for (const org of orgs) {
    const result = await store.withOrg(org).admin.audit.verify({ key: keys });
    if (!result.ok) throw new CommandFailure(`organisation ${org}: ${result.reason}; no key rotated (a rotation entry must not vouch for a broken log: audit verify)`);
  }
}

export async function rotateAuditKey(options: RotateKeyOptions, io: Io = processIo): Promise<number> {
  return run(io, async () => {
    if (!options.allOrgs) {
      throw new CommandFailure('give --all-orgs: every process writes every organisation with one key file, so the audit key is rotated for all of them at once');
    }
    const target = existingTarget(options.db);
    const { keys: before, file } = readKeys(options.auditKeyFile, 'there is no key to rotate');
    const old = before.current!;
    const { key: next, resumed } = nextAuditKey(file);
    if (resumed) io.err(`hirewatch: taking up the interrupted rotation to audit key ${next.id} (${nextKeyFile(file)})\n`);
    const retired = next.id === old.id ? undefined : retireAuditKey(old);
    const keys = withKey(readKeys(file, '').keys, next);
    const store = await openStore(target);
    let rotated = 0;
    try {
      const done = new Set<string>();
      await verifyAll(store, await organisations(target, undefined), keys);
      for (let pass = 0; pass < 5; pass++) {
        const orgs = (await organisations(target, undefined)).filter((o) => !done.has(o));
        if (orgs.length === 0) break;
        for (const org of orgs) {
          const r = await store.withOrg(org).admin.audit.rotateKey(keys, next, ACTOR);
          done.add(org);
          if (r.status === 'rotated') {
            rotated++;
            io.out(`rotated: organisation ${org}: entry ${r.entry.seq} switches from audit key ${r.fromKeyId} to ${next.id}\n`);
          } else {
            io.out(`${r.status === 'already' ? 'already' : 'nothing to rotate'}: organisation ${org}${r.status === 'already' ? `: keyed with ${next.id}` : r.status === 'unkeyed' ? ': no keyed entries yet' : ': no entries'}\n`);
          }
        }
      }
    } finally {
      await store.close();
    }
    const installed = installNextAuditKey(file);
    io.err(
      `hirewatch: ${rotated} organisation log(s) switched to audit key ${installed.id}, now in ${file}` +
        `${retired ? `; audit key ${old.id} is retired to ${retired} (verification of older entries needs ${retiredKeysDir(file)})` : ''}. ` +
        `Give every server and worker the new ${file}: until it holds the new key, a process refuses to write\n`,
    );
    return 0;
  });
}

export function registerRotateKeyCommand(audit: Command): void {
  audit
    .command('rotate-key')
    .description("replace the audit key: every organisation's log switches to a new key by an entry keyed with the old one; the old key is kept for verification in <key file>.retired/")
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
    .option('--all-orgs', 'every organisation (required: one key file serves all of them)', false)
    .option('--audit-key-file <file>', `the audit key to retire, replaced by the new one (default: ${AUDIT_KEY_FILE_ENV}, else ~/.config/hirewatch/audit.key)`)
    .action(async (options: RotateKeyOptions) => {
      process.exitCode = await rotateAuditKey(options);
    });
}
