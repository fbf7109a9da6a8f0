import type { AnyBand, CaseBand, CaseStatus, Decision, Policy } from './model.js';
import { bandRank } from './model.js';
import { addDays } from './priority.js';

/**
 * Holds stick (pure). A person closes a case, not a new version: while an
 * application's case is open or verifying, or was decided confirmed fraud,
 * a new screening of it cannot lower its band below the case's band.
 */
export interface CaseStanding {
  readonly status: CaseStatus;
  readonly band: CaseBand;
  readonly decision?: Pick<Decision, 'outcome'> | undefined;
}

/** The lowest band a new screening of a member may have (undefined: none; the result stands as screened). */
export function bandFloor(cases: readonly CaseStanding[]): CaseBand | undefined {
  let floor: CaseBand | undefined;
  for (const c of cases) {
    const binds = c.status !== 'decided' || c.decision?.outcome === 'confirmed_fraud';
    if (!binds) continue;
    const band: CaseBand = c.decision?.outcome === 'confirmed_fraud' ? 'hold' : c.band;
    if (!floor || bandRank(band) > bandRank(floor)) floor = band;
  }
  return floor;
}

/** The band a result is stored and returned with: at least the floor. */
export function stickyBand(screened: AnyBand, floor: CaseBand | undefined): AnyBand {
  return floor && bandRank(floor) > bandRank(screened) ? floor : screened;
}

/** Whether a result of this band opens a case under the policy. */
export function opensCase(band: AnyBand, policy: Pick<Policy, 'openOn'>): band is CaseBand {
  return band !== 'clear' && policy.openOn.includes(band);
}

/** A cleared decision on a member: when, and the signal ids the member had then. */
export interface Clearance {
  readonly decidedAt: string;
  readonly signals: readonly string[];
}

/**
 * A cleared case suppresses the same evidence for the same person for the
 * policy's period: a new result whose signals were all present when the
 * case was cleared, within clearedSuppressDays of the decision, opens no new
 * case. A result with any new signal is handled as usual.
 */
export function suppressedByClearance(clearances: readonly Clearance[], signals: readonly string[], now: string, policy: Pick<Policy, 'clearedSuppressDays'>): boolean {
  if (policy.clearedSuppressDays <= 0) return false;
  return clearances.some((c) => {
    if (addDays(c.decidedAt, policy.clearedSuppressDays) <= now) return false;
    const then = new Set(c.signals);
    return signals.every((s) => then.has(s));
  });
}
