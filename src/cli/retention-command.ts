import type { Command } from 'commander';
import { Retention, type ErasureReport, type RetentionReport } from '../service/index.js';
import { AUDIT_KEY_FILE_ENV, useAuditKeyFile } from '../store/admin-queries.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG, RetentionPolicySchema, StoreError, type HirewatchStore, type RetentionPolicy } from '../store/index.js';
import { EXIT, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { positiveInteger } from './option-parsers.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * `hirewatch retention show|set|apply`, `hirewatch erase` and `hirewatch
 * hold set|release|list` (docs/RETENTION.md): every change goes through the
 * Retention service, one transaction with its audit entry. The database is
 * never created (there is nothing to remove from a database that does not
 * exist).
 */
interface StoreOptions { readonly db?: string; readonly org: string; readonly auditKeyFile?: string }
interface EraseOptions extends StoreOptions { readonly applicant?: string; readonly email?: string; readonly source?: string; readonly dryRun?: boolean; readonly format: string }
interface HoldOptions extends StoreOptions { readonly applicant: string; readonly source?: string; readonly reason?: string }
interface PolicyOptions extends StoreOptions { readonly applications?: number; readonly telemetry?: number; readonly cases?: number; readonly keep?: string[] }

const ACTOR = (action: string) => ({ actor: 'cli', action });
const KINDS = ['applications', 'telemetry', 'cases'] as const;

async function withStore<T>(options: StoreOptions, work: (store: HirewatchStore) => Promise<T>): Promise<T> {
  useAuditKeyFile(options.auditKeyFile);
  const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
  try {
    return await work(store);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'ambiguous') throw new UsageError(`${err.message} (--source)`);
    throw err;
  } finally {
    await store.close();
  }
}

const counted = (counts: object): string =>
  Object.entries(counts as Record<string, number>).map(([table, n]) => `${n} ${table.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`).join(', ');

const describePolicy = (p: RetentionPolicy): string[] => [
  ...KINDS.map((k) => `${k}: ${p[k] ? `${p[k]} days` : 'kept (no period set)'}`),
  'open cases: kept until decided',
  'audit log: kept (append-only, hash-chained; entries hold ids and counts, never a name, mailbox or phone)',
];

function printErasure(r: ErasureReport, format: string): void {
  if (format === 'json') {
    process.stdout.write(forStdout(`${JSON.stringify(r)}\n`));
    return;
  }
  const out = [`${r.dryRun ? 'would erase' : 'erased'} ${r.found - r.kept.length} of ${r.found} application(s) of subject ${r.subject}`, `  removed: ${counted(r.removed)}`];
  for (const k of r.kept) out.push(`  kept ${terminalSafe(k.id)}${k.source ? ` (${terminalSafe(k.source)})` : ''}: ${terminalSafe(k.reason)}`);
  if (r.tombstone !== undefined) out.push(`  tombstone: audit entry ${r.tombstone} (the subject's keyed digest and these counts)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printRetention(r: RetentionReport): void {
  const out = [`${r.dryRun ? 'retention dry run' : 'retention applied'}:`];
  for (const kind of KINDS) {
    const counts = r.removed[kind];
    out.push(`  ${kind}: ${counts ? `${r.dryRun ? 'would remove' : 'removed'} ${counted(counts)}` : 'kept (no period set)'}`);
  }
  out.push(`  kept past their period: ${r.kept.legalHold} under legal hold, ${r.kept.openCase} in an open case`, '  open cases and the audit log: kept');
  if (r.auditEntry !== undefined) out.push(`  audit entry ${r.auditEntry}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerRetentionCommands(program: Command): void {
  const db = `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`;
  const keyFile = `the audit key (default: ${AUDIT_KEY_FILE_ENV}, else ~/.config/hirewatch/audit.key)`;
  const retention = program.command('retention').description('retention periods per kind of record, and removing what is past them');
  retention.command('show').description("the organisation's retention periods and what is always kept")
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG)
    .action((o: StoreOptions) => withStore(o, async (store) => {
      process.stdout.write(`${describePolicy(await new Retention().policy(store)).join('\n')}\n`);
    }));
  retention.command('set').description('set retention periods in days (--keep KIND: no period, kept)')
    .option('--applications <days>', 'applications with their versions, results, links: days since last received', positiveInteger)
    .option('--telemetry <days>', 'telemetry device-days and post-hire alerts: days since the day', positiveInteger)
    .option('--cases <days>', 'decided cases: days since the decision (open cases are never removed)', positiveInteger)
    .option('--keep <kind>', `a kind kept with no period (${KINDS.join(', ')}); repeatable`, collect)
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG).option('--audit-key-file <file>', keyFile)
    .action((o: PolicyOptions) => withStore(o, async (store) => {
      const service = new Retention();
      const next: Record<string, number | null> = { ...(await service.policy(store)) };
      for (const k of o.keep ?? []) {
        if (!(KINDS as readonly string[]).includes(k)) throw new UsageError(`--keep ${JSON.stringify(k)}: one of ${KINDS.join(', ')}`);
        next[k] = null;
      }
      for (const k of KINDS) if (o[k] !== undefined) next[k] = o[k];
      const policy = await service.setPolicy(store, RetentionPolicySchema.parse(next), ACTOR('retention.policy'));
      process.stdout.write(`${describePolicy(policy).join('\n')}\n`);
    }));
  retention.command('apply').description('remove what is past its period (counts per kind); --dry-run counts without removing')
    .option('--dry-run', 'count what would be removed; change nothing')
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG).option('--audit-key-file <file>', keyFile)
    .action((o: StoreOptions & { dryRun?: boolean }) => withStore(o, async (store) => {
      printRetention(await new Retention().apply(store, ACTOR('retention.apply'), { dryRun: o.dryRun === true }));
    }));

  program.command('erase').description("erase one person's data on request (GDPR art. 17, CCPA); a legal hold or an open case keeps what it needs")
    .option('--applicant <id>', 'the application id')
    .option('--source <source>', 'with --applicant: only the application from this source')
    .option('--email <address>', 'every application giving this mailbox')
    .option('--dry-run', 'say what would be erased; change nothing')
    .option('--format <format>', 'text or json', 'text')
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG).option('--audit-key-file <file>', keyFile)
    .action((o: EraseOptions) => {
      if ((o.applicant === undefined) === (o.email === undefined)) throw new UsageError('give --applicant ID or --email ADDRESS (one of them)');
      if (o.source !== undefined && o.applicant === undefined) throw new UsageError('--source goes with --applicant');
      if (o.format !== 'text' && o.format !== 'json') throw new UsageError('--format: text or json');
      return withStore(o, async (store) => {
        const subject = o.applicant !== undefined
          ? { kind: 'applicant' as const, id: o.applicant, ...(o.source !== undefined ? { source: o.source } : {}) }
          : { kind: 'email' as const, address: o.email! };
        const report = await new Retention().erase(store, subject, ACTOR('erasure'), { dryRun: o.dryRun === true });
        if (report.found === 0) {
          say(`no application found for ${o.applicant !== undefined ? `applicant ${o.applicant}` : 'that mailbox'} in organisation ${o.org}: nothing erased`);
          process.exitCode = EXIT.failed;
          return;
        }
        printErasure(report, o.format);
      });
    });

  const hold = program.command('hold').description('legal holds: a held application is kept by retention and by erasure requests');
  hold.command('set').description('put an application under legal hold').requiredOption('--applicant <id>', 'the application id')
    .requiredOption('--reason <text>', 'why (a matter, a request from counsel)').option('--source <source>', 'the source, when the id is stored under several')
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG).option('--audit-key-file <file>', keyFile)
    .action((o: HoldOptions) => withStore(o, async (store) => {
      const { hold: h, created } = await new Retention().setHold(store, { id: o.applicant, ...(o.source !== undefined ? { source: o.source } : {}) }, o.reason!, ACTOR('legal_hold.set'));
      say(`${terminalSafe(h.applicationId)} ${created ? 'is now under legal hold' : 'was under legal hold already (reason replaced)'}`);
    }));
  hold.command('release').description('release a legal hold').requiredOption('--applicant <id>', 'the application id').option('--source <source>', 'the source')
    .option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG).option('--audit-key-file <file>', keyFile)
    .action((o: HoldOptions) => withStore(o, async (store) => {
      const released = await new Retention().releaseHold(store, { id: o.applicant, ...(o.source !== undefined ? { source: o.source } : {}) }, ACTOR('legal_hold.release'));
      say(released ? `legal hold on ${terminalSafe(o.applicant)} released` : `${terminalSafe(o.applicant)} was not under legal hold`);
      if (!released) process.exitCode = EXIT.failed;
    }));
  hold.command('list').description('applications under legal hold').option('--db <path|url>', db).option('--org <org>', 'organisation', DEFAULT_ORG)
    .action((o: StoreOptions) => withStore(o, async (store) => {
      const holds = await new Retention().holds(store);
      for (const h of holds) process.stdout.write(forStdout(`${JSON.stringify(h)}\n`));
      say(`${holds.length} application(s) under legal hold`);
    }));
}
