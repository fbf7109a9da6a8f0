import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-linkage-'));
const EXAMPLES = 'examples/applications.jsonl';
const lines = (out: string) => new Map(out.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id as string, r]));

describe('hirewatch screen links applications to the ones before it', () => {
  it('flags the demo ring by default, carries each cluster (records.md section 3), and counts clusters holding a reviewed application', () => {
    const held = join(dir, 'held.txt');
    writeFileSync(held, '# confirmed by the trust team on 2025-10-15\nln-8001\n');
    const out = lines(hirewatch(['screen', EXAMPLES, '-f', 'jsonl', '--held', held]).stdout);
    expect(out.get('ln-8002').signals.map((s: { id: string }) => s.id)).toContain('linkage.shared_phone_other_identity');
    expect(out.get('ln-8003').cluster).toEqual({ id: out.get('ln-8002').cluster.id, size: 3 });
    expect(out.get('ln-8001').cluster).toBeUndefined(); // alone when it arrived
    const signal = out.get('ln-8002').signals.find((s: { id: string }) => s.id === 'linkage.cluster_contains_held');
    expect(signal.evidence).toMatch(/contains ln-8001 \(Ethan Caldwell\), held or confirmed by a reviewer/);
    expect(out.get('ln-8005').signals).toEqual([]);
  });

  it('names the first of the ring, clear when it arrived, once later members are flagged with it', () => {
    const run = hirewatch(['screen', EXAMPLES, '-f', 'jsonl']);
    expect(lines(run.stdout).get('ln-8001').band).toBe('clear');
    expect(run.stderr).toContain('hirewatch: 1 application was screened clear before a later application linked it into a flagged ring; verify it with the ring:');
    expect(run.stderr).toMatch(/hirewatch: {3}ln-8001 \(lever\): cluster c-[0-9a-f]{6}, with ln-8002 hold, ln-8003 hold\n/);
  });

  it('--no-linkage screens each application alone', () => {
    const run = hirewatch(['screen', EXAMPLES, '-f', 'jsonl', '--no-linkage']);
    expect(run.stderr).not.toContain('flagged ring');
    const out = lines(run.stdout);
    expect([...out.values()].flatMap((r) => r.signals).filter((s: { family: string }) => s.family === 'linkage')).toEqual([]);
    expect([...out.values()].filter((r) => r.cluster)).toEqual([]);
  });

  it('the HTML report shows every member its cluster, the first one included, with links to the others', () => {
    const file = join(dir, 'report.html');
    expect(hirewatch(['screen', EXAMPLES, '-f', 'html', '-o', file]).status).toBe(0);
    const html = readFileSync(file, 'utf8');
    const row = html.split('\n').find((l) => l.includes('id="app-ln-8001"'))!;
    expect(row).toMatch(/c-[0-9a-f]{6} \(3\)/);
    expect(row).toContain('<a href="#app-ln-8002">ln-8002</a> (Marcus Reid');
    expect(row).toContain('<a href="#app-ln-8003">ln-8003</a>');
  });
});
