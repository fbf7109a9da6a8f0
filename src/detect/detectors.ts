import { contactDetector } from './contact.js';
import { educationDetector } from './education.js';
import { employmentDetector } from './employment.js';
import { geographyDetector } from './geography.js';
import { identityDetector } from './identity.js';
import { interviewDetector } from './interview.js';
import { onboardingDetector } from './onboarding.js';
import { profileDetector } from './profile.js';
import { watchlistDetector } from './watchlist.js';
import type { Detector } from './types.js';

/** Every detector, one per family. Adding a family is adding a file and a line here. */
export const DETECTORS: readonly Detector[] = [
  identityDetector, contactDetector, employmentDetector, profileDetector, watchlistDetector, educationDetector, geographyDetector,
  interviewDetector, onboardingDetector,
];
