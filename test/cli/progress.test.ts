import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateJsonLines } from '../../bench/generate-applications.js';
import { hirewatch, ROOT } from '../helpers/cli.js';

/**
 * On a terminal, `screen` and `import` of a long file show a bar with the
 * records so far, the rate and the time left (issue 20); in a pipe they show
 * none. The terminal is a pseudo-terminal made by util-linux's `script`.
 */
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-progress-'));
const file = join(dir, 'long.jsonl');
const SCRIPT = '/usr/bin/script';

beforeAll(() => {
  writeFileSync(file, `${generateJsonLines(1700).join('\n')}\n`); // about 2.6 MB: over the 2 MiB a bar needs
});

function onTerminal(args: string): string {
  const r = spawnSync(SCRIPT, ['-qfec', `${process.execPath} --import tsx src/cli/run.ts ${args}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/\r/g, '\n');
}

describe.skipIf(!existsSync(SCRIPT))('progress on a terminal', () => {
  it('screen: records, rate and time left, ending at 100 %', () => {
    const out = onTerminal(`screen ${file} --no-db -f jsonl -o ${join(dir, 'out.jsonl')}`);
    expect(out).toMatch(/screening [█░]{40} 100% \| 1700 records \| \d+\/s \| 0s left/);
  }, 180_000);

  it('import: the same bar while the chunks are stored', () => {
    const out = onTerminal(`import ${file} --db ${join(dir, 'h.db')}`);
    expect(out).toMatch(/importing [█░]{40} 100% \| 1700 records \| \d+\/s \| 0s left/);
    expect(out).toMatch(/1700 new, 0 changed, 0 unchanged, 0 errors \(4 chunks, /);
  }, 180_000);
});

describe('progress in a pipe', () => {
  it('is never shown', () => {
    const r = hirewatch(['screen', file, '--no-db', '-f', 'jsonl', '-o', join(dir, 'piped.jsonl')]);
    expect(r.status).toBe(0);
    // No bar: the summary is the first line (the ring notice may follow it), and no line draws a bar.
    expect(r.stderr.split('\n')[0]).toBe(`hirewatch: 1700 screened, written to ${join(dir, 'piped.jsonl')}`);
    expect(r.stderr).not.toMatch(/[█░]|\d+%/);
  }, 180_000);
});
