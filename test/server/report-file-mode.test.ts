import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHirewatch } from '../store/run-cli.js';

/** The report `screen --out` writes holds personal data: it is created readable by its owner only, whatever the umask. */
const modeOf = (file: string): number => statSync(file).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

describe('screen --out', () => {
  let umask = 0;
  beforeEach(() => {
    umask = process.umask(0o000); // the child inherits it: nothing is narrowed for it
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('creates its report 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-modes-'));
    const out = join(dir, 'report.jsonl');
    const run = await runHirewatch(['screen', 'examples/applications.jsonl', '--no-db', '-f', 'jsonl', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(octal(modeOf(out))).toBe('0600');
  });
});
