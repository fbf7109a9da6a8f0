/**
 * Matching on the real SDN list (the project's data/ofac copy): recall on
 * variants of real entries, false matches on names that are not listed.
 * Deterministic (seeded); prints both figures, the count per variant and
 * the misses, so a change in the engine shows what it cost or bought.
 */
import { describe, expect, it } from 'vitest';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';
import { loadOfac, ofacWatchEntries } from '../../src/reference/ofac.js';
import { buildLabelledSet } from './labelled-set.js';

const entries = ofacWatchEntries(loadOfac().entries);
const index = WatchlistIndex.build(entries);
const set = buildLabelledSet(entries);

describe('matching on the real SDN list', () => {
  it('finds >= 98% of listed variants and falsely matches <= 0.1% of decoys', () => {
    const byVariant = new Map<string, { found: number; total: number }>();
    const misses: string[] = [];
    for (const p of set.positives) {
      const found = index.search(p.query, { limit: 25 }).some((m) => m.entry === p.expected);
      const tally = byVariant.get(p.variant) ?? { found: 0, total: 0 };
      tally.total++;
      if (found) tally.found++;
      else misses.push(`${p.variant}: ${JSON.stringify(p.query)} (${p.expected})`);
      byVariant.set(p.variant, tally);
    }
    const falseMatches = set.decoys.flatMap((d) => {
      const [best] = index.search(d.query);
      return best ? [`${d.query.name} -> ${best.entry} ${best.explanation}`] : [];
    });
    const setAsideMatched = set.listedDecoys.filter((d) => index.search({ name: d.name }).length > 0).length;
    const recall = (set.positives.length - misses.length) / set.positives.length;
    const falseRate = falseMatches.length / set.decoys.length;
    const people = set.decoys.filter((d) => d.variant === 'person').length;
    console.log(
      [
        `labelled set: ${set.positives.length} variants of ${set.sampledEntries} SDN entries (every DPRK entry plus a sample), ` +
          `${set.decoys.length} decoys (${people} people, ${set.decoys.length - people} companies); ` +
          `${set.listedDecoys.length} generated decoys set aside as possibly listed (e.g. ${set.listedDecoys
            .slice(0, 3)
            .map((d) => `"${d.name}" ~ "${d.listed}"`)
            .join(', ')})`,
        `recall ${recall.toFixed(4)} (${set.positives.length - misses.length}/${set.positives.length}); ` +
          [...byVariant].map(([v, t]) => `${v} ${t.found}/${t.total}`).join(', '),
        `false matches ${(falseRate * 100).toFixed(3)} % of decoys (${falseMatches.length}/${set.decoys.length}); ` +
          `the set-aside decoys, had they counted: ${setAsideMatched}/${set.listedDecoys.length} matched`,
        ...misses.slice(0, 20).map((m) => `  missed ${m}`),
        ...falseMatches.slice(0, 20).map((m) => `  false ${m}`),
      ].join('\n'),
    );
    expect(set.decoys.length).toBeGreaterThanOrEqual(2_000);
    expect(set.positives.length).toBeGreaterThanOrEqual(1_000);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(falseRate).toBeLessThanOrEqual(0.001);
  });

  it('is deterministic', () => {
    const again = buildLabelledSet(entries);
    expect(again.positives.slice(0, 50)).toEqual(set.positives.slice(0, 50));
    expect(again.decoys.length).toBe(set.decoys.length);
  });
});
