import { sampleApplication } from './server-harness.js';

/** A fresh application that screens `hold` (disposable mailbox, flagged interview, overlapping jobs, equipment shipped elsewhere). */
export function heldSample(id?: string, name = 'Daniel Reyes'): Record<string, any> {
  const app = sampleApplication(id, name) as Record<string, any>;
  app.applicant = { ...app.applicant, emails: [`${app.id}.dev@mailinator.com`] };
  app.interviews = [{ at: '2025-11-10', mode: 'video', cameraOn: false, flags: ['face_mismatch', 'deepfake_suspected', 'reading_answers'] }];
  app.employment = [{ employer: 'Indeed', title: 'Software Engineer', start: '2015-07', end: '2019-03' }, { employer: 'Foo', title: 'Software Engineer', start: '2016-07', end: '2020-03' }];
  app.onboarding = { shippingAddress: { line1: `${app.applicant.address.line1.split(' ')[0]} Main St`, city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' } };
  return app;
}
