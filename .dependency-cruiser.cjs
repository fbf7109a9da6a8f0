/**
 * The dependency direction of src/, checked by test/architecture/dependencies.test.ts
 * (part of `npm test`) and by hand with `npx depcruise src`.
 *
 * Each folder of src/ is a layer. A module may import from its own layer or a lower one,
 * never a higher one, and no import cycle is allowed anywhere in src/.
 */
'use strict';

/**
 * The layers, lowest first: the order is written here once and every layer rule below is
 * generated from it. An entry is a folder of src/, or a list of peer folders: peers sit at
 * the same height and import neither each other nor anything above them.
 *
 * - parse: reading raw applications and their schema
 * - normalise: canonical forms of names, addresses, phones, dates, text
 * - match: fuzzy name and attribute matching, the watchlist index
 * - catalogue: the catalogue of signals and data sources (docs are rendered from it)
 * - reference: reference data sets (watchlists, OFAC, institutions, geography, mail drops)
 * - detect: the detectors, each turning an application and reference data into signals
 * - score: combining signals into a screening result
 * - learn, fairness: peers over score, pure. learn measures scores against labels
 *   (evaluation) and fits weights from decisions (training); fairness is the bias audit,
 *   the only code that reads demographic data, and only `hirewatch audit bias` may import
 *   it (rule demographics-only-in-the-bias-audit below)
 * - linkage: linking applications to each other (shared identifiers, photos, clusters);
 *   above score because linked screening screens a record and then adds what links it
 * - monitor: monitoring hired workers from telemetry
 * - cases: the human-verification domain (cases, verification plans, decisions, the
 *   holds-stick rule), pure; the store keeps cases and the service changes them
 * - intel: indicators of confirmed fraud, keyed for sharing, as STIX 2.1 (pure; the
 *   service reads them from the store)
 * - store: persistence (SQLite, Postgres); it keeps results, links and telemetry state, so it
 *   sits above what it keeps, and a lower layer that needs storage declares the interface
 * - service: the application layer every entry point calls
 * - outbound: where findings go out (a JSONL file, Splunk HEC, signed webhooks, retries,
 *   the dead-letter file: docs/ALERTS.md); the service emits to its interface, entry points
 *   configure it
 * - server, stream: entry points driven from outside (the HTTP API; the NATS telemetry
 *   consumer), peers over service
 * - cli: the command line; its serve and monitor commands start the server and the stream
 *   consumer, so it may import them and never the reverse
 */
const LAYERS = [
  'parse',
  'normalise',
  'match',
  'catalogue',
  'reference',
  'detect',
  'score',
  ['learn', 'fairness'],
  'linkage',
  'monitor',
  'cases',
  'intel',
  'store',
  'service',
  'outbound',
  ['server', 'stream', 'worker'],
  'cli',
];

/**
 * Known violations in files other engineers are rewriting right now. Each entry names one
 * import (from → to) or one cycle (its modules) that the check lets through for the time being.
 * Delete an entry once its violation is gone (the test fails on an entry that no longer
 * matches anything, so the list cannot go stale silently); delete the list when it is empty.
 *
 * An entry is { from, to, rule, why } for an import, or { cycle: [modules], why } for a cycle.
 */
const KNOWN_VIOLATIONS = [
];

const TIERS = LAYERS.map((entry) => (Array.isArray(entry) ? entry : [entry]));
const FOLDERS = TIERS.flat();

const layerRules = TIERS.flatMap((tier, height) =>
  tier.flatMap((folder) => {
    const below = TIERS.slice(0, height).flat();
    const peers = tier.filter((other) => other !== folder);
    const forbidden = [...peers, ...TIERS.slice(height + 1).flat()];
    if (forbidden.length === 0) return [];
    return [
      {
        name: `layer-${folder}`,
        severity: 'error',
        comment: `src/${folder} may import from itself${below.length ? ` and the layers below it (${below.join(', ')})` : ''}, never from ${forbidden.join(', ')}`,
        from: { path: `^src/${folder}/` },
        to: { path: `^src/(${forbidden.join('|')})/` },
      },
    ];
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere in src/ (type-only imports count too).',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'one-path',
      severity: 'error',
      comment:
        'Entry points (cli, server, stream) change state only through src/service: they never call the pieces of the write path below it ' +
        '(storing a batch, linked screening, folding telemetry), so every door screens, links, stores and audits the same way.',
      from: { path: '^src/(cli|server|stream)/' },
      to: { path: '^src/(store/import-batch|store/audit-chain|linkage/linked-screening|monitor/aggregate)\\.ts$' },
    },
    {
      name: 'demographics-only-in-the-bias-audit',
      severity: 'error',
      comment:
        'Demographic data is read by the bias audit alone (src/fairness, run by src/cli/audit-bias-command.ts): no detector, scorer, ' +
        'trainer, store, service or other command may import it, so no score can depend on a group (test/lawful.test.ts).',
      from: { path: '^src/', pathNot: '^src/(fairness/|cli/audit-bias-command\\.ts$)' },
      to: { path: '^src/fairness/' },
    },
    {
      name: 'in-a-layer',
      severity: 'error',
      comment: `Every module of src/ lives in one of the layer folders (${FOLDERS.join(', ')}).`,
      from: { path: '^src/', pathNot: `^src/(${FOLDERS.join('|')})/` },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports (`import type`) are dependencies too: a layer that needs a higher
    // layer's types is as tangled as one that calls its functions.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    knownViolations: KNOWN_VIOLATIONS.map((entry) =>
      entry.cycle
        ? {
            type: 'cycle',
            from: entry.cycle[0],
            to: entry.cycle[1 % entry.cycle.length],
            rule: { name: 'no-circular', severity: 'error' },
            // as dependency-cruiser reports a cycle: the modules after `from`, ending with it
            cycle: [...entry.cycle.slice(1), entry.cycle[0]].map((name) => ({ name, dependencyTypes: [] })),
            comment: entry.why,
          }
        : {
            type: 'dependency',
            from: entry.from,
            to: entry.to,
            rule: { name: entry.rule, severity: 'error' },
            comment: entry.why,
          },
    ),
  },
};
