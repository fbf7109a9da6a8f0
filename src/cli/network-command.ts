import type { Command } from 'commander';
import { oneOf } from './option-parsers.js';
import { LinkageIndex } from '../linkage/linkage-index.js';
import { onboardingExtras } from '../linkage/identifiers.js';
import { graphml, networkOf, networkTable, type NetworkGraph } from '../linkage/network.js';
import type { LinkResult } from '../linkage/types.js';
import { normaliseApplication } from '../normalise/application.js';
import { readApplications } from '../parse/read-input.js';
import { EXIT, say } from './cli-errors.js';
import { requireApplicationsFile } from './screen-command.js';
import { forStdout, terminalSafe } from './terminal-text.js';

/** The table is for a person: every name, id and identifier in it is made safe for the terminal. */
function terminalSafeGraph(g: NetworkGraph): NetworkGraph {
  return {
    ...g,
    ...(g.cluster ? { cluster: terminalSafe(g.cluster) } : {}),
    nodes: g.nodes.map((n) => ({ id: terminalSafe(n.id), name: terminalSafe(n.name), submittedAt: terminalSafe(n.submittedAt) })),
    edges: g.edges.map((e) => ({ ...e, from: terminalSafe(e.from), to: terminalSafe(e.to), via: terminalSafe(e.via) })),
  };
}

/**
 * `hirewatch network ID --input FILE [--format table|json|graphml]`: links
 * every application of FILE in order and prints the cluster of ID: its
 * members, when each arrived, and what links them.
 */
export function registerNetworkCommand(program: Command): void {
  program
    .command('network')
    .description('print the cluster of an application: members, what links them, when each arrived')
    .argument('<id>', 'application id')
    .requiredOption('--input <file>', 'applications (JSON Lines or CSV)')
    .option('--format <format>', 'table, json or graphml', oneOf(['table', 'json', 'graphml'] as const), 'table')
    .action(async (id: string, options: { input: string; format: string }) => {
      requireApplicationsFile(options.input, 'give --input the applications file (JSON Lines or CSV) the application is in');
      const index = new LinkageIndex();
      const results = new Map<string, LinkResult>();
      for await (const outcome of readApplications(options.input)) {
        if (!outcome.ok) continue;
        results.set(outcome.record.id, index.add(normaliseApplication(outcome.record), onboardingExtras(outcome.record)));
      }
      const graph = networkOf(id, results);
      if (!graph) {
        say(`no application ${id} in ${options.input}`);
        process.exitCode = EXIT.failed;
        return;
      }
      process.stdout.write(options.format === 'json' ? forStdout(`${JSON.stringify(graph, null, 2)}\n`) : options.format === 'graphml' ? forStdout(graphml(graph)) : networkTable(terminalSafeGraph(graph)));
    });
}
