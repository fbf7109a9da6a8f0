import { randomBytes } from 'node:crypto';

/** A new id for a case, note, attachment: the prefix and 16 random hex digits (never derived from a request). */
export function newCaseId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
