#!/usr/bin/env node
// npm's "prepare" script (package.json): runs after `npm ci` / `npm install` in a clone, and
// before `npm pack` / `npm publish`. Plain JavaScript, because it must run when the dev
// dependencies (TypeScript, tsx) are not installed.
//
// With TypeScript installed it compiles src/ into dist/ (tsconfig.build.json) and removes
// compiled files whose source is gone, so a package never ships a module deleted from src/.
// Then it builds the analyst console (console/, React) with Vite into dist/console, which
// `hirewatch serve` serves at /: Vite is a dev dependency like TypeScript, and needs nothing
// beyond what `npm ci` installed (no network).
//
// Without TypeScript (`npm ci --omit=dev` in a clone) nothing can be built, and it says so in
// one sentence instead of npm's "tsc: not found":
// - when packing or publishing it exits 1: a package must carry a fresh build;
// - when dist/ is already built (copied in, or built before the dev dependencies were
//   pruned) it exits 0 and the existing build is used;
// - otherwise it exits 1, so the install fails where the cause is, rather than later when
//   `hirewatch` finds neither dist/ nor tsx. The published package does not run this (npm
//   runs "prepare" for a clone or a git dependency, not for a package from a registry or a
//   tarball): it ships dist/ already built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const src = join(root, 'src');
const say = (text) => process.stderr.write(`hirewatch: ${text}\n`);

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}

if (!tsc) {
  const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
  const built = existsSync(join(dist, 'cli', 'run.js'));
  if (!packing && built) {
    say('TypeScript is not installed (--omit=dev), so dist/ was not rebuilt; the build already in dist/ is used.');
    process.exit(0);
  }
  say('building hirewatch from source needs the dev dependencies: run `npm ci` without --omit=dev (or install the published package, which ships the compiled code).');
  process.exit(1);
}

// What dist/ is built from. When dist/ was last built from exactly these files (their hash is kept in
// dist/.build-inputs), nothing is built again: npx links a project's own folder into its cache and runs
// this script once more the first time `npx hirewatch` is run in it, which cost the README's first
// command 15 s of rebuilding what `npm ci` had just built.
const INPUTS = ['src', 'console', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const stampFile = join(dist, '.build-inputs');
function hashInputs() {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) return;
    const entries = readdirSync(path, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) hash.update(`${relative(root, child)}\0`).update(readFileSync(child)).update('\0');
    }
  };
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) visit(path);
    else hash.update(`${input}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}
const inputs = hashInputs();
const upToDate = existsSync(join(dist, 'cli', 'run.js')) && existsSync(join(dist, 'console', 'index.html'))
  && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === inputs;
if (upToDate) say('dist/ is already built from these sources; not built again.');
else {
  rmSync(stampFile, { force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`the TypeScript build failed (exit status ${result.status ?? result.signal}); see the errors above.`);
    process.exit(1);
  }

  /** dist/a/b.js (or .js.map) whose src/a/b.ts no longer exists (dist/console is the console's build, not src/'s). */
  function stale(dir) {
    const found = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (path === join(dist, 'console')) continue;
      if (entry.isDirectory()) found.push(...stale(path));
      else {
        const source = join(src, relative(dist, path)).replace(/\.js(\.map)?$/, '.ts');
        if (/\.js(\.map)?$/.test(entry.name) && !existsSync(source)) found.push(path);
      }
    }
    return found;
  }
  for (const file of stale(dist)) rmSync(file);

  // The console: Vite (a dev dependency, present whenever TypeScript is) builds console/ into dist/console.
  let vite;
  try {
    vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    vite = undefined;
  }
  if (!vite || !existsSync(vite)) {
    say('Vite is not installed, so the console (dist/console) was not built; run `npm ci` without --omit=dev.');
    process.exit(1);
  }
  const consoleBuild = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'console', 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
  if (consoleBuild.status !== 0) {
    say(`the console build (Vite) failed (exit status ${consoleBuild.status ?? consoleBuild.signal}); see the errors above.`);
    process.exit(1);
  }
  writeFileSync(stampFile, `${inputs}\n`);
}

// The watchlist index, the geographic tables and the education name engine, built once into their
// snapshots (src/reference/watchlist-snapshot.ts) so that the first `hirewatch match`, `serve` or `screen`
// reads them instead of building them. Best effort: a cache folder that cannot be written only means the
// first run builds them (and tries to save them) itself.
const built = (path) => JSON.stringify(new URL(`../dist/${path}`, import.meta.url).href);
const snapshot = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', `
    const { loadWatchlists } = await import(${built('reference/watchlists.js')});
    const { loadGeoReference } = await import(${built('reference/geo/load-geo-reference.js')});
    const { loadEducationReference } = await import(${built('reference/education/education-reference.js')});
    const w = loadWatchlists();
    process.stderr.write('hirewatch: watchlist index ' + (w.stats.from === 'snapshot' ? 'snapshot up to date' : 'built (' + w.stats.names + ' names, ' + w.stats.loadMs + ' ms)' + (w.stats.saved ? ', snapshot saved' : ', no snapshot saved')) + '\\n');
    loadGeoReference();
    loadEducationReference();
    process.stderr.write('hirewatch: geographic tables and education name engine ready\\n');`],
  { cwd: root, stdio: 'inherit' },
);
if (snapshot.status !== 0) say('the reference snapshots were not built; the first run builds them instead.');
