import type { CaseStatus, Decision, Outcome, Policy, StepState, VerificationStep } from './model.js';

/**
 * The decision rules (pure). A decision is a person's: hirewatch never
 * decides a case. A reason is required; a decided case takes no new
 * decision; with four eyes on, `confirmed_fraud` needs a second, different
 * key: the first one's decision waits as `pendingDecision`.
 */
export interface DecisionRequest {
  readonly outcome: Outcome;
  readonly reason: string;
  readonly reliedOnBackgroundCheck: boolean;
  readonly by: string;
  readonly at: string;
}

export interface DecisionState {
  readonly status: CaseStatus;
  readonly decision?: Decision | undefined;
  readonly pendingDecision?: Decision | undefined;
}

export type DecisionOutcome =
  | { readonly kind: 'decided'; readonly decision: Decision }
  | { readonly kind: 'proposed'; readonly pending: Decision }
  | { readonly kind: 'refused'; readonly code: 'decided' | 'same_analyst' | 'no_reason'; readonly message: string };

export const MIN_REASON = 10;

export function decide(state: DecisionState, req: DecisionRequest, policy: Pick<Policy, 'fourEyes'>): DecisionOutcome {
  if (state.status === 'decided') return { kind: 'refused', code: 'decided', message: 'the case is decided already' };
  const reason = req.reason.trim();
  if (reason.length < MIN_REASON) return { kind: 'refused', code: 'no_reason', message: `a decision needs a reason of at least ${MIN_REASON} characters` };
  const decision: Decision = { outcome: req.outcome, reason, by: req.by, at: req.at, reliedOnBackgroundCheck: req.reliedOnBackgroundCheck };
  const pending = state.pendingDecision;
  if (req.outcome === 'confirmed_fraud' && policy.fourEyes) {
    if (!pending || pending.outcome !== 'confirmed_fraud') return { kind: 'proposed', pending: decision };
    if (pending.by === req.by) return { kind: 'refused', code: 'same_analyst', message: 'four eyes: a second analyst (another key) must confirm' };
    return {
      kind: 'decided',
      decision: { ...pending, confirmedBy: req.by, at: req.at, reliedOnBackgroundCheck: pending.reliedOnBackgroundCheck || req.reliedOnBackgroundCheck },
    };
  }
  return { kind: 'decided', decision };
}

/** A case's status after a step changes: verifying once any step has a result, open while none has. */
export function statusAfterStep(status: CaseStatus, steps: readonly Pick<VerificationStep, 'state'>[]): CaseStatus {
  if (status === 'decided') return status;
  return steps.some((s) => s.state !== ('pending' satisfies StepState)) ? 'verifying' : 'open';
}

/** Only a recorded human decision of confirmed fraud is adverse. */
export const isAdverse = (decision: Decision | undefined): boolean => decision?.outcome === 'confirmed_fraud';
