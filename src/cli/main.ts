import { Command, CommanderError } from 'commander';
import { EXIT, EXIT_CODES_HELP, reportError } from './cli-errors.js';
import { registerAlertsCommand } from './alerts-command.js';
import { registerCasesCommand } from './cases-command.js';
import { registerDataCommand } from './data-command.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerImportCommand } from './import-command.js';
import { registerIntelCommands } from './intel-command.js';
import { registerMatchCommand } from './match-command.js';
import { registerMonitorCommand } from './monitor-command.js';
import { registerNetworkCommand } from './network-command.js';
import { packageVersion } from './package-version.js';
import { registerResultsCommand } from './results-command.js';
import { registerRetentionCommands } from './retention-command.js';
import { registerScreenCommand } from './screen-command.js';
import { registerServiceCommands } from './serve-command.js';
import { terminalSafe } from './terminal-text.js';
import { registerWeightsCommands } from './weights-command.js';

/** The `hirewatch` command: each subcommand registers itself from its own module. */
export function buildProgram(): Command {
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
  registerScreenCommand(program);
  registerDataCommand(program);
  registerMatchCommand(program);
  registerNetworkCommand(program);
  registerResultsCommand(program);
  registerAlertsCommand(program);
  registerCasesCommand(program);
  registerRetentionCommands(program);
  registerMonitorCommand(program);
  registerImportCommand(program);
  registerEvaluateCommand(program);
  registerWeightsCommands(program);
  registerIntelCommands(program);
  registerServiceCommands(program);
  return program;
}

/** Runs one command; the exit status follows EXIT (0 done, 1 nothing usable or a failure, 2 usage). */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err) {
    // Commander has printed its message already; --help and --version end with status 0.
    if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? EXIT.done : EXIT.usage;
    else process.exitCode = reportError(err);
  }
}
