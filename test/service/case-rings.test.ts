/**
 * Which links make a ring one case (docs/CASES.md, "A ring is one case"):
 * a case follows the linkage cluster, and clusters form over phones,
 * mailboxes, devices, profiles, home and shipping addresses, payroll
 * accounts, photos and near-duplicate resumes. A shared IP address or a
 * shared reference contact is evidence on the result but links no ring, so
 * an application that shares only those with a held one opens a case of its
 * own, and later applications linked to it by a cluster identifier join that
 * one. Observed in the detection mix: laptop-farm rings whose members share
 * only the farm's line and a referee are held in several cases. On both
 * engines, one by one and as one group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const actor = { actor: 'key:a', action: 'test' };
const FARM_IP = '73.14.120.9';
const REFEREE = { name: 'Grace Holt', email: 'grace.holt.ref@example.com', phone: '(615) 555-0170' };

/** ring-1 held alone; ring-2 held, sharing only the farm's IP and the referee with ring-1; ring-3 sharing ring-2's phone and device. */
function ring(prefix: string, phone: string): Application[] {
  return [
    heldApplication(`${prefix}-1`, (a) => { a.applicant.fullName = 'Daniel Reyes'; a.session.ip = FARM_IP; a.references = [REFEREE]; }),
    heldApplication(`${prefix}-2`, (a) => {
      a.applicant.fullName = 'Olivia Brandt';
      a.applicant.phones = [phone];
      a.session = { ...a.session, ip: FARM_IP, deviceId: `fp_${prefix}_shared` };
      a.references = [REFEREE];
    }),
    ordinaryApplication(`${prefix}-3`, (a) => {
      a.applicant.fullName = 'Samuel Okoro';
      a.applicant.phones = [phone];
      a.session = { ...a.session, deviceId: `fp_${prefix}_shared` };
    }),
  ];
}

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: which links put a ring into one case', (_title, engine) => {
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

  const casesOf = async (prefix: string) =>
    (await screening.cases.list(store, {})).cases
      .filter((c) => c.memberIds.some((id) => id.startsWith(`${prefix}-`)))
      .map((c) => [c.subjectKind, [...c.memberIds].sort()])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

  it.skipIf(!engine.available)('one by one: a shared IP and referee leave ring-1 in its own case; ring-3 joins ring-2 through the phone and device', async () => {
    const out = [];
    for (const app of ring('one', '(312) 555-0188')) out.push(...(await screening.submit(store, [app], actor)));
    expect(out.map((o) => o.result.band)).toEqual(['hold', 'hold', 'hold']);
    const second = out[1]!.result.signals.map((s) => s.id);
    expect(second).toContain('linkage.shared_ip_other_identity');
    expect(second).toContain('linkage.shared_reference_other_identity');
    expect(out[1]!.result.cluster).toBeUndefined();
    expect(out[1]!.result.signals.find((s) => s.id === 'linkage.shared_ip_other_identity')!.evidence).toContain('one-1');
    expect(out[2]!.result.cluster?.size).toBe(2);
    expect(await casesOf('one')).toEqual([['application', ['one-1']], ['ring', ['one-2', 'one-3']]]);
  });

  it.skipIf(!engine.available)('in one group: the same cases', async () => {
    await screening.submit(store, ring('grp', '(312) 555-0189'), actor);
    expect(await casesOf('grp')).toEqual([['application', ['grp-1']], ['ring', ['grp-2', 'grp-3']]]);
  });
});
