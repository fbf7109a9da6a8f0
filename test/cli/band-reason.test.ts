/**
 * Each result says which rule decided its band (issue 15, "Explain the band"), in every
 * output of `hirewatch screen`: the JSON Lines contract (bandReason), the table (a "why"
 * line under the evidence), the HTML report (a "Why" paragraph and the band cell's title)
 * and CSV (band_reason). The expected sentences are written out from examples/applications.jsonl.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScreeningResultSchema } from '../../src/score/result-contract.js';
import { hirewatch } from '../helpers/cli.js';

const EXAMPLES = 'examples/applications.jsonl';
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-band-reason-'));

const EXPECTED: Record<string, { score: number; band: string; bandReason: string }> = {
  // a score of 23 (above review's 15) stays clear: one line of evidence, nothing strong
  'gh-5019': { score: 23, band: 'clear', bandReason: 'one-line: all the evidence is one line (references) with no strong signal; review needs a strong signal or independent lines (score 23)' },
  // 33 stays clear: weak signals only
  'geo-0006': {
    score: 33,
    band: 'clear',
    bandReason: 'weak-only: geography.ip_hosting_or_vpn, interview.camera_off and geography.night_activity are kinds honest applicants commonly show, and never leave clear on their own (score 33)',
  },
  'ln-8002': { score: 73, band: 'hold', bandReason: 'independent-lines: score 73 with substantive evidence on 2 independent lines (household and linkage)' },
  'lv-7216': { score: 7, band: 'clear', bandReason: 'below-review: score 7 under 15' },
  'gh-5001': { score: 5, band: 'clear', bandReason: 'no-evidence: no signal' },
};

describe('screen says which rule decided each band', () => {
  it('JSON Lines: bandReason in the contract, after band', () => {
    const r = hirewatch(['screen', EXAMPLES, '-f', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of lines) {
      expect(ScreeningResultSchema.parse(line)).toBeTruthy();
      expect(Object.keys(line).slice(0, 4)).toEqual(['id', 'score', 'band', 'bandReason']);
    }
    for (const [id, want] of Object.entries(EXPECTED)) expect(lines.find((l) => l.id === id)).toMatchObject(want);
  });

  it('table: a "why" line under the evidence, except when the score alone is under review', () => {
    const r = hirewatch(['screen', EXAMPLES]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('gh-5019 '));
    const indent = ' '.repeat(lines[at]!.indexOf('contact.'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      `${indent}why clear: one-line: all the evidence is one line (references) with no strong signal;`,
      `${indent}review needs a strong signal or independent lines (score 23)`,
    ]);
    const plus1 = lines.findIndex((l) => l.startsWith('lv-7216 '));
    expect(lines[plus1 + 1]).not.toMatch(/why/);
  });

  it('HTML: a "Why" paragraph in the detail and the reason as the band cell\'s title', () => {
    const out = join(dir, 'report.html');
    expect(hirewatch(['screen', EXAMPLES, '-f', 'html', '--out', out]).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(
      '<p class="why">Why <b class="hold">hold</b> (rule <code>independent-lines</code>): score 73 with substantive evidence on 2 independent lines (household and linkage).</p>',
    );
    expect(html).toContain('title="one-line: all the evidence is one line (references) with no strong signal; review needs a strong signal or independent lines (score 23)">clear</td>');
  });

  it('CSV: band_reason after band', () => {
    const r = hirewatch(['screen', EXAMPLES, '-f', 'csv']);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('id,name,score,band,band_reason,signals,top_evidence,error');
    expect(rows.find((row) => row.startsWith('lv-7216,'))).toBe("lv-7216,Hannah Brooks,7,clear,below-review: score 7 under 15,contact.phone_plus1_format,US number written as '+1 (206) 555-0112',");
  });
});
