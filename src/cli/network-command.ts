import type { Command } from 'commander';
import { oneOf } from './option-parsers.js';
import { LinkageIndex } from '../linkage/linkage-index.js';
import { onboardingExtras } from '../linkage/identifiers.js';
import { graphml, networkOf, networkTable, type NetworkGraph } from '../linkage/network.js';
import type { LinkResult } from '../linkage/types.js';
import { normaliseApplication } from '../normalise/application.js';
import { readApplications } from '../parse/read-input.js';
import { storedNetwork, type StoredNetwork } from '../service/stored-network.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG } from '../store/index.js';
import { EXIT, say, UsageError } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
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
 * `hirewatch network ID (--input FILE | --db [PATH|URL]) [--format
 * table|json|graphml]`: the cluster of ID (an application or a cluster id):
 * its members, when each arrived, and what links them. With --input, every
 * application of FILE is linked in order; with --db, the cluster as stored
 * (src/service/stored-network.ts, as GET /api/v1/networks/:id answers it).
 */
/** A stored network as the graph the table, JSON and GraphML print. */
function graphOfStored(network: StoredNetwork): NetworkGraph {
  const nameOf = new Map(network.members.map((m) => [`${m.source}\u0000${m.id}`, (m.name ?? '').trim().toLowerCase()]));
  return {
    cluster: network.id,
    nodes: network.members.map((m) => ({ id: m.id, name: m.name ?? '', submittedAt: m.submittedAt ?? m.joinedAt })),
    edges: network.links.map((l) => {
      const a = nameOf.get(`${l.from.source}\u0000${l.from.id}`);
      return { from: l.from.id, to: l.to.id, via: l.shared ?? l.kind, sameIdentity: Boolean(a) && a === nameOf.get(`${l.to.source}\u0000${l.to.id}`) };
    }),
  };
}

async function fromFile(id: string, input: string): Promise<NetworkGraph | undefined> {
  requireApplicationsFile(input, 'give --input the applications file (JSON Lines or CSV) the application is in');
  const index = new LinkageIndex();
  const results = new Map<string, LinkResult>();
  for await (const outcome of readApplications(input)) {
    if (!outcome.ok) continue;
    results.set(outcome.record.id, index.add(normaliseApplication(outcome.record), onboardingExtras(outcome.record)));
  }
  return networkOf(id, results);
}

async function fromStore(id: string, db: string | undefined, org: string): Promise<NetworkGraph | undefined> {
  const store = await openNamedStore(existingStoreTarget(db), { org: parseOrg(org) });
  try {
    const network = await storedNetwork(store, id);
    return network ? graphOfStored(network) : undefined;
  } finally {
    await store.close();
  }
}

interface NetworkOptions {
  readonly input?: string;
  readonly db?: string | true;
  readonly org: string;
  readonly format: string;
}

export function registerNetworkCommand(program: Command): void {
  program
    .command('network')
    .description('print the cluster of an application: members, what links them, when each arrived')
    .argument('<id>', 'application id (or, with --db, a cluster id)')
    .option('--input <file>', 'applications (JSON Lines or CSV), linked in order')
    .option('--db [path|url]', `the cluster as stored: SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`)
    .option('--org <org>', 'organisation (with --db)', DEFAULT_ORG)
    .option('--format <format>', 'table, json or graphml', oneOf(['table', 'json', 'graphml'] as const), 'table')
    .action(async (id: string, options: NetworkOptions) => {
      if ((options.input === undefined) === (options.db === undefined)) throw new UsageError('give either --input FILE (link the applications of a file) or --db (read the cluster as stored)');
      const graph = options.input !== undefined ? await fromFile(id, options.input) : await fromStore(id, options.db === true ? undefined : options.db, options.org);
      if (!graph) {
        say(`no application or cluster ${id} ${options.input !== undefined ? `in ${options.input}` : `stored in organisation ${options.org}`}${options.input === undefined ? ' (an application linked to no other has no network)' : ''}`);
        process.exitCode = EXIT.failed;
        return;
      }
      process.stdout.write(options.format === 'json' ? forStdout(`${JSON.stringify(graph, null, 2)}\n`) : options.format === 'graphml' ? forStdout(graphml(graph)) : networkTable(terminalSafeGraph(graph)));
    });
}
