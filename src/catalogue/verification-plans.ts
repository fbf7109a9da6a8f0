import type { Family } from './signals.js';

/**
 * The verification catalogue, kept as data beside the signal catalogue: for
 * each signal family, the concrete check a person makes before the process
 * goes on, who makes it, at which stage, why, and the question a recruiter
 * may put to the candidate (it names no evidence). A case's plan is built
 * from it (src/cases/plan.ts): one step per family its signals belong to,
 * and the sanctions step for a watchlist name match.
 *
 * Every check verifies a claim through a channel the applicant does not
 * control (an independently found number, the registrar, a live camera);
 * none of them asks about national origin, citizenship or language.
 */
export interface VerificationCheck {
  /** The step's key in a plan (stable: decisions and labels refer to it). */
  readonly key: string;
  readonly family: Family;
  readonly check: string;
  readonly who: string;
  readonly stage: 'before interview' | 'interview' | 'before offer' | 'onboarding' | 'post-hire';
  readonly why: string;
  /** What a recruiter may ask the candidate (never the evidence). */
  readonly candidateQuestion: string;
}

const identityCheck = (family: Family, key: string): VerificationCheck => ({
  key,
  family,
  check:
    'Live video call with the camera on; the candidate holds the government ID to the camera and it is compared with the document and the person (or record an identity-verification vendor\'s result as evidence).',
  who: 'recruiter or hiring manager, with an analyst',
  stage: 'interview',
  why: 'Assumed and borrowed identities, and stand-ins on video, fail a live comparison of face and document.',
  candidateQuestion: 'Please join a short video call with your camera on and have your government-issued photo ID ready to show.',
});

export const VERIFICATION_CATALOGUE: readonly VerificationCheck[] = [
  identityCheck('identity', 'identity.live_id'),
  identityCheck('profile', 'profile.live_id'),
  {
    key: 'education.registrar', family: 'education',
    check: 'Verify the degree with the registrar or a degree-verification service, using contact details found independently (the institution\'s own website or directory), never those on the resume.',
    who: 'analyst', stage: 'before offer',
    why: 'Invented or borrowed degrees come with contact details that lead back to the applicant.',
    candidateQuestion: 'Please confirm the exact name of the institution, the degree, and your dates of attendance as the registrar would have them.',
  },
  {
    key: 'employment.hr', family: 'employment',
    check: 'Verify each recent employment with the employer\'s HR department through a number found independently (company website, directory), never one given by the candidate.',
    who: 'analyst', stage: 'before offer',
    why: 'Fabricated employment histories give numbers answered by accomplices.',
    candidateQuestion: 'Please confirm the legal names of your recent employers, your job titles and dates of employment.',
  },
  {
    key: 'contact.reference_callback', family: 'contact',
    check: 'Call each reference back through the reference\'s company main line (found independently) and ask to be put through; confirm the phone and mailbox given are the candidate\'s own.',
    who: 'recruiter', stage: 'before offer',
    why: 'Shared or virtual numbers and references who are the applicant are common to fraudulent applications.',
    candidateQuestion: 'Please confirm the phone number and email address you want us to use, and the companies your references work for.',
  },
  {
    key: 'geography.in_person', family: 'geography',
    check: 'Meet in person, or inspect the I-9 documents in person (an authorised representative may do it), at or near the claimed home address.',
    who: 'hiring manager or authorised representative', stage: 'onboarding',
    why: 'A claimed location that networks, time zones and area codes do not support is settled by a person being there.',
    candidateQuestion: 'We complete identity and employment-eligibility documents in person; please tell us where you can meet us near your home address.',
  },
  {
    key: 'onboarding.equipment', family: 'onboarding',
    check: 'Ship equipment only to the verified home address, with signature by the employee on delivery; no forwarding, no mail drops.',
    who: 'IT and HR', stage: 'onboarding',
    why: 'Laptop farms receive company laptops at addresses other than the worker\'s home.',
    candidateQuestion: 'Please confirm the home address where you will sign for your equipment in person.',
  },
  {
    key: 'telemetry.it_review', family: 'telemetry',
    check: 'IT reviews the device: remote-access tools, KVM-over-IP hardware, mouse jigglers, login locations; record what was found.',
    who: 'IT security', stage: 'post-hire',
    why: 'A device operated from elsewhere shows remote-access tools and hardware that a local worker does not need.',
    candidateQuestion: 'IT will schedule a short review of your work device with you.',
  },
  {
    key: 'linkage.identity_review', family: 'linkage',
    check: 'Compare the linked applications (shared phone, mailbox, device, address, payroll account, photo): confirm with each applicant, through the live ID check, who they are and why the identifier is shared.',
    who: 'analyst', stage: 'before interview',
    why: 'One operator applying under several identities reuses contact details, devices and photos.',
    candidateQuestion: 'Please confirm the phone number, email address and home address that belong to you alone.',
  },
  {
    key: 'interview.structured', family: 'interview',
    check: 'A second, structured interview with the camera on, by another interviewer, including questions about the claimed location and past work that are answered live.',
    who: 'hiring manager', stage: 'interview',
    why: 'Stand-ins, read answers and altered video or voice do not hold up in a second live conversation.',
    candidateQuestion: 'We would like a second short interview by video with your camera on.',
  },
  {
    key: 'watchlist.review', family: 'watchlist',
    check: 'Review the listed employer, school, domain or address the application names and record whether the application really refers to the listed entry.',
    who: 'analyst or compliance', stage: 'before interview',
    why: 'A listed organisation or address on an application is checked against the list before anything else.',
    candidateQuestion: 'Please confirm the full legal names and addresses of the organisations on your application.',
  },
];

/** The OFAC step for a sanctions name match: compare what the list says with what the applicant is, and record it. */
export const SANCTIONS_CHECK: VerificationCheck = {
  key: 'watchlist.ofac_compare', family: 'watchlist',
  check: 'Follow OFAC\'s steps for a potential match: compare the date of birth, nationality and address on the listed entry (SDN list) with the applicant\'s documents; record whether it is a true match, a false hit, or cannot be told (then contact OFAC\'s hotline).',
  who: 'compliance', stage: 'before interview',
  why: 'A name alone is not a match; OFAC asks for the entry\'s other identifiers to be compared before anything is blocked or reported.',
  candidateQuestion: 'Please provide your date of birth and current address as shown on your identity document.',
};

/** Signals that call for SANCTIONS_CHECK. */
export const SANCTIONS_SIGNALS: readonly string[] = ['watchlist.sanctioned_person', 'watchlist.sanctions_potential_match', 'watchlist.reference_sanctioned'];
