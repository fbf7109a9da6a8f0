import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/cli/terminal-text.js';
import { ROOT } from '../helpers/cli.js';

/**
 * One error style for every command (README, "Exit codes"): each command with
 * each kind of bad input gives one sentence naming what is wrong and what to
 * do instead (never a stack trace), exits 2 for a usage error and 1 when
 * nothing is usable, and stores or creates nothing: every case runs in an
 * empty directory of its own (the default ./hirewatch.db would land there,
 * and so would a directory "mysql:"), which must hold the same files after.
 */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI = join(ROOT, 'src', 'cli', 'run.ts');
const APPS = join(ROOT, 'examples', 'applications.jsonl');
const TELEMETRY = join(ROOT, 'examples', 'telemetry.jsonl');
const ESC = '\u001b';

const base = mkdtempSync(join(tmpdir(), 'hirewatch-errors-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Run { code: number | null; stdout: string; stderr: string }

function hirewatchIn(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', HIREWATCH_AUDIT_KEY_FILE: join(cwd, 'audit.key') };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every path under dir, relative, sorted. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(relative(dir, join(d, e.name)));
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/** A fresh directory with the bad inputs the cases name. */
function workspace(name: string): string {
  const dir = join(base, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bad.json'), '{"columns": {"Name": ');
  writeFileSync(join(dir, 'garbage.jsonl'), 'garbage\n{"x": 1}\n');
  writeFileSync(join(dir, 'telemetry-garbage.jsonl'), 'not telemetry\n[1, 2]\n');
  mkdirSync(join(dir, 'adir'));
  return dir;
}

interface Case {
  /** The command and the bad input. */
  readonly name: string;
  readonly args: readonly string[];
  readonly code: 0 | 1 | 2;
  /** What standard error says. */
  readonly message: RegExp;
  /** Text that must not appear in the output (a password). */
  readonly hidden?: string;
}

const cases: Case[] = [
  // screen
  { name: 'screen: the applications file is missing', args: ['screen', 'missing.jsonl'], code: 1, message: /the applications file missing\.jsonl does not exist: give the path of a JSON Lines/ },
  { name: 'screen: the applications file is a directory', args: ['screen', 'adir'], code: 1, message: /the applications file adir is a directory/ },
  { name: 'screen: every line is unreadable', args: ['screen', 'garbage.jsonl', '--no-db'], code: 1, message: /no application could be read from garbage\.jsonl \(2 unreadable\)/ },
  { name: 'screen: --map file is missing', args: ['screen', APPS, '--map', 'missing.json'], code: 1, message: /the column map missing\.json does not exist: give --map a JSON file/ },
  { name: 'screen: --map file is not JSON', args: ['screen', APPS, '--map', 'bad.json'], code: 1, message: /the column map bad\.json is not valid JSON \(.+\): give --map/ },
  { name: 'screen: --held file is missing', args: ['screen', APPS, '--held', 'missing.txt'], code: 1, message: /the held-ids file missing\.txt does not exist: give --held a text file of application ids/ },
  { name: 'screen: --config file is missing', args: ['screen', APPS, '--config', 'missing.json'], code: 1, message: /the scoring configuration missing\.json does not exist: give --config a JSON file/ },
  { name: 'screen: --out in a directory that does not exist', args: ['screen', APPS, '-o', '/nonexistent/out.html', '-f', 'html'], code: 1, message: /cannot write \/nonexistent\/out\.html: its directory does not exist: give --out a file/ },
  { name: 'screen: --out is a directory', args: ['screen', APPS, '-o', 'adir'], code: 1, message: /cannot write adir: it is a directory/ },
  { name: 'screen: --db with a mysql:// URL', args: ['screen', APPS, '--db', 'mysql://me:s3cret@db.example/hw'], code: 2, message: /mysql:\/\/me:\*\*\*@db\.example\/hw is not a database hirewatch can use: give an SQLite file path \(or sqlite:PATH\) or a postgres:\/\/ URL/, hidden: 's3cret' },
  { name: 'screen: --db with an http:// URL', args: ['screen', APPS, '--db', 'http://example.com/hirewatch'], code: 2, message: /http:\/\/example\.com\/hirewatch is not a database hirewatch can use/ },
  { name: 'screen: a bad --org', args: ['screen', APPS, '--org', 'acme corp!'], code: 2, message: /--org "acme corp!": an organisation id is/ },
  { name: 'screen: no file', args: ['screen'], code: 2, message: /missing required argument 'file'/ },
  { name: 'screen: an unknown option', args: ['screen', APPS, '--colour'], code: 2, message: /unknown option '--colour'/ },
  { name: 'screen: a format it does not have', args: ['screen', APPS, '--format', 'pdf'], code: 2, message: /argument 'pdf' is invalid\. Allowed choices are table, jsonl, csv, html/ },
  // import
  { name: 'import: the applications file is missing', args: ['import', 'missing.jsonl'], code: 1, message: /the applications file missing\.jsonl does not exist/ },
  { name: 'import: --map file is not JSON', args: ['import', APPS, '--map', 'bad.json'], code: 1, message: /the column map bad\.json is not valid JSON/ },
  { name: 'import: --db with an ftp:// URL', args: ['import', APPS, '--db', 'ftp://files.example/hw.db'], code: 2, message: /ftp:\/\/files\.example\/hw\.db is not a database hirewatch can use/ },
  { name: 'import: PostgreSQL unreachable, named without its password', args: ['import', APPS, '--db', 'postgres://me:s3cret@127.0.0.1:1/hw'], code: 1, message: /PostgreSQL database postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/hw: .*ECONNREFUSED/, hidden: 's3cret' },
  // match
  { name: 'match: neither a name nor --file', args: ['match'], code: 2, message: /give either a NAME or --file/ },
  { name: 'match: --file is missing', args: ['match', '--file', 'missing.jsonl'], code: 1, message: /the queries file missing\.jsonl does not exist: give --file a JSON Lines file/ },
  { name: 'match: every line of --file failed', args: ['match', '--file', 'garbage.jsonl'], code: 1, message: /no query could be read from garbage\.jsonl \(2 unreadable\)/ },
  { name: 'match: --threshold out of range', args: ['match', 'Kim', '--threshold', '5'], code: 2, message: /a number from 0 to 1/ },
  // network
  { name: 'network: --input is missing', args: ['network', 'ln-8001', '--input', 'missing.jsonl'], code: 1, message: /the applications file missing\.jsonl does not exist: give --input the applications file/ },
  { name: 'network: no --input', args: ['network', 'ln-8001'], code: 2, message: /give either --input FILE \(link the applications of a file\) or --db \(read the cluster as stored\)/ },
  { name: 'network: an id not in the file', args: ['network', 'nobody', '--input', APPS], code: 1, message: /no application or cluster nobody in / },
  // monitor
  { name: 'monitor: nothing to read', args: ['monitor'], code: 2, message: /give a telemetry FILE, --nats URL \(with --db\) or --db/ },
  { name: 'monitor: --publish without --nats', args: ['monitor', TELEMETRY, '--publish'], code: 2, message: /--publish needs a telemetry FILE and --nats URL/ },
  { name: 'monitor: the telemetry file is missing', args: ['monitor', 'missing.jsonl', '--db', 'hw.db'], code: 1, message: /the telemetry file missing\.jsonl does not exist/ },
  { name: 'monitor: every telemetry line is unreadable', args: ['monitor', 'telemetry-garbage.jsonl'], code: 1, message: /no telemetry event could be read from telemetry-garbage\.jsonl/ },
  { name: 'monitor: --applications is missing', args: ['monitor', TELEMETRY, '--applications', 'missing.jsonl', '--db', 'hw.db'], code: 1, message: /the applications file missing\.jsonl does not exist: give --applications/ },
  { name: 'monitor --db without input: the database does not exist', args: ['monitor', '--db', 'hw.db'], code: 1, message: /the database hw\.db does not exist \(nothing was created\)/ },
  // keys
  { name: 'keys list: the database does not exist', args: ['keys', 'list', '--db', 'hw.db'], code: 1, message: /the database hw\.db does not exist \(nothing was created\)/ },
  { name: 'keys revoke: the database does not exist', args: ['keys', 'revoke', 'hw_abc', '--db', 'hw.db'], code: 1, message: /the database hw\.db does not exist/ },
  { name: 'keys list: --db with a mysql:// URL', args: ['keys', 'list', '--db', 'mysql://x/y'], code: 2, message: /mysql:\/\/x\/y is not a database hirewatch can use/ },
  { name: 'keys create: no --role', args: ['keys', 'create', '--db', 'hw.db'], code: 2, message: /required option '--role <role>' not specified/ },
  // audit
  { name: 'audit verify: the database does not exist', args: ['audit', 'verify', '--db', 'hw.db'], code: 1, message: /hw\.db does not exist \(nothing was created\)/ },
  { name: 'audit verify: --db with an http:// URL', args: ['audit', 'verify', '--db', 'http://x/y'], code: 2, message: /http:\/\/x\/y is not a database hirewatch can use/ },
  // data, and the program itself
  { name: 'data update: a dataset it does not know', args: ['data', 'update', 'nope'], code: 2, message: /'nope' is invalid for argument 'name'\. Allowed choices are ofac-sdn/ },
  { name: 'an unknown command', args: ['frobnicate'], code: 2, message: /unknown command 'frobnicate'/ },
];

// Root may write a file whose mode forbids it; the check only means something for another user.
if (process.getuid?.() !== 0) {
  cases.push({ name: 'screen: --out is a file it may not write', args: ['screen', APPS, '-o', 'read-only.html', '--no-db'], code: 1, message: /cannot write read-only\.html: permission denied/ });
}
// A write that fails after the file opened (the device is full) is a sentence too, not an 'error' event.
if (existsSync('/dev/full')) {
  cases.push({ name: 'screen: --out on a full device', args: ['screen', APPS, '-o', '/dev/full', '--no-db'], code: 1, message: /cannot write \/dev\/full: no space left on the device/ });
}

describe.concurrent('every command, every kind of bad input: one sentence, the exit status, nothing stored or created', () => {
  it.each(cases)('$name (exit $code)', async ({ name, args, code, message, hidden }) => {
    const dir = workspace(name);
    if (args.includes('read-only.html')) {
      writeFileSync(join(dir, 'read-only.html'), 'kept\n');
      chmodSync(join(dir, 'read-only.html'), 0o444);
    }
    const before = listing(dir);
    const r = await hirewatchIn(dir, args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(message);
    // Our own messages are one line that starts with hirewatch; never a stack trace.
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/ENOENT: no such file or directory|Unhandled 'error' event|ZodError/);
    if (hidden) expect(`${r.stdout}${r.stderr}`).not.toContain(hidden);
    expect(listing(dir), 'nothing stored or created').toEqual(before);
  }, 300_000);
});

describe.concurrent('control characters never reach the terminal', () => {
  const evilName = `Eve ${ESC}]0;pwned${'\u0007'}Mallory${ESC}[2J\u202e`;
  const record = (id: string, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ id, submittedAt: '2025-11-01T10:00:00Z', applicant: { fullName: evilName, phones: ['+1 415 555 0199'] }, ...extra });

  it('names, ids and unreadable lines in the table and on standard error are shown as \\u escapes', async () => {
    const dir = workspace('control table');
    writeFileSync(join(dir, 'evil.jsonl'), [record(`id-${ESC}[31m`), `not json ${ESC}[8m hidden`, '{"id": "x2", "submittedAt": 7}'].join('\n'));
    for (const format of ['table', 'jsonl', 'csv']) {
      const r = await hirewatchIn(dir, ['screen', 'evil.jsonl', '--no-db', '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain(ESC);
      if (format === 'table') {
        expect(r.stdout).not.toContain(ESC);
        expect(r.stdout).not.toContain('\u202e');
        expect(r.stdout).toContain('Eve \\u001b]0;pwned\\u0007');
        expect(r.stdout).toContain('id-\\u001b[31m');
      }
    }
    // Written to a pipe, JSON Lines keeps the text: JSON escapes the control characters itself.
    const jsonl = await hirewatchIn(dir, ['screen', 'evil.jsonl', '--no-db', '--format', 'jsonl']);
    expect(jsonl.stdout).not.toContain(ESC);
    expect(JSON.parse(jsonl.stdout.split('\n')[0]!).id).toBe(`id-${ESC}[31m`);
  }, 300_000);

  it('match --file, network and commander\'s own errors are made safe too', async () => {
    const dir = workspace('control other');
    writeFileSync(join(dir, 'queries.jsonl'), `${JSON.stringify({ name: `Kim${ESC}[2J` })}\nbad ${ESC}[31m line\n`);
    const match = await hirewatchIn(dir, ['match', '--file', 'queries.jsonl']);
    expect(match.code).toBe(0);
    expect(`${match.stdout}${match.stderr}`).not.toContain(ESC);

    writeFileSync(join(dir, 'ring.jsonl'), [record('r1'), JSON.stringify({ id: 'r2', submittedAt: '2025-11-02T10:00:00Z', applicant: { fullName: `Bob${ESC}[1A Stone`, phones: ['+1 415 555 0199'] } })].join('\n'));
    const network = await hirewatchIn(dir, ['network', 'r2', '--input', 'ring.jsonl']);
    expect(network.code, network.stderr).toBe(0);
    expect(network.stdout).not.toContain(ESC);
    expect(network.stdout).toContain('Bob\\u001b[1A Stone');

    const unknown = await hirewatchIn(dir, ['screen', APPS, `--x${ESC}[31m`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toContain(ESC);
  }, 300_000);

  it('terminalSafe replaces C0, DEL, C1 and bidirectional controls, and nothing else', () => {
    expect(terminalSafe(`a${ESC}[31mb\u0007c\u007fd\u009be\u202ef\u2066g`)).toBe('a\\u001b[31mb\\u0007c\\u007fd\\u009be\\u202ef\\u2066g');
    expect(terminalSafe('one\ntwo\tthree')).toBe('one\\u000atwo\\u0009three');
    expect(terminalSafe('one\ntwo', 'lines')).toBe('one\ntwo');
    expect(terminalSafe('Zoë Ørsted 金正恩 العربية')).toBe('Zoë Ørsted 金正恩 العربية');
  });
});

describe('hirewatch --help and --version', () => {
  it('--help documents the exit codes; --version prints the package version', async () => {
    const dir = workspace('help');
    const help = await hirewatchIn(dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit status:\n\s+0\s+done[\s\S]+1\s+nothing usable[\s\S]+2\s+usage/);
    const version = await hirewatchIn(dir, ['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 300_000);

  it('a good run still exits 0 (and the error style does not get in its way)', async () => {
    const dir = workspace('good');
    copyFileSync(APPS, join(dir, 'apps.jsonl'));
    const r = await hirewatchIn(dir, ['screen', 'apps.jsonl', '--no-db', '-o', 'out.csv', '-f', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^id,name,score,band/);
  }, 300_000);
});
