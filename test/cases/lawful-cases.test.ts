/**
 * Lawful by construction, for cases: nothing that opens, orders or decides a
 * case mentions national origin, ethnicity, name origin, citizenship or
 * language (the same words test/lawful.test.ts forbids in detection), and a
 * case's priority is the same whatever such a field the record carries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casePriority, DEFAULT_POLICY } from '../../src/cases/index.js';

const FORBIDDEN = /accept-?language|language|locale|nationalit|citizenship|ethnic|\brace\b|religio|birth_?place|countryofbirth|country_of_birth|nameorigin|name_origin|origin|demograph/i;
const ROOT = join(import.meta.dirname, '..', '..');
const CASE_CODE = [
  ...readdirSync(join(ROOT, 'src/cases')).map((f) => `src/cases/${f}`),
  'src/service/case-opening.ts', 'src/service/cases.ts', 'src/service/case-views.ts', 'src/store/case-queries.ts', 'src/store/case-contract.ts',
];

describe('cases are lawful by construction', () => {
  it('no case code mentions origin, ethnicity, citizenship or language', () => {
    const offending = CASE_CODE.filter((f) => FORBIDDEN.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('priority reads the score, the ring size and the job title only', () => {
    const input = { score: 70, members: 2, jobTitle: 'Backend Engineer' };
    const withExtra = { ...input, nationality: 'KP', citizenship: 'KP', language: 'ko', name: 'Kim' } as typeof input;
    expect(casePriority(withExtra, DEFAULT_POLICY)).toBe(75);
    expect(casePriority(input, DEFAULT_POLICY)).toBe(75);
  });
});
