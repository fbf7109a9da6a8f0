/**
 * The onboarding family: a package forwarder or private mailbox as the
 * equipment address (from data/onboarding/mail-drops.csv), a shipping address
 * other than home, an identity document not verified in person. Records go
 * through the parser and normaliser as in a real run.
 */
import { describe, expect, it } from 'vitest';
import { onboardingDetector } from '../../src/detect/onboarding.js';
import type { DetectContext } from '../../src/detect/types.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';
import { loadMailDrops } from '../../src/reference/mail-drops.js';
import { application, context } from '../helpers/applications.js';

const ctx = { ...context.detect, reference: { ...context.detect.reference, mailDrops: loadMailDrops() } } as DetectContext;

function record(onboarding: Record<string, any>): EnrichedApplication {
  return normaliseApplication(application((a) => void (a.onboarding = onboarding)));
}
const detect = (o: Record<string, any>) => onboardingDetector.detect(record(o), ctx);
const ids = (o: Record<string, any>) => detect(o).map((s) => s.id).sort();
const home = { line1: '1200 Barton Springs Rd Apt 4', city: 'Austin', region: 'TX', postalCode: '78704', country: 'US' };
const inPerson = { verified: true, method: 'in_person' };

describe('onboarding', () => {
  it('shipping home, identity checked in person: nothing; no onboarding: nothing', () => {
    expect(ids({ shippingAddress: { ...home, line1: '1200 Barton Springs Road, Apartment 4' }, identityDocument: inPerson })).toEqual([]);
    expect(onboardingDetector.detect(normaliseApplication(application()), ctx)).toEqual([]);
  });

  it('onboarding.shipping_differs_from_home: another city (weak)', () => {
    const s = detect({ shippingAddress: { line1: '77 Elm St', city: 'Phoenix', region: 'AZ', postalCode: '85004', country: 'US' }, identityDocument: inPerson });
    expect(s.map((x) => x.id)).toEqual(['onboarding.shipping_differs_from_home']);
    expect(s[0]!.evidence).toContain("'77 elm st, phoenix, az, 85004'");
  });

  it('another address in the same ZIP code is not raised', () => {
    expect(ids({ shippingAddress: { ...home, line1: '1300 Barton Springs Rd' } })).toEqual([]);
  });

  it('onboarding.shipping_to_mail_drop: a PMB at a mail receiving agency', () => {
    const s = detect({ shippingAddress: { line1: '2810 N Church St PMB 48213', city: 'Wilmington', region: 'DE', postalCode: '19802', country: 'US' } });
    expect(s.map((x) => x.id).sort()).toEqual(['onboarding.shipping_differs_from_home', 'onboarding.shipping_to_mail_drop']);
    expect(s.find((x) => x.id === 'onboarding.shipping_to_mail_drop')!.evidence).toMatch(/private mailbox \(PMB\).*mail-drops\.csv, pmb: U\.S\. Postal Service/);
  });

  it('onboarding.shipping_to_mail_drop: a package forwarder warehouse, however the suite is written', () => {
    const s = detect({ shippingAddress: { line1: '4283 Express Lane', line2: 'Suite 123-456', city: 'Sarasota', region: 'FL', postalCode: '34238', country: 'US' } });
    expect(s.map((x) => x.id)).toContain('onboarding.shipping_to_mail_drop');
    expect(s.map((x) => x.evidence).join(' ')).toContain('MyUS.com');
  });

  it('onboarding.identity_not_verified_in_person: not verified (full), verified remotely (half)', () => {
    const none = detect({ identityDocument: { verified: false } });
    expect(none.map((x) => x.id)).toEqual(['onboarding.identity_not_verified_in_person']);
    expect(none[0]!.strength).toBeUndefined();
    const remote = detect({ identityDocument: { verified: true, method: 'document_upload' } });
    expect(remote.map((x) => x.id)).toEqual(['onboarding.identity_not_verified_in_person']);
    expect(remote[0]!.strength).toBe(0.5);
    expect(ids({ identityDocument: { verified: true } })).toEqual([]);
  });

  it('without the mail-drop list in the context the mail-drop check is silent', () => {
    const { mailDrops: _unused, ...withoutList } = context.detect.reference;
    const s = onboardingDetector.detect(record({ shippingAddress: { ...home, line1: '1200 Barton Springs Rd PMB 4' } }), { reference: withoutList });
    expect(s).toEqual([]);
  });
});
