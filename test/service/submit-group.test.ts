/**
 * Single submissions that arrive together are stored together (one
 * transaction per group: src/service/submit-group.ts). What a user sees must
 * be what one-by-one submission gives: the same versions, results, cases and
 * audit entries (each caller's own, in arrival order), on every engine. And
 * one submission that fails fails only its own caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor, type Submitted } from '../../src/service/index.js';
import { SubmitGroups } from '../../src/service/submit-group.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const clock = () => new Date('2026-12-01T09:00:00.000Z');
const actors: Actor[] = [
  { actor: 'key:recruit1', action: 'application.submit', detail: { role: 'recruiter' } },
  { actor: 'key:analyst1', action: 'application.submit', detail: { role: 'analyst' } },
];

/** 30 ordinary applicants, a ring of three on one device, and gh-7 sent again with another phone. */
function arrivals(): Application[] {
  const out: Application[] = [];
  for (let i = 0; i < 30; i++) out.push(ordinaryApplication(`gh-${i}`));
  for (const id of ['ring-1', 'ring-2', 'ring-3']) out.push(heldApplication(id, (a) => { a.session = { ...a.session, deviceId: 'fp_shared_ring' }; }));
  out.push(ordinaryApplication('gh-7', (a) => { a.applicant.phones = ['(512) 555-0199']; }));
  return out;
}

const view = (s: Submitted) => ({ id: s.outcome.id, status: s.outcome.status, version: s.outcome.version, band: s.result.band, score: s.result.score });

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: single submissions stored together', (_title, engine) => {
  let db: TestDatabase;
  let grouped: HirewatchStore;
  let alone: HirewatchStore;
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    grouped = await db.open({ org: 'grouped' });
    alone = grouped.withOrg('alone');
  });
  afterAll(async () => {
    await grouped?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('answer, store and audit what one-by-one submission does', async () => {
    const records = arrivals();
    const together = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: clock });
    const oneByOne = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: clock });

    const answers = await Promise.all(records.map((r, i) => together.submitOne(grouped, r, actors[i % 2]!)));
    const expected: Submitted[] = [];
    for (const [i, r] of records.entries()) expected.push((await oneByOne.submit(alone, [r], actors[i % 2]!))[0]!);

    expect(answers.map(view)).toEqual(expected.map(view));
    expect(answers.at(-1)).toMatchObject({ outcome: { id: 'gh-7', status: 'changed', version: 2 } });
    expect(answers.filter((a) => a.outcome.id.startsWith('ring-')).map((a) => a.result.band)).toEqual(['hold', 'hold', 'hold']);

    // Case ids are random: each store's are named by order of first appearance.
    const caseNames = () => {
      const names = new Map<string, string>();
      return (e: { actor: string; action: string; target?: string; detail: Record<string, unknown> }) => ({
        actor: e.actor, action: e.action, target: e.target,
        detail: JSON.parse(JSON.stringify(e.detail).replace(/c_[0-9a-f]{16}/g, (id) => names.get(id) ?? names.set(id, `case-${names.size + 1}`).get(id)!)),
      });
    };
    const groupedLog = await grouped.admin.audit.list(0, 1000);
    const aloneLog = await alone.admin.audit.list(0, 1000);
    expect(groupedLog.map(caseNames())).toEqual(aloneLog.map(caseNames()));
    expect(groupedLog).toHaveLength(records.length);
    expect(groupedLog.filter((e) => e.actor === 'key:analyst1').map((e) => e.target)).toEqual(records.filter((_, i) => i % 2 === 1).map((r) => r.id));
    expect((await grouped.admin.audit.verify()).ok).toBe(true);

    const cases = async (s: Screening, st: HirewatchStore) => Promise.all((await s.cases.list(st, {})).cases.map(async (c) => ({
      band: c.band, members: (await st.cases.members(c.id)).map((m) => m.applicationId).sort(),
    })));
    const groupedCases = await cases(together, grouped);
    expect(groupedCases).toEqual(await cases(oneByOne, alone));
    expect(groupedCases.flatMap((c) => c.members).sort()).toEqual(['ring-1', 'ring-2', 'ring-3']);
  });
});

describe('a group whose transaction fails', () => {
  it('stores its submissions one by one: only the bad one fails', async () => {
    const calls: string[][] = [];
    const ok = (id: string): Submitted => ({ outcome: { id, source: '', status: 'new', version: 1 }, result: { score: 0, band: 'clear' } as Submitted['result'] });
    const groups = new SubmitGroups<Submitted>(async (_store, parts) => {
      const ids = parts.map((p) => p.records[0]!.id);
      calls.push(ids);
      if (ids.includes('bad')) throw new Error('cannot store bad');
      return ids.map((id) => [ok(id)]);
    });
    const store = { org: 'acme' } as HirewatchStore;
    const send = (id: string) => groups.submit(store, { id } as Application, actors[0]!);
    const first = send('a1');
    const rest = ['a2', 'bad', 'a3', 'a2'].map(send);
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Error('cannot store bad'));
    // a1 alone (nothing else had arrived); then a2, bad, a3 together, which failed, so one by one; a2 again waits for a group of its own.
    expect(calls).toEqual([['a1'], ['a2', 'bad', 'a3'], ['a2'], ['bad'], ['a3'], ['a2']]);
  });
});
