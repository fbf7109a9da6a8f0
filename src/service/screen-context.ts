import { DETECTORS } from '../detect/detectors.js';
import { loadDisposableMailDomains } from '../reference/disposable-domains.js';
import { loadEducationReference } from '../reference/education/education-reference.js';
import { loadMailDrops } from '../reference/mail-drops.js';
import { loadVirtualCameras } from '../reference/virtual-cameras.js';
import { loadWatchlists } from '../reference/watchlists.js';
import type { GeoReference } from '../reference/geo/geo-reference.js';
import { loadGeoReference } from '../reference/geo/load-geo-reference.js';
import type { ScoringConfig } from '../score/config.js';
import type { ScreenContext } from '../score/screen.js';

export interface ContextOptions {
  /** Load and screen against the watchlists (default true). */
  readonly watchlists?: boolean;
  /** Where problems with reference data are reported (the run goes on). */
  readonly warn?: (message: string) => void;
}

/** Load the reference data detectors consult, once, at the edge. */
export function buildScreenContext(scoring: ScoringConfig, options: ContextOptions = {}): ScreenContext {
  const watch = options.watchlists === false ? undefined : loadWatchlists();
  for (const problem of watch?.problems ?? []) options.warn?.(`hirewatch: ${problem}`);
  let geo: GeoReference | undefined;
  try {
    geo = loadGeoReference();
  } catch (err) {
    options.warn?.(`hirewatch: geographic reference data not loaded (${err instanceof Error ? err.message : String(err)}); geography signals are off`);
  }
  return {
    detect: {
      reference: {
        disposableMailDomains: loadDisposableMailDomains(),
        education: loadEducationReference(),
        mailDrops: loadMailDrops(),
        virtualCameras: loadVirtualCameras(),
        ...(geo ? { geo } : {}),
        ...(watch ? { watchlist: watch.context } : {}),
      },
    },
    scoring,
    detectors: DETECTORS,
  };
}
