/**
 * `npm run bench -- febrl`: person-record resolution on FEBRL (data/febrl):
 * link febrl4's two files and deduplicate febrl3, blocking on five keys
 * (pairs counted before comparing), ten field comparisons combined as
 * Fellegi-Sunter log2 Bayes factors estimated without labels (u from random
 * pairs, m and the match share by EM), threshold at posterior 0.5, then
 * one-to-one links (febrl4) or transitive clusters (febrl3). Precision,
 * recall and F1 are pairwise against the record ids (rec-N-org / rec-N-dup-K).
 */
import { FEBRL4_REFERENCE, runFebrl3, runFebrl4, type FebrlFigures } from './febrl/febrl.js';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
function show(label: string, f: FebrlFigures): void {
  console.log(`\n${label}: ${f.records} records, ${f.comparisons} distinct pairs compared (${f.ms} ms)`);
  for (const b of f.blocking) console.log(`  blocking ${b.rule.padEnd(40)} ${String(b.pairs).padStart(7)} pairs`);
  console.log(`  EM match share among compared pairs: ${f.lambda.toFixed(3)}`);
  console.log(`  true pairs ${f.truePairs}, predicted ${f.predicted}`);
  console.log(`  precision ${pct(f.precision)}  recall ${pct(f.recall)}  F1 ${pct(f.f1)}`);
}

const f4 = runFebrl4();
show('FEBRL4 (link dataset4a with dataset4b)', f4);
const f3 = runFebrl3();
show('FEBRL3 (deduplicate dataset3)', f3);
const refRecall = FEBRL4_REFERENCE.predictedLinks / FEBRL4_REFERENCE.truePairs;
console.log(`\nreference: ${FEBRL4_REFERENCE.source} predicts ${FEBRL4_REFERENCE.predictedLinks} links of ${FEBRL4_REFERENCE.truePairs} true pairs (recall at most ${pct(refRecall)}); here ${f4.predicted} links, recall ${pct(f4.recall)}`);
console.log(`goals: FEBRL4 F1 >= 0.99 ${f4.f1 >= 0.99 ? 'met' : 'NOT met'}, FEBRL3 F1 >= 0.95 ${f3.f1 >= 0.95 ? 'met' : 'NOT met'}`);
const round = (x: number) => Math.round(x * 10000) / 10000;
const figures = (f: FebrlFigures) => ({ records: f.records, comparisons: f.comparisons, truePairs: f.truePairs, predicted: f.predicted, precision: round(f.precision), recall: round(f.recall), f1: round(f.f1), ms: f.ms });
console.log(JSON.stringify({ bench: 'febrl', febrl4: figures(f4), febrl3: figures(f3), reference: { febrl4PredictedLinks: FEBRL4_REFERENCE.predictedLinks, febrl4TruePairs: FEBRL4_REFERENCE.truePairs } }));
