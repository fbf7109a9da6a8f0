import type { CaseBand, Policy } from './model.js';

/**
 * A case's priority and due date (pure). Priority, 0-100, higher first: the
 * highest member score, plus 5 per member of a ring beyond the first (at most
 * 20), plus 10 for a sensitive role (the job title names one of the policy's
 * terms). It reads scores, ring size and the job title, nothing else about
 * the person (test/cases/lawful-cases.test.ts).
 */
export interface PriorityInput {
  readonly score: number;
  readonly members: number;
  readonly jobTitle?: string | undefined;
}

export const RING_STEP = 5;
export const RING_MAX = 20;
export const SENSITIVE_ROLE = 10;

export function isSensitiveRole(jobTitle: string | undefined, policy: Pick<Policy, 'sensitiveRoleTerms'>): boolean {
  if (!jobTitle) return false;
  const words = jobTitle.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const title = ` ${words.join(' ')} `;
  return policy.sensitiveRoleTerms.some((term) => {
    const t = term.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ');
    return t.length > 0 && title.includes(` ${t} `);
  });
}

export function casePriority(input: PriorityInput, policy: Pick<Policy, 'sensitiveRoleTerms'>): number {
  const ring = Math.min(RING_MAX, Math.max(0, input.members - 1) * RING_STEP);
  const sensitive = isSensitiveRole(input.jobTitle, policy) ? SENSITIVE_ROLE : 0;
  return Math.max(0, Math.min(100, Math.round(input.score) + ring + sensitive));
}

const DAY_MS = 86_400_000;

/** When the case is due: opened plus the policy's SLA for its band. */
export function caseDueAt(openedAt: string, band: CaseBand, policy: Pick<Policy, 'slaDays'>): string {
  return new Date(Date.parse(openedAt) + policy.slaDays[band] * DAY_MS).toISOString();
}

/** Whole days between two instants (a case's age). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}
