/**
 * linkage.reference_is_other_applicant: a reference's phone or mailbox that is
 * ANOTHER applicant's own (and the reverse: an applicant whose own phone an
 * earlier applicant gave as a reference), or a reference check answered from
 * another applicant's device, found through the linkage index's
 * canonical identifiers, whatever way each was written. The same person
 * naming themselves, and references shared only as references, are other
 * signals (contact.reference_is_applicant, linkage.shared_reference_other_identity).
 */
import { describe, expect, it } from 'vitest';
import { LinkageIndex } from '../../src/linkage/linkage-index.js';
import { linkageSignals } from '../../src/linkage/linkage-signals.js';
import type { EnrichedApplication } from '../../src/normalise/application.js';
import { app } from './helpers.js';

function signalsOfLast(records: EnrichedApplication[]) {
  const index = new LinkageIndex();
  let last: ReturnType<typeof linkageSignals> = [];
  for (const r of records) last = linkageSignals(index.add(r));
  return last;
}
const ethan = app('ln-1', 'Ethan Caldwell', { applicant: { phones: ['(602) 555-0147'], emails: ['ethan.caldwell.dev@gmail.com'] } });

describe('linkage.reference_is_other_applicant', () => {
  it('a reference phone written another way is an earlier applicant\'s own phone', () => {
    const marcus = app('ln-2', 'Marcus Reid', { applicant: { phones: ['(480) 555-0199'] }, references: [{ name: 'Tom Hale', phone: '+1 602 555 0147' }] });
    expect(signalsOfLast([ethan, marcus])).toEqual([{ id: 'linkage.reference_is_other_applicant', evidence: 'reference phone +16025550147 is the own phone of ln-1 (Ethan Caldwell)' }]);
  });

  it('a reference mailbox (dots and case aside) is an earlier applicant\'s own mailbox', () => {
    const marcus = app('ln-2', 'Marcus Reid', { references: [{ name: 'Tom Hale', email: 'Ethan.Caldwell.Dev@gmail.com' }] });
    expect(signalsOfLast([ethan, marcus]).map((s) => s.id)).toEqual(['linkage.reference_is_other_applicant']);
  });

  it('the reverse: the applicant\'s own phone was given as a reference by an earlier applicant', () => {
    const marcus = app('ln-2', 'Marcus Reid', { references: [{ name: 'Tom Hale', phone: '602-555-0147' }] });
    const later = app('ln-3', 'Ethan Caldwell', { applicant: { phones: ['(602) 555-0147'] } });
    expect(signalsOfLast([marcus, later])).toEqual([{ id: 'linkage.reference_is_other_applicant', evidence: 'phone +16025550147 is given as a reference phone on ln-2 (Marcus Reid)' }]);
  });

  it('the reference check was answered from an earlier applicant\'s device, and the reverse', () => {
    const ring = app('ln-1', 'Ethan Caldwell', { session: { deviceId: 'fp_4c1e77' } });
    const marcus = app('ln-2', 'Marcus Reid', { references: [{ name: 'Tom Hale', session: { deviceId: 'fp_4c1e77' } }] });
    expect(signalsOfLast([ring, marcus])).toEqual([{ id: 'linkage.reference_is_other_applicant', evidence: 'the reference check was answered from device fp_4c1e77, the device of ln-1 (Ethan Caldwell)' }]);
    const later = app('ln-3', 'Daniel Ortiz', { session: { deviceId: 'fp_4c1e77' } });
    expect(signalsOfLast([marcus, later])).toEqual([{ id: 'linkage.reference_is_other_applicant', evidence: 'device fp_4c1e77 answered the reference check of ln-2 (Marcus Reid)' }]);
  });

  it('benign: a reference who answered from their own laptop raises nothing', () => {
    const ring = app('ln-1', 'Ethan Caldwell', { session: { deviceId: 'fp_4c1e77' } });
    const marcus = app('ln-2', 'Marcus Reid', { references: [{ name: 'Tom Hale', session: { deviceId: 'fp_a40d5c' } }] });
    expect(signalsOfLast([ring, marcus])).toEqual([]);
  });

  it('benign: the same person applying again and naming a former colleague raises nothing', () => {
    const again = app('ln-2', 'Ethan J. Caldwell', { applicant: { phones: ['(602) 555-0147'] }, references: [{ name: 'Ana Ruiz', phone: '602-555-0101' }] });
    expect(signalsOfLast([ethan, again])).toEqual([]);
  });

  it('benign: two applicants naming the same manager is only the weak shared reference', () => {
    const a = app('a', 'Kevin Park', { references: [{ name: 'Maria Chen', phone: '512-555-0100' }] });
    const b = app('b', 'Alan Smith', { references: [{ name: 'Maria Chen', phone: '512-555-0100' }] });
    expect(signalsOfLast([a, b]).map((s) => s.id)).toEqual(['linkage.shared_reference_other_identity']);
  });

  it('a role link is evidence, not a cluster link', () => {
    const index = new LinkageIndex();
    index.add(ethan);
    const result = index.add(app('ln-2', 'Marcus Reid', { references: [{ phone: '602-555-0147' }] }));
    expect(result.roles?.length).toBe(1);
    expect(result.identifiers).toEqual([]);
    expect(result.cluster).toBeUndefined();
  });

});

describe('code-hosting accounts (profiles.codeHosting) in the linkage index', () => {
  it('a code-hosting account from supplied profile data links like a linked profile', () => {
    const index = new LinkageIndex();
    index.add(app('a', 'Kevin Park', { applicant: { links: ['https://github.com/emarshall-dev'] } }));
    const later = app('b', 'Ethan Marshall', { profiles: { codeHosting: [{ url: 'https://GitHub.com/EMarshall-dev/' }] } });
    expect(linkageSignals(index.add(later))).toEqual([{ id: 'linkage.shared_profile_other_identity', evidence: 'profile github.com/emarshall-dev also on a (Kevin Park)' }]);
  });
});
