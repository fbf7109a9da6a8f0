/**
 * Cases opened by screening itself, in its transaction, on every engine:
 * a hold opens one case (idempotently), holds stick, a ring is one case,
 * decisions follow the four-eyes rule and become labels, a clearance
 * suppresses the same evidence, and every change is in the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor = (who: string, action = 'test'): Actor => ({ actor: who, action });

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: cases opened by screening', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  let clock = new Date('2026-12-01T09:00:00.000Z');
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('a hold opens one case with a plan; the same record again opens nothing', async () => {
    const [first] = await screening.submit(store, [heldApplication('gh-100')], actor('key:a'));
    expect(first!.result.band).toBe('hold');
    await screening.submit(store, [heldApplication('gh-100')], actor('key:a'));
    const page = await screening.cases.list(store, {});
    expect(page.total).toBe(1);
    const c = page.cases[0]!;
    expect(c).toMatchObject({ status: 'open', band: 'hold', score: first!.result.score, subjectKind: 'application', memberIds: ['gh-100'], memberCount: 1, openedAt: '2026-12-01T09:00:00.000Z', dueAt: '2026-12-03T09:00:00.000Z' });
    const view = await screening.cases.get(store, c.id);
    expect(view.plan.map((s) => [s.id, s.key, s.state])).toEqual([
      ['s1', 'employment.hr', 'pending'], ['s2', 'contact.reference_callback', 'pending'], ['s3', 'onboarding.equipment', 'pending'], ['s4', 'interview.structured', 'pending'],
    ]);
    expect(view.timeline.map((e) => e.type)).toEqual(['opened']);
    expect(view.results[0]!.signals.map((s) => s.id)).toContain('interview.face_mismatch');
    const audit = await store.admin.audit.list();
    // the case is recorded in the submission's own entry (one transaction, one entry)
    expect(audit.map((e) => [e.action, e.detail.cases])).toEqual([['test', { opened: { count: 1, ids: [c.id] } }], ['test', undefined]]);
    expect((await store.admin.audit.verify()).ok).toBe(true);
  });

  it.skipIf(!engine.available)('holds stick: version 2 with only a name stays hold, and the timeline says it was re-screened', async () => {
    const v2 = ApplicationSchema.parse({ id: 'gh-100', source: 'greenhouse', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Daniel Reyes' } });
    const [second] = await screening.submit(store, [v2], actor('key:recruiter'));
    expect(second!.outcome).toMatchObject({ status: 'changed', version: 2 });
    expect(second!.result.band).toBe('hold');
    expect((await store.getApplication('gh-100', 'greenhouse'))!.result!.band).toBe('hold');
    expect((await store.listResults({ band: 'hold' })).items.map((i) => i.id)).toContain('gh-100');
    const c = (await screening.cases.list(store, {})).cases[0]!;
    const view = await screening.cases.get(store, c.id);
    expect(view.timeline.map((e) => [e.type, e.detail.screenedBand, e.detail.storedBand])).toEqual([['opened', undefined, undefined], ['rescreened', 'clear', 'hold']]);
  });

  it.skipIf(!engine.available)('a ring is one case: an application sharing the phone and device of a held one joins its case', async () => {
    const [a] = await screening.submit(store, [heldApplication('gh-200', (x) => { x.applicant.phones = ['(512) 555-0199']; x.session = { ...x.session, deviceId: 'fp_ring' }; })], actor('key:a'));
    expect(a!.result.band).toBe('hold');
    const [b] = await screening.submit(store, [ordinaryApplication('gh-201', (x) => {
      x.applicant = { ...x.applicant, fullName: 'Maria Lopez', emails: ['maria.lopez.dev@gmail.com'], phones: ['(512) 555-0199'] };
      x.session = { ...x.session, deviceId: 'fp_ring' };
    })], actor('key:a'));
    expect(b!.result.cluster?.size).toBe(2);
    const ring = (await screening.cases.list(store, {})).cases.find((c) => c.memberIds.includes('gh-200'))!;
    expect(ring).toMatchObject({ subjectKind: 'ring', memberIds: ['gh-200', 'gh-201'], memberCount: 2 });
    const view = await screening.cases.get(store, ring.id);
    expect(view.timeline.map((e) => e.type)).toEqual(['opened', 'joined']);
    expect(view.members.map((m) => [m.applicationId, m.name])).toEqual([['gh-200', 'Daniel Reyes'], ['gh-201', 'Maria Lopez']]);
    expect(view.cluster!.nodes.filter((n) => n.kind === 'application').map((n) => n.id)).toEqual(['greenhouse:gh-200', 'greenhouse:gh-201']);
    expect(view.cluster!.edges.length).toBeGreaterThan(0);
  });

  it.skipIf(!engine.available)('four eyes: confirmed fraud needs a second key; the decision becomes labels and a notice when it relied on a background check', async () => {
    const c = (await screening.cases.list(store, {})).cases.find((x) => x.memberIds.includes('gh-200'))!;
    const step = (await screening.cases.get(store, c.id)).plan[0]!;
    const afterStep = await screening.cases.recordStep(store, c.id, step.id, { state: 'failed', note: 'ID held to camera did not match' }, actor('key:a', 'case.step'));
    expect(afterStep.status).toBe('verifying');
    const proposed = await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'Face did not match the ID; shared device with another identity.', reliedOnBackgroundCheck: true }, actor('key:a', 'case.decision'));
    expect(proposed.status).toBe('verifying');
    expect(proposed.pendingDecision).toMatchObject({ outcome: 'confirmed_fraud', by: 'key:a' });
    await expect(screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'Same analyst confirming again.' }, actor('key:a', 'case.decision'))).rejects.toThrow('second analyst');
    const decided = await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'Agreed after reviewing the evidence.' }, actor('key:b', 'case.decision'));
    expect(decided.status).toBe('decided');
    expect(decided.decision).toMatchObject({ outcome: 'confirmed_fraud', by: 'key:a', confirmedBy: 'key:b', reliedOnBackgroundCheck: true });
    expect((await screening.cases.adverseActionNotice(store, c.id)).text).toContain('Dear Daniel Reyes,');
    const labels = await screening.cases.labels(store);
    expect(labels.map((l) => [l.applicationId, l.decision])).toEqual([['gh-200', 'confirmed_fraud'], ['gh-201', 'confirmed_fraud']]);
    expect(labels[0]!.signals).toContain('interview.face_mismatch');
    // confirmed fraud keeps the hold
    const [again] = await screening.submit(store, [ordinaryApplication('gh-200', (x) => { x.applicant.fullName = 'Dan Reyes'; })], actor('key:a'));
    expect(again!.result.band).toBe('hold');
    expect((await store.admin.audit.verify()).ok).toBe(true);
  });

  it.skipIf(!engine.available)('a cleared case suppresses the same evidence for the policy period; new evidence opens a new case', async () => {
    await screening.submit(store, [heldApplication('gh-300')], actor('key:a'));
    const c = (await screening.cases.list(store, {})).cases.find((x) => x.memberIds.includes('gh-300'))!;
    await screening.cases.decide(store, c.id, { outcome: 'cleared', reason: 'Verified in person with the ID; the interview flags were a bad connection.' }, actor('key:a', 'case.decision'));
    clock = new Date('2026-12-10T09:00:00.000Z');
    // the same evidence (a new version differing only in the job title): no new case
    const [same] = await screening.submit(store, [heldApplication('gh-300', (x) => { x.job = { ...x.job, title: 'Staff Machine Learning Engineer' }; })], actor('key:a'));
    expect(same!.result.band).toBe('hold');
    const open300 = async () => (await screening.cases.list(store, {})).cases.filter((x) => x.memberIds.includes('gh-300'));
    expect(await open300()).toEqual([]);
    // new evidence: a case is opened
    await screening.submit(store, [heldApplication('gh-300', (x) => { x.applicant.phones = ['+1 900 555 0100']; })], actor('key:a'));
    expect((await open300()).length).toBe(1);
  });

  it.skipIf(!engine.available)('the queue pages by key and filters by band, signal, family and assignee', async () => {
    for (let i = 0; i < 5; i++) await screening.submit(store, [heldApplication(`gh-40${i}`)], actor('key:a'));
    const all = await screening.cases.list(store, { limit: 3 });
    // gh-100, the new gh-300 case and gh-400..404 are open; the ring and the cleared gh-300 are decided
    expect(all.total).toBe(7);
    const ids = all.cases.map((c) => c.id);
    for (let cursor = all.nextCursor; cursor;) {
      const page = await screening.cases.list(store, { limit: 3, cursor });
      ids.push(...page.cases.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(7);
    expect(ids.length).toBe(7);
    for (const sort of ['due', 'opened'] as const) {
      const first = await screening.cases.list(store, { limit: 4, sort });
      const second = await screening.cases.list(store, { limit: 4, sort, cursor: first.nextCursor });
      expect(new Set([...first.cases, ...second.cases].map((c) => c.id)).size).toBe(7);
    }
    expect(all.cases.map((c) => c.priority)).toEqual([...all.cases.map((c) => c.priority)].sort((a, b) => b - a));
    const target = all.cases[0]!;
    await screening.cases.assign(store, target.id, 'dana', actor('key:a', 'case.assign'));
    expect((await screening.cases.list(store, { assignee: 'dana' })).cases.map((c) => c.id)).toEqual([target.id]);
    expect((await screening.cases.list(store, { signal: 'interview.face_mismatch' })).total).toBe(7);
    expect((await screening.cases.list(store, { signal: 'interview_face%' })).total).toBe(0);
    expect((await screening.cases.list(store, { family: 'telemetry' })).total).toBe(0);
    expect((await screening.cases.list(store, { band: 'review' })).total).toBe(0);
    expect((await screening.cases.list(store, { status: 'decided' })).total).toBe(2);
  });
});
