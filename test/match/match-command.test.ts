import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMatchCommand } from '../../src/cli/match-command.js';
import type { WatchEntry } from '../../src/match/types.js';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';

const ENTRIES: WatchEntry[] = [
  { entry: 'ofac:20157', list: 'ofac-sdn', kind: 'person', names: ['KIM, Jong Un'], dobYears: [1984], countries: ['KP'], programs: ['DPRK3'], domains: [], source: 'OFAC SDN #20157' },
  { entry: 'hri-0025', list: 'high-risk-institutions', kind: 'organization', names: ['Korea Sobaeksu Trading Company'], dobYears: [], countries: ['KP'], programs: [], domains: [], source: 'Treasury press release' },
];
const index = WatchlistIndex.build(ENTRIES);

async function run(args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride();
  registerMatchCommand(program, { loadIndex: () => index, out: (t) => void (out += t), err: (t) => void (err += t) });
  process.exitCode = undefined;
  await program.parseAsync(['node', 'hirewatch', 'match', ...args]);
  const code = process.exitCode;
  process.exitCode = undefined;
  return { out, err, code };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('hirewatch match NAME', () => {
  it('prints the candidates as a table with score, entry, list, name, why and source', async () => {
    const { out, code } = await run(['Gim Jong-un', '--kind', 'person', '--dob', '1984']);
    expect(code).toBeUndefined();
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('query: {"name":"Gim Jong-un","kind":"person","dob":"1984"}');
    expect(lines[1]).toMatch(/^score +entry +list +listed name$/u);
    expect(lines[2]).toMatch(/^0\.\d{3} +ofac:20157 +ofac-sdn +KIM, Jong Un$/u);
    expect(lines[3]).toMatch(/^ +why: gim~kim \(romanisation 0\.96\), .*born 1984, listed 1984: agrees/u);
    expect(lines[4]).toBe('       source: OFAC SDN #20157');
  });

  it('says when nothing reaches the threshold, and honours --threshold and --limit', async () => {
    expect((await run(['John Smith'])).out).toBe('query: {"name":"John Smith"}\nno candidate at or above 0.86\n');
    const low = await run(['Kim', '--threshold', '0.1', '--limit', '1']);
    expect(low.out.split('\n').filter((l) => /^0\.\d{3} /u.test(l))).toHaveLength(1);
  });

  it('prints one JSON line with --format jsonl', async () => {
    const { out } = await run(['Korea Sobaeksu Trading Co', '--kind', 'organization', '--format', 'jsonl']);
    expect(JSON.parse(out)).toEqual({
      query: { name: 'Korea Sobaeksu Trading Co', kind: 'organization' },
      matches: [{ entry: 'hri-0025', list: 'high-risk-institutions', name: 'Korea Sobaeksu Trading Company', score: 1, explanation: expect.stringContaining('sobaeksu=sobaeksu') }],
    });
  });

  it.each([
    [['--kind', 'robot', 'X'], /one of person, organization/u],
    [['--threshold', '2', 'X'], /a number from 0 to 1/u],
    [['--limit', '0', 'X'], /a whole number/u],
  ])('rejects bad options %j', async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });

  it('needs a name or a file, not both, and checks --dob and --country', async () => {
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringContaining('give either a NAME or --file') });
    expect(await run(['Kim Jong Un', '--dob', '84'])).toMatchObject({ code: 2, err: expect.stringContaining('dob: a year YYYY') });
    expect(await run(['Kim Jong Un', '--country', 'Korea'])).toMatchObject({ code: 2, err: expect.stringContaining('country: an ISO 3166-1') });
  });
});

describe('hirewatch match --file QUERIES.jsonl --format jsonl', () => {
  it('answers every line in order: matches at or above the threshold, or the line error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-match-'));
    const file = join(dir, 'queries.jsonl');
    writeFileSync(
      file,
      [
        '{"name": "Kim Jong Un", "kind": "person", "dob": "1984", "country": "KP"}',
        '{"name": ""}',
        'not json',
        '',
        '{"name": "Jane Doe", "kind": "alien"}',
        '{"name": "Sobaeksu Trading", "kind": "organization"}',
        '{"name": "Nobody Listed"}',
      ].join('\n'),
    );
    const { out, code } = await run(['--file', file, '--format', 'jsonl']);
    expect(code).toBeUndefined();
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        query: { name: 'Kim Jong Un', kind: 'person', dob: '1984', country: 'KP' },
        matches: [{ entry: 'ofac:20157', list: 'ofac-sdn', name: 'KIM, Jong Un', score: 1, explanation: expect.stringContaining('kim=kim') }],
      },
      { line: 2, error: 'name: a name is required' },
      { line: 3, error: expect.stringContaining('not JSON') },
      { line: 5, error: expect.stringContaining('kind') },
      { query: { name: 'Sobaeksu Trading', kind: 'organization' }, matches: [expect.objectContaining({ entry: 'hri-0025' })] },
      { query: { name: 'Nobody Listed' }, matches: [] },
    ]);
  });

  it('--help lists every scoring setting with its default and meaning', () => {
    const program = new Command().exitOverride();
    registerMatchCommand(program, { loadIndex: () => index });
    const help = helpAfter(program);
    expect(help).toContain('threshold = 0.86: Default lowest score a search returns.');
    expect(help).toContain('tokenWeights.common = 0.45');
    expect(help).toContain('weakOnlyFactor = 0.5');
  });
});

/** What `hirewatch match --help` prints, the text after the options included. */
function helpAfter(program: Command): string {
  let printed = '';
  const match = program.commands.find((c) => c.name() === 'match')!;
  match.configureOutput({ writeOut: (t) => void (printed += t) });
  try {
    match.outputHelp();
  } catch {
    /* exitOverride */
  }
  return printed;
}
