import { compareRecords, PERSON_COMPARISONS } from './comparisons.js';
import { estimateModel, estimateU, matchWeight, priorWeight, type FellegiSunterModel } from './fellegi-sunter.js';
import { soundex, truePerson, type PersonRecord } from './person-records.js';

/**
 * Person-record resolution: blocking (several keys, pairs counted before any
 * comparison), comparison vectors, an unsupervised Fellegi-Sunter model, a
 * threshold, then one-to-one assignment (linking two files) or transitive
 * clusters (deduplicating one). Evaluation against FEBRL ids is separate.
 */
export interface BlockingRule {
  readonly name: string;
  key(r: PersonRecord): string;
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'soc_sec_id', key: (r) => r.soc_sec_id },
  { name: 'date_of_birth', key: (r) => r.date_of_birth },
  { name: 'soundex(surname) + soundex(given_name)', key: (r) => (r.surname && r.given_name ? `${soundex(r.surname)}|${soundex(r.given_name)}` : '') },
  { name: 'postcode + first letter of surname', key: (r) => (r.postcode && r.surname ? `${r.postcode}|${r.surname[0]}` : '') },
  { name: 'suburb + street_number', key: (r) => (r.suburb && r.street_number ? `${r.suburb}|${r.street_number}` : '') },
];

export interface ResolveReport {
  readonly mode: 'link' | 'dedupe';
  readonly blocking: readonly { rule: string; pairs: number }[];
  /** Distinct pairs compared (union of the blocks). */
  readonly comparisons: number;
  readonly model: FellegiSunterModel;
  /** Predicted matching pairs as "i:j" (index in A, index in B, or i < j in one file). */
  readonly predicted: ReadonlySet<string>;
  readonly threshold: number;
}

function groups(records: readonly PersonRecord[], rule: BlockingRule): Map<string, number[]> {
  const out = new Map<string, number[]>();
  records.forEach((r, i) => {
    const k = rule.key(r);
    if (!k) return;
    const g = out.get(k);
    if (g) g.push(i);
    else out.set(k, [i]);
  });
  return out;
}

/** Candidate pairs of the blocking rules, each rule's pair count measured before comparing. */
export function blockPairs(a: readonly PersonRecord[], b: readonly PersonRecord[] | null, rules = BLOCKING_RULES) {
  const pairs = new Set<number>();
  const width = (b ?? a).length;
  const blocking = rules.map((rule) => {
    const ga = groups(a, rule);
    const gb = b ? groups(b, rule) : ga;
    let count = 0;
    for (const [k, xs] of ga) {
      const ys = gb.get(k);
      if (!ys) continue;
      count += b ? xs.length * ys.length : (xs.length * (xs.length - 1)) / 2;
      for (const i of xs) for (const j of ys) if (b || i < j) pairs.add(i * width + j);
    }
    return { rule: rule.name, pairs: count };
  });
  return { blocking, pairs: [...pairs].map((p) => [Math.floor(p / width), p % width] as const) };
}

/** Deterministic pseudo-random pairs for u estimation. */
function* randomPairs(n: number, m: number, count: number): Generator<[number, number]> {
  let s = 0x2545f491;
  const next = (k: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % k;
  };
  for (let c = 0; c < count; c++) yield [next(n), next(m)];
}

export function resolve(a: readonly PersonRecord[], b: readonly PersonRecord[] | null, options: { threshold?: number; randomPairs?: number } = {}): ResolveReport {
  const other = b ?? a;
  const { blocking, pairs } = blockPairs(a, b);
  const vectors = pairs.map(([i, j]) => compareRecords(a[i]!, other[j]!));
  const random = [...randomPairs(a.length, other.length, options.randomPairs ?? 200_000)].filter(([i, j]) => b || i !== j);
  const u = estimateU(PERSON_COMPARISONS, random.map(([i, j]) => compareRecords(a[i]!, other[j]!)));
  const model = estimateModel(PERSON_COMPARISONS, u, vectors);
  const threshold = options.threshold ?? 0;
  const prior = priorWeight(model);
  const scored = pairs.map(([i, j], k) => ({ i, j, w: matchWeight(model, vectors[k]!) + prior })).filter((p) => p.w > threshold);
  const predicted = new Set<string>();
  if (b) {
    // Linking two files of distinct people: each record links to at most one, best first.
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    for (const p of scored.sort((x, y) => y.w - x.w)) {
      if (usedA.has(p.i) || usedB.has(p.j)) continue;
      usedA.add(p.i);
      usedB.add(p.j);
      predicted.add(`${p.i}:${p.j}`);
    }
  } else {
    for (const pair of transitivePairs(a.length, scored)) predicted.add(pair);
  }
  return { mode: b ? 'link' : 'dedupe', blocking, comparisons: pairs.length, model, predicted, threshold };
}

/** Every pair inside the connected components of the accepted links. */
function transitivePairs(n: number, links: readonly { i: number; j: number }[]): string[] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const { i, j } of links) parent[find(i)] = find(j);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = members.get(r);
    if (g) g.push(i);
    else members.set(r, [i]);
  }
  const out: string[] = [];
  for (const g of members.values()) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) out.push(`${g[x]}:${g[y]}`);
  return out;
}

/** Pairwise precision, recall and F1 against the FEBRL ids. */
export function evaluate(a: readonly PersonRecord[], b: readonly PersonRecord[] | null, predicted: ReadonlySet<string>) {
  const other = b ?? a;
  const truth = new Set<string>();
  const byPerson = new Map<string, number[]>();
  other.forEach((r, j) => {
    const p = truePerson(r.rec_id);
    byPerson.set(p, [...(byPerson.get(p) ?? []), j]);
  });
  a.forEach((r, i) => {
    for (const j of byPerson.get(truePerson(r.rec_id)) ?? []) if (b || i < j) truth.add(`${i}:${j}`);
  });
  let tp = 0;
  for (const p of predicted) if (truth.has(p)) tp++;
  const precision = predicted.size ? tp / predicted.size : 0;
  const recall = truth.size ? tp / truth.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePairs: truth.size, predicted: predicted.size, truePositives: tp, precision, recall, f1 };
}
