import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dobYears, loadOfac, ofacWatchEntries, parseOfacFiles, type OfacEntry } from '../../src/reference/ofac.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'ofac');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const fixture = loadOfac(FIXTURES);
const byNum = (n: number, entries: readonly OfacEntry[] = fixture.entries): OfacEntry => {
  const e = entries.find((x) => x.entNum === n);
  if (!e) throw new Error(`no entry ${n}`);
  return e;
};

describe('parseOfacFiles: the legacy CSV layout', () => {
  it('reads the shipped header row and OFAC headerless files alike', () => {
    const headerless = parseOfacFiles({ sdn: read('sdn-no-header.csv'), alt: read('alt.csv'), add: read('add.csv') });
    expect(headerless.rows.sdn).toBe(8);
    expect(fixture.rows.sdn).toBe(8);
    expect(headerless.entries.map((e) => e.entNum)).toEqual(fixture.entries.map((e) => e.entNum));
  });

  it('reports a row whose ent_num is not a number, and ignores the end-of-file byte row', () => {
    expect(fixture.errors).toEqual([{ file: 'sdn', line: 10, error: 'ent_num is not a number: "not-a-number"' }]);
  });

  it.each([
    [9345, ['NPWMD', 'DPRK2'], true],
    [20157, ['DPRK3'], true],
    [906, ['CUBA'], false],
    [6915, ['SDGT'], false],
  ])('entry %i: programs %j, dprk %s', (n, programs, dprk) => {
    expect(byNum(n).programs).toEqual(programs);
    expect(byNum(n).dprk).toBe(dprk);
  });

  it.each([
    [906, 'organization'],
    [4238, 'vessel'],
    [6915, 'person'],
    [9345, 'organization'],
  ])('entry %i is a %s', (n, kind) => {
    expect(byNum(n).kind).toBe(kind);
    expect(byNum(n).kindInferred).toBe(false);
  });

  it('keeps strong aliases from alt.csv with their type, and weak ones from the remarks', () => {
    expect(byNum(9345).aliases).toEqual([
      { name: 'KOMID', type: 'aka', strength: 'weak' },
      { name: 'NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION', type: 'aka', strength: 'strong' },
      { name: 'KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION', type: 'fka', strength: 'strong' },
    ]);
    expect(byNum(6915).aliases.map((a) => a.name)).toEqual(['ABU MARIAM', 'SALEH']);
  });

  it('reads dates of birth, places of birth, nationality and citizenship from the remarks', () => {
    expect(byNum(20157)).toMatchObject({ dates: ['08 Jan 1984'], dobYears: [1984], nationalities: ['Korea, North'], countries: ['KP'] });
    expect(byNum(12211)).toMatchObject({ dates: ['circa 1947', 'circa 1946'], placesOfBirth: ['Pyongan-Pukto, North Korea'], countries: ['KP'] });
    expect(byNum(12211).dobYears).toEqual([1944, 1945, 1946, 1947, 1948, 1949]);
    expect(byNum(6915)).toMatchObject({ dobYears: [1963], citizenships: ['Egypt'], countries: ['EG'] });
    expect(byNum(30001)).toMatchObject({ dobYears: [1970, 1971, 1972], countries: ['MX'] });
  });

  it('reads websites and e-mail addresses, and addresses with their countries', () => {
    expect(byNum(906).websites).toEqual(['www.havanaintbank.co.uk', 'www.hib.uk.com']);
    expect(byNum(10933).emails).toEqual(['dam.d.free@net.sy', 'someone@gmail.com']);
    expect(byNum(906).addresses).toEqual([
      { address: '4th Floor, 189 Marsh Wall', cityStatePostal: 'London E14 9SH', country: 'United Kingdom' },
      { address: 'Edificio Atlantic', cityStatePostal: 'Havana 10400', country: 'Cuba' },
    ]);
    expect(byNum(906).countries).toEqual(['GB', 'CU']);
  });

  it('makes an entry of an ent_num known only through aliases, inferring its kind from how OFAC writes the name', () => {
    expect(byNum(54764)).toMatchObject({ name: null, kind: 'organization', kindInferred: true, programs: [], dprk: false, countries: ['CN'] });
    expect(byNum(48268)).toMatchObject({ name: null, kind: 'person', kindInferred: true, countries: ['RU'] });
    // 59999 has an address and no name at all: nothing to screen.
    expect(fixture.entries.some((e) => e.entNum === 59999)).toBe(false);
    expect(fixture.unnamed).toBe(1);
  });
});

describe('dobYears', () => {
  it.each([
    ['15 Jan 1970', [1970]],
    ['1970', [1970]],
    ['circa 1965', [1963, 1964, 1965, 1966, 1967]],
    ['1970 to 1972', [1970, 1971, 1972]],
    ['circa 1979-1982', [1977, 1978, 1979, 1980, 1981, 1982, 1983, 1984]],
    ['Jan 1958 to Dec 1959', [1958, 1959]],
    ['unknown', []],
  ])('%s -> %j', (text, years) => expect(dobYears(text)).toEqual(years));
});

describe('ofacWatchEntries', () => {
  const entries = ofacWatchEntries(fixture.entries);
  const entry = (id: string) => entries.find((e) => e.entry === id)!;

  it('keeps OFAC numbers as ofac:<ent_num>, primary name first, weak aliases left out', () => {
    expect(entry('ofac:9345').names).toEqual([
      'KOREA MINING DEVELOPMENT TRADING CORPORATION',
      'NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION',
      'KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION',
    ]);
    expect(ofacWatchEntries(fixture.entries, { includeWeakAliases: true }).find((e) => e.entry === 'ofac:9345')!.names).toContain('KOMID');
  });

  it('lists web domains and mail domains not shared by everyone (web mail, national ISPs), cites the entry at the source', () => {
    expect(entry('ofac:906').domains).toEqual(['havanaintbank.co.uk', 'hib.uk.com']);
    expect(entry('ofac:10933').domains).toEqual(['ramakdutyfree.net']);
    expect(entry('ofac:9345').source).toBe('OFAC SDN #9345 [NPWMD; DPRK2]: https://sanctionssearch.ofac.treas.gov/Details.aspx?id=9345');
    expect(entry('ofac:54764').source).toContain('known here only through its aliases');
  });
});

describe('the shipped data/ofac copy', () => {
  const real = loadOfac();

  it('has the row counts its SOURCES.md states, and parses without errors', () => {
    expect(real.rows).toEqual({ sdn: 11_443, alt: 20_107, add: 24_244 });
    expect(real.errors).toEqual([]);
    expect(real.files).toEqual(['sdn.csv', 'alt-2025-12.csv', 'add-2025-12.csv']);
  });

  it('tags every DPRK program and keeps post-2023 designations named by their aliases', () => {
    expect(real.entries.filter((e) => e.dprk).length).toBeGreaterThanOrEqual(450);
    expect(real.entries.find((e) => e.entNum === 54764)?.aliases.map((a) => a.name)).toContain('KOREA SOBAEKSU UNITED CORPORATION');
  });
});
