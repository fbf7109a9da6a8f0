/**
 * The demo file screened as `hirewatch screen` does, each application linked
 * to the ones before it: the planted ring (ln-8001..8003) is flagged from its
 * second member on, the person who applies twice (ln-8004/8005) is linked
 * but raises nothing, and no other application gains a linkage signal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LinkedScreener } from '../src/linkage/linked-screening.js';
import { ApplicationSchema } from '../src/parse/application-schema.js';
import { fullContext } from './helpers/applications.js';

const expected = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Record<string, { signals: string[] }>;
const linkage = JSON.parse(readFileSync('examples/expected-linkage.json', 'utf8')) as { signals: Record<string, string[]>; clusters: Record<string, number> };
const screener = new LinkedScreener(fullContext());
const results = readFileSync('examples/applications.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => screener.screen(ApplicationSchema.parse(JSON.parse(l))).result);

describe('examples/applications.jsonl screened with linkage', () => {
  it.each(results.map((r) => [r.id, r] as const))('%s raises its own signals plus exactly the expected linkage ones', (id, r) => {
    const own = expected[id]!.signals;
    const linked = linkage.signals[id] ?? [];
    expect(r.signals.map((s) => s.id).sort()).toEqual([...new Set([...own, ...linked])].sort());
    expect(r.cluster?.size).toBe(linkage.clusters[id]);
  });

  it('flags the ring from its second member, with the first named as evidence', () => {
    const second = results.find((r) => r.id === 'ln-8002')!;
    expect(second.band).not.toBe('clear');
    expect(second.signals.find((s) => s.id === 'linkage.shared_phone_other_identity')?.evidence).toBe('phone +16025550147 also on ln-8001 (Ethan Caldwell)');
    expect(results.find((r) => r.id === 'ln-8001')!.band).toBe('clear');
  });

  it('leaves the same person applying twice clear, in one cluster', () => {
    const [first, second] = ['ln-8004', 'ln-8005'].map((id) => results.find((r) => r.id === id)!);
    expect(second!.band).toBe('clear');
    expect(second!.signals).toEqual([]);
    expect(first!.cluster).toBeUndefined();
    expect(second!.cluster?.size).toBe(2);
  });
});
