import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-evaluate-'));
const EXAMPLES = 'examples/applications.jsonl';

describe('hirewatch evaluate', () => {
  it('screens the applications, joins the labels (both shapes) and prints the figures; --out writes an offline HTML page, owner-only', () => {
    const labels = join(dir, 'labels.jsonl');
    // Bands under the catalogue's weights: gh-5020 hold, ab-9119 review, gh-5019 clear, gh-5021 review, lv-7216 and gh-5001 clear.
    writeFileSync(
      labels,
      [
        { applicationId: 'gh-5020', decision: 'confirmed_fraud', date: '2026-11-20' },
        { applicationId: 'ab-9119', decision: 'confirmed_fraud', date: '2026-11-20' },
        { id: 'gh-5019', label: 'fraud' },
        { applicationId: 'gh-5021', decision: 'cleared', date: '2026-11-21' },
        { id: 'lv-7216', label: 'honest' },
        { id: 'gh-5001', label: 'honest' },
        { applicationId: 'lv-7220', decision: 'withdrawn' },
        { id: 'nobody', label: 'honest' },
      ].map((l) => JSON.stringify(l)).join('\n'),
    );
    const out = join(dir, 'report.html');
    const r = hirewatch(['evaluate', '--labels', labels, '--applications', EXAMPLES, '--out', out, '--resamples', '50']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('6 labelled applications: 3 fraudulent, 3 honest (95 % bootstrap intervals, 50 resamples, seed 20251203)');
    expect(lines.slice(3, 7)).toEqual(['by band:      fraudulent   honest', '  clear               1        2', '  review              1        1', '  hold                1        0']);
    expect(r.stdout).toMatch(/^flagged \(review or hold\): precision 66\.7 % \(.*\), recall 66\.7 % \(.*\), false-positive rate 33\.33 % \(.*\)$/m);
    expect(r.stdout).toMatch(/^held: precision 100\.0 % .*recall 33\.3 % .*false-positive rate 0\.00 % /m);
    expect(r.stderr).toMatch(/1 decisions neither confirmed nor cleared skipped \(1 withdrawn, 0 inconclusive\)/);
    expect(r.stderr).toMatch(/1 labelled applications have no result/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('aria-label="ROC curve"');
    expect(html).toContain('<tr><td class="review">review</td><td>1</td><td>1</td><td>33.3 %</td><td>33.33 %</td></tr>');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('needs --applications or --db, not both (usage, exit 2)', () => {
    const labels = join(dir, 'l.jsonl');
    writeFileSync(labels, '{"id":"a","label":"fraud"}\n');
    const none = hirewatch(['evaluate', '--labels', labels]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/give --applications FILE .* or --db/);
    expect(hirewatch(['evaluate', '--labels', labels, '--applications', EXAMPLES, '--db', join(dir, 'x.db')]).status).toBe(2);
  });
});
