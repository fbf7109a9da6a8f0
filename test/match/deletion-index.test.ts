/** The one-edit neighbourhood index against a brute-force scan of the same vocabulary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeletionIndex } from '../../src/match/deletion-index.js';
import { editDistance } from '../../src/match/edit-distance.js';

function deletionsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** What the index must return for `text`: terms equal to it or to one of its deletions, or sharing a deletion with it. */
function expected(vocabulary: readonly string[], text: string, selfFrom: number, deleteFrom: number): number[] {
  const mine = deletionsOf(text);
  const out: number[] = [];
  vocabulary.forEach((term, id) => {
    const selfKey = term.length >= selfFrom && (term === text || mine.has(term));
    const theirs = term.length >= deleteFrom ? deletionsOf(term) : new Set<string>();
    const deletionKey = theirs.has(text) || [...mine].some((d) => theirs.has(d));
    if (selfKey || deletionKey) out.push(id);
  });
  return out;
}

function found(index: DeletionIndex, text: string): number[] {
  const out = new Set<number>();
  for (let skip = -1; skip < text.length; skip++) {
    index.lookup(text, skip);
    for (let i = index.from; i < index.to; i++) out.add(index.terms[i]!);
  }
  return [...out].sort((a, b) => a - b);
}

describe('DeletionIndex', () => {
  const vocabulary = ['kim', 'hyok', 'hyuk', 'hyeok', 'jong', 'jeong', 'jongun', 'hassan', 'hasan', 'husain', 'andrei', 'andrey', 'adrei', 'ab', 'abc'];
  const index = new DeletionIndex([...vocabulary, null], 3, 4);

  it.each(['hyok', 'hasan', 'andrew', 'jongum', 'kimm', 'abcd', 'xyzw'])('finds every term one edit from %s', (text) => {
    expect(found(index, text)).toEqual(expected(vocabulary, text, 3, 4));
  });

  it('finds every listed term within one edit of any query (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abeo'), minLength: 4, maxLength: 7 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 30 }), word, (terms, text) => {
        const built = new DeletionIndex(terms, 3, 4);
        const got = found(built, text);
        expect(got).toEqual(expected(terms, text, 3, 4));
        terms.forEach((term, id) => {
          if (editDistance(term, text, 1) <= 1) expect(got).toContain(id);
        });
      }),
      { numRuns: 300 },
    );
  });
});
