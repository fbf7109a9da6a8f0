import { basesOf, decidesNoBandReason, holdsAloneReason, SIGNALS, weakReason, type Basis, type Family, type SignalId } from '../catalogue/signals.js';
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
  /**
   * The detector's strength (its weight is the configured weight times this), when not 1: kept
   * so that a stored result can be combined again under other weights (hirewatch weights backtest).
   */
  readonly strength?: number;
}

export interface Scored {
  readonly score: number;
  readonly band: Band;
  /** Log-odds after all evidence: prior + sum of contributions. */
  readonly logOdds: number;
  readonly signals: ScoredSignal[];
  /**
   * The rule that decided the band, in a sentence: it says why a score and a
   * band seem to disagree (a high score left clear on weak signals alone, a
   * low score held on a corroborated sanctions match).
   */
  readonly bandReason: string;
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

const list = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The rule that decided a band: the first word of bandReason. */
export const BAND_RULES = ['no-evidence', 'holds-alone', 'weak-only', 'below-review', 'one-line', 'independent-lines', 'strong-signal', 'one-substantive-line'] as const;
export type BandRule = (typeof BAND_RULES)[number];

/**
 * Independent lines of evidence among `signals`: the most signals that share
 * no basis (catalogue), each named by its bases. One honest circumstance
 * explains every signal of a basis at once, so a basis is one line however
 * many signals rest on it; a signal resting on two bases (a shared IP is the
 * network's and the home's) is a line of its own only when neither basis is
 * taken; a signal with no basis (derived from others) is no line.
 */
export function evidenceLines(signals: readonly { readonly id: SignalId }[]): string[] {
  const singles = new Set<Basis>();
  const multiple = new Map<string, readonly Basis[]>();
  for (const s of signals) {
    const bases = basesOf(s.id);
    if (bases.length === 1) singles.add(bases[0]!);
    else if (bases.length > 1) multiple.set([...bases].sort().join('+'), bases);
  }
  // A single-basis signal is always worth taking; of the rest, the most that share no basis (there are few kinds: search them all).
  const free = [...multiple.values()].filter((bases) => bases.every((b) => !singles.has(b)));
  let best: (readonly Basis[])[] = [];
  const chosen: (readonly Basis[])[] = [];
  const used = new Set<Basis>();
  const search = (from: number): void => {
    if (chosen.length > best.length) best = [...chosen];
    for (let i = from; i < free.length; i++) {
      const bases = free[i]!;
      if (bases.some((b) => used.has(b))) continue;
      for (const b of bases) used.add(b);
      chosen.push(bases);
      search(i + 1);
      chosen.pop();
      for (const b of bases) used.delete(b);
    }
  };
  search(0);
  return [...singles, ...best.map((bases) => bases.join('+'))];
}

/**
 * The band, by the score and by corroboration (README, "How the score is
 * made"; the catalogue defines weak signals and bases). Each reason starts
 * with the rule's name (BAND_RULES):
 * - holds-alone: a corroborated sanctions match or a link to a held or
 *   confirmed application holds, whatever the score;
 * - weak-only: weak signals, one or several, never leave `clear` alone;
 * - independent-lines: `hold` needs the hold score and substantive (not
 *   weak) evidence on two or more independent lines;
 * - strong-signal, independent-lines: `review` needs the review score and a
 *   strong signal (at least strongWeight before its family's cap) or
 *   evidence on two or more independent lines, one of them substantive
 *   (one-substantive-line: review although the score reaches hold);
 * - one-line, below-review: otherwise `clear`.
 * Signals that decide no band (a match on a name alone) are left out here:
 * combine() decides the band on the evidence without them.
 */
function bandOf(score: number, signals: readonly ScoredSignal[], config: ScoringConfig): { band: Band; reason: string } {
  const counted = signals.filter((s) => s.weight > 0);
  if (counted.length === 0) return { band: 'clear', reason: 'no-evidence: no signal' };
  const decisive = counted.find((s) => holdsAloneReason(s.id));
  if (decisive) return { band: 'hold', reason: `holds-alone: ${decisive.id} decides, whatever the score (${score}): ${holdsAloneReason(decisive.id)}` };
  const substantive = counted.filter((s) => !weakReason(s.id));
  const below = { band: 'clear' as const, reason: `below-review: score ${score} under ${config.thresholds.review}` };
  if (substantive.length === 0) {
    if (score < config.thresholds.review) return below;
    return { band: 'clear', reason: `weak-only: ${list(counted.map((s) => s.id))} are kinds honest applicants commonly show, and never leave clear on their own (score ${score})` };
  }
  const lines = evidenceLines(counted);
  const substantiveLines = evidenceLines(substantive);
  // Strength is judged before the family cap: more evidence of the same kind must not make a strong clue weak.
  const strong = substantive.find((s) => (s.uncappedWeight ?? s.weight) >= config.strongWeight);
  if (score >= config.thresholds.hold && substantiveLines.length >= 2) {
    return { band: 'hold', reason: `independent-lines: score ${score} with substantive evidence on ${substantiveLines.length} independent lines (${list(substantiveLines)})` };
  }
  if (score >= config.thresholds.review && (strong || lines.length >= 2)) {
    const why = strong ? `a strong signal (${strong.id})` : `evidence on ${lines.length} independent lines (${list(lines)})`;
    if (score >= config.thresholds.hold) {
      return { band: 'review', reason: `one-substantive-line: score ${score} and ${why}, but its substantive evidence is one line (${substantiveLines[0]}): hold needs two, a corroborated sanctions match or a link to a held application` };
    }
    return { band: 'review', reason: `${strong ? 'strong-signal' : 'independent-lines'}: score ${score} and ${why}` };
  }
  if (score < config.thresholds.review) return below;
  return { band: 'clear', reason: `one-line: all the evidence is one line (${lines[0]}) with no strong signal; review needs a strong signal or independent lines (score ${score})` };
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
    return { id: s.id, family: def.family as Family, weight, evidence: s.evidence, ...(s.strength !== undefined && s.strength !== 1 ? { strength: s.strength } : {}) };
  });
  const totals = new Map<Family, number>();
  // Summed in the order of the ids, so the same signals give the same score in whatever order they come (a stored result combined again by the weights backtest).
  for (const s of [...signals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) if (s.weight > 0) totals.set(s.family, (totals.get(s.family) ?? 0) + s.weight);
  const scored: ScoredSignal[] = signals.map((s) => {
    const total = totals.get(s.family) ?? 0;
    const cap = familyCap(config, s.family);
    if (s.weight <= 0 || total <= cap) return { ...s, weight: round2(s.weight) };
    return { ...s, weight: round2((s.weight * cap) / total), uncappedWeight: round2(s.weight) };
  });
  scored.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const logOdds = config.prior + scored.reduce((sum, s) => sum + s.weight, 0);
  const score = Math.round(100 / (1 + Math.exp(-logOdds)));
  const { band, reason } = bandWithoutNames(raw, score, scored, config);
  return { score, band, logOdds: round2(logOdds), signals: scored, bandReason: reason };
}

/**
 * A match on a name alone adds its small weight to the score a reader sees but
 * decides no band: the band is the one the rest of the evidence gets, scored
 * without it, so no name moves anyone from one band to another.
 */
function bandWithoutNames(raw: readonly RawSignal[], score: number, scored: readonly ScoredSignal[], config: ScoringConfig): { band: Band; reason: string } {
  const names = scored.filter((s) => s.weight > 0 && decidesNoBandReason(s.id)).map((s) => s.id);
  if (names.length === 0) return bandOf(score, scored, config);
  const rest = combine(raw.filter((s) => !decidesNoBandReason(s.id)), config);
  const aside = `${list(names)} set aside: a name alone decides no band`;
  const withNames = `score ${score} with ${names.length > 1 ? 'them' : 'it'}`;
  if (rest.signals.length === 0) return { band: rest.band, reason: `no-evidence: no signal but ${aside} (${withNames})` };
  return { band: rest.band, reason: `${rest.bandReason} (${aside}; ${withNames})` };
}
