import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where reference data lives: `HIREWATCH_DATA_DIR` when set (a deployment
 * keeping refreshed lists outside the package), else the package's own data/.
 */
function packageRootOf(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.HIREWATCH_DATA_DIR;
  return override ? resolve(override) : join(packageRootOf(dirname(fileURLToPath(import.meta.url))), 'data');
}
