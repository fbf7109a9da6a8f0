import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so that two records with the
 * same content hash the same whatever order their fields were written in.
 * Array order is content and is kept.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the canonical JSON of a record: its identity as content. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Fingerprint of an identifier value (a phone, a mailbox): links store this, never the value. */
export function valueFingerprint(kind: string, value: string): string {
  return sha256Hex(`${kind}\u0000${value}`).slice(0, 32);
}
