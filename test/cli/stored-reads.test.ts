import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';

/**
 * `hirewatch results list|show` and `hirewatch alerts list` read what screen
 * --db and monitor --db stored, without a server (issue 20): filters, the
 * three formats, one message and exit 1 for a database that does not exist
 * (which is never created), exit 2 for a bad option.
 */
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-reads-'));
const db = join(dir, 'h.db');

beforeAll(() => {
  expect(hirewatch(['screen', 'examples/applications.jsonl', '--db', db, '-f', 'jsonl']).status).toBe(0);
  expect(hirewatch(['monitor', 'examples/telemetry.jsonl', '--db', db]).status).toBe(0);
}, 180_000);

describe('hirewatch results', () => {
  it('list --band hold --order score: the holds, highest first, as a table', () => {
    const r = hirewatch(['results', 'list', '--db', db, '--band', 'hold', '--order', 'score']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SOURCE\s+NAME\s+SCORE\s+BAND\s+RECEIVED\s+CLUSTER\s+TOP SIGNAL$/);
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(/^lv-7241\s+lever\s+Steven Cho\s+97\s+hold\s+.*watchlist\.high_risk_school$/);
    expect(lines.slice(1).every((l) => /\shold\s/.test(l))).toBe(true);
    expect(r.stderr).toBe('hirewatch: 10 results\n');
  });

  it('list as CSV and JSON Lines, a page at a time', () => {
    const csv = hirewatch(['results', 'list', '--db', db, '--band', 'hold', '--order', 'score', '--limit', '2', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('id,source,name,score,band,received,cluster,top signal');
    expect(csv.stdout.split('\n')[1]).toMatch(/^lv-7241,lever,Steven Cho,97,hold,\d{4}-\d\d-\d\d \d\d:\d\d,,watchlist\.high_risk_school$/);
    expect(csv.stderr).toBe('hirewatch: 2 results (more: --all, or a larger --limit)\n');
    const jsonl = hirewatch(['results', 'list', '--db', db, '--all', '--limit', '20', '--format', 'jsonl']);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(98);
    expect(rows.find((x) => x.id === 'lv-7241')).toMatchObject({ source: 'lever', name: 'Steven Cho', score: 97, band: 'hold' });
  });

  it('show: the latest result with its evidence and versions', () => {
    const r = hirewatch(['results', 'show', 'lv-7241', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^lv-7241 \(source lever\): Steven Cho, submitted 2025-10-11T19:03:47Z\nversion 1 of 1, first received .*\nscore 97, hold, screened .*\n  watchlist\.high_risk_school \(\+3\.00\): school 'Kim Chaek University of Technology' matches/);
    const json = JSON.parse(hirewatch(['results', 'show', 'ln-8003', '--db', db, '--format', 'json']).stdout);
    expect(json).toMatchObject({ id: 'ln-8003', source: 'lever', versions: [{ version: 1 }] });
    expect(json.cluster.members.map((m: { id: string }) => m.id).sort()).toEqual(['ln-8001', 'ln-8002', 'ln-8003']);
  });

  it('says so and exits 1 for an unknown id or a database that does not exist, which it never creates', () => {
    const unknown = hirewatch(['results', 'show', 'nobody', '--db', db]);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'hirewatch: no application nobody in organisation default\n']);
    const missing = join(dir, 'typo.db');
    const r = hirewatch(['results', 'list', '--db', missing]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the database ${missing} does not exist (nothing was created)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a bad option with exit 2', () => {
    const r = hirewatch(['results', 'list', '--db', db, '--band', 'hold,maybe']);
    expect([r.status, r.stderr]).toEqual([2, 'hirewatch: --band "hold,maybe": give one or more of clear, review, hold, separated by commas\n']);
  });
});

describe('hirewatch network --db', () => {
  it('prints the ring as stored, with what each link shares, as the file gives it', () => {
    const stored = hirewatch(['network', 'ln-8002', '--db', db]);
    expect(stored.status, stored.stderr).toBe(0);
    expect(stored.stdout).toMatch(/^cluster c-[0-9a-f]+: 3 application\(s\)\n\nmembers \(in order of arrival\):\n  2025-10-14T16:05:00Z  ln-8001  Ethan Caldwell\n  2025-10-14T17:40:00Z  ln-8002  Marcus Reid\n  2025-10-14T19:20:00Z  ln-8003  Daniel Ortiz\n/);
    expect(stored.stdout).toContain('  ln-8003 - ln-8001: phone +16025550147\n');
    expect(stored.stdout).toContain('  ln-8002 - ln-8001: resume (100 % alike)\n');
    const fromFile = hirewatch(['network', 'ln-8002', '--input', 'examples/applications.jsonl']);
    const links = (out: string) => out.split('\n').filter((l) => l.startsWith('  ln-')).sort();
    expect(links(stored.stdout)).toEqual(links(fromFile.stdout));
  });

  it('needs exactly one of --input and --db (exit 2)', () => {
    const r = hirewatch(['network', 'ln-8002']);
    expect([r.status, r.stderr]).toEqual([2, 'hirewatch: give either --input FILE (link the applications of a file) or --db (read the cluster as stored)\n']);
  });
});

describe('hirewatch alerts list', () => {
  it('prints the stored post-hire alerts, one per subject and signal', () => {
    const r = hirewatch(['alerts', 'list', '--db', db, '--format', 'jsonl']);
    expect(r.status, r.stderr).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(alerts.map((a) => `${a.subjectKind} ${a.subjectId} ${a.signalId}`)).toContain('application gh-5001 telemetry.remote_access_tool');
    expect(alerts.find((a) => a.signalId === 'telemetry.remote_access_tool').evidence).toMatch(/^employee E1002: AnyDesk \(AnyDesk\.exe\) ran on LAP-102 on 5 day\(s\)/);
    const table = hirewatch(['alerts', 'list', '--db', db, '--limit', '1']);
    expect(table.stdout).toMatch(/^SUBJECT\s+SIGNAL\s+COUNT\s+FIRST SEEN\s+LAST SEEN\s+EVIDENCE\n/);
    expect(table.stderr).toBe('hirewatch: 1 alert\n');
  });

  it('carries issue 19\'s telemetry signals with their evidence: the IP-KVM display, Astrill and the shared authenticator on gh-5001, the virtual display on gh-5002', () => {
    const alerts = JSON.parse(`[${hirewatch(['alerts', 'list', '--db', db, '--format', 'jsonl']).stdout.trim().split('\n').join(',')}]`) as { subjectId: string; signalId: string; evidence: string }[];
    const evidence = (subject: string, signal: string) => alerts.find((a) => a.subjectId === subject && a.signalId === signal)?.evidence;
    expect(evidence('gh-5001', 'telemetry.ip_kvm_display')).toMatch(/^employee E1002: display with monitor name 'TinyPilot', manufacturer TSB product 9876/);
    expect(evidence('gh-5001', 'telemetry.scheme_vpn_client')).toMatch(/^employee E1002: Astrill VPN \(/);
    expect(evidence('gh-5001', 'telemetry.shared_mfa_authenticator')).toMatch(/^employee E1002: authenticator okv-4c1e9a \(push\) is enrolled on the account of E1002/);
    expect(evidence('gh-5002', 'telemetry.virtual_display')).toMatch(/^employee E1003: display with monitor name 'ParsecVDA'.*Parsec virtual display driver/);
    expect(alerts.filter((a) => a.subjectId === 'ab-9103')).toEqual([]);
  });
});
