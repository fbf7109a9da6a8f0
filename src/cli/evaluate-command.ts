import { closeSync, openSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { evaluate, type Estimate, type Evaluation } from '../learn/evaluate.js';
import { CliFailure, EXIT, say, UsageError } from './cli-errors.js';
import { evaluationHtml } from './formats/evaluation-html.js';
import { checkScoreSource, labelledResults, readLabelsFile } from './labelled-results.js';
import { loadScoringConfig } from './load-config.js';

/**
 * `hirewatch evaluate --labels FILE (--applications FILE | --db PATH) [--out report.html]`:
 * how well the scores separate the labelled applications (docs/EVALUATION.md).
 */
interface EvaluateOptions {
  labels: string;
  applications?: string;
  db?: string;
  org?: string;
  out?: string;
  config?: string;
  resamples: string;
  seed: string;
  json?: boolean;
}

const pct = (x: number | null, digits = 1): string => (x === null ? '–' : `${(100 * x).toFixed(digits)} %`);
const num = (x: number | null, digits = 3): string => (x === null ? '–' : x.toFixed(digits));
const ci = (e: Estimate, f: (x: number | null) => string): string => (e.low === null ? f(e.value) : `${f(e.value)} (${f(e.low)} to ${f(e.high)})`);

/** The evaluation as text for the terminal. */
export function evaluationText(e: Evaluation): string {
  const lines = [
    `${e.applications} labelled applications: ${e.positives} fraudulent, ${e.negatives} honest (95 % bootstrap intervals, ${e.bootstrap.resamples} resamples, seed ${e.bootstrap.seed})`,
    `ROC AUC ${ci(e.rocAuc, (x) => num(x))}; precision-recall AUC ${ci(e.prAuc, (x) => num(x))}`,
    '',
    'by band:      fraudulent   honest',
    ...(['clear', 'review', 'hold'] as const).map((b) => `  ${b.padEnd(10)} ${String(e.confusion[b].positives).padStart(10)} ${String(e.confusion[b].negatives).padStart(8)}`),
    '',
    ...e.cutoffs.map((c) => `${c.at === 'review' ? 'flagged (review or hold)' : 'held'}: precision ${ci(c.precision, (x) => pct(x))}, recall ${ci(c.recall, (x) => pct(x))}, false-positive rate ${ci(c.falsePositiveRate, (x) => pct(x, 2))}`),
    '',
    'calibration (scores: applications, predicted, observed):',
    ...e.calibration.map((b) => `  ${`${b.scores[0]}-${b.scores[1]}`.padEnd(7)} ${String(b.applications).padStart(6)}  ${pct(b.predicted).padStart(7)}  ${ci(b.observed, (x) => pct(x))}`),
    '',
    'lift of each signal (applications with it, fraudulent among them, lift):',
    ...e.lift.map((l) => `  ${l.id.padEnd(52)} ${String(l.applications).padStart(5)} ${String(l.positives).padStart(5)}  ${ci(l.lift, (x) => num(x, 2))}`),
  ];
  return `${lines.join('\n')}\n`;
}

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${name} ${JSON.stringify(value)}: give a whole number from 0 to ${max}`);
  return n;
}

export async function runEvaluate(options: EvaluateOptions): Promise<number> {
  const resamples = positiveInt('--resamples', options.resamples, 10_000);
  const seed = positiveInt('--seed', options.seed, 2 ** 32 - 1);
  checkScoreSource(options);
  const scoring = loadScoringConfig(options.config);
  const labels = readLabelsFile(options.labels);
  let fd: number | undefined;
  if (options.out) {
    try {
      fd = openSync(options.out, 'w', 0o600);
    } catch (err) {
      throw new CliFailure(`cannot write ${options.out}: ${err instanceof Error ? err.message : String(err)}: give --out a file in an existing directory you may write to`);
    }
  }
  try {
    const joined = await labelledResults(labels, options, scoring);
    if (joined.length === 0) {
      say('no labelled application has a result: check that the labels name the applications given (--applications) or stored (--db)');
      return EXIT.failed;
    }
    const rows = joined.map(({ label, result }) => ({ id: result.id, positive: label.positive, score: result.score, logOdds: result.logOdds, band: result.band, signals: result.signals.map((s) => s.id) }));
    const evaluation = evaluate(rows, { resamples, seed });
    process.stdout.write(options.json ? `${JSON.stringify({ ...evaluation, curve: undefined })}\n` : evaluationText(evaluation));
    if (fd !== undefined) {
      const weights = Object.keys(scoring.weights).length ? `a configuration that changes ${Object.keys(scoring.weights).length} weights` : "the catalogue's weights";
      writeSync(fd, evaluationHtml(evaluation, { title: `hirewatch evaluation: ${basename(options.labels)}`, labels: basename(options.labels), scoredFrom: options.db ? 'from the stored results' : `by screening ${basename(options.applications!)}`, weights }));
      say(`report written to ${options.out}`);
    }
    return EXIT.done;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('how well the scores separate labelled applications: bands, precision, recall, AUC, calibration, each signal\'s lift')
    .requiredOption('--labels <file>', 'JSON Lines of {id, label: fraud|honest} or decided cases ({applicationId, decision}) as cases export --labels writes')
    .option('--applications <file>', 'screen these applications (JSON Lines or CSV) now, with linkage')
    .option('--db <path|url>', 'read the stored results of the labelled applications instead (SQLite path or postgres:// URL)')
    .option('--org <org>', 'organisation in the database (default "default")')
    .option('-c, --config <config.json>', 'scoring configuration to screen --applications with')
    .option('-o, --out <report.html>', 'also write the evaluation as an HTML page with charts (works offline)')
    .option('--resamples <n>', 'bootstrap resamples for the confidence intervals', '200')
    .option('--seed <n>', 'seed of the bootstrap (the same seed gives the same intervals)', '20251203')
    .option('--json', 'print the figures as one JSON object instead of text')
    .action(async (options: EvaluateOptions) => {
      process.exitCode = await runEvaluate(options);
    });
}
