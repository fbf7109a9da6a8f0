import { readFileSync, statSync } from 'node:fs';
import { MIN_KEY_BYTES } from '../intel/sharing.js';
import { CliFailure } from './cli-errors.js';

/**
 * The consortium key (docs/SHARING.md) from `--key-file`: the file's bytes,
 * without a trailing newline; 64 or more hex digits are read as the bytes
 * they spell (`openssl rand -hex 32 > key`). The file must be readable by
 * its owner alone (mode 0600 or 0400), as ssh demands of a private key. The
 * key is never printed: messages name the file, never its content.
 */
export function readKeyFile(file: string, option = '--key-file'): Buffer {
  let mode: number;
  let raw: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliFailure(`the key file ${file} is a directory: give ${option} the file holding the consortium key`);
    mode = st.mode & 0o777;
    raw = readFileSync(file);
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read';
    throw new CliFailure(`the key file ${file} ${why}: give ${option} the file holding the consortium key`);
  }
  if ((mode & 0o077) !== 0) {
    throw new CliFailure(`the key file ${file} is readable by others (mode ${mode.toString(8).padStart(4, '0')}): make it the owner's alone with chmod 600 ${file}`);
  }
  const text = raw.toString('utf8').replace(/\r?\n$/, '');
  const key = /^(?:[0-9a-f]{2}){32,}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
  if (key.length < MIN_KEY_BYTES) {
    throw new CliFailure(`the key file ${file} holds ${key.length} bytes; the consortium key needs at least ${MIN_KEY_BYTES} (make one with: openssl rand -hex 32 > ${file})`);
  }
  return key;
}

export const INTEL_REFRESH_HELP = "look every N seconds whether another process (intel pull) changed an organisation's shared watchlist, and read it again (0: only at start)";

export const INTEL_KEY_FILE_HELP = 'the consortium key (docs/SHARING.md; default: HIREWATCH_INTEL_KEY_FILE): keyed shared indicators match only under it';

/** The consortium key shared indicators are matched under: --intel-key-file, else HIREWATCH_INTEL_KEY_FILE; none when neither names a file. */
export function intelKeyFrom(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  if (file !== undefined) return readKeyFile(file, '--intel-key-file');
  const named = env.HIREWATCH_INTEL_KEY_FILE;
  return named ? readKeyFile(named, 'HIREWATCH_INTEL_KEY_FILE') : undefined;
}

/** What a door says when its organisation's shared watchlist holds keyed indicators it cannot match (no key, or another one). */
export function unmatchableSharedText(skipped: number): string | undefined {
  if (skipped === 0) return undefined;
  return `${skipped} keyed shared indicator${skipped === 1 ? ' was' : 's were'} made under another consortium key than this one (or no --intel-key-file was given): ${skipped === 1 ? 'it is' : 'they are'} kept, never matched`;
}
