import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WatchlistIndex } from '../../src/match/watchlist-index.js';
import { loadInstitutions, parseInstitutions } from '../../src/reference/institutions.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'watchlists');
const fixture = loadInstitutions(FIXTURES);
const curatedFile = join(FIXTURES, 'high-risk-institutions.jsonl');
const customFile = join(FIXTURES, 'custom.jsonl');

describe('loadInstitutions', () => {
  it('loads the good lines of both files and names file, line and field for each bad one', () => {
    expect(fixture.institutions.map((i) => i.id)).toEqual(['hri-0001', 'hri-0002', 'acme-watch-1']);
    expect(fixture.errors).toEqual([
      { file: curatedFile, line: 3, field: 'kind', error: expect.stringContaining('company') },
      { file: curatedFile, line: 4, field: 'source', error: expect.any(String) },
      { file: curatedFile, line: 5, field: '(line)', error: expect.stringContaining('not JSON') },
      { file: curatedFile, line: 7, field: 'source.url', error: expect.any(String) },
      { file: curatedFile, line: 8, field: 'id', error: 'duplicate id hri-0001' },
      { file: curatedFile, line: 9, field: 'country', error: 'an ISO 3166-1 alpha-2 country code' },
      { file: customFile, line: 2, field: 'name', error: expect.any(String) },
    ]);
    expect(fixture.files).toEqual([curatedFile, customFile]);
  });

  it('turns entries into organisations with normalised domains, countries and a citation', () => {
    const [silverstar, website, custom] = fixture.entries;
    expect(silverstar).toEqual({
      entry: 'hri-0001',
      list: 'high-risk-institutions',
      kind: 'organization',
      names: ['Yanbian Silverstar Network Technology Co., Ltd.', 'China Silver Star', 'YANBIAN SILVER STAR'],
      dobYears: [],
      countries: ['CN'],
      programs: ['DPRK3', 'DPRK4'],
      domains: [],
      source:
        'U.S. Department of the Treasury, "Treasury Targets North Korea-Controlled Information Technology Companies in China and Russia" (2018-09-13): https://home.treasury.gov/news/press-releases/sm481',
    });
    expect(website!.domains).toEqual(['example-front.com']);
    expect(custom).toMatchObject({ entry: 'acme-watch-1', list: 'custom', kind: 'organization', countries: ['US'], source: 'your custom list, entry acme-watch-1' });
  });

  it('feeds the index: names and domains are found', () => {
    const index = WatchlistIndex.build(fixture.entries);
    expect(index.search({ name: 'Yanbian Silver Star Network Technology', kind: 'organization' })[0]?.entry).toBe('hri-0001');
    expect(index.lookupDomain('hr@jobs.example-front.com').map((e) => e.entry)).toEqual(['hri-0002']);
    expect(index.search({ name: 'SSP Remote' })[0]).toMatchObject({ entry: 'acme-watch-1', list: 'custom' });
  });

  it('reports a missing curated list and goes on; a missing custom list is normal', () => {
    const empty = mkdtempSync(join(tmpdir(), 'hirewatch-watchlists-'));
    const load = loadInstitutions(empty);
    expect(load.entries).toEqual([]);
    expect(load.errors).toEqual([{ file: join(empty, 'high-risk-institutions.jsonl'), line: 0, field: '(file)', error: 'the high-risk institutions list is missing' }]);
  });

  it('parses text directly, skipping blank and # comment lines', () => {
    const text = '# my list\n\n{"id":"x-1","name":"Only Name","kind":"company"}\n';
    expect(parseInstitutions(text, 'mine.jsonl', { custom: true }).institutions).toMatchObject([{ id: 'x-1', aliases: [], domains: [], country: null }]);
    expect(parseInstitutions(text, 'mine.jsonl').errors).toEqual([{ file: 'mine.jsonl', line: 3, field: 'source', error: expect.any(String) }]);
  });
});

describe.runIf(existsSync(join(ROOT, 'data', 'watchlists', 'high-risk-institutions.jsonl')))('the shipped high-risk institutions list', () => {
  it('loads without errors', () => {
    const load = loadInstitutions(join(ROOT, 'data', 'watchlists'));
    expect(load.errors).toEqual([]);
    expect(load.institutions.length).toBeGreaterThan(0);
  });
});
