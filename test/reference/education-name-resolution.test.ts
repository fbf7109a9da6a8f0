/**
 * Which institution a written name resolves to, as properties over the
 * shipped lists: every name a list or the curated aliases give an institution
 * finds it, and so does that name with a slip of the keyboard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../../src/reference/data-dir.js';
import { loadEducationReference, type EducationReference } from '../../src/reference/education/education-reference.js';
import { institutionKey } from '../../src/reference/education/institution-name.js';
import { parseTsv, type TsvRow } from '../../src/reference/education/tsv.js';

const read = (file: string) => parseTsv(readFileSync(join(dataDir(), 'education', file), 'utf8'));
const usRows = read('us-institutions.tsv').filter((r) => r.unitid && r.name);
const listedUs = usRows.filter((r) => r.listed !== '0');
const worldRows = read('world-universities.tsv').filter((r) => r.name && r.country);
const aliasRows = read('aliases.tsv');

let ref: EducationReference;
beforeAll(() => {
  ref = loadEducationReference();
});

const namesUs = (name: string, unitid: string) => ref.findInstitution(name)?.us.some((u) => u.unitid === unitid) ?? false;

describe('every name the lists give an institution resolves to it', () => {
  it('a U.S. institution by its Scorecard name or any other name Scorecard keeps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...usRows), (r: TsvRow) => {
        for (const name of [r.name!, ...(r.other_names ?? '').split(';').filter(Boolean)]) expect(namesUs(name, r.unitid!), name).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('a world university by its name, with its country', () => {
    fc.assert(
      fc.property(fc.constantFrom(...worldRows), (r: TsvRow) => {
        const m = ref.findInstitution(r.name!);
        expect(m?.world.some((w) => w.name === r.name && w.country === r.country), r.name).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('a curated alias to every institution it is curated for (University of Maryland is College Park, not its Global Campus)', () => {
    for (const a of aliasRows) {
      for (const id of a.unitids!.split(';')) expect(namesUs(a.alias!, id), `${a.alias} -> ${id}`).toBe(true);
    }
    expect(ref.findInstitution('University of Maryland')?.us.map((u) => u.unitid)).toEqual(['163286']);
    expect(ref.findInstitution('Colorado State University')?.us.map((u) => u.unitid)).toEqual(['126818']);
  });
});

describe('a slip of the keyboard in a distinctive word still finds the institution', () => {
  // Words in at most 1 % of the names of both lists: a slip in "University", "Community" or "National" leaves only common words.
  const all = [...usRows, ...worldRows];
  const share = new Map<string, number>();
  for (const r of all) for (const w of new Set(r.name!.toLowerCase().split(/[^a-z]+/))) share.set(w, (share.get(w) ?? 0) + 1 / all.length);
  // A word of 7+ letters that the key keeps as written ("Polytech" becomes "polytechnic": its slip is not the abbreviation's),
  // and no compass word: they are joined and split ("Northcentral University" and "North Central University" are two institutions).
  const slips = listedUs.flatMap((r) => {
    const words = r.name!.split(' ');
    if (words.some((w) => /^(north|south|east|west)/i.test(w))) return [];
    return words.flatMap((w, i) => (/^[A-Za-z]{7,}$/.test(w) && institutionKey(w) === w.toLowerCase() && (share.get(w.toLowerCase()) ?? 0) <= 0.01 ? [{ r, words, i }] : []));
  });

  it('one letter typed twice ("Univeristy of Alabama at Birmmingham" is UAB, not a new branch of the University of Alabama)', () => {
    expect(slips.length).toBeGreaterThan(3000);
    fc.assert(
      fc.property(fc.constantFrom(...slips), fc.nat(), ({ r, words, i }, at) => {
        const word = words[i]!;
        const k = 1 + (at % (word.length - 1));
        const claim = [...words.slice(0, i), word.slice(0, k) + word[k] + word.slice(k), ...words.slice(i + 1)].join(' ');
        const m = ref.findInstitution(claim);
        expect(m?.tier, claim).toBe('similar');
        expect(m?.us.map((u) => u.unitid), `${claim} -> ${m?.matched}`).toContain(r.unitid);
      }),
      { numRuns: 400 },
    );
    expect(ref.findInstitution('Univeristy of Alabama at Birmmingham')?.us.map((u) => u.unitid)).toEqual(['100663']);
  });

  it.each([
    ['Higland Communizty College', 'Highland Community College'],
    ['Montygomery Beauty Schol', 'Montgomery Beauty School'],
    ['Andderson University', 'Anderson University'],
    ['Kabul Polytechnic University', 'Polytechnical University of Kabul'],
  ])('%s is %s', (claim, name) => {
    expect(ref.findInstitution(claim)).toMatchObject({ tier: 'similar', matched: name });
  });

  it.each([
    ['Lodi University', 'a city, not a slip of the University of Lodz'],
    ['Sweet Briar University', 'Sweet Briar is a college: another word, not a slip'],
    ['Nevada College of Engineering', 'no listed name holds its words, nor it all of one listed name\'s ("SA Engineering College")'],
    ['Maine Institute of Technology', 'not the Georgia Institute of Technology-Main Campus'],
  ])('%s is unknown: %s', (claim) => {
    expect(ref.findInstitution(claim)).toBeUndefined();
  });
});
