/**
 * Indicators of confirmed fraud: the identifiers of a confirmed ring's
 * applications, normalised as the linkage index files them, with first and
 * last seen, count and the decision; nothing from a case cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndicators } from '../../src/intel/indicators.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { confirmedIndicators } from '../../src/service/intel.js';
import { openStore, type HirewatchStore } from '../../src/store/index.js';
import { baseApplication } from '../helpers/applications.js';
import { confirmRing } from '../helpers/confirmed-ring.js';

describe('indicators of a confirmed ring (stored)', () => {
  let store: HirewatchStore;
  let ringCaseId = '';
  beforeAll(async () => {
    store = await openStore(':memory:', { org: 'acme' });
    ({ ringCaseId } = await confirmRing(store));
  });
  afterAll(() => store.close());

  it('one phone typed two ways is one indicator seen on both applications, with the decision behind it', async () => {
    const phone = (await confirmedIndicators(store)).find((i) => i.kind === 'phone');
    expect(phone).toEqual({
      kind: 'phone', value: '+15125550199', firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z', count: 2,
      decisions: [{ caseId: ringCaseId, outcome: 'confirmed_fraud', decidedAt: '2026-12-02T10:00:00.000Z', ring: true }],
    });
  });

  it('mailboxes, payroll hashes and devices in the linkage index\'s canonical form', async () => {
    const values = (await confirmedIndicators(store)).map((i) => `${i.kind} ${i.value} ${i.count}`);
    expect(values).toContain('email danreyes@gmail.com 1');
    expect(values).toContain('payroll sha256:5d41402abc 1');
    expect(values).toContain('device fp_ring 2');
    expect(values).toContain('shippingAddress 6685 main st||75201|us 1');
    expect(values).toContain('ip 45.8.22.10 1');
    expect(values).toContain('employer indeed 2');
  });

  it('a cleared case gives nothing', async () => {
    const all = JSON.stringify(await confirmedIndicators(store));
    expect(all).not.toContain('gh-300');
  });
});

describe('buildIndicators', () => {
  const resume = 'Senior backend engineer. Built payment services in Go and Kotlin, led migrations to Kubernetes, designed event pipelines with Kafka, mentored engineers and owned on-call for the billing platform.';
  const app = (id: string, name: string, submittedAt: string) => {
    const a = ApplicationSchema.parse({ ...baseApplication(), id, submittedAt, applicant: { ...(baseApplication().applicant as object), fullName: name, photoHash: 'F0E1D2C3B4A59687' }, resumeText: `${name}\n${resume}` });
    return { source: 'greenhouse', id, record: a, normalised: normaliseApplication(a) };
  };

  it('one resume under two names and one photo are one indicator each; an empty case adds nothing', () => {
    const indicators = buildIndicators([
      { caseId: 'c_2', decidedAt: '2026-12-03T00:00:00Z', ring: false, applications: [app('gh-2', 'Maria Lopez', '2025-12-01')] },
      { caseId: 'c_1', decidedAt: '2026-12-01T00:00:00Z', ring: false, applications: [app('gh-1', 'Daniel Reyes', '2025-11-01')] },
      { caseId: 'c_employee', decidedAt: '2026-12-04T00:00:00Z', ring: false, applications: [] },
    ]);
    const photo = indicators.find((i) => i.kind === 'photo')!;
    expect(photo).toMatchObject({ value: 'f0e1d2c3b4a59687', firstSeen: '2025-11-01', lastSeen: '2025-12-01', count: 2 });
    expect(photo.decisions.map((d) => d.caseId)).toEqual(['c_1', 'c_2']);
    const resumes = indicators.filter((i) => i.kind === 'resume');
    expect(resumes.map((r) => [r.count, r.value.length])).toEqual([[2, 256]]);
  });
});
