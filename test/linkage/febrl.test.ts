import { describe, expect, it } from 'vitest';
import { runFebrl3, runFebrl4 } from '../../bench/febrl/febrl.js';
import { soundex } from '../../bench/febrl/person-records.js';

describe('FEBRL person-record resolution (data/febrl)', () => {
  it('soundex', () => {
    expect(['Robert', 'Rupert', 'Tymczak', 'Ashcraft', 'Pfister', ''].map(soundex)).toEqual(['R163', 'R163', 'T522', 'A261', 'P236', '']);
  });

  it('links febrl4 with F1 >= 0.99', () => {
    const f = runFebrl4();
    expect(f.truePairs).toBe(5000);
    expect(f.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('deduplicates febrl3 with F1 >= 0.95', () => {
    expect(runFebrl3().f1).toBeGreaterThanOrEqual(0.95);
  });
});
