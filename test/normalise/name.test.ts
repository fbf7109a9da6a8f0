import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameText, normaliseName } from '../../src/normalise/name.js';

describe('normaliseName', () => {
  it('folds case, diacritics and compatibility forms, keeps other scripts', () => {
    expect(normaliseName('José ÁLVAREZ').tokens).toEqual(['jose', 'alvarez']);
    expect(normaliseName('Ｊｏｈｎ Ｓｍｉｔｈ').tokens).toEqual(['john', 'smith']);
    expect(normaliseName('김정은').tokens).toEqual(['김정은']);
    expect(normaliseName('Łukasz Żółć').tokens).toEqual(['łukasz', 'zołc']);
  });

  it('is order-free in its key and reads "Last, First"', () => {
    expect(normaliseName('Zhang Wei').key).toBe(normaliseName('Wei Zhang').key);
    expect(normaliseName('Smith, John').tokens).toEqual(['john', 'smith']);
  });

  it('keeps names in parentheses or quotes as alternates and drops honorifics', () => {
    const n = normaliseName('Dr. Wei "David" Zhang Jr.');
    expect(n.tokens).toEqual(['wei', 'zhang']);
    expect(n.alternates).toEqual(['david']);
  });

  it('splits hyphenated given names', () => {
    expect(normaliseName('Park Ji-hoon').tokens).toEqual(['park', 'ji', 'hoon']);
  });

  it('never throws and is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const once = normaliseName(s);
      expect(nameText(normaliseName(nameText(once)))).toBe(nameText(once));
    }), { numRuns: 3000 });
  });
});
