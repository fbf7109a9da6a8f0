import { describe, expect, it } from 'vitest';
import { identifiersOf, ipPrefix, normaliseProfileUrl, onboardingExtras } from '../../src/linkage/identifiers.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { app } from './helpers.js';

describe('identifiers', () => {
  it.each([
    ['https://www.linkedin.com/in/Dan-R/', 'linkedin.com/in/dan-r'],
    ['HTTPS://uk.LinkedIn.com/in/dan-r?trk=abc#x', 'linkedin.com/in/dan-r'],
    ['linkedin.com/in/dan-r', 'linkedin.com/in/dan-r'],
    ['https://github.com/DReyes/', 'github.com/dreyes'],
    ['https://github.com/dreyes/some-repo', 'github.com/dreyes'],
    ['https://example.com/me', undefined],
    ['not a url at all %%', undefined],
  ])('profile %s -> %s', (raw, expected) => {
    expect(normaliseProfileUrl(raw)).toBe(expected);
  });

  it('IP networks', () => {
    expect(ipPrefix('73.12.44.8')).toBe('73.12.44.0/24');
    expect(ipPrefix('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipPrefix('2001:db8::1')).toBeUndefined();
  });

  it('canonical forms: one phone typed two ways, one mailbox with dots and a tag, a street number needed for an address', () => {
    const a = app('a', 'X Y', {
      applicant: { phones: ['(512) 555-0143', '+1 512 555 0143'], emails: ['Dan.R+jobs@gmail.com'], address: { city: 'Austin', region: 'TX', country: 'US' } },
      references: [{ name: 'R', phone: '512-555-0100', email: 'M.Chen@Example.com' }],
      session: { ip: '73.12.44.8', deviceId: 'fp_1' },
    });
    expect(identifiersOf(a)).toEqual([
      { kind: 'phone', value: '+15125550143' },
      { kind: 'email', value: 'danr@gmail.com' },
      { kind: 'device', value: 'fp_1' },
      { kind: 'ip', value: '73.12.44.8' },
      { kind: 'ipPrefix', value: '73.12.44.0/24' },
      { kind: 'referencePhone', value: '+15125550100' },
      { kind: 'referenceEmail', value: 'm.chen@example.com' },
    ]);
  });

  it('reads onboarding shipping address and payroll hash from the parsed application', () => {
    const parsed = ApplicationSchema.parse({
      id: 'a', submittedAt: '2025-11-03T10:00:00Z', applicant: { fullName: 'A B' },
      onboarding: { shippingAddress: { line1: '77 Elm Street', city: 'Phoenix', region: 'AZ', postalCode: '85004', country: 'US' }, payrollAccountHash: 'SHA256:ABC' },
    });
    expect(onboardingExtras(parsed)).toEqual({ shippingAddressKey: '77 elm st||85004|us', payrollAccountHash: 'sha256:abc' });
  });
});

describe('reference phone keys', () => {
  it('agree with libphonenumber on the shapes read directly', async () => {
    const { referencePhoneKey } = await import('../../src/linkage/identifiers.js');
    const { normalisePhone } = await import('../../src/normalise/phone.js');
    for (const [raw, country] of [['512-555-0100', 'US'], ['(416) 555-0199', 'CA'], ['+1 303 555 0177', 'GB'], ['+44 20 7946 0958', 'US'], ['020 7946 0958', 'GB'], ['123', 'US']] as const) {
      expect(referencePhoneKey(raw, country)).toBe(raw.replace(/\D/g, '').length < 7 ? undefined : normalisePhone(raw, country, { classify: false }).e164);
    }
  });
});
