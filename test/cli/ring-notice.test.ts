/**
 * The notice `hirewatch screen` ends with (src/cli/ring-notice.ts): the
 * applications screened clear that a later application of the run linked into
 * a ring it was flagged for, so that the first of a ring is not left clear.
 */
import { describe, expect, it } from 'vitest';
import { RingNotice } from '../../src/cli/ring-notice.js';
import type { Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening } from '../../src/service/index.js';
import { screeningProvenance } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';

/** The ring's first member, clear on its own; a later one, held, shares its phone and device under another name. */
function ring(prefix: string): Application[] {
  const phone = `(615) 555-01${prefix.length}${prefix.charCodeAt(0) % 10}`;
  const device = `fp_${prefix}_farm`;
  return [
    ordinaryApplication(`${prefix}-1`, (a) => { a.applicant.fullName = 'Daniel Reyes'; a.applicant.phones = [phone]; a.session = { ...a.session, deviceId: device }; }),
    heldApplication(`${prefix}-2`, (a) => { a.applicant.fullName = 'Olivia Brandt'; a.applicant.phones = [phone]; a.session = { ...a.session, deviceId: device }; }),
  ];
}

function run(apps: readonly Application[], fromPosition = 0, limit?: number): { lines: string[]; bands: Map<string, string> } {
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING) });
  const notice = new RingNotice();
  const bands = new Map<string, string>();
  for (const app of apps) {
    const { result } = screening.screen('acme', app);
    bands.set(app.id, result.band);
    notice.see(result);
  }
  return { lines: notice.lines((refs) => screening.clustersWith('acme', refs), fromPosition, limit), bands };
}

describe('the ring notice after a screening run', () => {
  it('names the first member of a flagged ring, and no one screened alone', () => {
    const { lines, bands } = run([...ring('r'), ordinaryApplication('alone-1', (a) => { a.applicant.fullName = 'Samuel Okoro'; })]);
    expect([bands.get('r-1'), bands.get('r-2'), bands.get('alone-1')]).toEqual(['clear', 'hold', 'clear']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('1 application was screened clear before a later application linked it into a flagged ring; verify it with the ring:');
    expect(lines[1]).toMatch(/^ {2}r-1 \(greenhouse\): cluster c-[0-9a-f]{6}, with r-2 hold$/);
  });

  it('says nothing when no ring was flagged', () => {
    expect(run([ordinaryApplication('a-1'), ordinaryApplication('b-1', (a) => { a.applicant.fullName = 'Samuel Okoro'; })]).lines).toEqual([]);
  });

  it('leaves out applications filed before the run (stored ones it was linked against)', () => {
    expect(run(ring('r'), 1).lines).toEqual([]);
  });

  it('lists at most `limit` and counts the rest', () => {
    const { lines } = run([...ring('a'), ...ring('bb'), ...ring('ccc')], 0, 2);
    expect(lines[0]).toBe('3 applications were screened clear before a later application linked them into a flagged ring; verify them with the ring:');
    expect(lines.slice(1, 3).map((l) => l.trim().split(':')[0])).toEqual(['a-1 (greenhouse)', 'bb-1 (greenhouse)']);
    expect(lines[3]).toBe('  and 1 more (the HTML report shows each application\'s cluster)');
  });
});
