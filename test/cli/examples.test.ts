import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildScreenContext } from '../../src/service/index.js';
import { ENGINES } from '../store/store-engines.js';
import { startHarness, type Harness } from '../server/server-harness.js';
import { hirewatch } from '../helpers/cli.js';

/**
 * The example files a newcomer copies from the README (issue 20): the ATS
 * CSV export with its column mapping, and the single application the API
 * example posts. Each does what the README says it does.
 */
describe('examples/ats-export.csv with examples/ats-mapping.json', () => {
  it('screens every row through the mapping', () => {
    const r = hirewatch(['screen', 'examples/ats-export.csv', '--map', 'examples/ats-mapping.json', '-f', 'jsonl']);
    expect(r.status, r.stderr).toBe(0);
    const bands = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((x) => [x.id, x.band]);
    expect(bands).toEqual([
      ['gh-5001', 'clear'],
      ['gh-5002', 'clear'],
      ['lv-7241', 'hold'],
      ['gh-5041', 'review'],
      ['geo-0004', 'clear'],
      ['ab-9119', 'review'],
    ]);
  });
});

describe('examples/application.json', () => {
  let h: Harness;
  beforeAll(async () => {
    // The reference data and watchlists hirewatch ships, as `hirewatch serve` loads them.
    h = await startHarness(ENGINES[0]!, {}, { screenContext: buildScreenContext(DEFAULT_SCORING) });
  }, 120_000);
  afterAll(async () => h?.close());

  it('is one application the API accepts, as the README posts it', async () => {
    const body = readFileSync('examples/application.json', 'utf8');
    const res = await h.request('POST', '/api/v1/applications', { key: h.keys.recruiter, body, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'lv-7241', result: { band: 'hold', score: 97 } });
  });
});
