/**
 * `npm run bench -- intel`: exporting 100,000 indicators (issue 17: under
 * 10 s). Measures what follows the store read: keying every value
 * (HMAC-SHA256) and writing the STIX 2.1 bundle and the JSON Lines as text,
 * on synthetic indicators of 1,000 rings of 100. One warm-up, then 5 runs;
 * reports median, min and max. Then what 1,000,000 shared indicators cost
 * screening (bench/_intel-watchlist.ts). The last line is one JSON object.
 */
import type { Indicator } from '../src/intel/indicators.js';
import { indicatorLines } from '../src/intel/jsonl.js';
import { keyId, shareIndicator } from '../src/intel/sharing.js';
import { stixBundle } from '../src/intel/stix.js';
import { benchWatchlist } from './_intel-watchlist.js';

const N = 100_000;
const key = Buffer.alloc(32, 7);
const indicators: Indicator[] = Array.from({ length: N }, (_, i) => ({
  kind: i % 2 ? 'phone' : 'email', value: i % 2 ? `+1512${String(i).padStart(7, '0')}` : `user${i}@gmail.com`,
  firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z', count: 1 + (i % 3),
  decisions: [{ caseId: `c_${Math.floor(i / 100)}`, outcome: 'confirmed_fraud', decidedAt: '2026-12-02T10:00:00.000Z', ring: true }],
}));

function once(format: 'stix' | 'jsonl'): number {
  const t = performance.now();
  const shared = indicators.map((i) => shareIndicator(i, { mode: 'private', key }));
  const rings = new Map<string, number[]>();
  shared.forEach((s, n) => { const r = s.decisions[0]!.caseRef; rings.set(r, [...(rings.get(r) ?? []), n]); });
  const input = { org: 'acme', mode: 'private' as const, keyId: keyId(key), indicators: shared, rings: [...rings].map(([caseRef, members]) => ({ caseRef, decidedAt: '2026-12-02T10:00:00.000Z', members })), now: '2026-12-04T08:00:00.000Z' };
  let bytes = 0;
  if (format === 'stix') for (const o of stixBundle(input).objects) bytes += JSON.stringify(o).length;
  else for (const line of indicatorLines(input)) bytes += line.length;
  if (bytes === 0) throw new Error('nothing written');
  return (performance.now() - t) / 1000;
}

const results: Record<string, { median: number; min: number; max: number }> = {};
for (const format of ['stix', 'jsonl'] as const) once(format);
const runs = { stix: [] as number[], jsonl: [] as number[] };
for (let r = 0; r < 5; r++) for (const format of ['stix', 'jsonl'] as const) runs[format].push(once(format));
for (const format of ['stix', 'jsonl'] as const) {
  const s = [...runs[format]].sort((a, b) => a - b);
  results[format] = { median: +s[2]!.toFixed(2), min: +s[0]!.toFixed(2), max: +s[4]!.toFixed(2) };
  console.log(`${format}: ${N} indicators in ${s[2]!.toFixed(2)} s (min ${s[0]!.toFixed(2)}, max ${s[4]!.toFixed(2)})`);
}
const watchlist = benchWatchlist();
console.log(JSON.stringify({ bench: 'intel', indicators: N, seconds: results, goalSeconds: 10, watchlist }));
