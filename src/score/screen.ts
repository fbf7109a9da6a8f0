import { DETECTORS } from '../detect/detectors.js';
import type { DetectContext, Detector, RawSignal } from '../detect/types.js';
import type { Application } from '../parse/application-schema.js';
import { normaliseApplication, type EnrichedApplication } from '../normalise/application.js';
import { combine, type Band, type ScoredSignal } from './combine.js';
import type { ScoringConfig } from './config.js';

/** Everything one screening needs besides the record. Built once at the edge, read-only. */
export interface ScreenContext {
  readonly detect: DetectContext;
  readonly scoring: ScoringConfig;
  readonly detectors?: readonly Detector[];
}

export interface ScreenResult {
  readonly id: string;
  /** The source the record names (an application is its source and id). */
  readonly source?: string;
  readonly name: string;
  readonly score: number;
  readonly band: Band;
  /** The rule that decided the band (src/score/combine.ts): not part of the output contract (docs/RECORDS.md section 3). */
  readonly bandReason: string;
  readonly logOdds: number;
  readonly signals: readonly ScoredSignal[];
  readonly cluster?: { readonly id: string; readonly size: number };
  /** Detectors that failed on this record: they are skipped, never fatal. */
  readonly skipped?: readonly { readonly detector: string; readonly error: string }[];
}

/** What the applications seen before add to one screening (linkage, src/linkage). */
export interface CrossEvidence {
  readonly signals: readonly RawSignal[];
  readonly cluster?: { readonly id: string; readonly size: number };
}

/**
 * parse -> normalise -> detect -> score for one record, synchronous. Pure
 * unless `across` is given: it receives the normalised record and returns
 * the evidence found among earlier applications (it may file the record in
 * an index as it does so).
 */
export function screenApplication(app: Application, context: ScreenContext, across?: (record: EnrichedApplication) => CrossEvidence): ScreenResult {
  return screenNormalised(app, normaliseApplication(app), context, across);
}

/** screenApplication of a record already normalised (normalised once, by whoever stores the normalised form too). */
export function screenNormalised(app: Application, record: EnrichedApplication, context: ScreenContext, across?: (record: EnrichedApplication) => CrossEvidence): ScreenResult {
  return scoreDetected(app, record, detectNormalised(record, context), context.scoring, across);
}

/** What the detectors found in one record, before linkage and scoring: pure, so it may run on any thread. */
export interface Detected {
  readonly raw: readonly RawSignal[];
  /** Detectors that failed on this record. */
  readonly skipped: readonly { readonly detector: string; readonly error: string }[];
  /**
   * The application session's IP is on a listed hosting, commercial VPN or
   * proxy network (the geographic reference's, as geography.ip_hosting_or_vpn
   * reads it): strangers share such an exit, so linkage raises nothing on it.
   * Found here, beside the detectors, so a caller that links elsewhere (the
   * main thread, with detectors on workers) needs no reference data.
   */
  readonly sessionIpHosting?: boolean;
}

/** Every detector of the context on one normalised record; a detector that throws is skipped, never fatal. */
export function detectNormalised(record: EnrichedApplication, context: ScreenContext): Detected {
  const raw: RawSignal[] = [];
  const skipped: { detector: string; error: string }[] = [];
  for (const detector of context.detectors ?? DETECTORS) {
    try {
      raw.push(...detector.detect(record, context.detect));
    } catch (err) {
      skipped.push({ detector: detector.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { raw, skipped, ...(sessionOnHostingNetwork(record, context) ? { sessionIpHosting: true } : {}) };
}

/** Whether the session IP is on a listed hosting, VPN or proxy network; false when unknown (no reference, an address it cannot read). */
function sessionOnHostingNetwork(record: EnrichedApplication, context: ScreenContext): boolean {
  const ip = record.session?.ip;
  if (!ip) return false;
  try {
    return context.detect.reference.geo?.ipNetwork(ip)?.hosting !== undefined;
  } catch {
    return false;
  }
}

/**
 * The result of a record whose detectors have run (detectNormalised): the
 * evidence from earlier applications (`across`, called first: it may file the
 * record in an index) joins the detectors' signals, and all are combined.
 */
export function scoreDetected(app: Application, record: EnrichedApplication, detected: Detected, scoring: ScoringConfig, across?: (record: EnrichedApplication) => CrossEvidence): ScreenResult {
  const cross = across?.(record);
  const raw: RawSignal[] = cross ? [...cross.signals, ...detected.raw] : [...detected.raw];
  const skipped = detected.skipped;
  const scored = combine(raw, scoring);
  return {
    id: record.id,
    ...(record.source ? { source: record.source } : {}),
    name: app.applicant.fullName,
    score: scored.score,
    band: scored.band,
    bandReason: scored.bandReason,
    logOdds: scored.logOdds,
    signals: scored.signals,
    ...(cross?.cluster ? { cluster: cross.cluster } : {}),
    ...(skipped.length ? { skipped: [...skipped] } : {}),
  };
}
