import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit, writeCheckpoint, type Io } from '../../src/cli/audit-command.js';
import { canonicalJson, type HirewatchStore } from '../../src/store/index.js';
import { rawSql, type RawSql, type Row } from './audit-raw-sql.js';
import { ENGINES, type TestDatabase } from './store-engines.js';

/**
 * Finding 3 of "Hardening": the audit chain shows truncation and rewrites.
 * The attacker here can write the database (raw SQL) but cannot read the
 * audit key file. Each organisation of one database gets its own tampering;
 * a checkpoint taken before it is what the log is checked against.
 */

const GENESIS = '0'.repeat(64);

/** What anyone can compute without the key: the unkeyed chain hash (SHA-256 over the previous hash and the entry). */
function plainHash(org: string, prev: string, r: Row): string {
  const detail = JSON.parse(String(r.detail_json)) as unknown;
  return createHash('sha256')
    .update(prev + canonicalJson({ org, seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, target: r.target ?? null, detail }))
    .digest('hex');
}

/** Rewrite an organisation's entries from `from` on with plain SHA-256 (optionally marking them unkeyed), and its head row. */
async function recomputePlain(sql: RawSql, org: string, options: { from: number; unkey: boolean }): Promise<void> {
  const rows = await sql.run('select * from audit_log where org_id = ? order by seq', [org]);
  let prev = GENESIS;
  for (const r of rows) {
    if (Number(r.seq) < options.from) {
      prev = String(r.hash);
      continue;
    }
    const hash = plainHash(org, prev, r);
    await sql.run(`update audit_log set prev_hash = ?, hash = ?${options.unkey ? ', key_id = null' : ''} where org_id = ? and seq = ?`, [prev, hash, org, r.seq]);
    prev = hash;
  }
  await sql.run(`update audit_heads set hash = ?${options.unkey ? ', key_id = null' : ''} where org_id = ?`, [prev, org]);
}

const collect = (): Io & { stdout: string; stderr: string } => {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
};

const line = (text: string, org: string): string => text.split('\n').filter((l) => l.includes(`organisation ${org}:`)).join('\n');

let dir: string;
let keyFile: string;
const savedKeyEnv = process.env.HIREWATCH_AUDIT_KEY_FILE;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hirewatch-audit-'));
  keyFile = join(dir, 'audit.key');
  writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
});
afterAll(() => {
  if (savedKeyEnv === undefined) delete process.env.HIREWATCH_AUDIT_KEY_FILE;
  else process.env.HIREWATCH_AUDIT_KEY_FILE = savedKeyEnv;
  rmSync(dir, { recursive: true, force: true });
});

