import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-weights-'));
const weights = join(dir, 'weights');

/** Decided cases carrying their signals: a hosting IP always confirmed, a disposable mailbox always cleared. */
function decisions(count: number): string {
  return Array.from({ length: count }, (_, i) => {
    const positive = i % 3 === 0;
    const signals: string[] = [];
    if (positive && i % 2 === 0) signals.push('geography.ip_hosting_or_vpn');
    if (!positive && i % 2 === 0) signals.push('contact.disposable_email');
    if (i % 5 === 0) signals.push('contact.phone_plus1_format');
    return JSON.stringify({ applicationId: `a${i}`, decision: positive ? 'confirmed_fraud' : 'cleared', date: '2026-11-01', signals });
  }).join('\n');
}

describe('hirewatch train and weights', () => {
  it('refuses too few labels, with the counts', () => {
    const few = join(dir, 'few.jsonl');
    writeFileSync(few, decisions(30));
    const r = hirewatch(['train', '--labels', few, '--dir', weights]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('hirewatch: too few labels to train on: 10 confirmed fraud and 20 cleared; training needs at least 20 of each (fewer would move the weights on chance), so the weights stay as they are\n');
  });

  it('trains a version (0600), lists, diffs, activates and rolls back, each change in audit.jsonl; the active weights change screening', () => {
    const labels = join(dir, 'decisions.jsonl');
    writeFileSync(labels, decisions(240));
    const t = hirewatch(['train', '--labels', labels, '--dir', weights]);
    expect(t.status).toBe(0);
    expect(t.stdout.split('\n').slice(0, 7)).toEqual([
      'trained on 240 decisions (80 confirmed fraud, 160 cleared), lambda 10',
      '5-fold cross-validated ROC AUC (held out): 0.409 under the current weights, 0.749 fitted',
      '',
      'signal                                                prior  fitted confirmed  cleared',
      'contact.disposable_email                               1.20    0.00         0       80  (held at 0: a risk signal never counts for honesty)',
      'contact.phone_plus1_format                             0.35    0.20        16       32',
      'geography.ip_hosting_or_vpn                            1.00    2.08        40        0',
    ]);
    const version = /weights (w1-[0-9a-f]{12}) written/.exec(t.stderr)![1]!;
    expect(statSync(join(weights, `${version}.json`)).mode & 0o777).toBe(0o600);

    expect(hirewatch(['weights', 'diff', 'catalogue', version, '--dir', weights]).stdout).toBe(
      [
        `catalogue -> ${version}: 3 weights differ`,
        '  contact.disposable_email                               1.200 ->   0.000  (-1.200)',
        '  contact.phone_plus1_format                             0.350 ->   0.200  (-0.150)',
        '  geography.ip_hosting_or_vpn                            1.000 ->   2.078  (+1.078)',
        '',
      ].join('\n'),
    );
    const a = hirewatch(['weights', 'activate', 'w1', '--dir', weights]);
    expect(a.status).toBe(0);
    expect(a.stderr).toMatch(/give --db to append it to a database's audit chain as well/);
    expect(hirewatch(['weights', 'list', '--dir', weights]).stdout).toMatch(new RegExp(`^\\* ${version} `, 'm'));

    // screening picks up the active weights (HIREWATCH_WEIGHTS_DIR): gh-5020's disposable mailbox now counts 0
    process.env.HIREWATCH_WEIGHTS_DIR = weights;
    try {
      const line = hirewatch(['screen', 'examples/applications.jsonl', '-f', 'jsonl']).stdout.split('\n').find((l) => l.includes('"id":"gh-5020"'))!;
      expect(JSON.parse(line).signals.find((s: { id: string }) => s.id === 'contact.disposable_email').weight).toBe(0);
    } finally {
      delete process.env.HIREWATCH_WEIGHTS_DIR;
    }

    const r = hirewatch(['weights', 'rollback', '--dir', weights]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/the catalogue's weights active again/);
    expect(hirewatch(['weights', 'list', '--dir', weights]).stdout).toMatch(/\(none active: the catalogue's weights apply\)/);
    const audit = readFileSync(join(weights, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((e) => [e.action, e.from, e.to])).toEqual([
      ['weights.activate', null, version],
      ['weights.rollback', version, null],
    ]);
    expect(hirewatch(['weights', 'rollback', '--dir', weights]).status).toBe(1);
  });

  it("with --db, activation is appended to the organisation's audit chain too", () => {
    const labels = join(dir, 'decisions-db.jsonl');
    const wdir = join(dir, 'weights-db');
    const db = join(dir, 'audit.db');
    const one = join(dir, 'one.jsonl');
    writeFileSync(labels, decisions(240));
    writeFileSync(one, `${readFileSync('examples/applications.jsonl', 'utf8').split('\n')[0]}\n`);
    expect(hirewatch(['train', '--labels', labels, '--dir', wdir]).status).toBe(0);
    expect(hirewatch(['screen', one, '--db', db, '-f', 'jsonl']).status).toBe(0); // the import is entry 1
    const a = hirewatch(['weights', 'activate', 'w1', '--dir', wdir, '--db', db]);
    expect(a.status).toBe(0);
    expect(a.stderr).toMatch(/recorded in .*audit\.jsonl and in the audit chain of organisation default/);
    expect(hirewatch(['audit', 'verify', '--db', db]).stdout).toBe('ok: organisation default: 2 entries verified\n');
  });

  it('rollback undoes the newest activation still in force: activate w1, activate w2, rollback (w1), rollback (catalogue)', () => {
    const labels = join(dir, 'decisions-stack.jsonl');
    const wdir = join(dir, 'weights-stack');
    writeFileSync(labels, decisions(240));
    expect(hirewatch(['train', '--labels', labels, '--dir', wdir]).status).toBe(0);
    expect(hirewatch(['train', '--labels', labels, '--dir', wdir, '--lambda', '3']).status).toBe(0);
    expect(hirewatch(['weights', 'activate', 'w1', '--dir', wdir]).status).toBe(0);
    expect(hirewatch(['weights', 'activate', 'w2', '--dir', wdir]).status).toBe(0);
    expect(hirewatch(['weights', 'rollback', '--dir', wdir]).stderr).toMatch(/hirewatch: w1-[0-9a-f]{12} active again/);
    expect(hirewatch(['weights', 'rollback', '--dir', wdir]).stderr).toMatch(/the catalogue's weights active again/);
  });
});
