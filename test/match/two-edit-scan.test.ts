/** The two-edit fallback of the term dictionary against a brute-force scan of the same vocabulary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG } from '../../src/match/config.js';
import { editDistance } from '../../src/match/edit-distance.js';
import { TermDictionary } from '../../src/match/term-dictionary.js';
import { typoScore } from '../../src/match/token-compare.js';

const LETTERS = 'bdfgklmnprstvz';
const letter = fc.integer({ min: 0, max: LETTERS.length - 1 }).map((i) => LETTERS[i]!);
const word = (min: number, max: number) => fc.array(letter, { minLength: min, maxLength: max }).map((cs) => cs.join(''));

/** One edit at a position drawn from `r`: a substitution, deletion, insertion or swap of neighbours. */
function edit(text: string, kind: number, at: number, c: string): string {
  const i = at % text.length;
  if (kind === 0) return text.slice(0, i) + c + text.slice(i + 1);
  if (kind === 1) return text.slice(0, i) + text.slice(i + 1);
  if (kind === 2) return text.slice(0, i) + c + text.slice(i);
  const j = Math.min(i, text.length - 2);
  return text.slice(0, j) + text[j + 1] + text[j] + text.slice(j + 2);
}

function deletionsOf(text: string): Set<string> {
  const out = new Set<string>([text]);
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** Terms the one-edit look-up reaches (equal, a deletion apart, or sharing a deletion); the scan runs only when none is there. */
function oneEditReach(token: string, term: string): boolean {
  const mine = deletionsOf(token);
  return [...deletionsOf(term)].some((d) => mine.has(d));
}

const editStep = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), letter);

describe('two-edit fallback scan', () => {
  it('finds every term a typo away from a long token that the one-edit look-up finds nothing for (two swaps of neighbours included)', () => {
    fc.assert(
      fc.property(word(8, 12), fc.array(fc.tuple(editStep, editStep), { minLength: 1, maxLength: 6 }), fc.array(word(6, 14), { maxLength: 30 }), (token, edits, others) => {
        const variants = edits.map(([a, b]) => edit(edit(token, a[0], a[1], a[2]), b[0], b[1], b[2]));
        const vocabulary = [...new Set([...variants, ...others])].filter((t) => t.length >= 4 && editDistance(token, t, 1) > 1 && !oneEditReach(token, t));
        const dictionary = new TermDictionary(DEFAULT_MATCH_CONFIG);
        vocabulary.forEach((t, name) => dictionary.addPosting(dictionary.intern(t), name));
        dictionary.finish(vocabulary.length);
        const hits = dictionary.hitsOf(dictionary.queryToken(token));
        // A romanisation form shared with a term (doubled letters folded) is found without the scan; such cases test nothing here.
        fc.pre(hits.pairs.every((p) => p.how === 'typo'));
        const found = new Set(Array.from(hits.terms, (term) => vocabulary[term]));
        const within = vocabulary.filter((t) => typoScore(token, t, DEFAULT_MATCH_CONFIG) > 0); // two edits when both are 8+ letters
        for (const t of within) expect(found, `${token} -> ${t}`).toContain(t);
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});
