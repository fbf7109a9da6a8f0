import type { Command } from 'commander';
import { oneOf } from './option-parsers.js';
import { LinkageIndex } from '../linkage/linkage-index.js';
import { onboardingExtras } from '../linkage/identifiers.js';
import { graphml, networkOf, networkTable } from '../linkage/network.js';
import type { LinkResult } from '../linkage/types.js';
import { normaliseApplication } from '../normalise/application.js';
import { readApplications } from '../parse/read-input.js';

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
      const index = new LinkageIndex();
      const results = new Map<string, LinkResult>();
      for await (const outcome of readApplications(options.input)) {
        if (!outcome.ok) continue;
        results.set(outcome.record.id, index.add(normaliseApplication(outcome.record), onboardingExtras(outcome.record)));
      }
      const graph = networkOf(id, results);
      if (!graph) {
        process.stderr.write(`no application ${id} in ${options.input}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(graph, null, 2)}\n` : options.format === 'graphml' ? graphml(graph) : networkTable(graph));
    });
}
