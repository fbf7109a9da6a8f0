import { DETECTORS } from '../detect/detectors.js';
import type { ReferenceContext } from '../detect/types.js';
import { loadDisposableMailDomains } from '../reference/disposable-domains.js';
import { loadEducationReference } from '../reference/education/education-reference.js';
import { loadGeoReference } from '../reference/geo/load-geo-reference.js';
import { loadMailDrops } from '../reference/mail-drops.js';
import { loadVirtualCameras } from '../reference/virtual-cameras.js';
import { loadWatchlists } from '../reference/watchlists.js';
import type { ScoringConfig } from '../score/config.js';
import type { ScreenContext } from '../score/screen.js';
import type { ContextOptions } from './screen-context.js';

/**
 * Reference data loaded part by part at its first use (issue 18, instant
 * start): `hirewatch serve` listens before any of it is loaded, then warms
 * it in steps (warmReference), so a request that comes first still gets
 * every part, loaded for it. Each part is what buildScreenContext loads,
 * with the same warnings, loaded once.
 */
export function lazyReference(options: ContextOptions = {}): ReferenceContext {
  const warn = (what: string, signals: string) => (err: unknown) => {
    options.warn?.(`hirewatch: ${what} not loaded (${err instanceof Error ? err.message : String(err)}); ${signals} are off`);
    return undefined;
  };
  const parts: { [K in keyof ReferenceContext]-?: () => ReferenceContext[K] } = {
    disposableMailDomains: () => loadDisposableMailDomains(),
    watchlist: () => {
      if (options.watchlists === false) return undefined;
      const watch = loadWatchlists();
      for (const problem of watch.problems) options.warn?.(`hirewatch: ${problem}`);
      return watch.context;
    },
    geo: () => attempt(() => loadGeoReference(), warn('geographic reference data', 'geography signals')),
    education: () => loadEducationReference(),
    mailDrops: () => loadMailDrops(),
    virtualCameras: () => loadVirtualCameras(),
  };
  const reference = {} as ReferenceContext;
  for (const [name, load] of Object.entries(parts) as [keyof ReferenceContext, () => unknown][]) {
    let loaded = false;
    let value: unknown;
    Object.defineProperty(reference, name, {
      enumerable: true,
      get: () => {
        if (!loaded) {
          value = load();
          loaded = true;
        }
        return value;
      },
    });
  }
  return reference;
}

function attempt<T>(load: () => T, fail: (err: unknown) => undefined): T | undefined {
  try {
    return load();
  } catch (err) {
    return fail(err);
  }
}

/** buildScreenContext with the reference loaded at first use (lazyReference). */
export function buildLazyScreenContext(scoring: ScoringConfig, options: ContextOptions = {}): ScreenContext {
  return { detect: { reference: lazyReference(options) }, scoring, detectors: DETECTORS };
}

/**
 * Loads every part of a reference now, one step at a time, yielding to the
 * event loop between steps (a request waits for one step, not for all):
 * the watchlists, the geographic tables, GeoLite2 City (geoip-lite, loaded
 * by its first look-up), the education reference and its name engine (by
 * a look-up of a name no list holds), the rest. Returns the milliseconds
 * spent.
 */
export async function warmReference(reference: ReferenceContext, pause: () => Promise<void> = () => new Promise((done) => setImmediate(done))): Promise<number> {
  const steps: (() => unknown)[] = [
    () => reference.watchlist,
    () => reference.geo,
    () => reference.geo?.ipLocation('8.8.8.8'),
    () => reference.education,
    () => reference.education?.findInstitution('Univrsity of Hirewatch Warmup'),
    () => [reference.disposableMailDomains, reference.mailDrops, reference.virtualCameras],
  ];
  let spent = 0;
  for (const step of steps) {
    await pause();
    const started = performance.now();
    step();
    spent += performance.now() - started;
  }
  return Math.round(spent);
}
