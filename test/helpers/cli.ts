import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Run the hirewatch command from the TypeScript sources, as a user would run it. */
export function hirewatch(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  // `screen` keeps what it screens in ./hirewatch.db by default; a test screens alone unless it names a database.
  const isolated = args[0] === 'screen' && !args.includes('--db') ? [...args, '--no-db'] : args;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...isolated], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
