import { Command } from 'commander';
import { listOrganisations } from '../server/persistence/org-list.js';
import { DEFAULT_DB_FILE, OrgIdSchema, openStore, resolveStoreTarget } from '../store/index.js';

/**
 * `hirewatch audit verify [--db PATH|URL] [--org ORG]`: recompute every
 * organisation's audit hash chain. Prints `ok` and the number of entries
 * checked, or the first entry that does not follow the chain; exit status 1
 * when any chain is broken.
 */
interface AuditOptions {
  db?: string;
  org?: string;
  json: boolean;
}

export async function verifyAudit(options: AuditOptions): Promise<number> {
  const target = resolveStoreTarget(options.db);
  const orgs = options.org ? [OrgIdSchema.parse(options.org)] : await listOrganisations(target);
  const store = await openStore(target);
  let broken = 0;
  try {
    for (const org of orgs) {
      const result = await store.withOrg(org).admin.audit.verify();
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ org, ...result })}\n`);
      } else if (result.ok) {
        process.stdout.write(`ok: organisation ${org}: ${result.checked} entries verified\n`);
      } else {
        process.stdout.write(`BROKEN: organisation ${org}: entry ${result.brokenAt} does not follow the chain (${result.checked} entries before it verify)\n`);
      }
      if (!result.ok) broken++;
    }
  } finally {
    await store.close();
  }
  if (orgs.length === 0) process.stdout.write('ok: no audit log yet (0 entries)\n');
  return broken > 0 ? 1 : 0;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log of the HTTP service');
  audit
    .command('verify')
    .description('recompute the hash chain: ok and the count, or the first broken entry (exit 1)')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE})`)
    .option('--org <org>', 'one organisation (default: every organisation in the log)')
    .option('--json', 'one JSON object per organisation', false)
    .action(async (options: AuditOptions) => {
      process.exitCode = await verifyAudit(options);
    });
}
