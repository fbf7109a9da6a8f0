/**
 * The demo file behaves as its answer key (examples/expected.json) says: the
 * ordinary majority raises nothing, a single weak clue never holds anyone,
 * and the applications built from several clues raise exactly those clues
 * and are flagged, unless the key names another band (several clues that are
 * weak, or one line of evidence, stay clear: README, "How the score is made").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../src/parse/application-schema.js';
import { screenApplication } from '../src/score/screen.js';
import { fullContext } from './helpers/applications.js';

type Expected = Record<string, { kind: 'ordinary' | 'one_clue' | 'combined'; signals: string[]; note: string; band?: 'clear' | 'review' | 'hold' }>;
const expected = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Expected;
const results = readFileSync('examples/applications.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => screenApplication(ApplicationSchema.parse(JSON.parse(l)), fullContext()));

const ofKind = (kind: string) => results.filter((r) => expected[r.id]?.kind === kind).map((r) => [r.id, r] as const);

describe('examples/applications.jsonl', () => {
  it('has an answer for every application, and at least 60 of them', () => {
    expect(results.length).toBeGreaterThanOrEqual(60);
    expect(results.map((r) => r.id).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(ofKind('ordinary'))('%s (ordinary) is clear with no signal', (_id, r) => {
    expect(r.signals.map((s) => s.id)).toEqual([]);
    expect(r.band).toBe('clear');
  });

  it.each(ofKind('one_clue'))('%s (one weak clue) raises it and is not held', (id, r) => {
    expect(r.signals.map((s) => s.id).sort()).toEqual([...expected[id]!.signals].sort());
    expect(r.band).not.toBe('hold');
  });

  it.each(ofKind('combined'))('%s (several clues) raises them all and is flagged, or gets the band the key names', (id, r) => {
    expect(r.signals.map((s) => s.id).sort()).toEqual([...new Set(expected[id]!.signals)].sort());
    const band = expected[id]!.band;
    if (band) expect(r.band).toBe(band);
    else expect(['review', 'hold']).toContain(r.band);
  });

  it.each(results.filter((r) => expected[r.id]?.band).map((r) => [r.id, r] as const))('%s gets the band its key names', (id, r) => {
    expect(r.band).toBe(expected[id]!.band);
  });

  it('the ordinary majority is clear', () => {
    const ordinary = ofKind('ordinary');
    expect(ordinary.length / results.length).toBeGreaterThan(0.5);
  });
});
