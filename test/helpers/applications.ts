import { buildScreenContext } from '../../src/service/index.js';
import type { Application } from '../../src/parse/application-schema.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { screenApplication, type ScreenContext, type ScreenResult } from '../../src/score/screen.js';

/** Every detector but the watchlists (their lists are large; family tests do not need them). */
export const context = buildScreenContext(DEFAULT_SCORING, { watchlists: false });

let full: ScreenContext | undefined;
/** Every detector with the real watchlists from data/ (loaded once per test file). */
export function fullContext(): ScreenContext {
  full ??= buildScreenContext(DEFAULT_SCORING);
  return full;
}

/** An ordinary, complete application; tests change one thing at a time. */
export function baseApplication(): Record<string, unknown> {
  return {
    id: 'gh-1',
    source: 'greenhouse',
    submittedAt: '2025-11-03T14:22:05Z',
    job: { id: 'req-77', title: 'Senior Machine Learning Engineer', remote: true },
    applicant: {
      fullName: 'Daniel Reyes',
      emails: ['daniel.reyes.dev@gmail.com'],
      phones: ['(512) 555-0143'],
      address: { line1: '1200 Barton Springs Rd Apt 4', city: 'Austin', region: 'TX', postalCode: '78704', country: 'US' },
      links: ['https://www.linkedin.com/in/daniel-reyes-0a1b2c'],
    },
    education: [{ institution: 'University of Texas at Austin', degree: 'BS', field: 'Computer Science', start: '2011-08', end: '2015-05' }],
    employment: [{ employer: 'Indeed', title: 'Software Engineer', start: '2015-07', end: '2019-03', location: 'Austin, TX' }],
    references: [{ name: 'Maria Chen', email: 'm.chen@example.com', phone: '512-555-0100' }],
    session: { ip: '66.68.92.231', timezone: 'America/Chicago', utcOffsetMinutes: -360, acceptLanguage: 'en-US,en;q=0.9', deviceId: 'fp_9c2e41' },
    profiles: { linkedin: { url: 'https://www.linkedin.com/in/daniel-reyes-0a1b2c', displayName: 'Daniel Reyes', createdAt: '2012-03', activity: ['2014-02', '2025-10'], connections: 412, location: 'Austin, Texas' } },
  };
}

type Patch = (app: Record<string, any>) => void;

export function application(patch?: Patch): Application {
  const app = baseApplication() as Record<string, any>;
  patch?.(app);
  return ApplicationSchema.parse(app);
}

export function screen(patch?: Patch, with_: ScreenContext = context): ScreenResult {
  return screenApplication(application(patch), with_);
}

export function signalIdsOf(result: ScreenResult): string[] {
  return result.signals.map((s) => s.id);
}
