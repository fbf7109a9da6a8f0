/**
 * A review case that becomes a hold (a new version of its application, or a
 * ring member arriving at hold) is due within the hold SLA from that moment,
 * or sooner if it already was: escalation never leaves the longer review SLA
 * standing, and never extends a due date. On every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/cases/index.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor: Actor = { actor: 'key:a', action: 'test' };
/** One disposable mailbox: review on its own (score 20). */
const reviewVersion = (id: string) => ordinaryApplication(id, (a) => { a.applicant.emails = [`${id}.dev@mailinator.com`]; });

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: a review case escalated to hold', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  let clock = new Date('2026-12-01T09:00:00.000Z');
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
    await store.cases.putPolicy({ ...DEFAULT_POLICY, openOn: ['hold', 'review'], slaDays: { hold: 2, review: 5 } }, 'key:admin', clock.toISOString());
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('a new version at hold: due two days after the escalation, not five after opening', async () => {
    const [first] = await screening.submit(store, [reviewVersion('gh-500')], actor);
    expect(first!.result.band).toBe('review');
    const opened = (await screening.cases.list(store, {})).cases[0]!;
    expect(opened).toMatchObject({ band: 'review', openedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-06T09:00:00.000Z' });

    clock = new Date('2026-12-02T09:00:00.000Z');
    const [second] = await screening.submit(store, [heldApplication('gh-500')], actor);
    expect(second!.result.band).toBe('hold');
    const escalated = (await screening.cases.list(store, {})).cases.find((c) => c.id === opened.id)!;
    expect(escalated).toMatchObject({ band: 'hold', openedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-04T09:00:00.000Z' });
  });

  it.skipIf(!engine.available)('a due date already sooner than the hold SLA stays; a hold case rescreened keeps its due date', async () => {
    clock = new Date('2026-12-10T09:00:00.000Z');
    await screening.submit(store, [reviewVersion('gh-600')], actor);
    const opened = (await screening.cases.list(store, {})).cases.find((c) => c.memberIds.includes('gh-600'))!;
    expect(opened.dueAt).toBe('2026-12-15T09:00:00.000Z');
    // Four days later the review case is due in one day: escalating must not move it to two days from now.
    clock = new Date('2026-12-14T09:00:00.000Z');
    await screening.submit(store, [heldApplication('gh-600')], actor);
    const escalated = (await screening.cases.list(store, {})).cases.find((c) => c.id === opened.id)!;
    expect(escalated).toMatchObject({ band: 'hold', dueAt: '2026-12-15T09:00:00.000Z' });
    // Already a hold: a further version changes nothing about when it is due.
    clock = new Date('2026-12-15T08:00:00.000Z');
    await screening.submit(store, [heldApplication('gh-600', (a) => { a.resumeText = 'a new resume'; })], actor);
    expect((await screening.cases.list(store, {})).cases.find((c) => c.id === opened.id)!.dueAt).toBe('2026-12-15T09:00:00.000Z');
  });
});
