import { describe, expect, it } from 'vitest';
import { screen, signalIdsOf as allIds } from '../helpers/applications.js';

/** This family's signals only (an address abroad with a U.S. connection also raises geography clues). */
const signalIdsOf = (r: Parameters<typeof allIds>[0]) => allIds(r).filter((id) => id.startsWith('profile.'));

const profile = (linkedin: Record<string, unknown>, patch?: (a: Record<string, any>) => void) =>
  screen((a) => {
    a.profiles.linkedin = { displayName: 'Daniel Reyes', ...linkedin };
    patch?.(a);
  });

describe('profile family', () => {
  it('a long-quiet but otherwise ordinary profile raises nothing', () => {
    expect(signalIdsOf(profile({ createdAt: '2012-03', activity: ['2014-02', '2016-09', '2025-10'], connections: 412, location: 'Austin, Texas' }))).toEqual([]);
  });

  it('flags a profile silent for years, renamed, and revived just before the application, counting the rename once', () => {
    const r = profile({ createdAt: '2012-03', activity: ['2014-02', '2016-09', '2025-10'], nameChangedAt: '2025-09', connections: 412 });
    expect(signalIdsOf(r).sort()).toEqual(['profile.dormant_revived_renamed']);
    expect(r.signals.find((s) => s.id === 'profile.dormant_revived_renamed')?.evidence).toMatch(/stops 2016-09, the profile is renamed 2025-09, and activity resumes 2025-10 after 109 silent months/);
  });

  it('a recent rename of a profile in ordinary use is a recent name change only', () => {
    expect(signalIdsOf(profile({ createdAt: '2012-03', activity: ['2014-02', '2016-09', '2024-05', '2025-10'], nameChangedAt: '2025-09', connections: 412 }))).toEqual(['profile.name_changed_recently']);
  });

  it('does not count an old name change (e.g. at marriage) before the silence', () => {
    expect(signalIdsOf(profile({ activity: ['2014-02', '2016-09', '2025-10'], nameChangedAt: '2015-06' }))).toEqual([]);
  });

  it.each([
    ['Austin, Texas', []],
    ['Greater Austin Area', []],
    ['Texas, United States', []],
    ['Houston, TX', []],
    ['Miami, Florida', ['profile.location_mismatch']],
    ['Lagos, Nigeria', ['profile.location_mismatch']],
    ['Remote', []],
  ])('location %s against an Austin, TX address raises %j', (location, expected) => {
    expect(signalIdsOf(profile({ location }))).toEqual(expected);
  });

  it('compares countries for an address abroad, and is silent on places it cannot place', () => {
    const abroad = (location: string) => profile({ location }, (a) => (a.applicant.address = { city: 'São Paulo', country: 'BR' }));
    expect(signalIdsOf(abroad('São Paulo, Brazil'))).toEqual([]);
    expect(signalIdsOf(abroad('Campinas, Brazil'))).toEqual([]);
    expect(signalIdsOf(abroad('Shenyang, China'))).toEqual(['profile.location_mismatch']);
    expect(signalIdsOf(abroad('Campinas'))).toEqual([]);
  });

  it('flags a profile far younger than the career it presents, and few connections for it', () => {
    const r = profile({ createdAt: '2025-08', activity: ['2025-09'], connections: 12 });
    expect(signalIdsOf(r).sort()).toEqual(['profile.few_connections_for_seniority', 'profile.younger_than_career']);
  });

  it('does not judge a junior career by its profile age or connections', () => {
    const r = profile({ createdAt: '2025-08', connections: 12 }, (a) => {
      a.education = [{ institution: 'UT Austin', degree: 'BS', start: '2019-08', end: '2023-05' }];
      a.employment = [{ employer: 'Indeed', title: 'Software Engineer', start: '2023-07', end: null }];
    });
    expect(signalIdsOf(r)).toEqual([]);
  });

  it('is silent without a profile', () => {
    expect(signalIdsOf(screen((a) => delete a.profiles))).toEqual([]);
  });
});
