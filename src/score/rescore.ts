import { SIGNALS, type SignalId } from '../catalogue/signals.js';
import type { RawSignal } from '../detect/types.js';
import { combine, type Scored } from './combine.js';
import type { ScoringConfig } from './config.js';

/**
 * A stored result's signals combined again under other weights (hirewatch weights backtest).
 * Detection does not depend on the weights (linkage counts links and held applications, never
 * scores), so the raw signals a fresh screen would find are the stored ones: each signal's id,
 * evidence and strength. combine() is then the very function a fresh screen ends in.
 *
 * The strength is stored with every signal of results stored since the backtest exists. For an older result it is worked out from the stored weight and the weight of the
 * scoring configuration that made it (`madeWith`, found by the result's provenance): exact for
 * strength 1, and to within the stored weight's rounding (0.005) otherwise, so such a signal
 * makes the re-scoring `approximate`.
 */
export interface StoredSignalLike {
  readonly id: string;
  readonly weight: number;
  readonly evidence: string;
  readonly uncappedWeight?: number | undefined;
  readonly strength?: number | undefined;
}

export interface Rescored extends Scored {
  /** Some signal's strength had to be worked out from a rounded weight, or the configuration that made the result is unknown. */
  readonly approximate: boolean;
  /** Stored signal ids the catalogue no longer has: left out. */
  readonly unknown: readonly string[];
}

const isSignal = (id: string): id is SignalId => Object.prototype.hasOwnProperty.call(SIGNALS, id);

/** The raw signals of a stored result (see above). `madeWith` undefined: the configuration that made it is unknown. */
export function rawSignalsOf(signals: readonly StoredSignalLike[], madeWith: ScoringConfig | undefined, fallback: ScoringConfig): { raw: RawSignal[]; approximate: boolean; unknown: string[] } {
  const raw: RawSignal[] = [];
  const unknown: string[] = [];
  let approximate = madeWith === undefined;
  const config = madeWith ?? fallback;
  for (const s of signals) {
    if (!isSignal(s.id)) {
      unknown.push(s.id);
      continue;
    }
    if (s.strength !== undefined) {
      raw.push({ id: s.id, evidence: s.evidence, strength: s.strength });
      continue;
    }
    const configured = config.weights[s.id] ?? SIGNALS[s.id].weight;
    const stored = s.uncappedWeight ?? s.weight;
    if (configured === 0) {
      // A weight of 0 keeps no trace of the strength: take the usual one, 1.
      approximate = true;
      raw.push({ id: s.id, evidence: s.evidence });
      continue;
    }
    if (Math.abs(Math.round(configured * 100) / 100 - stored) < 1e-9) {
      raw.push({ id: s.id, evidence: s.evidence });
      continue;
    }
    approximate = true;
    raw.push({ id: s.id, evidence: s.evidence, strength: stored / configured });
  }
  return { raw, approximate, unknown };
}

/** A stored result combined again under `config`: the score, band and band reason a fresh screen under `config` gives (before any case's floor). */
export function rescore(signals: readonly StoredSignalLike[], config: ScoringConfig, madeWith: ScoringConfig | undefined, fallback: ScoringConfig): Rescored {
  const { raw, approximate, unknown } = rawSignalsOf(signals, madeWith, fallback);
  return { ...combine(raw, config), approximate, unknown };
}
