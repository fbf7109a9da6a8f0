/**
 * The pure parts of the education reference: institution name keys, campus
 * structure, the "clearly U.S." marker, degree and field reading, domains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf, isAcademicDomain, isUnder, registrableDomain } from '../../src/reference/education/domains.js';
import { abbreviationCandidates, campusSplits, institutionKey, usInstitutionMarker } from '../../src/reference/education/institution-name.js';
import { cip4, readDegree, readField } from '../../src/reference/education/programs.js';

describe('institutionKey', () => {
  it.each([
    ['The University of Texas at Austin', 'University of Texas, Austin'],
    ['The University of Texas at Austin', 'Univ. of Texas at Austin'],
    ['The University of Texas at Austin', 'U of Texas - Austin'],
    ['The University of Texas at Austin', 'THE UNIVERSITY OF TEXAS AT AUSTIN'],
    ['University of California-Irvine', 'University of California, Irvine'],
    ['University of California-Irvine', 'University of California \u2013 Irvine'],
    ['Texas A & M University-College Station', 'Texas A&M University - College Station'],
    ['Texas A & M University-College Station', 'Texas A and M University College Station'],
    ['Saint Cloud State University', 'St. Cloud State University'],
    ['Saint Louis University', 'St Louis University'],
    ["Saint Mary's University of Minnesota", 'St. Marys University of Minnesota'],
    ['Ohio State University', 'Ohio St. University'],
    ['Washington University in St Louis', 'Washington University, St. Louis'],
    ['University of Illinois Urbana-Champaign', 'University of Illinois at Urbana-Champaign'],
    ['UCLA', 'U.C.L.A.'],
    ['Mount Holyoke College', 'Mt. Holyoke College'],
    ['Universidade de São Paulo', 'Universidade de Sao Paulo'],
  ])('%s = %s', (a, b) => {
    expect(institutionKey(a)).toBe(institutionKey(b));
  });

  it.each([
    ['University of Washington', 'Washington University'],
    ['University of Miami', 'Miami University'],
    ['University of Texas at Austin', 'University of Texas at Dallas'],
    ['Georgia State University', 'Georgia Southern University'],
  ])('%s != %s', (a, b) => {
    expect(institutionKey(a)).not.toBe(institutionKey(b));
  });

  it('is idempotent: a key is its own key', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => institutionKey(institutionKey(s)) === institutionKey(s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.array(fc.constantFrom('u', 'of', 'st', 'the', 'at', 'a', 'm', 't', 'cc', 'univ', 'in', 'x', '&', '.', '-', ','), { maxLength: 12 }), (parts) => {
      const s = parts.join(' ');
      return institutionKey(institutionKey(s)) === institutionKey(s);
    }), { numRuns: 3000 });
  });

  it('never throws and returns lower-case words separated by single spaces', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const k = institutionKey(s);
      return k === k.trim() && !k.includes('  ') && k === k.toLowerCase();
    }), { numRuns: 2000 });
  });
});

describe('campus structure and abbreviations', () => {
  it('reads base and campus at each separator, keeping only bases that name an institution', () => {
    expect(campusSplits('The University of Texas at Austin')).toEqual([{ base: 'university of texas', campus: 'austin' }]);
    expect(campusSplits('Indiana University-Purdue University-Indianapolis').map((s) => s.base)).toEqual(['indiana university purdue university', 'indiana university']);
    expect(campusSplits('Winston-Salem State University')).toEqual([]);
    expect(campusSplits('Texas A&M University at Qatar')).toEqual([{ base: 'texas a and m university', campus: 'qatar' }]);
  });

  it('expands U.S. system abbreviations', () => {
    expect(abbreviationCandidates(institutionKey('UT Dallas'))).toContain(institutionKey('University of Texas at Dallas'));
    expect(abbreviationCandidates(institutionKey('UC Berkeley'))).toContain(institutionKey('University of California-Berkeley'));
    expect(abbreviationCandidates(institutionKey('SUNY Buffalo'))).toContain(institutionKey('University at Buffalo'));
    expect(abbreviationCandidates(institutionKey('Cal State Fullerton'))).toContain(institutionKey('California State University-Fullerton'));
    expect(abbreviationCandidates(institutionKey('Ohio State'))).toContain(institutionKey('Ohio State University'));
  });
});

describe('usInstitutionMarker: what makes a claim clearly U.S.', () => {
  it.each([
    ['Northern Nevada Technological University', 'Nevada'],
    ['University of West Virginia at Morgantown', 'West Virginia'],
    ['Southern Texas Institute of Technology', 'Texas'],
    ['SUNY Plattsburgh', 'SUNY'],
    ['Cal State Palo Alto', 'Cal State'],
  ])('%s is marked (%s)', (name, why) => {
    expect(usInstitutionMarker(name)).toContain(why);
  });

  it.each([
    'Seoul National University', 'Technical University of Munich', 'Universidad de Texas en Austin', 'University of Birmingham',
    'University of Cambridge', 'Georgian Technical University', 'University of Georgia', 'Tbilisi State University', 'KAIST',
    'Texas', 'Nevada Tech', 'UC Louvain', 'Indian Institute of Technology Madras', '',
  ])('%s is not marked', (name) => {
    expect(usInstitutionMarker(name)).toBeUndefined();
  });
});

describe('readDegree', () => {
  it.each([
    ['BS', 3], ['B.S.', 3], ['B.Sc.', 3], ['BSc (Hons)', 3], ['Bachelor of Science', 3], ["Bachelor's", 3], ['BA', 3], ['SB', 3],
    ['BTech', 3], ['B.E.', 3], ['BEng', 3], ['BMath', 3], ['BComp', 3],
    ['MS', 5], ['M.S.', 5], ['MSc', 5], ['MEng', 5], ['M. Eng', 5], ['Master of Science', 5], ["Master's", 5], ['MBA', 5], ['SM', 5],
    ['PhD', 6], ['Ph.D.', 6], ['Ph. D.', 6], ['Doctor of Philosophy', 6], ['DPhil', 6],
    ['Associate', 2], ['AAS', 2], ['A.S.', 2], ['Associate of Applied Science', 2],
  ])('%s -> level %i', (text, level) => {
    expect(readDegree(text)?.level).toBe(level);
  });

  it('reads a field carried by the degree', () => {
    expect(readDegree('Bachelor of Science in Computer Science')).toEqual({ level: 3, field: 'computer science' });
    expect(readDegree('BS in CS')).toEqual({ level: 3, field: 'cs' });
    expect(readDegree('M.S., Electrical Engineering')).toEqual({ level: 5, field: 'electrical engineering' });
  });

  it.each(['Diploma', 'Certificate', 'High School', 'Specialist', 'xyz', '', '   '])('%s -> unknown', (text) => {
    expect(readDegree(text)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => { readDegree(s); readField(s); return true; }), { numRuns: 2000 });
  });
});

describe('readField', () => {
  it.each([
    ['Computer Science', '11.07'], ['CS', '11.07'], ['Comp. Sci.', '11.07'], ['Computer Science & Engineering', '14.09'],
    ['Software Engineering', '14.09'], ['Electrical Engineering', '14.10'], ['Data Science', '30.70'],
    ['Information Technology', '11.10'], ['Mathematics', '27.01'], ['Applied Mathematics', '27.03'], ['Statistics', '27.05'],
    ['Computer Engineering', '14.09'], ['Computer Science (Honors)', '11.07'], ['Cyber Security', '11.10'],
  ])('%s maps to a family holding CIP %s', (field, cip) => {
    expect(readField(field)?.cips).toContain(cip);
  });

  it.each(['Business Data Analytics', 'Statistical Science', 'Machine Learning', 'Informatics', 'Basket Weaving', 'Computer and Communications Engineering'])(
    '%s is not mapped (silent)',
    (field) => {
      expect(readField(field)).toBeUndefined();
    },
  );

  it('formats CIP codes as Scorecard writes them without the leading zero', () => {
    expect(cip4('1107')).toBe('11.07');
    expect(cip4('100')).toBe('01.00');
    expect(cip4('11.07')).toBe('11.07');
    expect(cip4('x')).toBeUndefined();
  });
});

describe('domains', () => {
  it('reads a website as Scorecard writes it', () => {
    expect(hostOf('https://www.utexas.edu/')).toBe('utexas.edu');
    expect(hostOf('web.mit.edu/')).toBe('web.mit.edu');
    expect(hostOf('www.sc.edu/about/system_and_campuses/lancaster/index.php')).toBe('sc.edu');
    expect(hostOf('www2.cortland.edu/')).toBe('cortland.edu');
    expect(hostOf('NULL')).toBeUndefined();
    expect(hostOf('')).toBeUndefined();
  });

  it('reduces a host to the domain a mailbox would be on', () => {
    expect(registrableDomain('web.mit.edu')).toBe('mit.edu');
    expect(registrableDomain('tacoma.uw.edu')).toBe('uw.edu');
    expect(registrableDomain('cs.ox.ac.uk')).toBe('ox.ac.uk');
    expect(registrableDomain('mails.tsinghua.edu.cn')).toBe('tsinghua.edu.cn');
    expect(registrableDomain('gmail.com')).toBe('gmail.com');
  });

  it('knows subdomains and academic domains', () => {
    expect(isUnder('cs.utexas.edu', 'utexas.edu')).toBe(true);
    expect(isUnder('notutexas.edu', 'utexas.edu')).toBe(false);
    expect(isAcademicDomain('illinois.edu')).toBe(true);
    expect(isAcademicDomain('ox.ac.uk')).toBe(true);
    expect(isAcademicDomain('snu.ac.kr')).toBe(true);
    expect(isAcademicDomain('gmail.com')).toBe(false);
    expect(isAcademicDomain('utexas-edu.com')).toBe(false);
  });
});
