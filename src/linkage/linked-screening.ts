import type { Application } from '../parse/application-schema.js';
import { normaliseApplication, type EnrichedApplication } from '../normalise/application.js';
import { detectNormalised, scoreDetected, type CrossEvidence, type Detected, type ScreenContext, type ScreenResult } from '../score/screen.js';
import type { RawSignal } from '../detect/types.js';
import { onboardingExtras, type Identifier } from './identifiers.js';
import { LinkageIndex } from './linkage-index.js';
import { linkageSignals, type LinkageSignalOptions } from './linkage-signals.js';
import type { LinkageConfig, LinkResult } from './types.js';

export interface LinkedScreeningOptions extends LinkageSignalOptions {
  readonly linkage?: Partial<LinkageConfig>;
  /** An index already holding earlier applications (from a store); a new one by default. */
  readonly index?: LinkageIndex;
}

/**
 * Screening with memory: each application is linked to every application
 * screened before it by the same screener (src/linkage), and what the links
 * show joins its own evidence before scoring. The order of arrival matters,
 * as it does in production: the first of a ring is clear when it arrives,
 * the second is flagged with the first as its evidence.
 */
/** Evidence from beside the index (shared indicators, src/intel), given what the application was filed under. */
export type Consult = (record: EnrichedApplication, identifiers: readonly Identifier[]) => RawSignal[];

export class LinkedScreener {
  readonly index: LinkageIndex;
  /** Consulted for each application after it is filed (set by the service once shared indicators are loaded). */
  consult: Consult | undefined;
  private readonly signalOptions: LinkageSignalOptions;

  constructor(private readonly context: ScreenContext, options: LinkedScreeningOptions = {}) {
    this.index = options.index ?? new LinkageIndex(options.linkage);
    this.signalOptions = { ...(options.held ? { held: options.held } : {}), ...(options.burstWindowHours ? { burstWindowHours: options.burstWindowHours } : {}), ...(options.burstMin ? { burstMin: options.burstMin } : {}) };
  }

  /** Screen one application and file it; returns the result, the links it was scored with and the record as normalised (once). */
  screen(app: Application): { result: ScreenResult; links: LinkResult; normalised: EnrichedApplication } {
    const normalised = normaliseApplication(app);
    return this.screenDetected(app, normalised, detectNormalised(normalised, this.context));
  }

  /**
   * screen() of an application already normalised and run through the
   * detectors (elsewhere, on a worker thread): it is linked and filed here,
   * in the order of the calls, and scored with what the detectors found.
   */
  screenDetected(app: Application, normalised: EnrichedApplication, detected: Detected): { result: ScreenResult; links: LinkResult; normalised: EnrichedApplication } {
    let links: LinkResult | undefined;
    const across = (record: EnrichedApplication): CrossEvidence => {
      links = this.index.add(record, onboardingExtras(app));
      const cluster = links.cluster;
      const signals = linkageSignals(links, detected.sessionIpHosting ? { ...this.signalOptions, sessionIpHosting: true } : this.signalOptions);
      if (this.consult) signals.push(...this.consult(record, this.index.lastIdentifiers));
      return { signals, ...(cluster ? { cluster: { id: cluster.id, size: cluster.size } } : {}) };
    };
    const result = scoreDetected(app, normalised, detected, this.context.scoring, across);
    return { result, links: links!, normalised };
  }
}
