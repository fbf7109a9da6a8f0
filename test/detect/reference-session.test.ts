/**
 * contact.reference_is_applicant from where the reference check was answered
 * (references[].session, as a reference-check tool records it): the
 * applicant's own device, or at half weight the applicant's IP. A reference
 * answering from their own office or home raises nothing, and nothing is
 * raised without both sessions.
 */
import { describe, expect, it } from 'vitest';
import { contactDetector } from '../../src/detect/contact.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { application, context } from '../helpers/applications.js';

type Patch = (a: Record<string, any>) => void;
const detect = (patch: Patch) => contactDetector.detect(normaliseApplication(application(patch)), context.detect);
const withSession = (session: Record<string, unknown> | undefined, own?: Record<string, unknown> | null): Patch => (a) => {
  a.references = [{ name: 'Maria Chen', email: 'm.chen@example.com', phone: '512-555-0100', ...(session ? { session } : {}) }];
  if (own !== undefined) a.session = own;
};

describe('contact.reference_is_applicant from the reference check session', () => {
  it('answered from the applicant\'s own device', () => {
    const signals = detect(withSession({ ip: '98.51.7.20', deviceId: 'fp_9c2e41' }));
    expect(signals).toEqual([{ id: 'contact.reference_is_applicant', evidence: 'reference 1 (Maria Chen) answered the reference check from device fp_9c2e41, the one the application was sent from' }]);
  });

  it('answered from the applicant\'s IP, another device: half weight', () => {
    const signals = detect(withSession({ ip: '66.68.92.231', deviceId: 'fp_other' }));
    expect(signals).toEqual([{ id: 'contact.reference_is_applicant', strength: 0.5, evidence: 'reference 1 (Maria Chen) answered the reference check from IP 66.68.92.231, the one the application was sent from' }]);
  });

  it('benign: the reference answered from their own office and laptop; a neighbour on the same /24 is not the same IP', () => {
    expect(detect(withSession({ ip: '66.68.92.17', deviceId: 'fp_7aa001' }))).toEqual([]);
  });

  it('silent without the reference session or without the application session', () => {
    expect(detect(withSession(undefined))).toEqual([]);
    expect(detect(withSession({ ip: '66.68.92.231', deviceId: 'fp_9c2e41' }, null))).toEqual([]);
  });

  it('the reference session is validated: a device id over 128 characters is refused', () => {
    expect(() => application(withSession({ deviceId: 'x'.repeat(129) }))).toThrow();
  });
});
