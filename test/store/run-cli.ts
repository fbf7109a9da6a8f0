import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../helpers/cli.js';

export interface CliRun { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stdout: string; readonly stderr: string }

/**
 * Run `hirewatch ARGS` from the sources without blocking the test worker
 * (spawnSync would stall vitest's own messages on a slow machine).
 * `onStderr` sees the standard error so far after each piece of it.
 */
export function runHirewatch(args: readonly string[], onStderr?: (soFar: string, child: ChildProcess) => void): Promise<CliRun> {
  return startHirewatch(args, onStderr).done;
}

/** The same, with the child process at hand (to kill it). */
export function startHirewatch(args: readonly string[], onStderr?: (soFar: string, child: ChildProcess) => void): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
