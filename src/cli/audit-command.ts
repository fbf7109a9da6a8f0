import { registerAuditBiasCommand } from './audit-bias-command.js';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  AUDIT_KEY_FILE_ENV, openCheckpoint, signCheckpoint, type AuditKeyLookup, type ChainVerification, type Checkpoint, type CheckpointHead,
} from '../store/admin-queries.js';
import { DEFAULT_DB_FILE, describeStoreTarget, openStore, type HirewatchStore } from '../store/index.js';
import { CommandFailure, existingTarget, organisations, processIo, readKeys, run, type Io } from './audit-cli-common.js';
import { registerRotateKeyCommand } from './audit-rotate-command.js';

export type { Io } from './audit-cli-common.js';
export { rotateAuditKey } from './audit-rotate-command.js';

/**
 * `hirewatch audit verify [--db PATH|URL] [--org ORG] [--checkpoint FILE]`:
 * recompute every organisation's audit chain (keyed: HMAC-SHA256 under the
 * audit key: src/store/audit-chain.ts, audit-key.ts, audit-checkpoint.ts). Prints `ok` and the number of
 * entries checked, or what is wrong and where; exit status 1 when anything
 * is. With a checkpoint, also: the log must reach the checkpointed entry,
 * that entry must have the checkpointed hash, and every organisation in the
 * checkpoint must still have its log.
 *
 * `hirewatch audit checkpoint [--db] [--org ORG] --out FILE`: verify, then
 * write each organisation's head (org, seq, hash, time) to FILE, signed with
 * the audit key. Keep the file outside the database (another machine, a
 * write-once bucket): what it records cannot be deleted from the database
 * unnoticed.
 *
 * Both read the audit key from `--audit-key-file`, HIREWATCH_AUDIT_KEY_FILE
 * or the default file, and never create one; neither creates a database.
 * Entries and checkpoints from before a key rotation (`audit rotate-key`:
 * audit-rotate-command.ts) are checked with the retired key they name, from
 * the folder beside the key file (`<key file>.retired/<id>.key`).
 */
interface CommonOptions {
  db?: string;
  org?: string;
  auditKeyFile?: string;
}

export interface VerifyOptions extends CommonOptions {
  json?: boolean;
  checkpoint?: string;
}

export interface CheckpointOptions extends CommonOptions {
  out: string;
}

function readCheckpoint(file: string, keys: AuditKeyLookup): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CommandFailure(`checkpoint ${file} cannot be read: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not JSON'}`);
  }
  const opened = openCheckpoint(keys, value);
  if (!opened.ok) throw new CommandFailure(`checkpoint ${file} is not to be trusted: ${opened.reason}`);
  return opened.checkpoint;
}

/** What a checkpointed head says about the log as it is now; undefined when it agrees. */
async function checkpointProblem(store: HirewatchStore, head: CheckpointHead, createdAt: string): Promise<string | undefined> {
  const [atSeq] = await store.admin.audit.list(head.seq - 1, 1);
  if (atSeq && atSeq.seq === head.seq) {
    return atSeq.hash === head.hash ? undefined : `entry ${head.seq} has another hash than the checkpoint of ${createdAt} records (the log was rewritten)`;
  }
  const last = await store.admin.audit.last();
  if (!last) return `the log is gone: the checkpoint of ${createdAt} records ${head.seq} entries`;
  if (last.seq < head.seq) return `the log ends at entry ${last.seq}, before entry ${head.seq} the checkpoint of ${createdAt} records (entries deleted)`;
  return `entry ${head.seq}, which the checkpoint of ${createdAt} records, is missing`;
}

