#!/usr/bin/env node
// Runs the compiled CLI in dist/: shipped in the package, built in a clone by `npm ci`
// (the "prepare" script) or `npm run build`. A clone without a build falls back to the
// TypeScript sources through tsx, a dev dependency; with neither, it says what to run.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli', 'run.js');
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    process.stderr.write('hirewatch: not built (no dist/) and the dev dependencies are not installed: run `npm ci` then `npm run build` in the clone.\n');
    process.exit(1);
  }
  tsx.register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'run.ts')).href);
}
