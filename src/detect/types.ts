import type { SignalId } from '../catalogue/signals.js';
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
