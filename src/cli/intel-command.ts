import { closeSync, fchmodSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { indicatorLines } from '../intel/jsonl.js';
import { SHARING_MODES, type Sharing, type SharingMode } from '../intel/sharing.js';
import { stixBundle } from '../intel/stix.js';
import { exportIntel } from '../service/intel.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG } from '../store/index.js';
import { pullIntel, PullError } from '../service/intel-pull.js';
import { CliFailure, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { readKeyFile } from './key-file.js';
import { oneOf, wholeNumber } from './option-parsers.js';
import { count } from './plural.js';

/**
 * `hirewatch intel export --db D --format stix|jsonl [--mode private|clear]
 * [--key-file F] --out F`: the indicators of the organisation's
 * confirmed-fraud cases (docs/SHARING.md), keyed under the consortium key
 * (private, the default) or in clear (for law enforcement), as a STIX 2.1
 * bundle or JSON Lines. The file is written mode 0600; the export is
 * recorded in the organisation's audit chain.
 */
const FORMATS = ['stix', 'jsonl'] as const;

interface ExportOptions {
  readonly db?: string;
  readonly org: string;
  readonly format: (typeof FORMATS)[number];
  readonly mode: SharingMode;
  readonly keyFile?: string;
  readonly out: string;
}

/** Write pieces to a new file readable by its owner alone (it may hold personal data in clear mode). */
function writePrivate(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    let buffered = '';
    for (const p of pieces) {
      buffered += p;
      if (buffered.length > 1 << 20) {
        writeSync(fd, buffered);
        buffered = '';
      }
    }
    if (buffered) writeSync(fd, buffered);
  } finally {
    closeSync(fd);
  }
}

function* bundlePieces(bundle: ReturnType<typeof stixBundle>): Generator<string> {
  yield `{"type":"bundle","id":${JSON.stringify(bundle.id)},"objects":[`;
  for (const [n, o] of bundle.objects.entries()) yield `${n === 0 ? '' : ','}\n${JSON.stringify(o)}`;
  yield '\n]}\n';
}

interface PullOptions {
  readonly db?: string;
  readonly org: string;
  readonly collection: string;
  readonly apiKeyFile: string;
  readonly pageSize: number;
  readonly addedAfter?: string;
}

/** An API key from a file readable by its owner alone (it opens another company's collection); never printed. */
function readApiKeyFile(file: string): string {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    throw new CliFailure(`the API key file ${file} cannot be read`);
  }
  if ((mode & 0o077) !== 0) throw new CliFailure(`the API key file ${file} is readable by others (mode ${mode.toString(8).padStart(4, '0')}): chmod 600 ${file}`);
  const key = readFileSync(file, 'utf8').trim();
  if (!/^hw_[A-Za-z0-9_-]{8,250}$/.test(key) && !/^[\x21-\x7e]{8,256}$/.test(key)) throw new CliFailure(`the API key file ${file} does not hold one API key`);
  return key;
}

export function registerIntelCommands(program: Command): void {
  const intel = program.command('intel').description('indicators of confirmed fraud, to share with other companies or report (docs/SHARING.md)');
  intel
    .command('pull')
    .description("fetch another organisation's TAXII 2.1 collection (following next) into a watchlist named after the sharer; screening matches it (linkage.shared_indicator)")
    .argument('<url>', "the TAXII API root, e.g. https://intel.example.com/taxii2/acme/")
    .requiredOption('--collection <id>', 'the collection id (GET <url>collections/ lists them)')
    .requiredOption('--api-key-file <file>', 'the API key the sharer gave you (mode 0600)')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
    .option('--org <org>', 'organisation whose watchlist receives them', DEFAULT_ORG)
    .option('--page-size <n>', 'objects asked for per page', wholeNumber, 1000)
    .option('--added-after <instant>', 'only what the sharer added after this instant (the last pull prints it)')
    .action(async (url: string, options: PullOptions) => {
      if (!/^https?:\/\//.test(url)) throw new UsageError('the URL is the TAXII API root, http:// or https://');
      const apiKey = readApiKeyFile(options.apiKeyFile);
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const out = await pullIntel(store, {
          apiRoot: url, collection: options.collection, apiKey, pageSize: Math.max(1, options.pageSize), ...(options.addedAfter ? { addedAfter: options.addedAfter } : {}),
        }, { actor: 'cli', action: 'intel.pull' });
        say(`${count(out.indicators, 'indicator')} from ${out.sharers.join(', ') || 'no sharer'} in ${count(out.pages, 'page')}: ${out.added} new, ${out.refreshed} already held${out.failures.length ? `, ${count(out.failures.length, 'object')} refused (${out.failures[0]!.message})` : ''}`);
        if (out.dateAddedLast) say(`next time: --added-after ${out.dateAddedLast}`);
      } catch (err) {
        if (err instanceof PullError) throw new CliFailure(err.message);
        throw err;
      } finally {
        await store.close();
      }
    });
  intel
    .command('export')
    .description('write the indicators of confirmed-fraud cases: keyed hashes (private) or clear values, as STIX 2.1 or JSON Lines (mode 0600)')
    .option('--db <path|url>', `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--format <format>', FORMATS.join(' or '), oneOf(FORMATS), 'stix')
    .option('--mode <mode>', 'private: HMAC-SHA256 under the consortium key; clear: the values, for law enforcement', oneOf(SHARING_MODES), 'private')
    .option('--key-file <file>', 'the consortium key (mode 0600; at least 32 bytes, or 64 hex digits); required in private mode')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: ExportOptions) => {
      if (options.mode === 'private' && !options.keyFile) throw new UsageError('--mode private needs --key-file: the consortium key the indicators are hashed under (or --mode clear for law enforcement)');
      if (options.mode === 'clear' && options.keyFile) throw new UsageError('--key-file goes with --mode private: clear mode hashes nothing');
      const sharing: Sharing = options.mode === 'private' ? { mode: 'private', key: readKeyFile(options.keyFile!) } : { mode: 'clear' };
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const exported = await exportIntel(store, sharing, { actor: 'cli', action: 'intel.export', detail: { format: options.format } });
        const now = new Date().toISOString();
        writePrivate(options.out, options.format === 'stix' ? bundlePieces(stixBundle({ ...exported, now })) : indicatorLines({ ...exported, now }));
        say(`${count(exported.indicators.length, 'indicator')} from ${count(exported.rings.length, 'ring')} written to ${options.out} (${options.mode}${exported.keyId ? `, key ${exported.keyId}` : ''})`);
      } finally {
        await store.close();
      }
    });
}