const ORGS = ['intact', 'truncated', 'cut-short', 'gone', 'rewritten', 'unkeyed'] as const;

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`audit chain: truncation and rewrites show (${engine.title})`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    let sql: RawSql;
    let checkpoint: string;
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open();
      for (const org of ORGS) {
        for (let i = 1; i <= 5; i++) await store.withOrg(org).admin.audit.append({ actor: 'test', action: 'thing.done', target: `t${i}`, detail: { i } });
      }
      sql = await rawSql(engine, db);
      checkpoint = join(dir, `${engine.name}.checkpoint.json`);
      const io = collect();
      expect(await writeCheckpoint({ db: db.cliTarget, out: checkpoint }, io), io.stderr).toBe(0);
      expect(io.stdout).toContain('checkpoint: organisation truncated: entry 5');
    });
    afterAll(async () => {
      await sql?.close();
      await store?.close();
      await db?.tearDown();
    });

    it('an untouched log verifies, against the checkpoint too', async () => {
      expect(await store.withOrg('intact').admin.audit.verify()).toMatchObject({ ok: true, checked: 5 });
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'intact', checkpoint }, io)).toBe(0);
      expect(io.stdout).toBe('ok: organisation intact: 5 entries verified; checkpointed entry 5 matches\n');
    });

    it('deleting the last entry (head row moved back too) is caught by the checkpoint', async () => {
      const [fourth] = await sql.run('select hash from audit_log where org_id = ? and seq = 4', ['truncated']);
      await sql.run('delete from audit_log where org_id = ? and seq = 5', ['truncated']);
      await sql.run('update audit_heads set seq = 4, hash = ? where org_id = ?', [fourth!.hash, 'truncated']);
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'truncated', checkpoint }, io)).toBe(1);
      expect(io.stdout).toMatch(/^BROKEN: organisation truncated: the log ends at entry 4, before entry 5 the checkpoint of \S+ records \(entries deleted\)$/m);
    });

    it('deleting the last entry and leaving the head row is caught without a checkpoint', async () => {
      await sql.run('delete from audit_log where org_id = ? and seq = 5', ['cut-short']);
      expect(await store.withOrg('cut-short').admin.audit.verify()).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringContaining('head row says it reached entry 5') });
    });

    it("deleting an organisation's whole log (and its head row) is caught by the checkpoint, naming the organisation", async () => {
      await sql.run('delete from audit_log where org_id = ?', ['gone']);
      await sql.run('delete from audit_heads where org_id = ?', ['gone']);
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, checkpoint }, io)).toBe(1);
      expect(line(io.stdout, 'gone')).toMatch(/^BROKEN: organisation gone: the log is gone: the checkpoint of \S+ records 5 entries$/);
      expect(line(io.stdout, 'intact')).toMatch(/^ok: organisation intact: 5 entries verified/);
    });

    it('editing an entry and recomputing the chain with plain SHA-256 is caught, with and without the checkpoint', async () => {
      await sql.run('update audit_log set detail_json = ? where org_id = ? and seq = 2', [JSON.stringify({ i: 99 }), 'rewritten']);
      await recomputePlain(sql, 'rewritten', { from: 2, unkey: false });
      expect(await store.withOrg('rewritten').admin.audit.verify()).toMatchObject({ ok: false, checked: 1, brokenAt: 2 });
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'rewritten', checkpoint }, io)).toBe(1);
      expect(io.stdout).toContain('BROKEN: organisation rewritten: entry 2 does not match its hash (edited, or the chain recomputed without the audit key)');
      expect(io.stdout).toMatch(/BROKEN: organisation rewritten: entry 5 has another hash than the checkpoint of \S+ records \(the log was rewritten\)/);
    });

    it('passing the whole log off as unkeyed (SHA-256 recomputed, key ids cleared) is caught by the checkpoint', async () => {
      await sql.run('update audit_log set detail_json = ? where org_id = ? and seq = 3', [JSON.stringify({ i: 42 }), 'unkeyed']);
      await recomputePlain(sql, 'unkeyed', { from: 1, unkey: true });
      // The chain alone cannot tell such a log from one written before keyed audit; it says how much is unkeyed.
      expect(await store.withOrg('unkeyed').admin.audit.verify()).toMatchObject({ ok: true, checked: 5, unkeyed: 5 });
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'unkeyed', checkpoint }, io)).toBe(1);
      expect(io.stdout).toMatch(/BROKEN: organisation unkeyed: entry 5 has another hash than the checkpoint/);
    });

    it('refuses a checkpoint file that was edited', async () => {
      const edited = join(dir, `${engine.name}.edited.json`);
      const cp = JSON.parse(readFileSync(checkpoint, 'utf8')) as { heads: { org: string; seq: number }[] };
      cp.heads.find((h) => h.org === 'truncated')!.seq = 4;
      writeFileSync(edited, JSON.stringify(cp));
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, checkpoint: edited }, io)).toBe(1);
      expect(io.stderr).toContain(`checkpoint ${edited} is not to be trusted: its signature does not verify`);
    });

    it('a log checked with another key names the key; a process with another key cannot extend it', async () => {
      const other = join(dir, `${engine.name}.other.key`);
      writeFileSync(other, randomBytes(32).toString('hex'));
      const io = collect();
      expect(await verifyAudit({ db: db.cliTarget, org: 'intact', auditKeyFile: other }, io)).toBe(1);
      expect(io.stdout).toMatch(/BROKEN: organisation intact: entry 1 names audit key [0-9a-f]{16}, not the key given \([0-9a-f]{16}\)/);
      process.env.HIREWATCH_AUDIT_KEY_FILE = other;
      try {
        await expect(store.withOrg('intact').admin.audit.append({ actor: 'test', action: 'thing.done' })).rejects.toThrow(/audit key mismatch: the audit log of organisation intact is keyed with audit key/);
      } finally {
        process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      }
      expect(await store.withOrg('intact').admin.audit.verify()).toMatchObject({ ok: true, checked: 5 });
    });
  });

  describe.skipIf(!engine.available)(`audit chain: entries from before keyed audit (${engine.title})`, () => {
    let db: TestDatabase;
    let store: HirewatchStore;
    let sql: RawSql;
    beforeAll(async () => {
      db = await engine.setUp();
      store = await db.open();
      sql = await rawSql(engine, db);
    });
    afterAll(async () => {
      await sql?.close();
      await store?.close();
      await db?.tearDown();
    });

    /** Three entries as the unkeyed chain wrote them (key_id null), with their head row. */
    async function legacyLog(org: string): Promise<void> {
      let prev = GENESIS;
      for (let seq = 1; seq <= 3; seq++) {
        const row = { seq, at: `2026-01-0${seq}T00:00:00.000Z`, actor: 'cli', action: 'keys.create', target: `k${seq}`, detail_json: JSON.stringify({ role: 'analyst' }) };
        const hash = plainHash(org, prev, row);
        await sql.run('insert into audit_log (org_id, seq, at, actor, action, target, detail_json, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [org, seq, row.at, row.actor, row.action, row.target, row.detail_json, prev, hash]);
        prev = hash;
      }
      await sql.run('insert into audit_heads (org_id, seq, hash) values (?, ?, ?)', [org, 3, prev]);
    }

    it('keeps verifying: the first keyed append is preceded by a switch-over entry that anchors the unkeyed ones', async () => {
      await legacyLog('old');
      expect(await store.withOrg('old').admin.audit.verify()).toMatchObject({ ok: true, checked: 3, unkeyed: 3 });
      await store.withOrg('old').admin.audit.append({ actor: 'test', action: 'thing.done' });
      const log = await store.withOrg('old').admin.audit.list();
      expect(log.map((e) => [e.seq, e.action])).toEqual([[1, 'keys.create'], [2, 'keys.create'], [3, 'keys.create'], [4, 'audit.keyed'], [5, 'thing.done']]);
      expect(log[3]!.detail).toMatchObject({ unkeyedEntries: 3, unkeyedHead: log[2]!.hash });
      expect(await store.withOrg('old').admin.audit.verify()).toMatchObject({ ok: true, checked: 5, unkeyed: 3 });
    });

    it('an unkeyed entry rewritten after the switch-over (its chain recomputed) is caught', async () => {
      await legacyLog('old2');
      await store.withOrg('old2').admin.audit.append({ actor: 'test', action: 'thing.done' });
      await sql.run('update audit_log set detail_json = ? where org_id = ? and seq = 2', [JSON.stringify({ role: 'admin' }), 'old2']);
      let prev = GENESIS;
      for (const r of await sql.run('select * from audit_log where org_id = ? and seq <= 3 order by seq', ['old2'])) {
        const hash = plainHash('old2', prev, r);
        await sql.run('update audit_log set prev_hash = ?, hash = ? where org_id = ? and seq = ?', [prev, hash, 'old2', r.seq]);
        prev = hash;
      }
      await sql.run('update audit_log set prev_hash = ? where org_id = ? and seq = 4', [prev, 'old2']);
      const result = await store.withOrg('old2').admin.audit.verify();
      expect(result).toMatchObject({ ok: false, checked: 3, brokenAt: 4 });
    });
  });
}

