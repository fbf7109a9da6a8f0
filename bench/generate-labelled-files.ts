/**
 * `npm run bench -- generate-labelled-files DIR [COUNT] [SEED]`: the labelled mix of
 * generate-labelled.ts as the files `hirewatch evaluate`, `train` and `audit bias` read
 * (docs/EVALUATION.md):
 * - DIR/applications.jsonl: the records, in order of arrival (what hirewatch screens);
 * - DIR/labels.jsonl: {"id", "label": "fraud"|"honest"} per application;
 * - DIR/decisions.jsonl: the same labels in the shape `hirewatch cases export --labels`
 *   writes ({"applicationId", "decision": "confirmed_fraud"|"cleared", "date"});
 * - DIR/demographics.csv: id,name_origin per application. The generator knows each
 *   synthetic person's name origin; only `hirewatch audit bias` reads this file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLabelled } from './generate-labelled.js';

const [dir, countArg, seedArg] = process.argv.slice(3);
if (!dir) {
  console.error('usage: npm run bench -- generate-labelled-files DIR [COUNT] [SEED]');
  process.exit(2);
}
const mix = generateLabelled({ count: Number(countArg ?? 6000), seed: Number(seedArg ?? 20251201) });
mkdirSync(dir, { recursive: true });
const line = (x: unknown): string => `${JSON.stringify(x)}\n`;
writeFileSync(join(dir, 'applications.jsonl'), mix.map((m) => line(m.record)).join(''));
writeFileSync(join(dir, 'labels.jsonl'), mix.map((m) => line({ id: m.record.id, label: m.label })).join(''));
writeFileSync(join(dir, 'decisions.jsonl'), mix.map((m) => line({ applicationId: m.record.id, decision: m.label === 'fraud' ? 'confirmed_fraud' : 'cleared', date: String(m.record.submittedAt).slice(0, 10) })).join(''));
writeFileSync(join(dir, 'demographics.csv'), `id,name_origin\n${mix.map((m) => `${String(m.record.id)},${m.origin}\n`).join('')}`);
console.log(`${mix.length} applications (${mix.filter((m) => m.label === 'fraud').length} fraudulent) written to ${dir}: applications.jsonl, labels.jsonl, decisions.jsonl, demographics.csv`);
