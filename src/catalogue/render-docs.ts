import { BASES, DEFAULT_FAMILY_CAPS, FAMILIES, SIGNALS, type SignalDefinition } from './signals.js';
import { SOURCES } from './sources.js';

/** What the band rules make of a signal: weak or not, its basis, whether it holds alone. */
function bandRules(def: SignalDefinition): string {
  const basis = def.basis === undefined ? `basis ${def.family}` : typeof def.basis === 'string' ? `basis ${def.basis}` : def.basis.length === 0 ? 'no line of its own' : `basis ${def.basis.join(' or ')}`;
  return [def.weak ? `*weak*: ${def.weak}` : '', basis, def.holdsAlone ? `*holds alone*: ${def.holdsAlone}` : '', def.decidesNoBand ? `*decides no band*: ${def.decidesNoBand}` : ''].filter(Boolean).join('; ');
}

/** docs/signals.md, generated from the catalogue (`npm run docs`); a test fails when it is stale. */
export function renderSignalDocs(): string {
  const lines = [
    '# Signals',
    '',
    '<!-- Generated from src/catalogue/signals.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every signal hirewatch can raise. Weights are log-odds, the natural log of a likelihood ratio (shown',
    'beside each weight: how many times likelier the signal is in a fraudulent application than in an',
    'honest one). The scorer adds them to the prior, caps each family\'s total so that correlated clues do',
    'not count twice, and turns the sum into a 0-100 score. A configuration file may override any',
    'weight (`--config`, key `weights`).',
    '',
    '## Bands: weak signals and independent lines',
    '',
    'The band is not the score alone (src/score/combine.ts; each result says which rule decided it, in `bandReason`):',
    '',
    '- **Weak** signals (marked *weak* below, with the honest reason) are kinds honest applicants commonly show.',
    '  They add to the score, but one weak signal, or several together, never leave `clear` on their own.',
    '- Every other signal is **substantive**. A signal of weight 2.5 or more before its family\'s cap',
    '  (`strongWeight`) is **strong**.',
    '- Each signal rests on a **basis**: what one honest circumstance would explain at once. Two signals are',
    '  **independent** when their bases differ. A signal rests on its family unless the table names another',
    '  basis; one that names two (a shared IP is the network\'s or the home\'s) is a line of its own only when',
    '  neither basis is taken; one that names none (derived from other signals, or a name alone) adds to the',
    '  score but is no line. The independent lines of an application are the most signals that share no basis.',
    '- `review` needs the review score and a strong signal, or evidence on two or more independent lines, one',
    '  of them substantive.',
    '- `hold` needs the hold score and substantive evidence on two or more independent lines, or a signal',
    '  that holds alone (marked *holds alone* below: a corroborated sanctions match, a link to an application',
    '  a reviewer held or confirmed), whatever the score.',
    '- A signal that **decides no band** (marked below: a match on a name alone) adds its weight to the score',
    '  shown, but the thresholds are read on the score without it: no name moves anyone from one band to',
    '  another.',
    '',
    'Bases besides the families:',
    '',
    ...Object.entries(BASES).map(([basis, what]) => `- \`${basis}\`: ${what}`),
    '',
  ];
  const entries = Object.entries(SIGNALS) as [string, SignalDefinition][];
  for (const family of FAMILIES) {
    const rows = entries.filter(([, def]) => def.family === family);
    if (rows.length === 0) continue;
    lines.push(`## ${family}`, '', `Family cap: ${DEFAULT_FAMILY_CAPS[family]} log-odds.`, '');
    lines.push('| id | weight | likelihood ratio | what it means | band rules | source |', '|---|---:|---:|---|---|---|');
    for (const [id, def] of rows) {
      const source = SOURCES[def.source];
      const cite = 'url' in source ? `[${source.publisher}, ${source.date}](${source.url})` : `${source.publisher}, ${source.date}`;
      const ratio = Math.exp(def.weight);
      lines.push(`| \`${id}\` | ${def.weight.toFixed(2)} | ×${ratio.toFixed(ratio < 10 ? 2 : 0)} | ${def.description.replace(/\|/g, '\\|')} | ${bandRules(def).replace(/\|/g, '\\|')} | ${cite} |`);
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
