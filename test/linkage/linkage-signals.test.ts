import { describe, expect, it } from 'vitest';
import { LinkageIndex } from '../../src/linkage/linkage-index.js';
import { linkageSignals } from '../../src/linkage/linkage-signals.js';
import type { LinkExtras } from '../../src/linkage/identifiers.js';
import type { EnrichedApplication } from '../../src/normalise/application.js';
import { app, RESUME } from './helpers.js';

/** Add records in order; signals of the last one. */
function lastSignals(records: (EnrichedApplication | [EnrichedApplication, LinkExtras])[], held?: Set<string>) {
  const index = new LinkageIndex();
  let signals: ReturnType<typeof linkageSignals> = [];
  for (const r of records) {
    const [record, extras] = Array.isArray(r) ? r : [r, undefined];
    signals = linkageSignals(index.add(record, extras), { held });
  }
  return signals;
}
const ids = (s: { id: string }[]) => s.map((x) => x.id).sort();

const everything = (name: string, id: string, at?: string) =>
  app(id, name, {
    applicant: { phones: ['(512) 555-0143'], emails: ['daniel.reyes@gmail.com'], address: { line1: '1200 Barton Springs Rd', postalCode: '78704', country: 'US' }, links: ['https://github.com/dreyes'], photoHash: 'f0e1d2c3b4a59687' },
    session: { ip: '73.12.44.8', deviceId: 'fp_9c2e41' },
    references: [{ name: 'Maria Chen', phone: '512-555-0100' }],
    resumeText: RESUME,
  }, at);

