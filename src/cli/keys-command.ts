import { Command, Option } from 'commander';
import { AUDIT_KEY_FILE_ENV, useAuditKeyFile } from '../store/admin-queries.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, ROLES, resolveStoreTarget, type HirewatchStore, type Role } from '../store/index.js';
import { EXIT, say } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * `hirewatch keys create --role ROLE [--org ORG] [--label TEXT]`: a new API
 * key, printed once on standard output (only its hash is stored);
 * `keys list` (ids, roles, dates: never a secret); `keys revoke PREFIX`.
 * Creation and revocation are appended to the organisation's audit log
 * (keyed with the audit key: `--audit-key-file`, else HIREWATCH_AUDIT_KEY_FILE,
 * else the default file, created when absent).
 *
 * A revocation takes effect at once for every server process that looks
 * keys up on each request (the default); one configured to cache verified
 * keys (HIREWATCH_KEY_CACHE_MS) accepts the revoked key for at most that long.
 */
interface KeyOptions {
  db?: string;
  org: string;
  auditKeyFile?: string;
}

/**
 * `create` opens (and on first use creates) the database; `list` and `revoke`
 * only find what is there (`mustExist`): a database file that does not exist
 * is not created, the command says so (exit 1).
 */
async function withStore<T>(options: KeyOptions, run: (store: HirewatchStore) => Promise<T>, mustExist = false): Promise<T> {
  const org = parseOrg(options.org);
  const target = mustExist ? existingStoreTarget(options.db) : resolveStoreTarget(options.db);
  if (options.auditKeyFile) useAuditKeyFile(options.auditKeyFile);
  const store = await openNamedStore(target, { org });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

export async function createKey(options: KeyOptions & { role: Role; label?: string }): Promise<number> {
  return withStore(options, async (store) => {
    const { keyId, secret } = await store.admin.apiKeys.create(options.role, options.label);
    await store.admin.audit.append({ actor: 'cli', action: 'keys.create', target: keyId, detail: { role: options.role, ...(options.label ? { label: options.label } : {}) } });
    process.stdout.write(`${secret}\n`);
    say(`key ${keyId} (${options.role}, organisation ${store.org}) created; it is shown this once and only its hash is stored`);
    return EXIT.done;
  });
}

export async function listKeys(options: KeyOptions & { json: boolean }): Promise<number> {
  return withStore(options, async (store) => {
    const keys = await store.admin.apiKeys.list();
    if (options.json) {
      for (const k of keys) process.stdout.write(forStdout(`${JSON.stringify(k)}\n`));
      return EXIT.done;
    }
    process.stdout.write(`${'PREFIX'.padEnd(14)} ${'ROLE'.padEnd(10)} ${'CREATED'.padEnd(24)} ${'STATUS'.padEnd(32)} LABEL\n`);
    for (const k of keys) {
      process.stdout.write(`${k.keyId.padEnd(14)} ${k.role.padEnd(10)} ${k.createdAt.padEnd(24)} ${(k.revokedAt ? `revoked ${k.revokedAt}` : 'active').padEnd(32)} ${terminalSafe(k.label ?? '')}\n`);
    }
    if (keys.length === 0) say(`no keys in organisation ${store.org}`);
    return EXIT.done;
  }, true);
}

export async function revokeKey(prefix: string, options: KeyOptions): Promise<number> {
  return withStore(options, async (store) => {
    const revoked = await store.admin.apiKeys.revoke(prefix);
    if (!revoked) {
      say(`no active key ${prefix} in organisation ${store.org}`);
      return EXIT.failed;
    }
    await store.admin.audit.append({ actor: 'cli', action: 'keys.revoke', target: prefix });
    process.stdout.write(`revoked ${terminalSafe(prefix)}\n`);
    return EXIT.done;
  }, true);
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys of the HTTP service: create (shown once), list, revoke');
  const common = (c: Command): Command =>
    c
      .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE})`)
      .option('--org <org>', 'organisation the key belongs to', DEFAULT_ORG)
      .option('--audit-key-file <file>', `the audit key the audit entry is keyed with (default: ${AUDIT_KEY_FILE_ENV}, else ~/.config/hirewatch/audit.key)`);
  common(keys.command('create').description('create a key and print it once (only its hash is stored)'))
    .addOption(new Option('--role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory())
    .option('--label <text>', 'a note: who or what uses the key')
    .action(async (options: KeyOptions & { role: Role; label?: string }) => {
      process.exitCode = await createKey(options);
    });
  common(keys.command('list').description('list keys: prefix, role, dates (never a secret)'))
    .option('--json', 'one JSON object per key', false)
    .action(async (options: KeyOptions & { json: boolean }) => {
      process.exitCode = await listKeys(options);
    });
  common(keys.command('revoke').description('revoke a key by its prefix (the id shown by keys list)'))
    .argument('<prefix>', 'the key id')
    .action(async (prefix: string, options: KeyOptions) => {
      process.exitCode = await revokeKey(prefix, options);
    });
}
