import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { oneOf, positiveInteger, unitInterval } from './option-parsers.js';
import { z } from 'zod';
import { describeMatchConfig } from '../match/config.js';
import { WatchlistIndex } from '../match/watchlist-index.js';
import type { MatchQuery, NameMatch } from '../match/types.js';
import { loadWatchlists } from '../reference/watchlists.js';
import { CliFailure, EXIT, requireFile } from './cli-errors.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * `hirewatch match "NAME" [--kind] [--dob] [--country] [--threshold] [--limit]`
 * prints the best candidates on the OFAC SDN list, the high-risk
 * institutions list and the user's custom list, with scores and
 * explanations; `hirewatch match --file QUERIES.jsonl --format jsonl`
 * screens a roster, one answer line per query line (a bad line answers
 * with its error and the run goes on).
 */
export const matchQuerySchema = z.object({
  name: z.string().trim().min(1, 'a name is required'),
  kind: z.enum(['person', 'organization']).optional(),
  dob: z
    .string()
    .regex(/^\d{4}(-\d{2}-\d{2})?$/u, 'a year YYYY or a date YYYY-MM-DD')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/u, 'an ISO 3166-1 alpha-2 code such as KP')
    .optional(),
});

export interface MatchCommandDeps {
  /** Builds the index (default: OFAC SDN + high-risk institutions + custom list from data/). */
  loadIndex?: () => WatchlistIndex;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

interface MatchOptions {
  kind?: 'person' | 'organization';
  dob?: string;
  country?: string;
  threshold?: number;
  limit?: number;
  file?: string;
  format: 'table' | 'jsonl';
}

/** The same lists `screen` uses, from the same data folder (HIREWATCH_DATA_DIR honoured). */
function defaultIndex(err: (text: string) => void): WatchlistIndex {
  const loaded = loadWatchlists();
  for (const problem of loaded.problems) err(`hirewatch: ${problem}\n`);
  return loaded.index;
}

function issueText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
}

function compact(match: NameMatch): Pick<NameMatch, 'entry' | 'list' | 'name' | 'score' | 'explanation'> {
  return { entry: match.entry, list: match.list, name: match.name, score: match.score, explanation: match.explanation };
}

function table(query: MatchQuery, matches: readonly NameMatch[], index: WatchlistIndex, threshold: number): string {
  // Everything quoted from the query or the lists is made safe for the terminal.
  const lines = [`query: ${terminalSafe(JSON.stringify(query))}`];
  if (matches.length === 0) return `${lines[0]}\nno candidate at or above ${threshold}\n`;
  const entryWidth = Math.max(5, ...matches.map((m) => terminalSafe(m.entry).length));
  const listWidth = Math.max(4, ...matches.map((m) => m.list.length));
  lines.push(`${'score'.padEnd(6)} ${'entry'.padEnd(entryWidth)} ${'list'.padEnd(listWidth)} listed name`);
  for (const m of matches) {
    lines.push(`${m.score.toFixed(3).padEnd(6)} ${terminalSafe(m.entry).padEnd(entryWidth)} ${m.list.padEnd(listWidth)} ${terminalSafe(m.name)}`);
    const indent = ' '.repeat(7);
    lines.push(`${indent}why: ${terminalSafe(m.explanation.slice(m.explanation.indexOf(':') + 2))}`);
    const source = index.entry(m.entry)?.source;
    if (source) lines.push(`${indent}source: ${terminalSafe(source)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Answers every query line of `path`; returns how many were answered and how many could not be read. */
async function screenFile(path: string, index: WatchlistIndex, search: { threshold?: number; limit?: number }, out: (text: string) => void): Promise<{ answered: number; failed: number }> {
  const input = createReadStream(path, 'utf8');
  let readError: Error | undefined;
  input.on('error', (e) => void (readError = e));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let answered = 0;
  let failed = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      failed++;
      out(`${JSON.stringify({ line: n, error: `not JSON: ${(e as Error).message}` })}\n`);
      continue;
    }
    const parsed = matchQuerySchema.safeParse(value);
    if (!parsed.success) {
      failed++;
      out(`${JSON.stringify({ line: n, error: issueText(parsed.error) })}\n`);
      continue;
    }
    answered++;
    const matches = index.search(parsed.data, search).map(compact);
    out(`${JSON.stringify({ query: value, matches })}\n`);
  }
  if (readError) throw new CliFailure(`the queries file ${path} could not be read to the end (${readError.message})`);
  return { answered, failed };
}

export function registerMatchCommand(program: Command, deps: MatchCommandDeps = {}): void {
  const out = deps.out ?? ((text: string) => void process.stdout.write(forStdout(text)));
  const err = (text: string): void => (deps.err ?? ((t: string) => void process.stderr.write(t)))(terminalSafe(text, 'lines'));
  program
    .command('match')
    .description('Match a name, or every name of a JSONL file, against the OFAC SDN list and the high-risk institutions list')
    .argument('[name]', 'the name to screen (a person or an organisation)')
    .option('--kind <kind>', 'person or organization', oneOf(['person', 'organization'] as const))
    .option('--dob <year>', 'year of birth (YYYY) or date (YYYY-MM-DD)')
    .option('--country <cc>', 'ISO 3166-1 alpha-2 country code tied to the name')
    .option('--threshold <n>', 'lowest score shown, 0 to 1 (default 0.86)', unitInterval)
    .option('--limit <n>', 'most candidates per query (default 10)', positiveInteger)
    .option('--file <path>', 'a JSONL file of queries: {"name", "kind"?, "dob"?, "country"?} per line')
    .option('--format <format>', 'table or jsonl (default: table for one name, jsonl for a file)', oneOf(['table', 'jsonl'] as const))
    .addHelpText('after', `\nHow names are scored (src/match/config.ts; setting = default: meaning):\n${describeMatchConfig().map((line) => `  ${line}`).join('\n')}\n`)
    .action(async (name: string | undefined, options: Partial<MatchOptions>) => {
      if (!name === !options.file) {
        err('hirewatch match: give either a NAME or --file QUERIES.jsonl\n');
        process.exitCode = EXIT.usage;
        return;
      }
      if (options.file) {
        try {
          requireFile(options.file, 'the queries file', 'give --file a JSON Lines file of {"name": ...} queries, or give one NAME');
        } catch (e) {
          err(`hirewatch match: ${(e as Error).message}\n`);
          process.exitCode = EXIT.failed;
          return;
        }
      }
      const index = (deps.loadIndex ?? (() => defaultIndex(err)))();
      const search = { threshold: options.threshold, limit: options.limit };
      if (options.file) {
        const { answered, failed } = await screenFile(options.file, index, search, out);
        if (answered === 0) {
          err(`hirewatch match: no query could be read from ${options.file}${failed ? ` (${failed} unreadable)` : ''}\n`);
          process.exitCode = EXIT.failed;
        }
        return;
      }
      const query: MatchQuery = { name: name!, kind: options.kind, dob: options.dob, country: options.country };
      const parsed = matchQuerySchema.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
      if (!parsed.success) {
        err(`hirewatch match: ${issueText(parsed.error)}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const matches = index.search(parsed.data, search);
      if (options.format === 'jsonl') out(`${JSON.stringify({ query: parsed.data, matches: matches.map(compact) })}\n`);
      else out(table(parsed.data, matches, index, options.threshold ?? index.config.threshold));
    });
}
