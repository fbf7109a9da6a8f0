import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateAuditKey, verifyAudit, writeCheckpoint, type Io } from '../../src/cli/audit-command.js';
import { keyedChainHash } from '../../src/store/audit-chain.js';
import { readAuditKeyFile, type AuditKey } from '../../src/store/audit-key.js';
import type { HirewatchStore } from '../../src/store/index.js';
import { rawSql, type RawSql } from './audit-raw-sql.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

/**
 * Issue 16: the audit key can be rotated. `hirewatch audit rotate-key`
 * switches every organisation's log to a new key by an entry keyed with the
 * old one; entries are verified with the key each names (retired keys from
 * `<key file>.retired/`), checkpoints signed before the rotation still
 * count, and a process holding the old key refuses to write.
 */

const collect = (): Io & { stdout: string; stderr: string } => {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
};

const ORGS = ['acme', 'globex', 'initech', 'umbrella', 'stale'] as const;
const savedKeyEnv = process.env.HIREWATCH_AUDIT_KEY_FILE;
afterAll(() => {
  if (savedKeyEnv === undefined) delete process.env.HIREWATCH_AUDIT_KEY_FILE;
  else process.env.HIREWATCH_AUDIT_KEY_FILE = savedKeyEnv;
});

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`audit key rotation (${engine.title})`, () => {
    let dir: string;
    let keyFile: string;
    let staleKeyFile: string;
    let oldKey: AuditKey;
    let newKey: AuditKey;
    let db: TestDatabase;
    let store: HirewatchStore;
    let sql: RawSql;
    let checkpoint: string;
    let rotation: ReturnType<typeof collect>;
    const append = (org: string, i: number) => store.withOrg(org).admin.audit.append({ actor: 'test', action: 'thing.done', target: `t${i}`, detail: { i } });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hirewatch-rotate-'));
      keyFile = join(dir, 'audit.key');
      writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      oldKey = readAuditKeyFile(keyFile)!;
      // A worker elsewhere with its own copy of the key file, which has written (so holds the old key in memory).
      staleKeyFile = join(dir, 'worker-copy.key');
      copyFileSync(keyFile, staleKeyFile);
      process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      db = await engine.setUp();
      store = await db.open();
      for (const org of ORGS) for (let i = 1; i <= 5; i++) await append(org, i);
      process.env.HIREWATCH_AUDIT_KEY_FILE = staleKeyFile;
      await append('stale', 6);
      process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      sql = await rawSql(engine, db);
      checkpoint = join(dir, 'before-rotation.json');
      expect(await writeCheckpoint({ db: db.cliTarget, out: checkpoint }, collect())).toBe(0);

      rotation = collect();
      expect(await rotateAuditKey({ db: db.cliTarget, allOrgs: true }, rotation), rotation.stderr).toBe(0);
      newKey = readAuditKeyFile(keyFile)!;
      for (const org of ORGS) await append(org, 7);
    });
    afterAll(async () => {
      process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      await sql?.close();
      await store?.close();
      await db?.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('switches every log by an entry keyed with the old key naming the new one; keys are kept owner-only, and never printed', async () => {
      expect(newKey.id).not.toBe(oldKey.id);
      expect(rotation.stdout).toMatch(new RegExp(`^rotated: organisation acme: entry 6 switches from audit key ${oldKey.id} to ${newKey.id}$`, 'm'));
      expect(rotation.stderr).toContain(`audit key ${oldKey.id} is retired to ${join(`${keyFile}.retired`, `${oldKey.id}.key`)}`);
      const [switched] = await sql.run('select * from audit_log where org_id = ? and seq = 6', ['acme']);
      expect(switched).toMatchObject({ action: 'audit.key_rotated', key_id: oldKey.id });
      expect(JSON.parse(String(switched!.detail_json))).toEqual({ fromKeyId: oldKey.id, toKeyId: newKey.id });
      const [head] = await sql.run('select key_id from audit_heads where org_id = ?', ['acme']);
      expect(head!.key_id).toBe(newKey.id);
      const [after] = await sql.run('select key_id from audit_log where org_id = ? and seq = 7', ['acme']);
      expect(after!.key_id).toBe(newKey.id);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const retired = join(`${keyFile}.retired`, `${oldKey.id}.key`);
      expect(statSync(retired).mode & 0o777).toBe(0o600);
      expect(statSync(`${keyFile}.retired`).mode & 0o777).toBe(0o700);
      expect(readAuditKeyFile(retired)!.id).toBe(oldKey.id);
      expect(existsSync(`${keyFile}.next`)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(rotation.stdout + rotation.stderr).not.toMatch(/[0-9a-f]{64}/);
    });

    it('verifies across the switch: each entry with the key it names (store, audit verify, and a checkpoint signed before the rotation)', async () => {
      expect(await store.withOrg('acme').admin.audit.verify()).toMatchObject({ ok: true, checked: 7, rotations: 1 });
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'acme', checkpoint }, io), io.stderr).toBe(0);
      expect(io.stdout).toBe('ok: organisation acme: 7 entries verified; through 1 key rotation(s); checkpointed entry 5 matches\n');
    });

    it('a process still holding the old key refuses to write; once its key file holds the new key it writes again, without a restart', async () => {
      process.env.HIREWATCH_AUDIT_KEY_FILE = staleKeyFile;
      try {
        await expect(append('stale', 8)).rejects.toThrow(`audit key mismatch: the audit log of organisation stale is keyed with audit key ${newKey.id}, but this process holds audit key ${oldKey.id}`);
        copyFileSync(keyFile, staleKeyFile); // the operator rolls the new key out
        expect((await append('stale', 8)).seq).toBe(9);
      } finally {
        process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      }
      expect(await store.withOrg('stale').admin.audit.verify()).toMatchObject({ ok: true, checked: 9, rotations: 1 });
    });

    it('an entry after the switch rewritten with the old key (which the chain no longer accepts) or edited is caught', async () => {
      const [row] = await sql.run('select * from audit_log where org_id = ? and seq = 7', ['globex']);
      const forged = { seq: 7, at: String(row!.at), actor: 'test', action: 'thing.done', target: 't7', detail: { i: 700 } };
      const hash = keyedChainHash(readAuditKeyFile(join(`${keyFile}.retired`, `${oldKey.id}.key`))!, 'globex', String(row!.prev_hash), forged);
      await sql.run('update audit_log set detail_json = ?, hash = ?, key_id = ? where org_id = ? and seq = 7', [JSON.stringify(forged.detail), hash, oldKey.id, 'globex']);
      await sql.run('update audit_heads set hash = ?, key_id = ? where org_id = ?', [hash, oldKey.id, 'globex']);
      expect(await store.withOrg('globex').admin.audit.verify()).toMatchObject({
        ok: false, checked: 6, brokenAt: 7,
        reason: `entry 7 names audit key ${oldKey.id}, but the log was switched to audit key ${newKey.id} by entry 6 and never switched to ${oldKey.id} (rewritten, or written by a process holding another key)`,
      });

      await sql.run('update audit_log set detail_json = ? where org_id = ? and seq = 7', [JSON.stringify({ i: 701 }), 'initech']);
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'initech' }, io)).toBe(1);
      expect(io.stdout).toContain('BROKEN: organisation initech: entry 7 does not match its hash (edited, or the chain recomputed without the audit key)');
    });

    it('a truncation back before the checkpointed entry is caught by the checkpoint taken before the rotation', async () => {
      const [fourth] = await sql.run('select hash from audit_log where org_id = ? and seq = 4', ['umbrella']);
      await sql.run('delete from audit_log where org_id = ? and seq >= 5', ['umbrella']);
      await sql.run('update audit_heads set seq = 4, hash = ?, key_id = ? where org_id = ?', [fourth!.hash, oldKey.id, 'umbrella']);
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'umbrella', checkpoint }, io)).toBe(1);
      expect(io.stdout).toMatch(/^BROKEN: organisation umbrella: the log ends at entry 4, before entry 5 the checkpoint of \S+ records \(entries deleted\)$/m);
    });

    it('without the retired key, verification fails naming it (the checkpoint too); a second rotation chains on', async () => {
      const retired = join(`${keyFile}.retired`, `${oldKey.id}.key`);
      const aside = join(dir, 'aside.key');
      copyFileSync(retired, aside);
      unlinkSync(retired);
      try {
        const result = await store.withOrg('acme').admin.audit.verify();
        expect(result).toMatchObject({ ok: false, checked: 0, brokenAt: 1 });
        expect(result.reason).toBe(`entry 1 names audit key ${oldKey.id}, not the key given (${newKey.id}), nor a retired key at hand (${retired} does not exist)`);
        const io = collect();
        expect(await verifyAudit({ db: db.cliTarget, org: 'acme', checkpoint }, io)).toBe(1);
        expect(io.stderr).toContain(`it was signed with audit key ${oldKey.id}, not the key given (${newKey.id}), nor a retired key at hand (${retired} does not exist)`);
        const refused = collect();
        expect(await rotateAuditKey({ db: db.cliTarget, allOrgs: true }, refused)).toBe(1);
        expect(refused.stderr).toContain(`audit key ${oldKey.id}`);
      } finally {
        copyFileSync(aside, retired);
      }
      // The refused rotation left its new key in audit.key.next; running the command again takes it up.
      const next = readAuditKeyFile(`${keyFile}.next`)!;
      for (const org of ['globex', 'initech', 'umbrella']) await sql.run('delete from audit_log where org_id = ?', [org]), await sql.run('delete from audit_heads where org_id = ?', [org]);
      const again = collect();
      expect(await rotateAuditKey({ db: db.cliTarget, allOrgs: true }, again), again.stderr).toBe(0);
      expect(again.stderr).toContain(`taking up the interrupted rotation to audit key ${next.id}`);
      expect(readAuditKeyFile(keyFile)!.id).toBe(next.id);
      await append('acme', 9);
      expect(await store.withOrg('acme').admin.audit.verify()).toMatchObject({ ok: true, checked: 9, rotations: 2 });
    });
  });
}

describe('audit rotate-key refuses what it cannot do', () => {
  it('without --all-orgs, or without a key to rotate, nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-rotate-'));
    try {
      const io = collect();
      expect(await rotateAuditKey({ db: join(dir, 'x.db') }, io)).toBe(1);
      expect(io.stderr).toContain('give --all-orgs');
      const none = collect();
      writeFileSync(join(dir, 'x.db'), '');
      expect(await rotateAuditKey({ db: join(dir, 'x.db'), allOrgs: true, auditKeyFile: join(dir, 'none.key') }, none)).toBe(1);
      expect(none.stderr).toContain(`no audit key: ${join(dir, 'none.key')} does not exist`);
      expect(readdirSync(dir)).toEqual(['x.db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
