import { DEFAULT_FAMILY_CAPS, FAMILIES, SIGNALS, type SignalDefinition } from './signals.js';
import { SOURCES } from './sources.js';

/** docs/signals.md, generated from the catalogue (`npm run docs`); a test fails when it is stale. */
export function renderSignalDocs(): string {
  const lines = [
    '# Signals',
    '',
    '<!-- Generated from src/catalogue/signals.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every signal hirewatch can raise. Weights are log-odds (the natural log of a likelihood ratio):',
    'the scorer adds them to the prior, caps each family\'s total so that correlated clues do not',
    'count twice, and turns the sum into a 0-100 score. A configuration file may override any',
    'weight (`--config`, key `weights`).',
    '',
  ];
  const entries = Object.entries(SIGNALS) as [string, SignalDefinition][];
  for (const family of FAMILIES) {
    const rows = entries.filter(([, def]) => def.family === family);
    if (rows.length === 0) continue;
    lines.push(`## ${family}`, '', `Family cap: ${DEFAULT_FAMILY_CAPS[family]} log-odds.`, '');
    lines.push('| id | weight | what it means | source |', '|---|---:|---|---|');
    for (const [id, def] of rows) {
      const source = SOURCES[def.source];
      const cite = 'url' in source ? `[${source.publisher}, ${source.date}](${source.url})` : `${source.publisher}, ${source.date}`;
      lines.push(`| \`${id}\` | ${def.weight.toFixed(2)} | ${def.description.replace(/\|/g, '\\|')} | ${cite} |`);
    }
    lines.push('');
  }
  lines.push('## Sources', '');
  for (const [key, source] of Object.entries(SOURCES)) {
    lines.push(`- **${key}**: ${source.publisher}, "${source.title}", ${source.date}${'url' in source ? `, <${source.url}>` : ''}.`);
  }
  lines.push('');
  return lines.join('\n');
}