export async function verifyAudit(options: VerifyOptions, io: Io = processIo): Promise<number> {
  return run(io, async () => {
    const target = existingTarget(options.db);
    const { keys } = readKeys(options.auditKeyFile, options.checkpoint ? 'the checkpoint is signed with it' : '');
    const checkpoint = options.checkpoint ? readCheckpoint(options.checkpoint, keys) : undefined;
    const checkpointed = new Map((checkpoint?.heads ?? []).map((h) => [h.org, h]));
    const orgs = await organisations(target, options.org, [...checkpointed.keys()]);
    const store = await openStore(target);
    let broken = 0;
    try {
      for (const org of orgs) {
        const bound = store.withOrg(org);
        const result: ChainVerification = await bound.admin.audit.verify({ key: keys });
        const head = checkpointed.get(org);
        const problem = head ? await checkpointProblem(bound, head, checkpoint!.createdAt) : undefined;
        const ok = result.ok && !problem;
        if (!ok) broken++;
        if (options.json) {
          const { last: _last, ...shown } = result;
          io.out(`${JSON.stringify({ org, ...shown, ok, ...(head ? { checkpoint: { seq: head.seq, ok: !problem, ...(problem ? { problem } : {}) } } : {}) })}\n`);
          continue;
        }
        const rotated = result.rotations ? `; through ${result.rotations} key rotation(s)` : '';
        const unkeyed = `${rotated}${result.unkeyed ? `; ${result.unkeyed} of them from before keyed audit (SHA-256 only, anchored by the switch-over entry when keyed entries follow)` : ''}`;
        if (!result.ok) io.out(`BROKEN: organisation ${org}: ${result.reason} (${result.checked} entries before it verify${unkeyed})\n`);
        if (problem) io.out(`BROKEN: organisation ${org}: ${problem}\n`);
        if (ok) io.out(`ok: organisation ${org}: ${result.checked} entries verified${unkeyed}${head ? `; checkpointed entry ${head.seq} matches` : ''}\n`);
      }
    } finally {
      await store.close();
    }
    if (orgs.length === 0 && !options.json) io.out(`ok: no audit log yet in ${describeStoreTarget(target)} (0 entries)\n`);
    return broken > 0 ? 1 : 0;
  });
}

export async function writeCheckpoint(options: CheckpointOptions, io: Io = processIo, now: () => Date = () => new Date()): Promise<number> {
  return run(io, async () => {
    const target = existingTarget(options.db);
    const { keys } = readKeys(options.auditKeyFile, 'a checkpoint is signed with it');
    const key = keys.current!;
    const orgs = await organisations(target, options.org);
    const store = await openStore(target);
    const heads: CheckpointHead[] = [];
    try {
      for (const org of orgs) {
        const result = await store.withOrg(org).admin.audit.verify({ key: keys });
        if (!result.ok) throw new CommandFailure(`organisation ${org}: ${result.reason}; no checkpoint written (a checkpoint must not vouch for a broken log)`);
        if (result.last) heads.push({ org, seq: result.last.seq, hash: result.last.hash, at: result.last.at });
      }
    } finally {
      await store.close();
    }
    const checkpoint = signCheckpoint(key, heads, now().toISOString());
    const temp = `${options.out}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(checkpoint, null, 2)}\n`);
    renameSync(temp, options.out);
    for (const h of heads) io.out(`checkpoint: organisation ${h.org}: entry ${h.seq} (${h.at})\n`);
    io.err(`hirewatch: ${heads.length} organisation head(s) written to ${options.out}, signed with audit key ${key.id}; keep it outside the database\n`);
    return 0;
  });
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the keyed, hash-chained audit log of the HTTP service (verify, checkpoint, rotate-key), and the bias audit (bias)');
  const common = (c: Command): Command =>
    c
      .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
      .option('--org <org>', 'one organisation (default: every organisation in the log, and in the checkpoint)')
      .option('--audit-key-file <file>', `the audit key (default: ${AUDIT_KEY_FILE_ENV}, else ~/.config/hirewatch/audit.key); never created`);
  common(audit.command('verify').description('recompute the chains: ok and the count, or what is wrong and where (exit 1)'))
    .option('--checkpoint <file>', 'also check the log against a checkpoint (audit checkpoint): nothing deleted or rewritten up to it')
    .option('--json', 'one JSON object per organisation', false)
    .action(async (options: VerifyOptions) => {
      process.exitCode = await verifyAudit(options);
    });
  common(audit.command('checkpoint').description("verify, then write each organisation's head (org, seq, hash, time), signed with the audit key"))
    .requiredOption('--out <file>', 'the checkpoint file: keep it outside the database')
    .action(async (options: CheckpointOptions) => {
      process.exitCode = await writeCheckpoint(options);
    });
  registerRotateKeyCommand(audit);
  registerAuditBiasCommand(audit);
}
