/**
 * `hirewatch report trends`: a fixture with known dates of receipt (a
 * screening clock per application), counted by ISO week and by quarter of
 * first receipt, written out by hand; the CSV and the HTML from the command.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor } from '../../src/service/index.js';
import { buildTrends, periodsBetween } from '../../src/service/trends.js';
import { openStore, screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { runHirewatch } from '../store/run-cli.js';

const actor = (who: string, action: string): Actor => ({ actor: who, action });

/**
 * Received: 2026-09-28 (W40, Q3) one ordinary; 2026-11-02 and 11-08 (W45) two
 * ordinary; 2026-11-17 (W47) one ordinary and one held (Harvard claimed);
 * 2026-11-24 (W48) two held, one of them later confirmed fraud. W41-W44 and
 * W46 receive nothing.
 */
async function fixture(store: HirewatchStore): Promise<void> {
  let clock = new Date();
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
  // The store stamps receipt with the time of day: only Date is faked, timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  const at = async (when: string, apps: Parameters<Screening['submit']>[1]) => {
    clock = new Date(when);
    vi.setSystemTime(clock);
    await screening.submit(store, apps, actor('key:a', 'test'));
  };
  await at('2026-09-28T10:00:00Z', [ordinaryApplication('t-1')]);
  await at('2026-11-02T10:00:00Z', [ordinaryApplication('t-2', (a) => { a.education = []; })]);
  await at('2026-11-08T23:00:00Z', [ordinaryApplication('t-3')]);
  await at('2026-11-17T09:00:00Z', [ordinaryApplication('t-4'), heldApplication('t-5', (a) => { a.education = [{ institution: 'Harvard University', degree: 'BS' }, { institution: 'University of Texas at Austin', degree: 'MS' }]; })]);
  await at('2026-11-24T09:00:00Z', [heldApplication('t-6'), heldApplication('t-7')]);
  const c = (await screening.cases.list(store, {})).cases.find((x) => x.memberIds.includes('t-7'))!;
  clock = new Date('2026-12-01T09:00:00Z');
  await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'The identity document was forged.' }, actor('key:a', 'case.decision'));
  await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'Agreed after the registrar call.' }, actor('key:b', 'case.decision'));
  vi.useRealTimers();
}

describe('hirewatch report trends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-trends-'));
  const db = join(dir, 'trends.db');
  beforeAll(async () => {
    const store = await openStore(db);
    await fixture(store);
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('periods run without gaps from the first receipt to the last', () => {
    expect(periodsBetween('2026-12-28', '2027-01-11', 'week')).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    expect(periodsBetween('2026-09-30', '2027-01-01', 'quarter')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
  });

  it('by week: screened, flagged, held and confirmed by week of first receipt, with the change on the week before', async () => {
    const store = await openStore(db);
    const t = await buildTrends(store, 'week');
    await store.close();
    expect(t.periods.map((p) => [p.period, p.screened, p.flagged, p.held, p.confirmed])).toEqual([
      ['2026-W40', 1, 0, 0, 0], ['2026-W41', 0, 0, 0, 0], ['2026-W42', 0, 0, 0, 0], ['2026-W43', 0, 0, 0, 0], ['2026-W44', 0, 0, 0, 0],
      ['2026-W45', 2, 0, 0, 0], ['2026-W46', 0, 0, 0, 0], ['2026-W47', 2, 1, 1, 0], ['2026-W48', 2, 2, 2, 1],
    ]);
    expect(t.periods[7]!.change).toEqual({ screened: null, flagged: null, held: null, confirmed: null });
    expect(t.periods[8]!.change).toEqual({ screened: 0, flagged: 1, held: 1, confirmed: null });
    expect(t.totals).toEqual({ screened: 7, flagged: 3, held: 3, confirmed: 1 });
    // Education: t-2 claims none; t-5 claims two entries.
    expect(t.education[5]).toEqual({ applications: 1, claims: 1, withEducationSignal: 0 });
    expect(t.education[7]!.applications).toBe(2);
    expect(t.education[7]!.claims).toBe(3);
    expect(t.institutions[0]).toEqual({ name: 'University of Texas at Austin', total: 6, perPeriod: [1, 0, 0, 0, 0, 1, 0, 2, 2] });
    expect(t.institutions.find((i) => i.name === 'Harvard University')?.perPeriod).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    // Family shares of a period add up to one where it has signals.
    const shares = t.periods.map((_p, i) => t.families.reduce((s, f) => s + f.perPeriod[i]!, 0));
    expect(shares[8]).toBeCloseTo(1, 2);
    expect(t.topSignals.length).toBeGreaterThan(0);
    expect(t.topSignals[0]!.total).toBeGreaterThanOrEqual(t.topSignals[t.topSignals.length - 1]!.total);
  }, 60_000);

  it('by quarter, as CSV from the command, mode 0600', async () => {
    const out = join(dir, 'trends.csv');
    const run = await runHirewatch(['report', 'trends', '--db', db, '--by', 'quarter', '--format', 'csv', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const [header, q3, q4, ...rest] = readFileSync(out, 'utf8').trim().split('\n');
    expect(rest).toEqual([]);
    expect(header!.split(',').slice(0, 12)).toEqual(['quarter', 'screened', 'flagged', 'held', 'confirmed', 'screened_change', 'flagged_change', 'held_change', 'confirmed_change', 'education_applications', 'education_claims', 'education_signal_applications']);
    expect(q3!.split(',').slice(0, 9)).toEqual(['2026-Q3', '1', '0', '0', '0', '', '', '', '']);
    expect(q4!.split(',').slice(0, 9)).toEqual(['2026-Q4', '6', '3', '3', '1', '5', '', '', '']);
    expect(header).toContain('institution:Harvard University');
  }, 60_000);

  it('as HTML with its charts', async () => {
    const out = join(dir, 'trends.html');
    const run = await runHirewatch(['report', 'trends', '--db', db, '--by', 'week', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(3);
    for (const text of ['Trends by week: default', '7 applications screened over 9 ISO weeks', 'Top signals', "Each family's share of the signals", 'Education claims over time', 'Harvard University']) expect(html).toContain(text);
    expect(html).not.toMatch(/<script|https?:\/\//);
  }, 60_000);
});
