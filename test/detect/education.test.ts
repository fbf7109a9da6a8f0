/**
 * The education detector on realistic records, against the reference data
 * shipped in data/education/ (real Scorecard rows: Samford University offers
 * Computer Science at bachelor level only; the University of Montevallo lists
 * no computing program; UT Austin is outside the field-of-study sample).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/catalogue/signals.js';
import { educationDetector } from '../../src/detect/education.js';
import type { DetectContext } from '../../src/detect/types.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { loadEducationReference, type EducationReference } from '../../src/reference/education/education-reference.js';
import { combine } from '../../src/score/combine.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';

let education: EducationReference;
let context: DetectContext;
beforeAll(() => {
  education = loadEducationReference();
  context = { reference: { disposableMailDomains: new Set(), education } };
});

type Entry = Record<string, string | null>;

function record(entries: Entry[], patch?: (app: Record<string, any>) => void): EnrichedApplication {
  const app: Record<string, any> = {
    id: 'edu-test',
    submittedAt: '2025-11-03T14:22:05Z',
    applicant: { fullName: 'Daniel Reyes', emails: ['daniel.reyes.dev@gmail.com'], address: { city: 'Austin', region: 'TX', country: 'US' } },
    education: entries,
  };
  patch?.(app);
  return normaliseApplication(ApplicationSchema.parse(app));
}

const detect = (entries: Entry[], patch?: (app: Record<string, any>) => void) => educationDetector.detect(record(entries, patch), context);
const ids = (entries: Entry[]) => detect(entries).map((s) => s.id);

const bs = (institution: string, extra: Entry = {}): Entry => ({ institution, degree: 'BS', field: 'Computer Science', start: '2011-08', end: '2015-05', ...extra });

describe('education.us_institution_not_found', () => {
  it.each([
    ['names a U.S. state', bs('Northern Nevada Technological University')],
    ['names a U.S. state, another way', bs('Western Ohio Institute of Technology')],
    ['a SUNY campus that does not exist', bs('SUNY Lake Tahoe')],
  ])('fires: %s', (_label, entry) => {
    const signals = detect([entry]);
    expect(signals.map((s) => s.id)).toEqual(['education.us_institution_not_found']);
    expect(signals[0]!.evidence).toContain(entry.institution!);
    expect(signals[0]!.evidence).toMatch(/6,662 U\.S\. Title IV institutions of College Scorecard/);
  });

  it.each([
    ['a university abroad that no list has (unknown, never evidence)', bs('Igor Sikorsky Kyiv Polytechnic Institute')],
    ['an invented-looking name abroad', bs('Pyongyang Institute of Computer Technology')],
    ['a name in another language that mentions a U.S. state', bs('Universidad de Texas en Austin')],
    ['a real U.S. school with a typo', bs('Univeristy of Texas at Austin')],
    ['a real U.S. school in other words', bs('University of Texas at Houston')],
    ['a real U.S. school by its short form', bs('UT Austin')],
    ['a branch campus abroad of a U.S. school', bs('Texas A&M University at Qatar')],
    ['a campus no list names, of a known system', bs('University of Nevada at Tahoe')],
    ['a school in Georgia (also a country)', bs('Georgia Technical University of Tbilisi')],
    ['no institution given', bs('')],
  ])('silent: %s', (_label, entry) => {
    expect(ids([entry])).not.toContain('education.us_institution_not_found');
  });
});

describe('education.program_not_offered', () => {
  it.each([
    ['a master\'s Samford does not list', { institution: 'Samford University', degree: 'MS', field: 'Computer Science', start: '2015-08', end: '2017-05' }, /UNITID 102049, Samford University\) lists no Computer Science master's.*it lists 11\.07 Computer Science at bachelor's level/],
    ['a bachelor\'s with the field inside the degree', { institution: 'University of Montevallo', degree: 'Bachelor of Science in Computer Science', start: '2010-08', end: '2014-05' }, /UNITID 101709, University of Montevallo\) lists no Computer Science bachelor's/],
    ['a doctorate at a school listing CS at bachelor and master only', { institution: 'Tuskegee University', degree: 'Ph.D.', field: 'CS', start: '2012-08', end: '2017-05' }, /UNITID 102377, Tuskegee University\) lists no Computer Science doctoral/],
  ])('fires: %s', (_label, entry, evidence) => {
    const signals = detect([entry]);
    expect(signals.map((s) => s.id)).toEqual(['education.program_not_offered']);
    expect(signals[0]!.evidence).toMatch(evidence);
  });

  it.each([
    ['a program the school lists', { institution: 'Samford University', degree: 'BS', field: 'Computer Science', start: '2011-08', end: '2015-05' }],
    ['a field coded as 11.01 rather than 11.07 (The University of Alabama)', { institution: 'University of Alabama', degree: 'BS', field: 'Software Engineering', start: '2011-08', end: '2015-05' }],
    ['a master\'s coded as Computer Engineering (Auburn)', { institution: 'Auburn University', degree: 'MS', field: 'Computer Science', start: '2015-08', end: '2017-05' }],
    ['an institution outside the field-of-study sample (UT Austin)', bs('University of Texas at Austin', { degree: 'PhD' })],
    ['the institution whose rows the sample cuts off (Pima)', { institution: 'Pima Community College', degree: 'BS', field: 'Computer Science', start: '2011-08', end: '2015-05' }],
    ['a field the tables do not read', { institution: 'Samford University', degree: 'MS', field: 'Business Data Analytics', start: '2015-08', end: '2017-05' }],
    ['a degree the tables do not read', { institution: 'Samford University', degree: 'Diploma', field: 'Computer Science', start: '2015-08', end: '2017-05' }],
    ['a short form shared worldwide', { institution: 'NAU', degree: 'PhD', field: 'Computer Science', start: '2012-08', end: '2017-05' }],
    ['no field', { institution: 'Samford University', degree: 'MS', start: '2015-08', end: '2017-05' }],
  ])('silent: %s', (_label, entry) => {
    expect(ids([entry])).not.toContain('education.program_not_offered');
  });
});

describe('education.off_calendar_end', () => {
  it.each([
    ['February', bs('Auburn University', { field: 'Mechanical Engineering', start: '2012-03', end: '2016-02' })],
    ['October', bs('University of Houston', { start: '2011-08', end: '2015-10' })],
    ['November, for a system name', bs('University of Texas', { start: '2011-08', end: '2015-11' })],
  ])('fires: a U.S. bachelor\'s ending in %s', (_label, entry) => {
    const signals = detect([entry]);
    expect(signals.map((s) => s.id)).toEqual(['education.off_calendar_end']);
    expect(signals[0]!.evidence).toMatch(/Scorecard/);
  });

  it.each([
    ['a December graduation', bs('University of Houston', { end: '2015-12' })],
    ['a May graduation', bs('University of Houston', { end: '2015-05' })],
    ['an August graduation', bs('University of Houston', { end: '2015-08' })],
    ['a March graduation (quarter schools)', bs('University of Washington', { end: '2015-03' })],
    ['a February end at a university abroad (Korean calendar)', bs('Yonsei University', { start: '2009-03', end: '2013-02' })],
    ['a February end for a master\'s (graduate schools confer monthly)', { institution: 'University of Houston', degree: 'MS', field: 'Computer Science', start: '2014-08', end: '2016-02' }],
    ['a degree still in progress', bs('University of Houston', { end: null })],
    ['a name shared with a school abroad', bs('Northeastern University', { end: '2015-02' })],
    ['a near spelling only', bs('Univeristy of Houstonn', { end: '2015-02' })],
  ])('silent: %s', (_label, entry) => {
    expect(ids([entry])).not.toContain('education.off_calendar_end');
  });
});

describe('education.implausible_duration', () => {
  it.each([
    ['a bachelor\'s in 11 months', bs('University of Houston', { start: '2014-08', end: '2015-07' }), /takes 11 months \(2014-08 to 2015-07\); even with transfer credit a bachelor's takes at least 20 months/],
    ['a bachelor\'s over ten years', bs('University of Houston', { start: '2003-08', end: '2015-05' }), /takes 141 months .* over 10 years/],
    ['a doctorate in a year', { institution: 'University of Houston', degree: 'PhD', field: 'Computer Science', start: '2014-08', end: '2015-08' }, /doctoral \(PhD\) at University of Houston takes 12 months/],
    ['a master\'s in three months', { institution: 'Kyoto University', degree: 'MSc', field: 'Informatics', start: '2014-04', end: '2014-07' }, /takes 3 months/],
  ])('fires: %s', (_label, entry, evidence) => {
    const signals = detect([entry]).filter((s) => s.id === 'education.implausible_duration');
    expect(signals).toHaveLength(1);
    expect(signals[0]!.evidence).toMatch(evidence);
  });

  it.each([
    [[bs('University of Houston', { start: '2011-08', end: '2015-05' })]],
    // Transfer: two years at a community college, then 21 months at the university.
    [[{ institution: 'Austin Community College District', degree: 'Associate', field: 'General Studies', start: '2011-08', end: '2013-05' }, bs('University of Texas at Austin', { start: '2013-08', end: '2015-05' })]],
    // A one-year master's (Sep to May) and a UK one-year MSc.
    [[{ institution: 'Cornell University', degree: 'MEng', field: 'Computer Science', start: '2017-08', end: '2018-05' }]],
    [[{ institution: 'University of Edinburgh', degree: 'MSc', field: 'Data Science', start: '2016-09', end: '2017-09' }]],
    // European integrated master's of five to six years.
    [[{ institution: 'Lviv Polytechnic National University', degree: 'MS', field: 'Software Engineering', start: '2012-09', end: '2018-06' }]],
    // Dates missing, reversed (a typo, not evidence) or the degree unread.
    [[bs('University of Houston', { start: null })]],
    [[bs('University of Houston', { start: '2015-05', end: '2011-08' })]],
    [[bs('University of Houston', { degree: 'Diploma', start: '2014-08', end: '2014-12' })]],
  ])('silent: %j', (entries) => {
    expect(ids(entries)).not.toContain('education.implausible_duration');
  });
});

describe('education.overlapping_degrees', () => {
  it('fires: a bachelor\'s and a master\'s at two schools overlapping for 21 months', () => {
    const signals = detect([bs('University of Houston', { start: '2010-08', end: '2014-05' }), { institution: 'Texas State University', degree: 'MS', field: 'Computer Science', start: '2012-08', end: '2015-12' }]);
    expect(signals.map((s) => s.id)).toEqual(['education.overlapping_degrees']);
    expect(signals[0]!.evidence).toBe("bachelor's at University of Houston (2010-08 to 2014-05) and master's at Texas State University (2012-08 to 2015-12) overlap for 21 months");
  });

  it('fires: two bachelor\'s in two countries two years apart', () => {
    expect(ids([bs('Zhejiang University', { start: '2008-09', end: '2012-06' }), bs('University of Houston', { start: '2010-08', end: '2014-05' })])).toEqual(['education.overlapping_degrees']);
  });

  it.each([
    ['bachelor then master', [bs('University of Houston', { start: '2010-08', end: '2014-05' }), { institution: 'Rice University', degree: 'MS', field: 'Computer Science', start: '2014-08', end: '2016-05' }]],
    ['a master\'s earned on the way to a PhD at the same school', [{ institution: 'Duke University', degree: 'MS', field: 'Statistics', start: '2014-08', end: '2016-05' }, { institution: 'Duke University', degree: 'PhD', field: 'Statistics', start: '2014-08', end: '2019-05' }]],
    ['the same school written two ways', [bs('UT Austin', { start: '2010-08', end: '2014-05' }), { institution: 'The University of Texas at Austin', degree: 'MS', field: 'Computer Science', start: '2013-08', end: '2015-05' }]],
    ['a 2+2 joint program: both legs end together', [bs('Zhejiang University', { start: '2010-09', end: '2014-06' }), bs('University of Illinois Urbana-Champaign', { start: '2012-08', end: '2014-05' })]],
    ['an overlap under a year', [bs('University of Houston', { start: '2010-08', end: '2014-05' }), { institution: 'Rice University', degree: 'MS', field: 'Computer Science', start: '2013-08', end: '2015-05' }]],
    ['an associate\'s while in high school', [{ institution: 'Austin Community College District', degree: 'AA', field: 'General Studies', start: '2009-08', end: '2011-05' }, bs('University of Houston', { start: '2010-08', end: '2014-05' })]],
  ])('silent: %s', (_label, entries) => {
    expect(ids(entries as Entry[])).not.toContain('education.overlapping_degrees');
  });
});

describe('education.mailbox_domain_mismatch', () => {
  it.each([
    ['a look-alike of the school\'s domain', bs('UT Austin', { email: 'jdoe@utexas-edu.com' }), /utexas-edu\.com imitates utexas\.edu/],
    ['another school\'s domain', bs('University of Texas at Austin', { email: 'jdoe@illinois.edu' }), /illinois\.edu belongs to University of Illinois Urbana-Champaign/],
    ['an academic domain of no known school', bs('University of Houston', { email: 'jdoe@uhouston.edu' }), /uhouston\.edu is a school domain, not this one's/],
  ])('fires: %s', (_label, entry, evidence) => {
    const signals = detect([entry]);
    expect(signals.map((s) => s.id)).toEqual(['education.mailbox_domain_mismatch']);
    expect(signals[0]!.evidence).toMatch(evidence);
    expect(signals[0]!.evidence).toMatch(/Scorecard UNITID \d+/);
  });

  it.each([
    ['the school\'s domain', bs('University of Texas at Austin', { email: 'jdoe@utexas.edu' })],
    ['a subdomain of it', bs('University of Texas at Austin', { email: 'jdoe@cs.utexas.edu' })],
    ['a second domain the world list knows (uw.edu)', bs('University of Washington', { email: 'jdoe@uw.edu' })],
    ['the system\'s domain at a campus (umich.edu at Dearborn)', bs('University of Michigan-Dearborn', { email: 'jdoe@umich.edu' })],
    ['a personal mailbox', bs('University of Texas at Austin', { email: 'jdoe@gmail.com' })],
    ['a work mailbox', bs('University of Texas at Austin', { email: 'jdoe@indeed.com' })],
    ['the mailbox of another school the applicant lists', bs('University of Houston', { email: 'jdoe@rice.edu' })],
    ['a school abroad (domain lists abroad have gaps)', bs('National University of Singapore', { email: 'e0123456@u.nus.edu.sg' })],
    ['an institution whose domain is unknown', bs('ITT Technical Institute-Tempe', { email: 'jdoe@itt-tech.edu' })],
    ['a short form', bs('MIT', { email: 'jdoe@manipal.edu' })],
    ['not an address', bs('University of Texas at Austin', { email: 'not a mailbox' })],
  ])('silent: %s', (_label, entry) => {
    const entries = entry.email === 'jdoe@rice.edu' ? [entry, { institution: 'Rice University', degree: 'MS', field: 'Computer Science', start: '2015-08', end: '2017-05' }] : [entry];
    expect(ids(entries)).not.toContain('education.mailbox_domain_mismatch');
  });
});

describe('the detector as a whole', () => {
  it('every id it raises is in the catalogue, in the education family', () => {
    for (const id of Object.keys(SIGNALS).filter((k) => k.startsWith('education.'))) expect(SIGNALS[id as keyof typeof SIGNALS].family).toBe('education');
  });

  it('is silent without education reference data, and without education', () => {
    const r = record([bs('Northern Nevada Technological University', { start: '2014-08', end: '2015-02' })]);
    expect(educationDetector.detect(r, { reference: { disposableMailDomains: new Set() } })).toEqual([]);
    expect(detect([], (a) => delete a.education)).toEqual([]);
  });

  it('is pure: same answer twice, record untouched', () => {
    const r = record([bs('Samford University', { degree: 'MS', end: '2016-02' }), bs('Northern Nevada Technological University', { email: 'x@utexas.edu' })]);
    const before = JSON.stringify(r);
    const first = educationDetector.detect(r, context);
    expect(educationDetector.detect(r, context)).toEqual(first);
    expect(JSON.stringify(r)).toBe(before);
  });

  it('a foreign-educated applicant whose university no list has raises nothing', () => {
    expect(detect([
      { institution: 'Universitas Teknologi Nusantara Timur', degree: 'S.Kom', field: 'Informatika', start: '2010-09', end: '2014-08', email: 'budi@utnt.ac.id' },
      { institution: 'Kabul Polytechnic University', degree: 'BSc', field: 'Computer Science', start: '2008-03', end: '2012-02' },
    ])).toEqual([]);
  });

  it('the same claims under other names, addresses and phones raise the same signals', () => {
    const entries = [bs('Samford University', { degree: 'MS' }), bs('Northern Nevada Technological University')];
    const homes = [['Daniel Reyes', 'US'], ['Kim Min-jun', 'KR'], ['Oluwaseun Adeyemi', 'NG'], ['Olga Ivanova', 'DE'], ['Zhang Wei', 'CN']];
    const results = homes.map(([name, country]) => JSON.stringify(detect(entries, (a) => { a.applicant.fullName = name; a.applicant.address = { city: 'X', country }; })));
    expect(new Set(results).size).toBe(1);
  });

  it('one clue alone never holds anyone; the family cap holds them all together', () => {
    const one = combine(detect([bs('Northern Nevada Technological University')]), DEFAULT_SCORING);
    expect(one.band).not.toBe('hold');
    const all = combine(detect([
      { institution: 'University of Montevallo', degree: 'BS', field: 'Computer Science', start: '2015-01', end: '2016-02', email: 'j@montevallo-edu.com' },
      bs('Northern Nevada Technological University', { start: '2014-08', end: '2018-05' }),
    ]), DEFAULT_SCORING);
    expect(new Set(all.signals.map((s) => s.id)).size).toBeGreaterThanOrEqual(5);
    expect(all.signals.reduce((sum, s) => sum + s.weight, 0)).toBeLessThanOrEqual(2.5 + 1e-9);
    expect(all.band).not.toBe('hold');
  });
});

describe('examples/applications.jsonl', () => {
  type Expected = Record<string, { kind: string; signals: string[] }>;
  const expected = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Expected;
  const apps = readFileSync('examples/applications.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => ApplicationSchema.parse(JSON.parse(l)));

  it('raises nothing on any application the answer key calls ordinary', () => {
    const ordinary = apps.filter((a) => expected[a.id]?.kind === 'ordinary');
    expect(ordinary.length).toBeGreaterThan(30);
    const fired = ordinary.map((a) => [a.id, educationDetector.detect(normaliseApplication(a), context)] as const).filter(([, s]) => s.length > 0);
    expect(fired).toEqual([]);
  });

  it('raises on the other applications only the education signals their answer key lists', () => {
    for (const a of apps.filter((x) => expected[x.id] && expected[x.id]!.kind !== 'ordinary')) {
      const raised = educationDetector.detect(normaliseApplication(a), context).map((s) => s.id);
      for (const id of raised) expect(expected[a.id]!.signals, `${a.id} raised ${id}`).toContain(id);
    }
  });
});
