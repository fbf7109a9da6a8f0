import { SIGNALS, type Family, type SignalId } from '../catalogue/signals.js';
import type { RawSignal } from '../detect/types.js';
import { familyCap, type ScoringConfig } from './config.js';

export type Band = 'clear' | 'review' | 'hold';

/** A fired signal as the output contract shows it: its contribution in log-odds. */
export interface ScoredSignal {
  readonly id: SignalId;
  readonly family: Family;
  /** Contribution to the score in log-odds, after the family cap. */
  readonly weight: number;
  readonly evidence: string;
  /** The catalogue (or configured) weight before the family cap, when the cap reduced it. */
  readonly uncappedWeight?: number;
}

export interface Scored {
  readonly score: number;
  readonly band: Band;
  /** Log-odds after all evidence: prior + sum of contributions. */
  readonly logOdds: number;
  readonly signals: ScoredSignal[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** One signal per id: a detector may see the same clue twice (phone and mailbox); it counts once. */
function mergeById(raw: readonly RawSignal[]): RawSignal[] {
  const byId = new Map<SignalId, RawSignal>();
  for (const s of raw) {
    const seen = byId.get(s.id);
    if (!seen) byId.set(s.id, s);
    else byId.set(s.id, { id: s.id, evidence: `${seen.evidence}; ${s.evidence}`, strength: Math.max(seen.strength ?? 1, s.strength ?? 1) });
  }
  return [...byId.values()];
}

function bandOf(score: number, signals: readonly ScoredSignal[], config: ScoringConfig): Band {
  if (score >= config.thresholds.hold) {
    const families = new Set(signals.filter((s) => s.weight > 0).map((s) => s.family));
    // Strength is judged before the family cap: more evidence of the same kind must not make a strong clue weak.
    const strong = signals.some((s) => (s.uncappedWeight ?? s.weight) >= config.strongWeight);
    // One weak clue, or several from one family, never stops a hire on its own.
    if (families.size >= 2 || strong) return 'hold';
    return config.thresholds.review <= score ? 'review' : 'clear';
  }
  return score >= config.thresholds.review ? 'review' : 'clear';
}

/**
 * Combine signals in log-odds from the prior. Within a family the total is
 * capped and each signal's contribution scaled down in proportion, so the
 * weights shown always add up to what was counted. Pure.
 */
export function combine(raw: readonly RawSignal[], config: ScoringConfig): Scored {
  const signals = mergeById(raw).map((s) => {
    const def = SIGNALS[s.id];
    const weight = (config.weights[s.id] ?? def.weight) * (s.strength ?? 1);
    return { id: s.id, family: def.family as Family, weight, evidence: s.evidence };
  });
  const totals = new Map<Family, number>();
  for (const s of signals) if (s.weight > 0) totals.set(s.family, (totals.get(s.family) ?? 0) + s.weight);
  const scored: ScoredSignal[] = signals.map((s) => {
    const total = totals.get(s.family) ?? 0;
    const cap = familyCap(config, s.family);
    if (s.weight <= 0 || total <= cap) return { ...s, weight: round2(s.weight) };
    return { ...s, weight: round2((s.weight * cap) / total), uncappedWeight: round2(s.weight) };
  });
  scored.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const logOdds = config.prior + scored.reduce((sum, s) => sum + s.weight, 0);
  const score = Math.round(100 / (1 + Math.exp(-logOdds)));
  return { score, band: bandOf(score, scored, config), logOdds: round2(logOdds), signals: scored };
}
