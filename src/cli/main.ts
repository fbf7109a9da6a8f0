import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerDataCommand } from './data-command.js';
import { registerImportCommand } from './import-command.js';
import { registerMatchCommand } from './match-command.js';
import { registerMonitorCommand } from './monitor-command.js';
import { registerNetworkCommand } from './network-command.js';
import { registerScreenCommand } from './screen-command.js';
import { registerServiceCommands } from './serve-command.js';

/** The version in package.json: two levels up from src/cli (tsx) and from dist/cli (the package) alike. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The `hirewatch` command: each subcommand registers itself from its own module. */
export function buildProgram(): Command {
  const program = new Command()
    .name('hirewatch')
    .description('Screen remote-job applications for state-sponsored IT-worker fraud, with every flag explained.')
    .version(packageVersion(), '-V, --version', 'print the version of hirewatch')
    .showHelpAfterError();
  registerScreenCommand(program);
  registerDataCommand(program);
  registerMatchCommand(program);
  registerNetworkCommand(program);
  registerMonitorCommand(program);
  registerImportCommand(program);
  registerServiceCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err) {
    process.stderr.write(`hirewatch: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
