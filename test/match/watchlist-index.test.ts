import { describe, expect, it } from 'vitest';
import { matchConfig } from '../../src/match/config.js';
import type { MatchQuery, WatchEntry } from '../../src/match/types.js';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';

const entry = (id: string, kind: WatchEntry['kind'], names: string[], extra: Partial<WatchEntry> = {}): WatchEntry => ({
  entry: id,
  list: 'ofac-sdn',
  kind,
  names,
  dobYears: [],
  countries: [],
  programs: [],
  domains: [],
  source: `test ${id}`,
  ...extra,
});

const ENTRIES: WatchEntry[] = [
  entry('kju', 'person', ['KIM, Jong Un'], { dobYears: [1984], countries: ['KP'] }),
  entry('pjc', 'person', ['PAK, Jong Chol']),
  entry('ryh', 'person', ['RI, Yong Ho']),
  entry('csh', 'person', ['CHOE, Son Hui']),
  entry('rmg', 'person', ['RYO, Myong Gum']),
  entry('zw', 'person', ['ZHANG, Wei Dong']),
  entry('hgc', 'person', ['HERNANDEZ GARCIA, Carlos Alberto']),
  entry('ayz', 'person', ['AL-ZAWAHIRI, Ayman']),
  entry('sob', 'organization', ['KOREA SOBAEKSU TRADING COMPANY'], { domains: ['sobaeksu.example'] }),
  entry('tan', 'organization', ['KOREA TANGUN TRADING CORPORATION']),
  entry('laz', 'organization', ['LAZARUS GROUP'], { list: 'high-risk-institutions' }),
  entry('swan', 'vessel', ['SAND SWAN']),
];
const index = WatchlistIndex.build(ENTRIES);
const top = (q: MatchQuery | string) => index.search(typeof q === 'string' ? { name: q } : q, { threshold: 0 })[0];
const matches = (q: MatchQuery | string) => index.search(typeof q === 'string' ? { name: q } : q);

describe('Korean and Chinese romanisation variants', () => {
  it.each([
    ['Gim Jong Un', 'kju'],
    ['Kim Jeong-eun', 'kju'],
    ['Kim Jongun', 'kju'],
    ['Park Jeong-cheol', 'pjc'],
    ['Bak Jongchol', 'pjc'],
    ['Lee Yong Ho', 'ryh'],
    ['Yi Yong-ho', 'ryh'],
    ['Rhee Yongho', 'ryh'],
    ['Choi Son-hui', 'csh'],
    ['Ryeo Myong Gum', 'rmg'],
    ['Chang Wei-tung', 'zw'],
  ])('%s finds %s, below an exact score', (name, id) => {
    const [best] = matches(name);
    expect(best?.entry).toBe(id);
    expect(best!.score).toBeLessThan(1);
    expect(best!.score).toBeGreaterThanOrEqual(0.86);
  });
});

describe('order, punctuation, initials and legal forms', () => {
  it.each([
    ['Un Jong Kim', 'kju'],
    ['Jong-un Kim', 'kju'],
    ['KIM, Jong Un', 'kju'],
    ['kim jong-un!!', 'kju'],
    ['Carlos A. Hernandez Garcia', 'hgc'],
    ['Ayman al Zawahiri', 'ayz'],
    ['Ayman Alzawahiri', 'ayz'],
    ['Korea Sobaeksu Trading Co., Ltd.', 'sob'],
    ['KOREA SOBAEKSU TRADING LLC', 'sob'],
    ['Korea Tangun Trading Corp', 'tan'],
    ['Tangun Trading Corporation Korea', 'tan'],
  ])('%s finds %s', (name, id) => expect(matches(name)[0]?.entry).toBe(id));

  it('scores an exact name 1 in any rotation (surname first or last), another order a little lower, and never mentions legal forms', () => {
    expect(top('Kim Jong Un')!.score).toBe(1);
    expect(top('Jong Un Kim')!.score).toBe(1);
    expect(top('Jong Kim Un')!.score).toBeLessThan(1);
    expect(top('Jong Kim Un')!.explanation).toContain('other order');
    const legal = top('Korea Sobaeksu Trading Co., Ltd.')!;
    expect(legal.score).toBe(1);
    expect(legal.features.map((f) => f.token)).toEqual(['korea', 'sobaeksu', 'trading']);
  });

  it('reads an initial as a weak partner of the name it starts', () => {
    const match = top('Carlos A. Hernandez Garcia')!;
    expect(match.features).toContainEqual({ token: 'a', candidate: 'alberto', how: 'initial', score: 0.72 });
    expect(match.score).toBeLessThan(top('Carlos Alberto Hernandez Garcia')!.score);
  });
});

