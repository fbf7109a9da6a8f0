import { formatMonth } from '../normalise/date.js';
import type { NormalEmployment } from '../normalise/application.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The employment family: does the work history hold together? Only claims
 * that contradict each other or the calendar are evidence; a gap, a career
 * change or a short job is not.
 */
const NOT_FULL_TIME = /\b(contract(or)?|part[- ]?time|freelance|self[- ]employed|consultant|intern(ship)?|volunteer|advisor|adjunct|teaching assistant|research assistant|founder|co-?founder|moonlight)/i;
const OVERLAP_MONTHS = 3;
const YEARS_CLAIM = /\b(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b(?:\s+of)?(?:\s+\w+){0,3}\s+experience/i;

const label = (job: NormalEmployment): string => `${job.title ? `${job.title} at ` : ''}${job.employer ?? 'an unnamed employer'}`;
const span = (job: NormalEmployment): string => `${job.start !== undefined ? formatMonth(job.start) : '?'} to ${job.current ? 'present' : job.end !== undefined ? formatMonth(job.end) : '?'}`;

function fullTime(job: NormalEmployment): boolean {
  return !NOT_FULL_TIME.test(`${job.title ?? ''} ${job.employer ?? ''}`);
}

function overlaps(jobs: readonly NormalEmployment[]): RawSignal[] {
  const dated = jobs.filter((j) => j.start !== undefined && j.end !== undefined && j.end >= j.start! && fullTime(j));
  for (let i = 0; i < dated.length; i++) {
    for (let k = i + 1; k < dated.length; k++) {
      const a = dated[i]!;
      const b = dated[k]!;
      const months = Math.min(a.end!, b.end!) - Math.max(a.start!, b.start!);
      if (months > OVERLAP_MONTHS) {
        return [{ id: 'employment.overlapping_full_time', evidence: `${label(a)} (${span(a)}) and ${label(b)} (${span(b)}) overlap by ${months} months` }];
      }
    }
  }
  return [];
}

function impossible(jobs: readonly NormalEmployment[], submitted: number): RawSignal[] {
  const out: RawSignal[] = [];
  for (const job of jobs) {
    if (job.start !== undefined && job.end !== undefined && !job.current && job.end < job.start) {
      out.push({ id: 'employment.impossible_dates', evidence: `${label(job)} ends (${formatMonth(job.end)}) before it starts (${formatMonth(job.start)})` });
    } else if (job.start !== undefined && job.start > submitted) {
      out.push({ id: 'employment.impossible_dates', evidence: `${label(job)} starts ${formatMonth(job.start)}, after the application was submitted (${formatMonth(submitted)})` });
    }
  }
  return out;
}

export const employmentDetector: Detector = {
  name: 'employment',
  family: 'employment',
  detect(record) {
    const jobs = record.employment;
    const out = [...overlaps(jobs), ...impossible(jobs, record.submittedMonth)];
    const claim = record.resumeText ? YEARS_CLAIM.exec(record.resumeText) : null;
    const starts = [...jobs, ...record.education].map((p) => p.start).filter((m): m is number => m !== undefined);
    if (claim && starts.length > 0 && jobs.length > 0) {
      const claimed = Number(claim[1]);
      const held = (record.submittedMonth - Math.min(...starts)) / 12;
      if (claimed - held >= 3) {
        out.push({
          id: 'employment.experience_claim_exceeds_history',
          evidence: `the resume claims "${claim[0]}" but the history given starts ${formatMonth(Math.min(...starts))}, ${held.toFixed(1)} years before the application`,
        });
      }
    }
    return out;
  },
};
