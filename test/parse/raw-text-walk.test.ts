import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonProblem, rawTextNeedsWalk } from '../../src/parse/json-limits.js';
import { parseJsonLine } from '../../src/parse/parse-application.js';

/**
 * parseJsonLine skips the walk over every value when the raw line proves it
 * would find nothing. The shortcut must never let through what the walk
 * would refuse: whenever rawTextNeedsWalk says "no walk", findJsonProblem
 * finds nothing, for any JSON value, including the awkward ones.
 */
const LIMITS = { maxDepth: 6, maxText: 40 };
const awkwardText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uD83D\uDE00', 'a\\u0000', '{[', '"', '\\'),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, awkwardText, fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(awkwardText, tie('node'), { maxKeys: 4 })),
})).node;

describe('the raw-text shortcut never skips a walk that would find a problem', () => {
  it('holds for arbitrary JSON values with NULs, lone surrogates, deep nesting and long text', () => {
    fc.assert(
      fc.property(value, (v) => {
        const json = JSON.stringify(v);
        if (!rawTextNeedsWalk(json, LIMITS)) expect(findJsonProblem(v, LIMITS)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('asks for the walk on each kind of problem, written as a character or as an escape', () => {
    expect(rawTextNeedsWalk('{"a":"x\\u0000"}', LIMITS)).toBe(true);
    expect(rawTextNeedsWalk('{"a":"x\u0000"}', LIMITS)).toBe(true);
    expect(rawTextNeedsWalk('{"a":"\\uD800"}', LIMITS)).toBe(true);
    expect(rawTextNeedsWalk('{"a":"\\udc01"}', LIMITS)).toBe(true);
    expect(rawTextNeedsWalk('{"a":[[[[[[1]]]]]]}', LIMITS)).toBe(true);
    expect(rawTextNeedsWalk(`{"a":"${'x'.repeat(40)}"}`, LIMITS)).toBe(true);
    expect(rawTextNeedsWalk('{"a":[1,{"b":"plain text é"}]}', LIMITS)).toBe(false);
  });

  it('still refuses a line with an escaped NUL or lone surrogate, naming the field', () => {
    const base = { id: 'a1', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Ann Lee' } };
    const nul = parseJsonLine(JSON.stringify({ ...base, job: { title: 'x\u0000' } }), { line: 1 });
    expect(nul).toMatchObject({ ok: false, error: expect.stringContaining('job.title') });
    const surrogate = parseJsonLine(JSON.stringify({ ...base, extra: 'x\uD800' }), { line: 2 });
    expect(surrogate).toMatchObject({ ok: false, error: expect.stringContaining('extra') });
    expect(parseJsonLine(JSON.stringify(base), { line: 3 })).toMatchObject({ ok: true });
  });
});
