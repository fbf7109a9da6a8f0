import { describe, expect, it } from 'vitest';
import { screen, signalIdsOf } from '../helpers/applications.js';

const withProfileName = (fullName: string, displayName: string) =>
  screen((a) => {
    a.applicant.fullName = fullName;
    a.profiles.linkedin.displayName = displayName;
  });

describe('identity family', () => {
  it.each([
    ['Robert Smith', 'Bob Smith'],
    ['Zhang Wei', 'Wei Zhang'],
    ['Park Ji-hoon', 'Jihoon Bak'],
    ['Lee Min-jung', 'Min Jung Yi'],
    ['José Álvarez', 'Jose Alvarez'],
    ['J. Michael Torres', 'Michael Torres'],
    ['Wei (David) Zhang', 'David Zhang'],
    ['Oluwaseun Adeyemi', 'Seun Adeyemi'],
    ['Aleksandr Petrov', 'Sasha Petrov'.replace('Sasha', 'Alexander')],
    ['Nguyễn Thị Minh Anh', 'Minh Anh Nguyen'],
    ['Mohammed Al-Farsi', 'Muhammad Al Farsi'],
    ['Priya Venkataraman', 'Priya Venkatraman'],
  ])('%s and profile %s are one person', (fullName, displayName) => {
    expect(signalIdsOf(withProfileName(fullName, displayName))).toEqual([]);
  });

  it.each([
    ['Daniel Reyes', 'Kevin Park'],
    ['Anna Kowalski', 'Anna Nowak'],
    ['Kim Min-jun', 'Lee Min-jun'],
  ])('%s with profile %s raises a weak mismatch', (fullName, displayName) => {
    const result = withProfileName(fullName, displayName);
    expect(signalIdsOf(result)).toEqual(['identity.profile_name_mismatch']);
    expect(result.signals[0]?.evidence).toContain(displayName);
    expect(result.band).toBe('clear');
  });

  it('is silent without a profile name', () => {
    expect(signalIdsOf(screen((a) => delete a.profiles.linkedin.displayName))).toEqual([]);
    expect(signalIdsOf(screen((a) => delete a.profiles))).toEqual([]);
  });

  it('never compares the mailbox spelling with the name', () => {
    const result = screen((a) => (a.applicant.emails = ['coolcoder1999@gmail.com', 'xyz.k@outlook.com']));
    expect(result.signals).toEqual([]);
  });
});
