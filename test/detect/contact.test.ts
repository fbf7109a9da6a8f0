import { describe, expect, it } from 'vitest';
import { screen, signalIdsOf as allIds } from '../helpers/applications.js';

/** This family's signals only (a number from another state also raises a geography clue). */
const signalIdsOf = (r: Parameters<typeof allIds>[0]) => allIds(r).filter((id) => id.startsWith('contact.'));

describe('contact family', () => {
  it('an ordinary application raises nothing', () => {
    expect(screen().signals).toEqual([]);
  });

  it.each([
    ['+1 (512) 555-0143', ['contact.phone_plus1_format']],
    ['+1-303-555-0177', ['contact.phone_plus1_format']],
    ['1-512-555-0143', []],
    ['(512) 123-4567', ['contact.phone_invalid']],
    ['+1 512 555 01', ['contact.phone_invalid', 'contact.phone_plus1_format'].slice(0, 1)],
    ['(800) 555-0100', ['contact.phone_toll_free_or_premium']],
    ['900-555-0155', ['contact.phone_toll_free_or_premium']],
    ['500-555-0100', ['contact.phone_non_geographic']],
    ['+44 20 7946 0958', []],
  ])('phone %s raises %j', (phone, expected) => {
    const result = screen((a) => (a.applicant.phones = [phone]));
    expect(signalIdsOf(result).sort()).toEqual([...expected].sort());
  });

  it('says exactly what was seen', () => {
    const result = screen((a) => (a.applicant.phones = ['+1 (512) 555-0143']));
    expect(result.signals[0]?.evidence).toBe("US number written as '+1 (512) 555-0143'");
  });

  it('stays silent on a national number whose country is unknown', () => {
    // A UK number written nationally, with no address: it cannot be called invalid.
    const result = screen((a) => {
      a.applicant.phones = ['020 7946 0958'];
      delete a.applicant.address;
    });
    expect(signalIdsOf(result)).toEqual([]);
    const withAddress = screen((a) => {
      a.applicant.phones = ['020 7946 0958'];
      a.applicant.address = { city: 'London', country: 'GB' };
    });
    expect(signalIdsOf(withAddress)).toEqual([]);
  });

  it('flags disposable mail domains, including their subdomains', () => {
    expect(signalIdsOf(screen((a) => (a.applicant.emails = ['dreyes@mailinator.com'])))).toEqual(['contact.disposable_email']);
    expect(signalIdsOf(screen((a) => (a.applicant.emails = ['dreyes@proton.me'])))).toEqual([]);
  });

  it('flags a reference who is the applicant, however it is written', () => {
    const byPhone = screen((a) => (a.references = [{ name: 'Maria Chen', phone: '+1 512 555 0143' }]));
    expect(signalIdsOf(byPhone)).toEqual(['contact.reference_is_applicant']);
    expect(byPhone.signals[0]?.evidence).toContain('+15125550143');
    const byMailbox = screen((a) => (a.references = [{ name: 'Maria Chen', email: 'Daniel.Reyes.Dev+ref@googlemail.com' }]));
    expect(signalIdsOf(byMailbox)).toEqual(['contact.reference_is_applicant']);
    const both = screen((a) => (a.references = [{ name: 'M', email: 'danielreyesdev@gmail.com', phone: '512 555 0143' }]));
    expect(both.signals).toHaveLength(1);
    expect(both.signals[0]?.evidence).toMatch(/phone.*; .*mailbox/);
  });
});
