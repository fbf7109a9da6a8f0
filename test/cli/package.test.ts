import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * What a user installing the published package gets: `npm pack` (which builds dist/ through
 * the "prepare" script), then the tarball installed with --omit=dev into an empty directory
 * (its dependencies from the npm registry), then the installed `hirewatch` run on the
 * examples the package ships. It took 6 to 15 minutes on a busy 2-core machine (the build about
 * 1, the rest the install, most of it compiling better-sqlite3 where no prebuilt binary can be
 * fetched), too long for
 * every `npm test`: it runs when HIREWATCH_PACKAGE_TEST=1, which .ci/run sets.
 */
const ENABLED = process.env.HIREWATCH_PACKAGE_TEST === '1';

interface Run { code: number | null; stdout: string; stderr: string }

/** Run a command without blocking the test worker (spawnSync would stall vitest for minutes). */
function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `hirewatch serve --demo` on a free port: resolves with its console address once it says where. */
function serveDemo(bin: string, cwd: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--demo', '--port', '0'], { cwd, env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', HIREWATCH_AUDIT_KEY_FILE: join(cwd, 'audit.key') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /console at (http:\/\/[^\s]+?)\/?$/m.exec(stderr)?.[1];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`serve --demo ended (exit ${code}) before it was ready: ${stderr}`)));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ENABLED)('the package as npm pack makes it', () => {
  let tarball = '';
  let files: string[] = [];

  it('packs the built code, data, examples and licence, and no sources, tests, benchmarks or CI', async () => {
    const packed = await run(npm, ['pack', '--json', '--pack-destination', dir], ROOT);
    expect(packed.code, `${packed.stdout}\n${packed.stderr}`).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[\s*\{/m))) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info!.filename);
    files = info!.files.map((f) => f.path);
    for (const needed of ['bin/hirewatch.js', 'dist/cli/run.js', 'dist/console/index.html', 'data/manifest.json', 'data/ofac/sdn.csv', 'examples/applications.jsonl', 'LICENSE', 'README.md', 'package.json']) {
      expect(files, needed).toContain(needed);
    }
    for (const prefix of ['src/', 'test/', 'bench/', '.ci/', 'scripts/', 'data/febrl/']) {
      expect(files.filter((f) => f.startsWith(prefix)), prefix).toEqual([]);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  }, 600_000);

  it('installed with --omit=dev into an empty directory, runs hirewatch screen on the examples it ships', async () => {
    expect(tarball, 'the pack step ran').not.toBe('');
    const app = join(dir, 'app');
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'hirewatch-install-check', version: '1.0.0', private: true })}\n`);
    const installed = await run(npm, ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
    expect(installed.code, installed.stderr).toBe(0);
    // npm ignores the overrides of package.json in a dependency, so this install still gets
    // cookie@2 under fastify's light-my-request and warns that it wants Node 22; fastify loads
    // light-my-request only for inject(), which hirewatch does not call, so nothing fails.
    const modules = join(app, 'node_modules');
    for (const dev of ['typescript', 'tsx', 'vitest']) expect(existsSync(join(modules, dev)), dev).toBe(false);

    const bin = join(modules, '.bin', process.platform === 'win32' ? 'hirewatch.cmd' : 'hirewatch');
    const version = await run(bin, ['--version'], app);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);

    const examples = join(modules, 'hirewatch', 'examples', 'applications.jsonl');
    const count = readFileSync(examples, 'utf8').split('\n').filter((l) => l.trim()).length;
    const screened = await run(bin, ['screen', examples], app);
    expect(screened.code, screened.stderr).toBe(0);
    expect(screened.stdout).toMatch(new RegExp(`^${count} records: \\d+ clear, \\d+ review, \\d+ hold$`, 'm'));
    // The default database is created where the user runs it, not inside the package.
    expect(existsSync(join(app, 'hirewatch.db'))).toBe(true);

    // The console ships built: serve --demo answers its page at / and the API beside it.
    const served = await serveDemo(bin, app);
    try {
      const page = await fetch(`${served.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>hirewatch console</title>');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      expect((await fetch(`${served.url}${script}`)).status).toBe(200);
      expect((await fetch(`${served.url}/api/v1/health`)).status).toBe(200);
    } finally {
      served.stop();
    }
  }, 900_000);
});