describe('near matches keep a rank', () => {
  it('orders exact > romanised > one typo > dropped name', () => {
    // On this list: 1, 0.991, 0.966 and 0.452 (the names left, Carlos Hernandez Garcia, are all common: the guard halves it).
    const exact = top('Kim Jong Un')!.score;
    const romanised = top('Kim Jeong Un')!.score;
    const typo = top('Carlos Alberto Hernandes Garcia')!; // one edit in a 9-letter token
    const dropped = top('Carlos Hernandez Garcia')!.score;
    expect(typo.features).toContainEqual(expect.objectContaining({ token: 'hernandes', candidate: 'hernandez', how: 'typo' }));
    expect(exact).toBe(1);
    expect(romanised).toBeLessThan(exact);
    expect(typo.score).toBeLessThan(romanised);
    expect(dropped).toBeLessThan(typo.score);
  });
});

describe('guards', () => {
  it.each(['Kim', 'Lee', 'Park', 'Wang', 'Li', 'Nguyen', 'Garcia'])('the common name %s alone never matches', (name) => {
    expect(matches(name)).toEqual([]);
    expect(matches({ name, kind: 'person' })).toEqual([]);
  });

  it.each(['Trading', 'Trading Company', 'Korea Trading Co.', 'Group', 'Technology Corp', 'International Bank'])(
    'the generic organisation words %s never match',
    (name) => expect(matches({ name, kind: 'organization' })).toEqual([]),
  );

  it.each(['Ayman', 'Zawahiri', 'Carlos'])('one name alone (%s) never matches a person listed under several', (name) => {
    expect(matches({ name, kind: 'person' })).toEqual([]);
    expect(top({ name, kind: 'person' })?.explanation).toContain('one name alone');
  });

  it('a mononym still matches a person listed under that one name', () => {
    const index = WatchlistIndex.build([entry('mono', 'person', ['SUHARTONO'])]);
    expect(index.search({ name: 'Suhartono', kind: 'person' }).map((m) => m.entry)).toEqual(['mono']);
  });

  it('says so in the explanation of a candidate the guard lowered', () => {
    const kim = top('Kim')!;
    expect(kim.score).toBeLessThanOrEqual(0.5);
    expect(kim.explanation).toContain('only common or generic words, or one name alone, matched');
    expect(kim.features).toContainEqual({ token: '', candidate: '', how: 'guard', score: 0.5 });
  });
});

