import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening, type Actor } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from './applications.js';
import { heldApplication, ordinaryApplication } from './case-applications.js';

const actor = (who: string, action: string): Actor => ({ actor: who, action });

/**
 * A store holding a ring confirmed as fraud (gh-200 and gh-201 share one
 * phone, typed two ways, and one device; gh-200 gives a Gmail address with
 * dots and a tag) and a held application cleared after verification (gh-300),
 * decided on 2026-12-02 by two analysts.
 */
export async function confirmRing(store: HirewatchStore): Promise<{ ringCaseId: string; clearedCaseId: string }> {
  let clock = new Date('2026-12-01T09:00:00.000Z');
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
  await screening.submit(store, [heldApplication('gh-200', (x) => {
    x.submittedAt = '2025-11-03T14:22:05Z';
    x.applicant.phones = ['(512) 555-0199'];
    x.applicant.emails = ['Dan.Reyes+jobs@gmail.com'];
    x.session = { ...x.session, deviceId: 'fp_ring', ip: '45.8.22.10' };
    x.onboarding = { ...x.onboarding, payrollAccountHash: 'sha256:5D41402ABC' };
  })], actor('key:a', 'test'));
  await screening.submit(store, [ordinaryApplication('gh-201', (x) => {
    x.submittedAt = '2025-11-20T10:00:00Z';
    x.applicant = { ...x.applicant, fullName: 'Maria Lopez', emails: ['maria.lopez.dev@gmail.com'], phones: ['+1 512-555-0199'] };
    x.session = { ...x.session, deviceId: 'fp_ring' };
  })], actor('key:a', 'test'));
  await screening.submit(store, [heldApplication('gh-300')], actor('key:a', 'test'));
  const cases = (await screening.cases.list(store, {})).cases;
  const ring = cases.find((c) => c.memberIds.includes('gh-200'))!;
  const cleared = cases.find((c) => c.memberIds.includes('gh-300'))!;
  clock = new Date('2026-12-02T10:00:00.000Z');
  await screening.cases.decide(store, ring.id, { outcome: 'confirmed_fraud', reason: 'Face did not match the ID; one device for two identities.' }, actor('key:a', 'case.decision'));
  await screening.cases.decide(store, ring.id, { outcome: 'confirmed_fraud', reason: 'Agreed after reviewing the evidence.' }, actor('key:b', 'case.decision'));
  await screening.cases.decide(store, cleared.id, { outcome: 'cleared', reason: 'Verified in person with the ID and the registrar.' }, actor('key:a', 'case.decision'));
  return { ringCaseId: ring.id, clearedCaseId: cleared.id };
}
