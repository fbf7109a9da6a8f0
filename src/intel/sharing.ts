import { createHmac } from 'node:crypto';
import type { Indicator, IndicatorDecision, IndicatorKind } from './indicators.js';

/**
 * Indicators made fit to leave the organisation (docs/SHARING.md).
 *
 * - `private`: each value is replaced by HMAC-SHA256 under the consortium's
 *   key over its match class and canonical value, so members holding the key
 *   match each other's indicators without seeing them; case ids become keyed
 *   tags too (they would otherwise name the sharer's own records).
 * - `clear`: the canonical values, for law enforcement.
 *
 * Pure: the key is given, never read or written here.
 */
export const SHARING_MODES = ['private', 'clear'] as const;
export type SharingMode = (typeof SHARING_MODES)[number];

/** Kinds that compare with each other: a phone given as a reference is the same phone. */
export const MATCH_CLASS: ReadonlyMap<IndicatorKind, string> = new Map<IndicatorKind, string>([
  ['phone', 'phone'], ['referencePhone', 'phone'], ['email', 'email'], ['referenceEmail', 'email'],
  ['address', 'address'], ['shippingAddress', 'address'], ['payroll', 'payroll'], ['device', 'device'],
  ['profile', 'profile'], ['ip', 'ip'], ['photo', 'photo'], ['resume', 'resume'], ['employer', 'employer'],
]);

/** Version of the hashed form: a change to what is hashed changes it, so old and new hashes are never compared. */
export const HASH_SCHEME = 'hirewatch-hmac-sha256-v1';

/** The smallest key accepted, in bytes (HMAC-SHA256's block of security). */
export const MIN_KEY_BYTES = 32;

export class SharingKeyError extends Error {}

function checkKey(key: Buffer): void {
  if (key.length < MIN_KEY_BYTES) throw new SharingKeyError(`the consortium key is ${key.length} bytes; at least ${MIN_KEY_BYTES} are needed`);
}

/** The keyed hash of one canonical value (64 hex digits). Domain-separated by scheme and match class. */
export function keyedHash(key: Buffer, kind: IndicatorKind, value: string): string {
  checkKey(key);
  return createHmac('sha256', key).update(`${HASH_SCHEME}\u0000${MATCH_CLASS.get(kind)!}\u0000${value}`).digest('hex');
}

/** A public name of the key (16 hex digits): members see which key a file was made with, and rotation shows. */
export function keyId(key: Buffer): string {
  checkKey(key);
  return createHmac('sha256', key).update(`${HASH_SCHEME}\u0000key-id`).digest('hex').slice(0, 16);
}

/** A case id as a keyed tag (24 hex digits): the same ring reads the same in every export under one key. */
export function caseTag(key: Buffer, caseId: string): string {
  return createHmac('sha256', key).update(`${HASH_SCHEME}\u0000case\u0000${caseId}`).digest('hex').slice(0, 24);
}

export interface SharedDecision extends Omit<IndicatorDecision, 'caseId'> {
  /** The case id in clear mode; its keyed tag in private mode. */
  readonly caseRef: string;
}

/** An indicator as it leaves: `value` in clear mode, `hash` in private mode, never both. */
export interface SharedIndicator {
  readonly kind: IndicatorKind;
  readonly matchClass: string;
  readonly value?: string;
  readonly hash?: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
  readonly decisions: readonly SharedDecision[];
}

export type Sharing = { readonly mode: 'clear' } | { readonly mode: 'private'; readonly key: Buffer };

export function shareIndicator(indicator: Indicator, sharing: Sharing): SharedIndicator {
  const { kind, value, firstSeen, lastSeen, count } = indicator;
  const common = { kind, matchClass: MATCH_CLASS.get(kind)!, firstSeen, lastSeen, count };
  if (sharing.mode === 'clear') {
    return { ...common, value, decisions: indicator.decisions.map(({ caseId, ...d }) => ({ ...d, caseRef: caseId })) };
  }
  return {
    ...common,
    hash: keyedHash(sharing.key, kind, value),
    decisions: indicator.decisions.map(({ caseId, ...d }) => ({ ...d, caseRef: caseTag(sharing.key, caseId) })),
  };
}