describe('linkage signals', () => {
  it('the normal case: one person, several applications, everything shared, raises nothing', () => {
    const times = ['2025-11-03T09:00:00Z', '2025-11-03T10:00:00Z', '2025-11-03T11:00:00Z', '2025-11-03T12:00:00Z', '2025-11-03T13:00:00Z', '2025-11-03T14:00:00Z'];
    const names = ['Daniel Reyes', 'Dan Reyes', 'Reyes, Daniel', 'Daniel J. Reyes', 'DANIEL REYES', 'Daniel Reyes'];
    expect(lastSignals(names.map((n, i) => everything(n, `a${i}`, times[i])))).toEqual([]);
  });

  it('every shared identifier under a different identity, with evidence a reviewer can check', () => {
    const signals = lastSignals([everything('Kevin Park', 'gh-448790'), everything('Alan Smith', 'gh-448801'), everything('Daniel Reyes', 'gh-448812')]);
    expect(ids(signals)).toEqual([
      'linkage.cluster_many_identities', 'linkage.resume_near_duplicate_other_identity', 'linkage.shared_address_other_identity',
      'linkage.shared_email_other_identity', 'linkage.shared_phone_other_identity', 'linkage.shared_profile_other_identity',
      'linkage.shared_reference_other_identity', 'linkage.similar_photo_other_identity',
    ]);
    const phone = signals.find((s) => s.id === 'linkage.shared_phone_other_identity')!;
    expect(phone.evidence).toBe('phone +15125550143 also on gh-448801 (Alan Smith), gh-448790 (Kevin Park)');
    expect(signals.find((s) => s.id === 'linkage.shared_address_other_identity')!.evidence).toBe('address 1200 barton springs rd, 78704, us also on gh-448801 (Alan Smith), gh-448790 (Kevin Park) (who live there also share device fp_9c2e41, IP 73.12.44.8: one household, counted once)');
    expect(signals.find((s) => s.id === 'linkage.cluster_many_identities')).toMatchObject({ strength: 1 / 3 });
  });

  it('a home shared by a family: its IP, computer and laptops shipped home are the home again, raised once; the same computer at two homes is raised', () => {
    const home = { line1: '1200 Barton Springs Rd', postalCode: '78704', country: 'US' };
    const extras: LinkExtras = { shippingAddressKey: '1200 barton springs rd||78704|us' };
    const family = lastSignals([
      [app('a', 'Kevin Park', { applicant: { address: home }, session: { ip: '73.12.44.8', deviceId: 'fp_family' } }), extras],
      [app('b', 'Soo-jin Park', { applicant: { address: home }, session: { ip: '73.12.44.8', deviceId: 'fp_family' } }), extras],
    ]);
    expect(family).toEqual([{ id: 'linkage.shared_address_other_identity', evidence: 'address 1200 barton springs rd, 78704, us also on a (Kevin Park) (who live there also share shipping address 1200 barton springs rd, 78704, us, device fp_family, IP 73.12.44.8: one household, counted once)' }]);
    const farm = lastSignals([
      app('a', 'Kevin Park', { applicant: { address: home }, session: { ip: '73.12.44.8', deviceId: 'fp_farm' } }),
      app('b', 'Alan Smith', { applicant: { address: { line1: '9 Elm St', postalCode: '85004', country: 'US' } }, session: { ip: '73.12.44.8', deviceId: 'fp_farm' } }),
    ]);
    expect(ids(farm)).toEqual(['linkage.shared_device_other_identity', 'linkage.shared_ip_other_identity']);
  });

  it('shipping address and payroll account from onboarding', () => {
    const extras: LinkExtras = { shippingAddressKey: '77 elm st||85004|us', payrollAccountHash: 'sha256:5d41402abc4b2a76b9719d911017c592' };
    const signals = lastSignals([[app('a', 'Kevin Park'), extras], [app('b', 'Alan Smith'), extras]]);
    expect(ids(signals)).toEqual(['linkage.shared_payroll_other_identity', 'linkage.shared_shipping_address_other_identity']);
    expect(signals.find((s) => s.id === 'linkage.shared_payroll_other_identity')!.evidence).toBe('payroll account sha256:5d41402ab… also on a (Kevin Park)');
  });

  it('a resume re-used under another name', () => {
    const signals = lastSignals([app('a', 'Kevin Park', { resumeText: `Kevin Park. ${RESUME}` }), app('b', 'Alan Smith', { resumeText: `Alan Smith. ${RESUME}` })]);
    expect(signals).toEqual([{ id: 'linkage.resume_near_duplicate_other_identity', evidence: 'resume 100 % the same (names, dates and numbers aside) as the resume on a (Kevin Park)' }]);
  });

  it('the same photo under another name', () => {
    const signals = lastSignals([app('a', 'Kevin Park', { applicant: { photoHash: 'f0e1d2c3b4a59687' } }), app('b', 'Alan Smith', { applicant: { photoHash: 'f0e1d2c3b4a59686' } })]);
    expect(signals).toEqual([{ id: 'linkage.similar_photo_other_identity', evidence: 'photo hash within 1 bits of 64 of the photo on a (Kevin Park)' }]);
  });

  it('a cluster containing an application a reviewer held, even for the same person', () => {
    const records = [app('a', 'Kevin Park', { session: { deviceId: 'd1' } }), app('b', 'Kevin Park', { session: { deviceId: 'd1' } })];
    expect(lastSignals(records)).toEqual([]);
    expect(ids(lastSignals(records, new Set(['a'])))).toEqual(['linkage.cluster_contains_held']);
    expect(lastSignals(records, new Set(['a']))[0]!.evidence).toMatch(/^cluster c-[0-9a-f]{6} contains a \(Kevin Park\), held or confirmed by a reviewer$/);
  });

  it('cluster size counts identities, at full weight from five', () => {
    const names = ['Kevin Park', 'Alan Smith', 'Maria Chen', 'Olga Ivanova', 'Kwame Mensah'];
    const signals = lastSignals(names.map((n, i) => app(`a${i}`, n, { session: { deviceId: 'd1' } }, `2025-0${i + 1}-01T00:00:00Z`)));
    expect(signals.find((s) => s.id === 'linkage.cluster_many_identities')).toMatchObject({ strength: 1, evidence: expect.stringMatching(/links 5 applications under 5 different identities$/) });
    expect(ids(signals)).not.toContain('linkage.burst'); // months apart
  });

  it('a burst: five applications within 24 h from one device under more than one identity; an IP network alone is no burst', () => {
    const at = (h: number) => `2025-11-03T${String(h).padStart(2, '0')}:00:00Z`;
    const names = ['Kevin Park', 'Alan Smith', 'Maria Chen', 'Olga Ivanova', 'Kwame Mensah'];
    const device = lastSignals(names.map((n, i) => app(`a${i}`, n, { session: { deviceId: 'fp_77aa', ip: `73.12.44.${i + 1}` } }, at(i * 3))));
    expect(device.find((s) => s.id === 'linkage.burst')).toEqual({ id: 'linkage.burst', evidence: '5 applications within 24 h from device fp_77aa, under more than one identity' });
    const network = lastSignals(names.map((n, i) => app(`a${i}`, n, { session: { ip: `73.12.44.${i + 1}` } }, at(i * 3))));
    expect(network).toEqual([]);
    const spread = lastSignals(names.map((n, i) => app(`a${i}`, n, { session: { deviceId: 'fp_77aa' } }, `2025-11-0${i + 1}T10:00:00Z`)));
    expect(ids(spread)).not.toContain('linkage.burst');
  });

  it('a new version of an application is one application: no link to itself, counted once in its cluster', () => {
    const index = new LinkageIndex();
    const phone = { applicant: { phones: ['(512) 555-0143'] } };
    index.add(app('a', 'Kevin Park', phone));
    index.add(app('b', 'Alan Smith', phone));
    const again = index.add(app('a', 'Kevin Park', phone));
    expect(again.identifiers.flatMap((l) => l.earlier.map((e) => e.id))).toEqual(['b']);
    expect(again.cluster?.size).toBe(2);
    expect(index.add(app('c', 'Maria Chen', phone)).identifiers[0]!.earlier.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('a hub identifier (more sharers than the index reads) counts at half strength', () => {
    const index = new LinkageIndex({ maxPerIdentifier: 2 });
    let last;
    for (const [i, n] of ['Kevin Park', 'Alan Smith', 'Maria Chen', 'Olga Ivanova'].entries()) last = index.add(app(`a${i}`, n, { session: { ip: '10.1.1.1' } }, `2025-0${i + 1}-01T00:00:00Z`));
    expect(linkageSignals(last!)).toEqual([{ id: 'linkage.shared_ip_other_identity', evidence: 'IP 10.1.1.1 also on a2 (Maria Chen), a1 (Alan Smith) and more', strength: 0.5 }]);
  });

  it('one identity worked with many phones and mailboxes: the same LinkedIn profile, a new contact each time', () => {
    const as = (id: string, name: string, phone: string, email: string, at: string) =>
      app(id, name, { applicant: { phones: [phone], emails: [email], links: ['https://www.linkedin.com/in/dan-roberts-7c1'] } }, at);
    const signals = lastSignals([
      as('r1', 'Daniel Roberts', '(512) 555-0101', 'dan.roberts@gmail.com', '2025-09-01T10:00:00Z'),
      as('r2', 'Dan Roberts', '(303) 555-0102', 'droberts.dev@outlook.com', '2025-09-20T10:00:00Z'),
      as('r3', 'Roberts, Daniel', '(602) 555-0103', 'daniel.r.codes@proton.me', '2025-10-09T10:00:00Z'),
    ]);
    expect(signals).toEqual([{
      id: 'linkage.identity_many_contacts',
      evidence: 'Roberts, Daniel appears on 3 linked applications with 3 different phones and 3 different mailboxes: r2 (Dan Roberts), r1 (Daniel Roberts) and this one',
    }]);
  });

  it('a person with a work and a home mailbox and one phone, applying three times, raises nothing', () => {
    const as = (id: string, email: string, at: string) => app(id, 'Grace Okafor', { applicant: { phones: ['(404) 555-0120'], emails: [email] } }, at);
    expect(lastSignals([as('g1', 'grace.okafor@gmail.com', '2025-09-01T10:00:00Z'), as('g2', 'grace@okafor.dev', '2025-09-10T10:00:00Z'), as('g3', 'grace.okafor@gmail.com', '2025-09-30T10:00:00Z')])).toEqual([]);
  });
});
