import type { SourceKey } from './sources.js';

/**
 * The signal catalogue: every signal hirewatch can raise, in one table.
 * Detectors refer to these ids only; the scorer takes weights from here
 * (configuration may override them); docs/signals.md is generated from here.
 *
 * Weights are log-odds (natural log of a likelihood ratio): 0.35 means the
 * clue makes fraud about 1.4x as likely as before, 2.3 about 10x.
 */
export const FAMILIES = [
  'identity', 'contact', 'education', 'employment', 'watchlist', 'geography',
  'linkage', 'profile', 'interview', 'onboarding', 'telemetry',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface SignalDefinition {
  readonly family: Family;
  /** Default weight in log-odds. */
  readonly weight: number;
  /** One line: what fired. */
  readonly description: string;
  /** The public source that motivates the signal. */
  readonly source: SourceKey;
}

export const SIGNALS = {
  'contact.phone_plus1_format': {
    family: 'contact',
    weight: 0.35,
    description: 'A US number written with the "+1" country code, which people in the US rarely type for their own number.',
    source: 'amazon2025',
  },
  'contact.phone_invalid': {
    family: 'contact',
    weight: 0.9,
    description: 'A phone number that is not possible or not assigned in the numbering plan of its country.',
    source: 'advisory2022',
  },
  'contact.phone_toll_free_or_premium': {
    family: 'contact',
    weight: 0.9,
    description: 'A toll-free, premium-rate or shared-cost number given as a personal phone.',
    source: 'advisory2022',
  },
  'contact.phone_non_geographic': {
    family: 'contact',
    weight: 0.6,
    description: 'A VoIP, personal-number, UAN or pager number: reachable anywhere, tied to no place.',
    source: 'advisory2022',
  },
  'contact.disposable_email': {
    family: 'contact',
    weight: 1.2,
    description: 'A mailbox on a throw-away (disposable) mail domain.',
    source: 'fbi2025',
  },
  'contact.reference_is_applicant': {
    family: 'contact',
    weight: 1.8,
    description: "A reference's phone or mailbox is the applicant's own.",
    source: 'fbi2025',
  },
  'identity.profile_name_mismatch': {
    family: 'identity',
    weight: 0.5,
    description: 'The name on the linked profile is not the applicant\'s name, even allowing for nicknames, order, initials and romanisation.',
    source: 'advisory2022',
  },
} as const satisfies Record<string, SignalDefinition>;

export type SignalId = keyof typeof SIGNALS;

export function signalDefinition(id: SignalId): SignalDefinition {
  return SIGNALS[id];
}

export function signalIds(): SignalId[] {
  return Object.keys(SIGNALS) as SignalId[];
}
