import { contactDetector } from './contact.js';
import { identityDetector } from './identity.js';
import type { Detector } from './types.js';

/** Every detector, one per family. Adding a family is adding a file and a line here. */
export const DETECTORS: readonly Detector[] = [identityDetector, contactDetector];
