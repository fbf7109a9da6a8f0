import { DETECTORS } from '../detect/detectors.js';
import { loadDisposableMailDomains } from '../reference/disposable-domains.js';
import type { ScoringConfig } from '../score/config.js';
import type { ScreenContext } from '../score/screen.js';

/** Load the reference data detectors consult, once, at the edge. */
export function buildScreenContext(scoring: ScoringConfig): ScreenContext {
  return {
    detect: { reference: { disposableMailDomains: loadDisposableMailDomains() } },
    scoring,
    detectors: DETECTORS,
  };
}
