import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { InvalidStoreTargetError } from '../store/store-target.js';
import { terminalSafe } from './terminal-text.js';

/**
 * One error style for every command (README, "Exit codes"; `hirewatch --help`):
 * a message is one sentence on standard error, `hirewatch: ...`, naming what
 * is wrong and what to do instead; never a stack trace.
 */
export const EXIT = {
  /** Done (records that could not be read are reported, one by one). */
  done: 0,
  /** Nothing usable, or a failure: no record could be read, a file or database named does not exist or cannot be read or written, a broken audit chain. */
  failed: 1,
  /** Usage: an unknown command or option, a missing argument, a value of the wrong form, options that do not go together. */
  usage: 2,
} as const;

export const EXIT_CODES_HELP = `
Exit status:
  0  done (records that could not be read are reported one by one; the run goes on)
  1  nothing usable, or a failure: no record could be read, a file or database
     named does not exist or cannot be read or written, a broken audit chain
  2  usage: an unknown command or option, a missing argument, a value of the
     wrong form (--db mysql://...), options that do not go together
`;

/** The command line is wrong: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command cannot go on (a file or database named is missing or unusable): exit 1, the message alone. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/** A message on standard error, made safe for a terminal. */
export function say(message: string): void {
  process.stderr.write(`hirewatch: ${terminalSafe(message, 'lines')}\n`);
}

/** The exit status for an error that ended a command, and its message, said once. */
export function reportError(err: unknown): number {
  if (err instanceof UsageError || err instanceof InvalidStoreTargetError) {
    say(err.message);
    return EXIT.usage;
  }
  say(err instanceof Error ? err.message : String(err));
  return EXIT.failed;
}

function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${err instanceof Error ? err.message : String(err)})`;
}

const isDirectory = (): NodeJS.ErrnoException => Object.assign(new Error('is a directory'), { code: 'EISDIR' });

/**
 * A file named on the command line (`what` says which, "the column map"),
 * checked before anything is stored or created: a missing, unreadable or
 * directory path ends the command with one sentence naming it and what to
 * give instead.
 */
export function requireFile(file: string, what: string, instead: string): void {
  try {
    if (statSync(file).isDirectory()) throw isDirectory();
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw new CliFailure(`${what} ${file} ${fileProblem(err)}: ${instead}`);
  }
}

/** The text of a file named on the command line; errors as requireFile's. */
export function readNamedFile(file: string, what: string, instead: string): string {
  try {
    if (statSync(file).isDirectory()) throw isDirectory();
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`${what} ${file} ${fileProblem(err)}: ${instead}`);
  }
}
