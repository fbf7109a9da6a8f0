import type { Decision } from './model.js';

/**
 * The pre-adverse-action notice the FCRA requires (15 U.S.C. 1681b(b)(3))
 * when an employer may act adversely, in whole or in part, on a consumer
 * report: sent before the decision is final, with a copy of the report and
 * "A Summary of Your Rights Under the Fair Credit Reporting Act". hirewatch
 * produces the text; the organisation sends it, with those enclosures.
 */
export interface NoticeInput {
  readonly candidateName: string;
  readonly organisation: string;
  readonly decision: Decision;
  /** The date the notice is produced (YYYY-MM-DD). */
  readonly date: string;
}

export type NoticeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export function preAdverseActionNotice(input: NoticeInput): NoticeResult {
  if (input.decision.outcome !== 'confirmed_fraud') return { ok: false, reason: 'a notice is produced only for a case decided confirmed_fraud' };
  if (!input.decision.reliedOnBackgroundCheck) return { ok: false, reason: 'the decision did not rely on a background check (consumer report)' };
  const text = [
    input.date,
    '',
    `Dear ${input.candidateName},`,
    '',
    `${input.organisation} is considering a decision not to proceed with your application for employment, based in whole or in part on information in a consumer report (background check) obtained from a consumer reporting agency.`,
    '',
    'Before any final decision is made, and as the Fair Credit Reporting Act requires, we enclose:',
    '  1. a copy of the consumer report we obtained; and',
    '  2. "A Summary of Your Rights Under the Fair Credit Reporting Act".',
    '',
    'You have the right to dispute the accuracy or completeness of any information in the report directly with the consumer reporting agency that provided it, and to obtain a free copy of your report from that agency within 60 days.',
    '',
    'If you believe any information in the report is inaccurate or incomplete, or wish to give us information about it, please contact us within five business days of receiving this letter. No final decision will be made before then.',
    '',
    'Consumer reporting agency: [name, address and telephone number of the agency]',
    '',
    'Sincerely,',
    input.organisation,
  ].join('\n');
  return { ok: true, text };
}
