import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema, type Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { screenApplication } from '../../src/score/screen.js';
import { buildLazyScreenContext, warmReference } from '../../src/service/lazy-reference.js';
import { buildScreenContext } from '../../src/service/screen-context.js';

/**
 * `hirewatch serve` listens before its reference data is loaded (issue 18,
 * instant start) and loads each part at its first use or when warmed after
 * listening. Whichever comes first, a screening must be exactly what it is
 * with everything loaded at start.
 */
const examples: Application[] = readFileSync(join(import.meta.dirname, '../../examples/applications.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => ApplicationSchema.parse(JSON.parse(line)));

describe('reference data loaded at first use', () => {
  it('nothing is loaded before it is asked for; a first screening is the same as with the reference loaded at start', () => {
    const eager = buildScreenContext(DEFAULT_SCORING);
    const loads: string[] = [];
    const lazy = buildLazyScreenContext(DEFAULT_SCORING, { warn: (m) => loads.push(m) });
    const descriptors = Object.getOwnPropertyDescriptors(lazy.detect.reference);
    expect(Object.keys(descriptors).sort()).toEqual(['disposableMailDomains', 'education', 'geo', 'mailDrops', 'virtualCameras', 'watchlist']);
    for (const d of Object.values(descriptors)) expect(d.get).toBeTypeOf('function');
    expect(examples.length).toBeGreaterThan(10);
    for (const app of examples) expect(screenApplication(app, lazy)).toEqual(screenApplication(app, eager));
    expect(loads).toEqual([]);
  });

  it('warmed in steps, then screening: the same results', async () => {
    const eager = buildScreenContext(DEFAULT_SCORING);
    const lazy = buildLazyScreenContext(DEFAULT_SCORING);
    let pauses = 0;
    const spent = await warmReference(lazy.detect.reference, async () => { pauses++; });
    expect(pauses).toBeGreaterThanOrEqual(5);
    expect(spent).toBeGreaterThanOrEqual(0);
    expect(lazy.detect.reference.geo).toBeDefined();
    expect(lazy.detect.reference.watchlist).toBeDefined();
    for (const app of examples) expect(screenApplication(app, lazy)).toEqual(screenApplication(app, eager));
  });
});
