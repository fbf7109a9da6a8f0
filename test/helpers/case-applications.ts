import { ApplicationSchema, type Application } from '../../src/parse/application-schema.js';
import { baseApplication } from './applications.js';

/** An application of its own: no phone, mailbox, device, address, profile or reference shared with another. */
function own(id: string): Record<string, any> {
  const a = { ...baseApplication(), id } as Record<string, any>;
  const n = [...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 9000, 7) + 1000;
  a.applicant = {
    ...a.applicant, emails: [`${id}.dev@gmail.com`], phones: [`(512) 55${String(n).slice(0, 1)}-${String(n).padStart(4, '0')}`],
    address: { line1: `${n} Barton Springs Rd`, city: 'Austin', region: 'TX', postalCode: '78704', country: 'US' }, links: [`https://www.linkedin.com/in/${id}`],
  };
  a.profiles = { linkedin: { ...a.profiles.linkedin, url: `https://www.linkedin.com/in/${id}` } };
  a.references = [{ name: 'Maria Chen', email: `ref.${id}@example.com`, phone: `512-556-${String(n).padStart(4, '0')}` }];
  a.session = { ...a.session, deviceId: `fp_${id}`, ip: `66.${n % 200}.${(n >> 3) % 250}.${n % 250}` };
  return a;
}

export function heldApplication(id: string, change: (a: Record<string, any>) => void = () => {}): Application {
  const a = own(id);
  a.applicant = { ...a.applicant, emails: [`${id}.dev@mailinator.com`] };
  a.interviews = [{ at: '2025-11-10', mode: 'video', cameraOn: false, flags: ['face_mismatch', 'deepfake_suspected', 'reading_answers'] }];
  a.employment = [{ employer: 'Indeed', title: 'Software Engineer', start: '2015-07', end: '2019-03' }, { employer: 'Foo', title: 'Software Engineer', start: '2016-07', end: '2020-03' }];
  a.onboarding = { shippingAddress: { line1: `${a.applicant.address.line1.split(' ')[0]} Main St`, city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' } };
  change(a);
  return ApplicationSchema.parse(a);
}

export function ordinaryApplication(id: string, change: (a: Record<string, any>) => void = () => {}): Application {
  const a = own(id);
  change(a);
  return ApplicationSchema.parse(a);
}
