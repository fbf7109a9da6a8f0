/**
 * The common-names list: a frequency list, not an origin list. A name made
 * only of very common given names and surnames (of any origin) cannot
 * identify anyone, so a match on it alone is a lead to check, never a hold.
 */
import { describe, expect, it } from 'vitest';
import { tokenClass } from '../../src/match/word-lists.js';
import { fullContext, screen, signalIdsOf } from '../helpers/applications.js';

const context = fullContext();
const named = (fullName: string) =>
  screen((a) => {
    a.applicant.fullName = fullName;
    delete a.profiles;
  }, context);

describe('common given names and surnames', () => {
  it.each([
    'ivan', 'olga', 'sergei', 'maria', 'jorge', 'guadalupe', 'joao', 'mehmet', 'zeynep', 'khalid', 'fatima', 'priya',
    'rajesh', 'emmanuel', 'ngozi', 'mwangi', 'hiroshi', 'yamada', 'pierre', 'giuseppe', 'jennifer', 'robert', 'nowak',
  ])('%s counts as a common name', (token) => {
    expect(tokenClass(token, 'person')).toBe('common');
  });

  it('leaves rare names ordinary', () => {
    for (const token of ['hyok', 'amezcua', 'zubkov', 'oluwadamilare']) expect(tokenClass(token, 'person')).toBe('normal');
  });

  it('makes "Ivan Hernandez", an exact SDN name with nothing else in common, a potential match to adjudicate: named with its entry, never a hold', () => {
    const r = named('Ivan Hernandez');
    expect(signalIdsOf(r)).toEqual(['watchlist.sanctions_potential_match']);
    expect(r.signals[0]?.evidence).toContain('ofac:26397');
    expect(r.band).toBe('clear');
  });
});
