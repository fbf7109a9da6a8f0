/**
 * The list of applications a person must look at (`listResults({ attention:
 * true })`, `GET /results?attention=true`, `hirewatch results list
 * --attention`, the recruiter's Pending page): a result at review or hold, or
 * membership of a case not yet decided. The first of a ring is clear when it
 * arrives; once a later member opens the ring's case it is listed with its
 * clear band, and it leaves the list when the case is decided. On both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor = (who: string, action = 'test') => ({ actor: who, action });

/** ring-1 ordinary and alone when it arrives; ring-2 held, sharing its phone and laptop under another name; alone-1 ordinary. */
const apps: Application[] = [
  ordinaryApplication('ring-1', (a) => { a.applicant.fullName = 'Daniel Reyes'; a.applicant.phones = ['(312) 555-0190']; a.session = { ...a.session, deviceId: 'fp_ring_laptop' }; }),
  ordinaryApplication('alone-1', (a) => { a.applicant.fullName = 'Samuel Okoro'; }),
  heldApplication('ring-2', (a) => { a.applicant.fullName = 'Olivia Brandt'; a.applicant.phones = ['(312) 555-0190']; a.session = { ...a.session, deviceId: 'fp_ring_laptop' }; }),
];

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: the applications a person must look at', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => new Date('2026-12-01T09:00:00.000Z') });
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  const attention = async () => (await store.listResults({ attention: true })).items.map((r) => [r.id, r.band]).sort();

  it.skipIf(!engine.available)('lists the flagged applications and the ring member that was clear when it arrived; decided, it leaves the list', async () => {
    const out = [];
    for (const app of apps) out.push(...(await screening.submit(store, [app], actor('key:a'))));
    expect(out.map((o) => [o.outcome.id, o.result.band])).toEqual([['ring-1', 'clear'], ['alone-1', 'clear'], ['ring-2', 'hold']]);
    expect(await attention()).toEqual([['ring-1', 'clear'], ['ring-2', 'hold']]);
    // Every other filter still applies with it.
    expect((await store.listResults({ attention: true, band: 'clear' })).items.map((r) => r.id)).toEqual(['ring-1']);
    // Without the filter every result is listed, as before.
    expect((await store.listResults({})).items.map((r) => r.id).sort()).toEqual(['alone-1', 'ring-1', 'ring-2']);

    const [ring] = (await screening.cases.list(store, {})).cases;
    expect([...ring!.memberIds].sort()).toEqual(['ring-1', 'ring-2']);
    await screening.cases.decide(store, ring!.id, { outcome: 'cleared', reason: 'Flatmates: verified both in person with their IDs.' }, actor('key:a', 'case.decision'));
    // A decided case no longer puts its clear member before a person; a hold result still is.
    expect(await attention()).toEqual([['ring-2', 'hold']]);
  });
});
