/** The watchlist family against the real lists in data/ (OFAC SDN and the high-risk institutions). */
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../../src/detect/watchlist.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { fullContext, screen, signalIdsOf } from '../helpers/applications.js';

const withWatchlists = (patch: (a: Record<string, any>) => void) => screen(patch, fullContext());

describe('watchlist family', () => {
  it('an ordinary application raises nothing', () => {
    expect(signalIdsOf(withWatchlists(() => undefined))).toEqual([]);
  });

  it('flags an employer on the high-risk institutions list, naming the entry and its source', () => {
    const r = withWatchlists((a) => (a.employment = [{ employer: 'Chinyong Information Technology Cooperation Company', title: 'Developer', start: '2018-01', end: '2021-01', location: 'Shenyang, China' }]));
    expect(signalIdsOf(r)).toEqual(['watchlist.high_risk_employer']);
    expect(r.signals[0]?.evidence).toMatch(/hri-\d{4}.*https:\/\//);
  });

  it('finds aliases and spelling variants of listed organisations', () => {
    const r = withWatchlists((a) => (a.employment = [{ employer: 'Jinyong IT Cooperation Co., Ltd.', title: 'Developer', start: '2018-01', end: '2021-01' }]));
    expect(signalIdsOf(r)).toEqual(['watchlist.high_risk_employer']);
  });

  it('flags a listed school and a reference organisation', () => {
    const r = withWatchlists((a) => {
      a.education = [{ institution: 'Kim Chaek University of Technology', degree: 'BS', field: 'Computer Science', start: '2010-09', end: '2014-07' }];
      a.references = [{ name: 'Jason Wu', organization: 'Yanbian Silverstar Network Technology' }];
    });
    expect(signalIdsOf(r).sort()).toEqual(['watchlist.high_risk_school', 'watchlist.reference_org_high_risk']);
  });

  it('a listed DPRK person\'s name alone, in any romanisation, is a potential match: the list gives a year of birth the record cannot be compared with', () => {
    for (const name of ['Pak Jin Hyok', 'Park Jin-hyok', 'PAK, Jin Hyok']) {
      const r = withWatchlists((a) => {
        a.applicant.fullName = name;
        delete a.profiles;
      });
      expect(signalIdsOf(r)).toEqual(['watchlist.sanctions_potential_match']);
      expect(r.band).toBe('clear');
      expect(r.signals[0]?.evidence).toContain('ofac:24918');
      expect(r.signals[0]?.evidence).toMatch(/potential match to adjudicate.*The list gives year of birth 1984, no country; the application gives no date of birth, country US/);
    }
  });

  it.each(['Lei Zhang', 'Chol Kim', 'Zhang Wei', 'Ali Hassan'])(
    'an honest applicant named %s, as a listed person is, with no other identifier in common, is not held: a potential match with its evidence',
    (name) => {
      const r = withWatchlists((a) => {
        a.applicant.fullName = name;
        delete a.profiles;
      });
      expect(signalIdsOf(r)).toEqual(['watchlist.sanctions_potential_match']);
      expect(['clear', 'review']).toContain(r.band);
      const evidence = r.signals[0]!.evidence;
      expect(evidence).toMatch(/A potential match to adjudicate, not a finding: no second identifier agrees/);
      // Which identifiers the entry has and which the application could be compared on.
      expect(evidence).toMatch(/The list gives (year of birth \d{4}|no date of birth), (countries [A-Z/]+|no country); the application gives no date of birth, country US, a home address the list does not give for this entry/);
    },
  );

  it('a disagreeing country lowers a potential match: Lei Zhang in Austin against ZHANG, Lei (CN) counts half', () => {
    const r = withWatchlists((a) => {
      a.applicant.fullName = 'Lei Zhang';
      delete a.profiles;
    });
    expect(r.signals[0]!.evidence).toMatch(/ofac:16318.*disagreeing: country US \(listed CN\)/);
    // 0.4 x the match score (at most 1) x 0.5 for the disagreeing country: at most 0.2.
    expect(r.signals[0]!.weight).toBeLessThanOrEqual(0.2);
  });

  it('agreement on the country alone corroborates nothing (every namesake living there agrees): Lei Zhang living in China is a potential match, clear', () => {
    const r = withWatchlists((a) => {
      a.applicant.fullName = 'Lei Zhang';
      a.applicant.address = { line1: '88 Century Avenue', city: 'Shanghai', country: 'CN' };
      a.applicant.phones = [];
      delete a.profiles;
      delete a.session;
    });
    expect(signalIdsOf(r)).not.toContain('watchlist.sanctioned_person');
    expect(r.band).toBe('clear');
    expect(r.signals.find((s) => s.id === 'watchlist.sanctions_potential_match')!.evidence).toMatch(/ofac:16318.*no second identifier agrees but the country CN \(listed CN\), which namesakes share\./);
  });

  it('the country with a year of birth that agrees is a corroborated match that holds', () => {
    expect(adjudicate({ entry: 'ofac:16318', dobYears: [1976], countries: ['CN'] }, { birthYear: 1976, country: 'CN' })).toMatchObject({ corroborated: true, agreements: ['year of birth 1976 (listed 1976)', 'country CN (listed CN)'] });
    expect(adjudicate({ entry: 'ofac:16318', dobYears: [1976], countries: ['CN'] }, { country: 'CN' })).toMatchObject({ corroborated: false, agreements: ['country CN (listed CN)'], disagreements: [] });
  });

  it('adjudication (OFAC FAQ 5): a birth year within a year corroborates, another one disagrees, a listed address of the entry corroborates', () => {
    const entry = { entry: 'ofac:16318', dobYears: [1976], countries: ['CN'] };
    expect(adjudicate(entry, { birthYear: 1976 })).toMatchObject({ corroborated: true, agreements: ['year of birth 1976 (listed 1976)'], disagreements: [] });
    expect(adjudicate(entry, { birthYear: 1977 }).corroborated).toBe(true);
    expect(adjudicate(entry, { birthYear: 1990 })).toMatchObject({ corroborated: false, disagreements: ['year of birth 1990 (listed 1976)'] });
    // The year agrees but the country does not: not corroborated.
    expect(adjudicate(entry, { birthYear: 1976, country: 'US' })).toMatchObject({ corroborated: false, disagreements: ['country US (listed CN)'] });
    expect(adjudicate(entry, { country: 'US', address: { listedFor: new Set(['ofac:16318']) } }).corroborated).toBe(false);
    expect(adjudicate({ ...entry, countries: [] }, { address: { listedFor: new Set(['ofac:16318']) } })).toMatchObject({ corroborated: true, agreements: ['the home address, listed for this entry'] });
    // Nothing to compare on either side is neither agreement nor disagreement.
    expect(adjudicate({ entry: 'ofac:1', dobYears: [], countries: [] }, {})).toMatchObject({ corroborated: false, agreements: [], disagreements: [], listed: 'no date of birth, no country', compared: 'no date of birth, no country, no home address' });
  });

  it('a corroborated match on a birth year holds, a potential one does not (bands from the catalogue weights)', () => {
    // 4.0 x match score 1: -3 + 4 = 1; 100 / (1 + e^-1) = 73, held alone. 0.4 alone: -2.6 -> 7, clear.
    expect(combine([{ id: 'watchlist.sanctioned_person', evidence: 'x', strength: 1 }], DEFAULT_SCORING).band).toBe('hold');
    expect(combine([{ id: 'watchlist.sanctions_potential_match', evidence: 'x', strength: 1 }], DEFAULT_SCORING).band).toBe('clear');
  });

  it('a reference whose name is a listed person\'s is a potential match on a name alone', () => {
    const r = withWatchlists((a) => (a.references = [{ name: 'Lei Zhang', email: 'lz@example.com' }]));
    expect(signalIdsOf(r)).toEqual(['watchlist.reference_sanctioned']);
    expect(r.band).toBe('clear');
    expect(r.signals[0]!.evidence).toMatch(/potential match on a name alone: a reference carries nothing to compare/);
  });

  it('a reference\'s organisation must match a listed organisation name for name: Target is not TARGET TRANSPORTATION LIMITED', () => {
    const r = withWatchlists((a) => (a.references = [{ name: 'Maria Chen', organization: 'Target' }]));
    expect(signalIdsOf(r)).toEqual([]);
  });

  it.each([
    ['Carvana', 'Tempe, AZ'],
    ['Target', 'Minneapolis, MN'],
    ['Nationwide', 'Columbus, OH'],
    ['Redfin', 'Seattle, WA'],
    ['Nubank', 'São Paulo, Brazil'],
    ['Samsung SDS', 'Seoul, South Korea'],
    ['Huawei Technologies', 'Shenzhen, China'],
    ['Korea Telecom', 'Seoul, South Korea'],
  ])('does not confuse the employer %s (%s) with a listed organisation', (employer, location) => {
    const r = withWatchlists((a) => (a.employment = [{ employer, title: 'Engineer', start: '2019-01', end: null, location }]));
    expect(signalIdsOf(r)).toEqual([]);
  });

  it('flags mail domains and links named for a listed scheme', () => {
    const mail = withWatchlists((a) => (a.applicant.emails = ['dev@upworksell.com']));
    expect(signalIdsOf(mail)).toEqual(['watchlist.listed_domain']);
    const link = withWatchlists((a) => (a.applicant.links = ['https://www.inditechlab.com/team']));
    expect(signalIdsOf(link)).toEqual(['watchlist.listed_domain']);
  });

  it('flags a home address the sanctions list gives, not a city alone', () => {
    const listed = withWatchlists((a) => (a.applicant.address = { line1: '525 International Parkway, Suite 509', city: 'Richardson', region: 'TX', postalCode: '75081', country: 'US' }));
    expect(signalIdsOf(listed)).toEqual(['watchlist.listed_address']);
    expect(listed.signals[0]?.evidence).toContain('ofac:7116');
    const neighbour = withWatchlists((a) => (a.applicant.address = { line1: '600 International Parkway', city: 'Richardson', region: 'TX', postalCode: '75081', country: 'US' }));
    expect(signalIdsOf(neighbour)).toEqual([]);
  });
});
