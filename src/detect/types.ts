import type { SignalId } from '../catalogue/signals.js';
import type { EducationReference } from '../reference/education/education-reference.js';
import type { GeoReference } from '../reference/geo/geo-reference.js';
import type { MailDropIndex } from '../reference/mail-drops.js';
import type { VirtualCameraCatalogue } from '../reference/virtual-cameras.js';
import type { WatchlistContext } from '../reference/watchlists.js';
import type { EnrichedApplication } from '../normalise/application.js';

/** What a detector reports: which catalogue signal, and a sentence a reviewer can check. */
export interface RawSignal {
  readonly id: SignalId;
  readonly evidence: string;
  /** 0-1: how fully the clue is present (1 unless a detector grades it). Scales the weight. */
  readonly strength?: number;
}

/** Read-only reference data detectors may consult (loaded at the edge, passed in). */
export interface ReferenceContext {
  /** Lower-case domains of throw-away mail services. */
  readonly disposableMailDomains: ReadonlySet<string>;
  /** Absent when no watchlist is loaded: the watchlist detector is then silent. */
  readonly watchlist?: WatchlistContext;
  /** IP, phone-area and postal geography; absent -> geography detectors are silent. */
  readonly geo?: GeoReference;
  /** Institutions and programs; absent -> education detectors are silent. */
  readonly education?: EducationReference;
  /** Package forwarders and private mailboxes (data/onboarding); absent -> that onboarding check is silent. */
  readonly mailDrops?: MailDropIndex;
  /** Virtual camera products (data/interview); absent -> the virtual camera check is silent. */
  readonly virtualCameras?: VirtualCameraCatalogue;
}

export interface DetectContext {
  readonly reference: ReferenceContext;
}

/** A detector: pure, silent when its inputs are missing. */
export interface Detector {
  readonly name: string;
  readonly family: string;
  detect(record: EnrichedApplication, context: DetectContext): RawSignal[];
}
