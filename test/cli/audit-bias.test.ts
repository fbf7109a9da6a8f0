import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-bias-'));

describe('hirewatch audit bias', () => {
  it('prints flag and hold rates per category and impact ratios against the most-favoured one, marking those under 0.8', () => {
    const csv = join(dir, 'demographics.csv');
    // Under the catalogue's weights: gh-5020 hold, ab-9119 review, gh-5019 clear; lv-7216 clear, gh-5001 clear, gh-5021 review.
    writeFileSync(csv, 'id,group,other\ngh-5020,p,1\nab-9119,p,1\ngh-5019,p,1\nlv-7216,q,1\ngh-5001,q,1\ngh-5021,q,1\n');
    const r = hirewatch(['audit', 'bias', '--labels', csv, '--group', 'group', '--applications', 'examples/applications.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      "bias audit by 'group': 6 applications, flagged 50.00 %, held 16.67 %",
      "most favoured: q for flags, q for holds; impact ratio = the most-favoured category's rate / this category's; * marks a ratio under 0.8",
      '',
      'category   apps  flagged     rate  impact  vs all  held     rate  impact  vs all LL144 clear',
      'p             3        2  66.67 %  0.50 *  0.75 *     1  33.33 %  0.00 *  0.50 *       0.500',
      'q             3        1  33.33 %    1.00    1.50     0   0.00 %    1.00    1.00       1.000',
      '',
      'marked (impact ratio under 0.8): p flag 0.50, p hold 0.00',
      "caution: some categories' rates rest on fewer than 5 flagged applications; a ratio from so few events moves a lot with one more or one less",
      '',
    ]);
  });

  it('names a missing column (exit 1) and needs --group (exit 2)', () => {
    const csv = join(dir, 'd2.csv');
    writeFileSync(csv, 'id,group\na,b\n');
    const r = hirewatch(['audit', 'bias', '--labels', csv, '--group', 'nope', '--applications', 'examples/applications.jsonl']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`hirewatch: the demographics file ${csv}: no column 'nope'; the header is id,group\n`);
    expect(hirewatch(['audit', 'bias', '--labels', csv, '--applications', 'examples/applications.jsonl']).status).toBe(2);
  });
});
