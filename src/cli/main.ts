import { Command, CommanderError } from 'commander';
import { EXIT, EXIT_CODES_HELP, reportError } from './cli-errors.js';
import { packageVersion } from './package-version.js';
import { terminalSafe } from './terminal-text.js';

type Register = (program: Command) => void;

/**
 * Each subcommand's module, loaded only when its command runs: `hirewatch match` does not
 * import the server, the store or the detectors (importing every command took longer than
 * matching a name). The names are the commands each module registers; the order is the order
 * of the help text. `--help`, `help` or an unknown command load them all.
 */
const COMMANDS: readonly (readonly [readonly string[], () => Promise<Register>])[] = [
  [['screen'], async () => (await import('./screen-command.js')).registerScreenCommand],
  [['data'], async () => (await import('./data-command.js')).registerDataCommand],
  [['match'], async () => (await import('./match-command.js')).registerMatchCommand],
  [['network'], async () => (await import('./network-command.js')).registerNetworkCommand],
  [['results'], async () => (await import('./results-command.js')).registerResultsCommand],
  [['alerts'], async () => (await import('./alerts-command.js')).registerAlertsCommand],
  [['cases'], async () => (await import('./cases-command.js')).registerCasesCommand],
  [['retention', 'erase', 'hold'], async () => (await import('./retention-command.js')).registerRetentionCommands],
  [['monitor'], async () => (await import('./monitor-command.js')).registerMonitorCommand],
  [['import'], async () => (await import('./import-command.js')).registerImportCommand],
  [['evaluate'], async () => (await import('./evaluate-command.js')).registerEvaluateCommand],
  [['train', 'weights'], async () => (await import('./weights-command.js')).registerWeightsCommands],
  [['intel'], async () => (await import('./intel-command.js')).registerIntelCommands],
  [['report'], async () => (await import('./report-command.js')).registerReportCommands],
  // One module each: `serve` does not import what `keys` and `audit` need (issue 18, instant start).
  [['serve'], async () => (await import('./serve-command.js')).registerServeCommand],
  [['keys'], async () => (await import('./keys-command.js')).registerKeysCommand],
  [['audit'], async () => (await import('./audit-command.js')).registerAuditCommand],
  [['worker', 'publish'], async () => (await import('./worker-command.js')).registerWorkerCommands],
];

/** The subcommand named on the command line (the first word not an option), if any. */
function commandWord(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((word) => !word.startsWith('-'));
}

/** The `hirewatch` command: each subcommand registers itself from its own module. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name('hirewatch')
    .description('Screen remote-job applications for state-sponsored IT-worker fraud, with every flag explained.')
    .version(packageVersion(), '-V, --version', 'print the version of hirewatch')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError()
    // Commander's own errors (unknown option, missing argument, bad value) are usage errors:
    // they reach main() as a CommanderError instead of ending the process with status 1,
    // and what they quote from the command line is made safe for the terminal. Both settings
    // are inherited by the subcommands registered below.
    .exitOverride()
    .configureOutput({ writeErr: (text) => void process.stderr.write(terminalSafe(text, 'lines')) });
  const word = commandWord(argv);
  const named = COMMANDS.filter(([names]) => word !== undefined && names.includes(word));
  // `hirewatch --version` needs no command; anything else unnamed (help, a typo) gets them all.
  const versionOnly = word === undefined && argv.slice(2).some((w) => w === '-V' || w === '--version');
  if (!versionOnly) for (const [, load] of named.length > 0 ? named : COMMANDS) (await load())(program);
  return program;
}

/** Runs one command; the exit status follows EXIT (0 done, 1 nothing usable or a failure, 2 usage). */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync([...argv]);
  } catch (err) {
    // Commander has printed its message already; --help and --version end with status 0.
    if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? EXIT.done : EXIT.usage;
    else process.exitCode = reportError(err);
  }
}
