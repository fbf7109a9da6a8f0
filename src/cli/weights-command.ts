import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { describeIssues } from '../parse/record-error.js';
import { ScoringConfigSchema, type ScoringConfig } from '../score/config.js';
import { backtestWeights, type Backtest } from '../service/index.js';
import { train, TooFewLabelsError, TRAIN_DEFAULTS, type TrainingExample } from '../learn/train.js';
import { diffWeights } from '../learn/weights-file.js';
import { AUDIT_KEY_FILE_ENV, useAuditKeyFile } from '../store/admin-queries.js';
import { catalogueVersion, DEFAULT_ORG, scoringVersion } from '../store/index.js';
import { CliFailure, EXIT, readNamedFile, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { checkScoreSource, labelledResults, readLabelsFile } from './labelled-results.js';
import { loadScoringConfig } from './load-config.js';
import { oneOf } from './option-parsers.js';
import { count } from './plural.js';
import { forStdout } from './terminal-text.js';
import { catalogueWeights, findVersion, listVersions, readActive, weightsDir, writeActive, writeVersion, WEIGHTS_DIR_ENV } from './weights-store.js';

/**
 * `hirewatch train --labels FILE [--applications FILE | --db]` and
 * `hirewatch weights list|show|diff|activate|rollback|backtest` (docs/EVALUATION.md).
 */
interface TrainOptions {
  labels: string;
  applications?: string;
  db?: string;
  org?: string;
  config?: string;
  dir?: string;
  lambda: string;
  folds: string;
}

const num = (x: number | null, d = 3): string => (x === null ? '–' : x.toFixed(d));

export async function runTrain(options: TrainOptions): Promise<number> {
  const lambda = Number(options.lambda);
  const folds = Number(options.folds);
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new UsageError(`--lambda ${JSON.stringify(options.lambda)}: give a positive number`);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError(`--folds ${JSON.stringify(options.folds)}: give a whole number from 2 to 20`);
  const labels = readLabelsFile(options.labels);
  const scoring = loadScoringConfig(options.config, { activeWeights: false });
  // Decisions that carry the signals seen when they were made need no screening.
  const carried = labels.labels.every((l) => l.signals);
  let examples: TrainingExample[];
  if (carried && !options.applications && !options.db) {
    examples = labels.labels.map((l) => ({ positive: l.positive, signals: l.signals! }));
  } else {
    checkScoreSource(options);
    examples = (await labelledResults(labels, options, scoring)).map(({ label, result }) => ({ positive: label.positive, signals: result.signals.filter((s) => (s.uncappedWeight ?? s.weight) > 0).map((s) => s.id) }));
  }
  const priors = new Map(Object.entries({ ...catalogueWeights(), ...scoring.weights }));
  let t;
  try {
    t = train(examples, priors, { lambda, folds });
  } catch (err) {
    if (err instanceof TooFewLabelsError) throw new CliFailure(err.message);
    throw err;
  }
  const dir = weightsDir(options.dir);
  const file = writeVersion(dir, {
    createdAt: new Date().toISOString(),
    catalogueVersion: catalogueVersion(),
    trainedOn: { labels: options.labels.split(/[\\/]/).pop()!, examples: t.examples, confirmed: t.positives, cleared: t.negatives },
    lambda,
    crossValidation: { folds, seed: t.crossValidation.seed, priorAuc: t.crossValidation.priorAuc, fittedAuc: t.crossValidation.fittedAuc },
    weights: Object.fromEntries(t.weights.map((w) => [w.id, w.fitted])),
    priors: Object.fromEntries(t.weights.map((w) => [w.id, w.prior])),
  });
  const lines = [
    `trained on ${t.examples} decisions (${t.positives} confirmed fraud, ${t.negatives} cleared), lambda ${lambda}`,
    `${folds}-fold cross-validated ROC AUC (held out): ${num(t.crossValidation.priorAuc)} under the current weights, ${num(t.crossValidation.fittedAuc)} fitted`,
    '',
    `${'signal'.padEnd(52)} ${'prior'.padStart(6)} ${'fitted'.padStart(7)} ${'confirmed'.padStart(9)} ${'cleared'.padStart(8)}`,
    ...t.weights.map((w) => `${w.id.padEnd(52)} ${w.prior.toFixed(2).padStart(6)} ${w.fitted.toFixed(2).padStart(7)} ${String(w.confirmed).padStart(9)} ${String(w.cleared).padStart(8)}${w.clamped ? '  (held at 0: a risk signal never counts for honesty)' : ''}`),
    ...(t.unknown.length ? ['', `signals the catalogue does not know, left out: ${t.unknown.join(', ')}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  say(`weights ${file.version} written to ${dir} (not active: hirewatch weights activate ${file.version}${options.dir ? ` --dir ${options.dir}` : ''})`);
  if (t.crossValidation.fittedAuc !== null && t.crossValidation.priorAuc !== null && t.crossValidation.fittedAuc < t.crossValidation.priorAuc) {
    say('the fitted weights did worse than the current ones on held-out decisions: do not activate them without reading why');
  }
  return EXIT.done;
}

interface DirOptions {
  dir?: string;
  db?: string;
  org?: string;
  auditKeyFile?: string;
  json?: boolean;
}

/** Activation and rollback: appended to the weights directory's audit.jsonl and, with --db, to the organisation's audit chain. */
async function record(options: DirOptions, action: 'weights.activate' | 'weights.rollback', detail: { from: string | null; to: string | null }): Promise<void> {
  const entry = { at: new Date().toISOString(), actor: 'cli', action, ...detail };
  const dir = weightsDir(options.dir);
  const active = readActive(dir);
  const change = (): void =>
    writeActive(dir, { version: detail.to, history: [...active.history, { version: detail.to, at: entry.at, action: action === 'weights.activate' ? 'activate' : 'rollback' }] }, entry);
  if (!options.db) {
    change();
    say(`recorded in ${dir}/audit.jsonl; give --db to append it to a database's audit chain as well`);
    return;
  }
  // The audit chain first: a change the database could not record is not made.
  const target = existingStoreTarget(options.db);
  if (options.auditKeyFile) useAuditKeyFile(options.auditKeyFile);
  const store = await openNamedStore(target, { org: parseOrg(options.org ?? DEFAULT_ORG) });
  try {
    await store.admin.audit.append({ actor: 'cli', action, target: detail.to ?? 'catalogue', detail: { from: detail.from ?? 'catalogue', to: detail.to ?? 'catalogue', dir } });
  } finally {
    await store.close();
  }
  change();
  say(`recorded in ${dir}/audit.jsonl and in the audit chain of organisation ${options.org ?? DEFAULT_ORG}`);
}

function listCommand(options: DirOptions): number {
  const dir = weightsDir(options.dir);
  const all = listVersions(dir);
  const active = readActive(dir).version;
  if (options.json) {
    for (const w of all) process.stdout.write(`${JSON.stringify({ version: w.version, createdAt: w.createdAt, active: w.version === active, trainedOn: w.trainedOn, crossValidation: w.crossValidation })}\n`);
    return EXIT.done;
  }
  if (all.length === 0) {
    say(`no weights in ${dir}: hirewatch train writes them`);
    return EXIT.done;
  }
  process.stdout.write(`  ${'VERSION'.padEnd(18)} ${'CREATED'.padEnd(24)} ${'DECISIONS'.padStart(9)} ${'AUC BEFORE'.padStart(10)} ${'AUC FITTED'.padStart(10)}\n`);
  for (const w of all) process.stdout.write(`${w.version === active ? '*' : ' '} ${w.version.padEnd(18)} ${w.createdAt.padEnd(24)} ${String(w.trainedOn.examples).padStart(9)} ${num(w.crossValidation.priorAuc).padStart(10)} ${num(w.crossValidation.fittedAuc).padStart(10)}\n`);
  if (!active) process.stdout.write("(none active: the catalogue's weights apply)\n");
  return EXIT.done;
}

/** `catalogue`, `active` or a version. */
function weightsOf(dir: string, name: string): { label: string; weights: Record<string, number> } {
  if (name === 'catalogue') return { label: 'catalogue', weights: {} };
  if (name === 'active') {
    const v = readActive(dir).version;
    return v ? { label: v, weights: findVersion(dir, v).weights } : { label: 'catalogue', weights: {} };
  }
  const w = findVersion(dir, name);
  return { label: w.version, weights: w.weights };
}

interface BacktestCliOptions {
  db?: string;
  org?: string;
  config?: string;
  dir?: string;
  format: 'text' | 'json';
}

/** A weights file's weights, or a JSON object's `weights` (a scoring configuration's, say). */
const WeightsOnlySchema = z.object({ weights: z.record(z.string(), z.number()) });

/** The candidate: "catalogue", "active", a version in the weights directory, or a file (a weights file, or any JSON object with a `weights` map). */
function candidateWeights(dir: string, name: string): { label: string; weights: Record<string, number> } {
  if (name === 'catalogue' || name === 'active' || !existsSync(name)) return weightsOf(dir, name);
  let value: unknown;
  try {
    value = JSON.parse(readNamedFile(name, 'the weights file', 'give a weights file written by hirewatch train, or a JSON object with a "weights" map'));
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    throw new CliFailure(`${name} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = WeightsOnlySchema.safeParse(value);
  if (!parsed.success) throw new CliFailure(`${name}: ${describeIssues(parsed.error.issues)}: give a weights file written by hirewatch train, or a JSON object with a "weights" map`);
  const version = (value as { version?: unknown }).version;
  return { label: typeof version === 'string' ? `${version} (${name})` : name, weights: parsed.data.weights };
}

/** The configuration with `weights` active, as activation makes it: the configuration file's own weights stay on top. */
function withWeights(base: ScoringConfig, weights: Record<string, number>, what: string): ScoringConfig {
  const parsed = ScoringConfigSchema.safeParse({ ...base, weights: { ...weights, ...base.weights } });
  if (!parsed.success) throw new CliFailure(`${what}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

const pad = (x: string | number, n: number): string => String(x).padStart(n);

function backtestText(b: Backtest, candidate: string, current: string, org: string): string {
  const bands = ['clear', 'review', 'hold'] as const;
  const lines = [
    `backtest of ${candidate} against the weights in use (${current}): ${count(b.applications, 'stored application')} of organisation ${org}, re-scored`,
    '',
    `${''.padEnd(8)}${pad('after:', 8)}`,
    `${'before'.padEnd(8)}${bands.map((x) => pad(x, 8)).join('')}`,
    ...bands.map((from) => `${from.padEnd(8)}${bands.map((to) => pad(b.matrix[from][to], 8)).join('')}`),
    '',
    `${count(b.changes.length, 'application')} change${b.changes.length === 1 ? 's' : ''} band; ${b.scoreOnly} more change score only`,
    ...b.changes.map((c) => {
      const floor = c.floor ? ` (its case keeps it at ${c.floor}: holds stick)` : '';
      return `  ${c.id}${c.source ? ` (${c.source})` : ''}  ${c.before.band} -> ${c.after.band}  score ${c.before.score} -> ${c.after.score}  ${c.after.bandReason}${floor}`;
    }),
    ...(b.stale.length
      ? [
        '',
        `"before" is each stored result re-scored under the weights in use; ${count(b.stale.length, 'stored result')} differ${b.stale.length === 1 ? 's' : ''} from it:`,
        ...b.stale.map((s) => `  ${s.id}${s.source ? ` (${s.source})` : ''}  stored ${s.stored.band} ${s.stored.score}, now ${s.now.band} ${s.now.score}  (${s.why === 'case' ? 'a case opened since keeps it there: holds stick' : 'made under other weights or another scoring configuration'})`),
      ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

async function runBacktest(name: string, options: BacktestCliOptions): Promise<number> {
  const dir = weightsDir(options.dir);
  const base = loadScoringConfig(options.config, { activeWeights: false });
  const candidate = candidateWeights(dir, name);
  const active = readActive(dir).version;
  const current = active ? withWeights(base, findVersion(dir, active).weights, `the active weights ${active}`) : base;
  const candidateConfig = withWeights(base, candidate.weights, candidate.label);
  // The configurations stored results may have been made with: the catalogue's, every version's, the candidate's (under this --config).
  const known = new Map<string, ScoringConfig>([[scoringVersion(base), base]]);
  for (const v of listVersions(dir)) {
    const c = ScoringConfigSchema.safeParse({ ...base, weights: { ...v.weights, ...base.weights } });
    if (c.success) known.set(scoringVersion(c.data), c.data);
  }
  known.set(scoringVersion(current), current);
  known.set(scoringVersion(candidateConfig), candidateConfig);
  const org = parseOrg(options.org ?? DEFAULT_ORG);
  const store = await openNamedStore(existingStoreTarget(options.db), { org });
  let b: Backtest;
  try {
    b = await backtestWeights(store, { candidate: candidateConfig, known, current });
  } finally {
    await store.close();
  }
  const currentLabel = active ?? 'catalogue';
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ candidate: candidate.label, current: currentLabel, org, ...b })}\n`);
  } else {
    process.stdout.write(forStdout(backtestText(b, candidate.label, currentLabel, org)));
  }
  if (b.unknownConfiguration) say(`${count(b.unknownConfiguration, 'result')} made under a scoring configuration that is neither the catalogue's nor a version in ${dir} (under this --config): their signals' strengths are taken as under the weights in use`);
  if (b.approximate) say(`${count(b.approximate, 'result')} stored before signal strengths were kept: a signal of partial strength has its strength worked out from its rounded weight, so those scores may be off by one`);
  if (b.unknownSignals.length) say(`signals the catalogue no longer has, left out: ${b.unknownSignals.join(', ')}`);
  say('nothing was written; hirewatch weights activate makes a version the one screening uses');
  return EXIT.done;
}

export function registerWeightsCommands(program: Command): void {
  program
    .command('train')
    .description("fit signal weights from decisions (regularised towards the catalogue's, cross-validated); writes a new weights version, not active")
    .requiredOption('--labels <file>', 'decided cases (cases export --labels) or {id, label} lines; decisions that carry their signals need nothing else')
    .option('--applications <file>', 'screen these applications for the signals of the labelled ones')
    .option('--db <path|url>', 'or read the stored results of the labelled applications')
    .option('--org <org>', 'organisation in the database (default "default")')
    .option('-c, --config <config.json>', "scoring configuration: its weights are the priors (default: the catalogue's)")
    .option('--dir <dir>', `weights directory (default: ${WEIGHTS_DIR_ENV}, else ~/.config/hirewatch/weights)`)
    .option('--lambda <n>', "pull towards the prior weights (larger: labels move them less)", String(TRAIN_DEFAULTS.lambda))
    .option('--folds <n>', 'cross-validation folds', String(TRAIN_DEFAULTS.folds))
    .action(async (options: TrainOptions) => {
      process.exitCode = await runTrain(options);
    });

  const weights = program.command('weights').description('weights versions written by train: list, show, diff, backtest, activate, rollback');
  const dirOption = (c: Command): Command => c.option('--dir <dir>', `weights directory (default: ${WEIGHTS_DIR_ENV}, else ~/.config/hirewatch/weights)`);
  const audited = (c: Command): Command =>
    dirOption(c)
      .option('--db <path|url>', "also append the change to this database's audit chain (never created)")
      .option('--org <org>', 'organisation of that audit chain (default "default")')
      .option('--audit-key-file <file>', `the audit key (default: ${AUDIT_KEY_FILE_ENV}, else ~/.config/hirewatch/audit.key)`);
  dirOption(weights.command('list').description('every version, newest last; * marks the active one'))
    .option('--json', 'one JSON object per version')
    .action((options: DirOptions) => {
      process.exitCode = listCommand(options);
    });
  dirOption(weights.command('show').description('one version: what it was trained on and its weights').argument('<version>', 'a version, its number (w3) or "active"'))
    .action((name: string, options: DirOptions) => {
      const dir = weightsDir(options.dir);
      const w = findVersion(dir, name === 'active' ? (readActive(dir).version ?? 'none active') : name);
      process.stdout.write(`${JSON.stringify(w, null, 2)}\n`);
      process.exitCode = EXIT.done;
    });
  dirOption(weights.command('diff').description('weights that differ between two versions ("catalogue" and "active" allowed)').argument('<from>').argument('[to]', 'default: active'))
    .action((from: string, to: string | undefined, options: DirOptions) => {
      const dir = weightsDir(options.dir);
      const a = weightsOf(dir, from);
      const b = weightsOf(dir, to ?? 'active');
      const changes = diffWeights(a.weights, b.weights, catalogueWeights());
      process.stdout.write(`${a.label} -> ${b.label}: ${changes.length} weights differ\n`);
      for (const c of changes) process.stdout.write(`  ${c.id.padEnd(52)} ${c.from.toFixed(3).padStart(7)} -> ${c.to.toFixed(3).padStart(7)}  (${c.to > c.from ? '+' : ''}${(c.to - c.from).toFixed(3)})\n`);
      process.exitCode = EXIT.done;
    });
  dirOption(
    weights
      .command('backtest')
      .description("re-score every stored application's latest version under candidate weights and show the band changes (nothing is written)")
      .argument('<weights>', 'a version (its number, full name), "catalogue", "active", or a file: a weights file, or JSON with a "weights" map'),
  )
    .requiredOption('--db <path|url>', 'the database whose stored results are re-scored (never created)')
    .option('--org <org>', 'organisation (default "default")')
    .option('-c, --config <config.json>', 'scoring configuration in use: its own weights stay on top of both the active and the candidate weights')
    .option('--format <format>', 'text or json', oneOf(['text', 'json'] as const), 'text')
    .action(async (name: string, options: BacktestCliOptions) => {
      process.exitCode = await runBacktest(name, options);
    });
  audited(weights.command('activate').description('make a version the one screening uses (audited)').argument('<version>'))
    .action(async (name: string, options: DirOptions) => {
      const dir = weightsDir(options.dir);
      const w = findVersion(dir, name);
      const from = readActive(dir).version;
      if (from === w.version) {
        say(`${w.version} is already active`);
        return;
      }
      await record(options, 'weights.activate', { from, to: w.version });
      say(`${w.version} active: screen, import and serve use its weights (the scoring version in each stored result's provenance changes with them)`);
    });
  audited(weights.command('rollback').description('undo the newest activation still in force: back to the version active before it (or the catalogue), audited'))
    .action(async (options: DirOptions) => {
      const dir = weightsDir(options.dir);
      const active = readActive(dir);
      if (!active.version) throw new CliFailure("no weights are active: the catalogue's weights apply already");
      // Activations stack up and a rollback takes the newest off: replaying the history gives the version under the current one.
      const stack: (string | null)[] = [];
      for (const h of active.history) {
        if (h.action === 'activate') stack.push(h.version);
        else stack.pop();
      }
      stack.pop();
      const before = stack.length ? stack[stack.length - 1]! : null;
      await record(options, 'weights.rollback', { from: active.version, to: before });
      say(`${before ?? "the catalogue's weights"} active again`);
    });
}