describe('date of birth, country and kind', () => {
  it('a year of birth that agrees raises a near match; one that disagrees lowers even an exact one', () => {
    const near = top('Kim Jeong Un')!.score;
    expect(top({ name: 'Kim Jeong Un', dob: '1984' })!.score).toBeGreaterThan(near);
    expect(top({ name: 'Kim Jeong Un', dob: '1985-02-01' })!.score).toBeGreaterThan(near);
    const wrong = top({ name: 'Kim Jong Un', dob: '1990' })!;
    expect(wrong.score).toBeCloseTo(0.88, 5); // 1 x 0.88, the factor for a year of birth that disagrees
    expect(wrong.explanation).toContain('born 1990, listed 1984: disagrees');
    expect(matches({ name: 'Gim Jeong-eun' })).toHaveLength(1);
    expect(matches({ name: 'Gim Jeong-eun', dob: '1990' })).toEqual([]);
  });

  it('a country that disagrees lowers the score; one that agrees is said', () => {
    expect(top({ name: 'Kim Jong Un', country: 'US' })!.score).toBeLessThan(1);
    expect(top({ name: 'Kim Jong Un', country: 'North Korea' })!.explanation).toContain('country KP, listed KP: agrees');
  });

  it('a person is lowered against an organisation and a vessel', () => {
    expect(top({ name: 'Sand Swan', kind: 'person' })!.score).toBeCloseTo(0.6, 5); // 1 x 0.60 (person against a vessel)
    expect(top({ name: 'Lazarus Group', kind: 'person' })!.score).toBeCloseTo(0.75, 5); // 1 x 0.75 (person against an organisation)
    expect(top({ name: 'Lazarus Group', kind: 'organization' })!.score).toBe(1);
  });

  it('a year of birth or country the list does not give changes nothing', () => {
    expect(top({ name: 'Pak Jong Chol', dob: '1970', country: 'KP' })!.score).toBe(1);
  });
});

describe('explanations', () => {
  it('say which tokens matched how, what was left over, and carry the features', () => {
    const match = top('Park Jeongcheol Sr')!;
    expect(match).toMatchObject({ entry: 'pjc', list: 'ofac-sdn', name: 'PAK, Jong Chol' });
    expect(match.explanation).toMatch(/^"PAK, Jong Chol": park~pak \(romanisation 0\.96\), jeongcheol~jong\+chol \(joined 0\.97\); score 0\.\d{3}$/u);
    expect(match.features).toEqual([
      { token: 'park', candidate: 'pak', how: 'romanisation', score: 0.96 },
      { token: 'jeongcheol', candidate: 'jong+chol', how: 'joined', score: 0.97 },
    ]);
    expect(top('Ayman Zawahiri Abdullah')!.explanation).toContain('query only: abdullah');
  });
});

describe('search options and odd input', () => {
  it('honours threshold and limit, strongest first', () => {
    const all = index.search({ name: 'Kim Jong Chol' }, { threshold: 0, limit: 3 });
    expect(all).toHaveLength(3);
    expect(all.map((m) => m.score)).toEqual([...all.map((m) => m.score)].sort((a, b) => b - a));
    expect(index.search({ name: 'Kim Jong Un' }, { limit: 0 })).toEqual([]);
  });

  it.each(['', '   ', '!!!', '(  )', 'Mr.'])('%j finds nothing and does not throw', (name) => {
    expect(() => index.search({ name })).not.toThrow();
    expect(index.search({ name })).toEqual([]);
  });

  it('finds a name with two typos in a long token through the fallback', () => {
    expect(matches('Ayman Al-Zawahiry')[0]?.entry).toBe('ayz');
    expect(matches('Ayman Zavahirri')[0]?.entry).toBe('ayz');
  });

  it("takes its threshold from the caller's configuration (0.99 drops a romanised match, keeps an exact one)", () => {
    const strict = WatchlistIndex.build(ENTRIES, matchConfig({ threshold: 0.99 }));
    expect(strict.search({ name: 'Gim Jeong-eun' })).toEqual([]);
    expect(strict.search({ name: 'Kim Jong Un' })).toHaveLength(1);
  });
});

describe('lookupDomain', () => {
  it.each([
    ['sobaeksu.example', ['sob']],
    ['https://WWW.Sobaeksu.example/careers', ['sob']],
    ['hr@mail.sobaeksu.example', ['sob']],
    ['example', []],
    ['other.example', []],
    ['not a domain', []],
  ])('%s finds the entries %j', (domain, ids) => expect(index.lookupDomain(domain).map((e) => e.entry)).toEqual(ids));
});
