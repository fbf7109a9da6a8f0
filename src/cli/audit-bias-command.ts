import type { Command } from 'commander';
import { auditBias, DemographicsError, IMPACT_THRESHOLD, parseDemographics, SMALL_SHARE, type BiasAudit } from '../fairness/bias.js';
import { labelKey } from '../learn/labels.js';
import { CliFailure, EXIT, readNamedFile, say } from './cli-errors.js';
import { checkScoreSource, readLabelsFile, scoreApplications, scoreFromStore, type ScoredApplication } from './labelled-results.js';
import { loadScoringConfig } from './load-config.js';
import { terminalSafe } from './terminal-text.js';

/**
 * `hirewatch audit bias --labels demographics.csv --group COLUMN (--applications FILE | --db)`:
 * flag and hold rates per category and impact ratios, in the style of NYC Local Law 144
 * (docs/EVALUATION.md). The only command that reads demographic data; nothing it reads is
 * stored or fed to a score.
 */
interface BiasOptions {
  labels: string;
  group: string;
  idColumn?: string;
  applications?: string;
  db?: string;
  org?: string;
  config?: string;
  honest?: string;
  json?: boolean;
}

const pct = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)} %`;
const ratio = (x: number | null): string => (x === null ? '–' : `${x.toFixed(2)}${x < IMPACT_THRESHOLD ? ' *' : ''}`);

export function biasText(a: BiasAudit): string {
  const w = Math.min(28, Math.max(8, ...a.categories.map((c) => terminalSafe(c.category).length)));
  const lines = [
    `bias audit by '${terminalSafe(a.group)}': ${a.applications} applications, flagged ${pct(a.flagRate)}, held ${pct(a.holdRate)}`,
    `most favoured: ${a.favouredForFlags === null ? '–' : terminalSafe(a.favouredForFlags)} for flags, ${a.favouredForHolds === null ? '–' : terminalSafe(a.favouredForHolds)} for holds; impact ratio = the most-favoured category's rate / this category's; * marks a ratio under ${IMPACT_THRESHOLD}`,
    '',
    `${'category'.padEnd(w)} ${'apps'.padStart(6)} ${'flagged'.padStart(8)} ${'rate'.padStart(8)} ${'impact'.padStart(7)} ${'vs all'.padStart(7)} ${'held'.padStart(5)} ${'rate'.padStart(8)} ${'impact'.padStart(7)} ${'vs all'.padStart(7)} ${'LL144 clear'.padStart(11)}`,
    ...a.categories.map(
      (c) =>
        `${terminalSafe(c.category).slice(0, w).padEnd(w)} ${String(c.applications).padStart(6)} ${String(c.flagged).padStart(8)} ${pct(c.flagRate).padStart(8)} ${ratio(c.flagImpactRatio).padStart(7)} ${ratio(c.flagRatioToOverall).padStart(7)} ${String(c.held).padStart(5)} ${pct(c.holdRate).padStart(8)} ${ratio(c.holdImpactRatio).padStart(7)} ${ratio(c.holdRatioToOverall).padStart(7)} ${(c.clearSelectionRatio === null ? '–' : c.clearSelectionRatio.toFixed(3)).padStart(11)}${c.small ? `  (under ${SMALL_SHARE * 100} % of applications: not compared)` : ''}`,
    ),
    '',
    a.marked.length
      ? `marked (impact ratio under ${IMPACT_THRESHOLD}): ${a.marked.map((m) => `${terminalSafe(m.category)} ${m.measure} ${m.ratio.toFixed(2)}`).join(', ')}`
      : `no category has an impact ratio under ${IMPACT_THRESHOLD}`,
    ...(a.categories.some((c) => !c.small && c.flagged < 5)
      ? [`caution: some categories' rates rest on fewer than 5 flagged applications; a ratio from so few events moves a lot with one more or one less`]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runAuditBias(options: BiasOptions): Promise<number> {
  checkScoreSource(options);
  const scoring = loadScoringConfig(options.config);
  const text = readNamedFile(options.labels, 'the demographics file', 'give --labels a CSV file with a header row: an id column and the --group column');
  let categories: Map<string, string>;
  try {
    categories = parseDemographics(text, options.group, options.idColumn);
  } catch (err) {
    if (err instanceof DemographicsError) throw new CliFailure(`the demographics file ${options.labels}: ${err.message}`);
    throw err;
  }
  const honest = options.honest ? new Set(readLabelsFile(options.honest).labels.filter((l) => !l.positive).map((l) => labelKey(l.source, l.id))) : undefined;
  const counted = (id: string, source: string): boolean => categories.has(id) && (!honest || honest.has(labelKey(source, id)) || honest.has(labelKey('', id)));
  const results: ScoredApplication[] = options.db
    ? await scoreFromStore(options, [...categories.keys()].map((id) => ({ id, source: '' })))
    : await scoreApplications(options, scoring, counted);
  const rows = results.filter((r) => counted(r.id, r.source)).map((r) => ({ category: categories.get(r.id)!, band: r.band }));
  if (rows.length === 0) {
    say('no application of the demographics file has a result: check that its ids name the applications given (--applications) or stored (--db)');
    return EXIT.failed;
  }
  if (rows.length < categories.size) say(`${categories.size - rows.length} applications of the demographics file have no result${honest ? ' or are not labelled honest' : ''} and are left out`);
  const audit = auditBias(rows, options.group);
  process.stdout.write(options.json ? `${JSON.stringify(audit)}\n` : biasText(audit));
  return EXIT.done;
}

export function registerAuditBiasCommand(audit: Command): void {
  audit
    .command('bias')
    .description('flag and hold rates per demographic category with impact ratios (NYC Local Law 144 style); the only command that reads demographic data')
    .requiredOption('--labels <demographics.csv>', 'CSV with a header row: an id column (id, applicationId or application_id) and the --group column')
    .requiredOption('--group <column>', 'the demographic column to compare categories of')
    .option('--id-column <column>', 'the id column, when it is named otherwise')
    .option('--applications <file>', 'screen these applications now, with linkage')
    .option('--db <path|url>', 'read the stored results instead (SQLite path or postgres:// URL)')
    .option('--org <org>', 'organisation in the database (default "default")')
    .option('-c, --config <config.json>', 'scoring configuration to screen --applications with')
    .option('--honest <labels.jsonl>', 'count only applications labelled honest (or cleared) in this labels file: the rates honest applicants face')
    .option('--json', 'print the audit as one JSON object')
    .action(async (options: BiasOptions) => {
      process.exitCode = await runAuditBias(options);
    });
}
