/**
 * `hirewatch erase`, `hold` and `retention` from the command line, as an
 * operator runs them against a database `import` filled (issue 16): after an
 * erasure `results show` answers not found, the audit chain verifies, and
 * the output names what was kept and why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';
import { ordinaryApplication } from '../helpers/case-applications.js';
import { openStore } from '../../src/store/index.js';

describe('hirewatch erase, hold and retention', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-erase-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'hw.db');
  const input = join(dir, 'applications.jsonl');

  it('erases one applicant, keeps a held one, and says so', async () => {
    const records = [
      ordinaryApplication('cli-1', (a) => { a.applicant.fullName = 'Nora Quist'; a.applicant.emails = ['nora.quist@gmail.com']; }),
      ordinaryApplication('cli-2', (a) => { a.applicant.fullName = 'Omar Vidal'; }),
    ];
    writeFileSync(input, records.map((r) => JSON.stringify(r)).join('\n'));
    expect(hirewatch(['import', input, '--db', db]).status).toBe(0);

    let r = hirewatch(['erase', '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give --applicant ID or --email ADDRESS (one of them)');

    r = hirewatch(['erase', '--email', 'Nora.Quist@gmail.com', '--dry-run', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^would erase 1 of 1 application\(s\) of subject hmac-sha256:[0-9a-f]{64}\n {2}removed: 1 applications, 1 versions, 1 normalised forms, 1 results, /);
    expect(hirewatch(['results', 'show', 'cli-1', '--db', db]).status).toBe(0);

    r = hirewatch(['erase', '--email', 'Nora.Quist@gmail.com', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^erased 1 of 1 application\(s\)/);
    expect(r.stdout).toMatch(/tombstone: audit entry \d+/);
    r = hirewatch(['results', 'show', 'cli-1', '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no application cli-1 in organisation default');

    expect(hirewatch(['hold', 'set', '--applicant', 'cli-2', '--reason', 'counsel request 17', '--db', db]).stderr).toContain('cli-2 is now under legal hold');
    r = hirewatch(['erase', '--applicant', 'cli-2', '--db', db]);
    expect(r.stdout).toContain('erased 0 of 1 application(s)');
    expect(r.stdout).toContain('kept cli-2 (greenhouse): legal hold (counsel request 17)');
    expect(hirewatch(['results', 'show', 'cli-2', '--db', db]).status).toBe(0);

    r = hirewatch(['retention', 'set', '--applications', '180', '--cases', '730', '--db', db]);
    expect(r.stdout).toBe([
      'applications: 180 days', 'telemetry: kept (no period set)', 'cases: 730 days', 'open cases: kept until decided',
      'audit log: kept (append-only, hash-chained; entries hold ids and counts, never a name, mailbox or phone)', '',
    ].join('\n'));
    r = hirewatch(['retention', 'apply', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  applications: removed 0 applications, 0 versions');
    expect(r.stdout).toContain('  telemetry: kept (no period set)');

    r = hirewatch(['erase', '--applicant', 'nobody', '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no application found for applicant nobody in organisation default: nothing erased');

    r = hirewatch(['audit', 'verify', '--db', db]);
    expect(r.status).toBe(0);
    const store = await openStore(db);
    try {
      const entries = await store.admin.audit.list();
      expect(entries.map((e) => e.action)).toEqual(['application.import', 'erasure', 'legal_hold.set', 'erasure', 'retention.policy', 'retention.apply']);
      const text = JSON.stringify(entries);
      for (const personal of ['Nora', 'Quist', 'nora.quist']) expect(text).not.toContain(personal);
    } finally {
      await store.close();
    }
  });
});
