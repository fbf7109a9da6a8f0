import { SANCTIONS_CHECK, SANCTIONS_SIGNALS, VERIFICATION_CATALOGUE, type VerificationCheck } from '../catalogue/verification-plans.js';
import type { VerificationStep } from './model.js';

/** A signal as a case sees it. */
export interface CaseSignal {
  readonly id: string;
  readonly family: string;
}

const BY_FAMILY = new Map<string, VerificationCheck[]>();
for (const c of VERIFICATION_CATALOGUE) BY_FAMILY.set(c.family, [...(BY_FAMILY.get(c.family) ?? []), c]);

/**
 * The checks the signals call for, in catalogue order, each once: one per
 * family present (identity and profile share the live ID check), and the
 * OFAC comparison for a sanctions name match.
 */
export function checksFor(signals: readonly CaseSignal[]): VerificationCheck[] {
  const families = new Set(signals.map((s) => s.family));
  const sanctions = signals.some((s) => SANCTIONS_SIGNALS.includes(s.id));
  const out: VerificationCheck[] = [];
  const seenCheck = new Set<string>();
  if (sanctions) {
    out.push(SANCTIONS_CHECK);
    seenCheck.add(SANCTIONS_CHECK.check);
  }
  for (const c of VERIFICATION_CATALOGUE) {
    if (!families.has(c.family) || seenCheck.has(c.check)) continue;
    seenCheck.add(c.check);
    out.push(c);
  }
  return out;
}

/**
 * The verification plan of a case, extended by new signals: steps already in
 * `existing` keep their ids and states; a check the new signals call for that
 * the plan lacks is appended as a pending step (ids s1, s2, ...).
 */
export function extendPlan(existing: readonly VerificationStep[], signals: readonly CaseSignal[]): VerificationStep[] {
  const have = new Set(existing.map((s) => s.key));
  const haveCheck = new Set(existing.map((s) => s.check));
  const out = [...existing];
  for (const c of checksFor(signals)) {
    if (have.has(c.key) || haveCheck.has(c.check)) continue;
    out.push({ id: `s${out.length + 1}`, key: c.key, family: c.family, check: c.check, who: c.who, stage: c.stage, why: c.why, state: 'pending' });
  }
  return out;
}

/** What a recruiter may ask the candidate: one question per check, no evidence, no signal named. */
export function candidateQuestions(signals: readonly CaseSignal[]): string[] {
  return [...new Set(checksFor(signals).map((c) => c.candidateQuestion))];
}

const QUESTION_BY_KEY = new Map([...VERIFICATION_CATALOGUE, SANCTIONS_CHECK].map((c) => [c.key, c.candidateQuestion]));

/** The questions for the steps of a plan still pending, each once, in plan order. */
export function questionsForSteps(steps: readonly { readonly key: string }[]): string[] {
  return [...new Set(steps.flatMap((s) => QUESTION_BY_KEY.get(s.key) ?? []))];
}