describe('the audit key file and the database are never created by the commands that read them', () => {
  it('audit verify --db ./typo.db says the file does not exist and creates nothing', async () => {
    const typo = join(dir, 'typo.db');
    const io = collect();
    expect(await verifyAudit({ db: typo }, io)).toBe(1);
    expect(io.stderr).toBe(`hirewatch: the database file ${typo} does not exist (nothing was created)\n`);
    expect(existsSync(typo)).toBe(false);
    expect(await writeCheckpoint({ db: typo, out: join(dir, 'cp.json') }, collect())).toBe(1);
    expect(existsSync(typo)).toBe(false);
  });

  it('a writer creates a missing key file, 0600, with 256 random bits; verify and checkpoint never do', async () => {
    const fresh = join(dir, 'fresh', 'audit.key');
    const file = join(dir, 'fresh.db');
    const { openStore } = await import('../../src/store/index.js');
    const store = await openStore(file, { org: 'acme' });
    try {
      expect(await verifyAudit({ db: file, auditKeyFile: fresh, checkpoint: join(dir, 'none.json') }, collect())).toBe(1);
      expect(existsSync(fresh)).toBe(false);
      process.env.HIREWATCH_AUDIT_KEY_FILE = fresh;
      await store.admin.audit.append({ actor: 'test', action: 'thing.done' });
      expect(readFileSync(fresh, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const io = collect();
      expect(await verifyAudit({ db: file, auditKeyFile: fresh }, io)).toBe(0);
      expect(io.stdout).toBe('ok: organisation acme: 1 entries verified\n');
    } finally {
      process.env.HIREWATCH_AUDIT_KEY_FILE = keyFile;
      await store.close();
    }
  });
});
