/** The watchlist family against the real lists in data/ (OFAC SDN and the high-risk institutions). */
import { describe, expect, it } from 'vitest';
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

  it('holds an applicant whose full name is a listed DPRK person, in any romanisation', () => {
    for (const name of ['Pak Jin Hyok', 'Park Jin-hyok', 'PAK, Jin Hyok']) {
      const r = withWatchlists((a) => {
        a.applicant.fullName = name;
        delete a.profiles;
      });
      expect(signalIdsOf(r)).toEqual(['watchlist.sanctioned_person']);
      expect(r.band).toBe('hold');
      expect(r.signals[0]?.evidence).toContain('ofac:24918');
    }
  });

  it('sends a name-only match on common names to review, never hold, whatever their origin', () => {
    for (const name of ['Zhang Wei', 'Ali Hassan']) {
      const r = withWatchlists((a) => {
        a.applicant.fullName = name;
        delete a.profiles;
      });
      expect(signalIdsOf(r)).toEqual(['watchlist.sanctioned_person']);
      expect(r.band).toBe('review');
      expect(r.signals[0]?.evidence).toMatch(/common names: clear it by date of birth or address/);
    }
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
