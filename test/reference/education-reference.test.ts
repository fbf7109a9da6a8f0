/**
 * The education reference as shipped in data/education/: real Scorecard and
 * world-list rows, name resolution, field-of-study coverage and domains. Its
 * load time and look-up rates are figures of `npm run bench -- reference`,
 * not tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../../src/reference/data-dir.js';
import { buildEducationReference, loadEducationReference, type EducationReference } from '../../src/reference/education/education-reference.js';
import { parseTsv } from '../../src/reference/education/tsv.js';

let ref: EducationReference;
beforeAll(() => {
  ref = loadEducationReference();
});

const unitidOf = (name: string) => {
  const m = ref.findInstitution(name);
  return m && m.us.length === 1 ? m.us[0]!.unitid : undefined;
};

describe('loading data/education', () => {
  it('loads every file with the counts of the shipped release', () => {
    const p = ref.provenance;
    expect(p.usInstitutionsListed).toBe(6662);
    expect(p.usInstitutions).toBeGreaterThanOrEqual(p.usInstitutionsListed);
    expect(p.worldUniversities).toBeGreaterThan(10_000);
    expect(p.usInstitutionsCovered).toBe(112);
    console.log(`education reference: ${p.usInstitutions} U.S. institutions, ${p.usInstitutionsCovered} with programs, ${p.worldUniversities} world universities`);
  });

  it('ships the Hipo licence beside the data derived from it', () => {
    const licence = readFileSync(join(dataDir(), 'education', 'LICENSE-hipo.txt'), 'utf8');
    expect(licence).toMatch(/MIT License|Permission is hereby granted/);
  });

  it('every curated alias names institutions that exist', () => {
    const aliases = parseTsv(readFileSync(join(dataDir(), 'education', 'aliases.tsv'), 'utf8'));
    const ids = new Set(parseTsv(readFileSync(join(dataDir(), 'education', 'us-institutions.tsv'), 'utf8')).map((r) => r.unitid));
    expect(aliases.length).toBeGreaterThan(50);
    for (const a of aliases) {
      expect(['name', 'short']).toContain(a.kind);
      for (const id of a.unitids!.split(';')) expect(ids.has(id), `${a.alias} -> ${id}`).toBe(true);
      expect(ref.findInstitution(a.alias!), a.alias).toBeDefined();
    }
  });
});

describe('findInstitution: names as applicants write them', () => {
  it.each([
    ['UT Austin', '228778'],
    ['Univ. of Texas at Austin', '228778'],
    ['The University of Texas at Austin', '228778'],
    ['University of Texas, Austin', '228778'],
    ['university of texas - austin', '228778'],
    ['Univeristy of Texas at Austin', '228778'],
    ['MIT', '166683'],
    ['Massachusetts Institute of Technology', '166683'],
    ['Georgia Tech', '139755'],
    ['Georgia Institute of Technology', '139755'],
    ['UCLA', '110662'],
    ['University of California, Los Angeles', '110662'],
    ['UC Berkeley', '110635'],
    ['SUNY Buffalo', '196088'],
    ['SUNY Albany', '196060'],
    ['SUNY Stony Brook', '196097'],
    ['St. Cloud State University', '174783'],
    ['St. Louis University', '179159'],
    ['Texas A&M University', '228723'],
    ['Texas A and M University', '228723'],
    ['Alabama A&M University', '100654'],
    ['Washington University in St. Louis', '179867'],
    ['University of Washington', '236948'],
    ['The Ohio State University', '204796'],
    ['Arizona State University', '104151'],
    ['University of Illinois at Urbana-Champaign', '145637'],
    ['North Carolina State University', '199193'],
    ['Columbia University', '190150'],
    ['Cal State Fullerton', '110565'],
    ['Penn State Harrisburg', '49576722'],
    ['University of Alabama in Huntsville', '100706'],
    ['University of Alabama', '100751'],
  ])('%s -> UNITID %s', (name, unitid) => {
    expect(unitidOf(name)).toBe(unitid);
  });

  it('a short form shared by institutions elsewhere makes the name known but is not certain', () => {
    expect(ref.findInstitution('MIT')?.tier).toBe('short');
    expect(ref.findInstitution('UT Austin')?.tier).toBe('alias');
    expect(ref.findInstitution('Standford University')?.tier).toBe('similar');
  });

  it('finds universities abroad in the world list, with their country', () => {
    for (const [name, country] of [['Seoul National University', 'KR'], ['Zhejiang University', 'CN'], ['University of Manchester', 'GB'], ['Universidade de São Paulo', 'BR'], ['University of Lagos', 'NG'], ['Indian Institute of Technology Madras', 'IN']] as const) {
      const m = ref.findInstitution(name);
      expect(m?.world.map((w) => w.country), name).toContain(country);
      expect(m?.us, name).toEqual([]);
    }
  });

  it('keeps same-named schools in other countries beside the U.S. one', () => {
    const m = ref.findInstitution('Northeastern University')!;
    expect(m.us.map((u) => u.unitid)).toEqual(['167358']);
    expect(m.world.map((w) => w.country)).toContain('CN');
  });

  it('reads a campus of a known institution that no list names as a branch of it', () => {
    const m = ref.findInstitution('Texas A&M University at Qatar')!;
    expect(m.tier).toBe('branch');
    expect(m.us[0]?.unitid).toBe('228723');
  });

  it('finds names hidden in longer ones, and longer ones holding a known name', () => {
    expect(ref.findInstitution('University of Texas at Houston')).toBeDefined();
    expect(ref.findInstitution('University of Texas at Austin McCombs School of Business')).toBeDefined();
  });

  it('knows schools that closed since (kept by the field-of-study file) as known, not listed', () => {
    const m = ref.findInstitution('ITT Technical Institute-Tempe')!;
    expect(m.us[0]).toMatchObject({ unitid: '105172', listed: false });
  });

  it.each(['Northern Nevada Technological University', 'Western Ohio Institute of Technology', 'KAIST', 'Igor Sikorsky Kyiv Polytechnic Institute', '', '   '])(
    '%s is unknown to every list',
    (name) => {
      expect(ref.findInstitution(name)).toBeUndefined();
    },
  );

  it('never throws, whatever the string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => { ref.findInstitution(s); return true; }), { numRuns: 1500 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('University', 'of', 'Texas', 'at', 'St.', 'A&M', 'Austin', '-', ',', 'College', 'SUNY', 'UC', 'Qatar', 'Nevada'), { maxLength: 8 }), (parts) => {
        ref.findInstitution(parts.join(' '));
        return true;
      }),
      { numRuns: 1500 },
    );
  });

});

describe('field of study: which institutions the data covers', () => {
  it('covers the sample institutions (real rows): Samford offers Computer Science (11.07) at bachelor level, not master', () => {
    const samford = ref.programsOf('102049')!;
    expect(samford.get('11.07')).toEqual(new Set([3]));
    expect(ref.cipTitle('11.07')).toBe('Computer Science');
  });

  it('University of Montevallo lists mathematics but no computing program', () => {
    const montevallo = ref.programsOf('101709')!;
    expect(montevallo.get('27.01')?.has(3)).toBe(true);
    expect([...montevallo.keys()].filter((c) => c.startsWith('11.'))).toEqual([]);
  });

  it('does not cover institutions outside the sample, nor the one whose rows the file cuts off', () => {
    expect(ref.programsOf('228778')).toBeUndefined(); // UT Austin: not in the sample
    expect(ref.programsOf('105525')).toBeUndefined(); // Pima Community College: last rows cut off
  });
});

describe('domains', () => {
  it('gathers an institution\'s domains from Scorecard, its sister campuses and the world list', () => {
    const uw = ref.usDomainsOf(ref.findInstitution('University of Washington')!);
    expect(uw).toEqual(expect.arrayContaining(['washington.edu', 'uw.edu']));
    const dearborn = ref.usDomainsOf(ref.findInstitution('University of Michigan-Dearborn')!);
    expect(dearborn).toEqual(expect.arrayContaining(['umdearborn.edu', 'umich.edu']));
    expect(ref.ownerOfDomain('cs.illinois.edu')).toMatch(/Illinois/);
    expect(ref.ownerOfDomain('gmail.com')).toBeUndefined();
  });
});

describe('buildEducationReference from rows', () => {
  it('resolves a campus name, a short form and programs from a tiny hand-made release (the loader is only file reading)', () => {
    const small = buildEducationReference({
      institutions: [{ unitid: '1', name: 'Example State University-Main Campus', city: 'X', state: 'TX', domain: 'esu.edu', listed: '1', other_names: '' }],
      programs: [{ unitid: '1', programs: '11.07:35' }],
      cipTitles: [{ cip: '11.07', title: 'Computer Science' }],
      world: [],
      aliases: [{ alias: 'ESU', kind: 'short', unitids: '1', note: '' }],
    });
    expect(small.findInstitution('Example State University')?.tier).toBe('campus');
    expect(small.findInstitution('ESU')?.tier).toBe('short');
    expect(small.programsOf('1')?.get('11.07')).toEqual(new Set([3, 5]));
  });
});
