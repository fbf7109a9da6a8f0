import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HeaderBag } from '../webhooks/signature.js';
import { headerValue } from '../webhooks/signature.js';
import type { Role } from './roles.js';

/**
 * API keys: `hw_<prefix>_<secret>`, both parts base62. The 8-character prefix
 * is public: it is stored in clear, shown in listings and audit entries, and
 * used to find the key's row. The 43-character secret (about 256 random bits)
 * is shown once, at creation, and only its hash is stored.
 *
 * Why plain SHA-256 and not a slow password hash: slow hashes (scrypt,
 * argon2) exist to make guessing a *low-entropy* secret expensive after the
 * hashes leak. A 256-bit random secret cannot be guessed whatever the hash,
 * so a slow hash would only add latency to every request. SHA-256 is
 * preimage-resistant, which is all that is needed here.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_PREFIX_LENGTH = 8;
export const KEY_SECRET_LENGTH = 43;
const KEY_PATTERN = new RegExp(`^hw_([0-9A-Za-z]{${KEY_PREFIX_LENGTH}})_([0-9A-Za-z]{${KEY_SECRET_LENGTH}})$`);

/** `length` base62 characters from the CSPRNG, without modulo bias (bytes >= 248 are redrawn). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue; // 248 = 62 * 4: keep only bytes that map evenly
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** The stored form of a key: never the secret. */
export interface StoredApiKey {
  readonly prefix: string;
  /** Hex SHA-256 of the secret part. */
  readonly secretHash: string;
  readonly role: Role;
  readonly orgId: string;
  readonly createdAt: string;
  readonly revokedAt?: string | null;
  readonly name?: string | null;
}

export interface NewApiKey {
  /** The whole key, to print once and never store or log. */
  readonly key: string;
  readonly stored: StoredApiKey;
}

/** Hex SHA-256 of a key's secret part. */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new key for `role` in `orgId`. `createdAt` is passed in so the function stays pure apart from randomness. */
export function generateApiKey(input: { role: Role; orgId: string; createdAt: string; name?: string }): NewApiKey {
  const prefix = randomBase62(KEY_PREFIX_LENGTH);
  const secret = randomBase62(KEY_SECRET_LENGTH);
  const stored: StoredApiKey = {
    prefix,
    secretHash: hashKeySecret(secret),
    role: input.role,
    orgId: input.orgId,
    createdAt: input.createdAt,
    ...(input.name === undefined ? {} : { name: input.name }),
  };
  return { key: `hw_${prefix}_${secret}`, stored };
}

/** The two parts of a presented key, or undefined when it is not in the key format. */
export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const m = KEY_PATTERN.exec(key.trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : undefined;
}

/**
 * The key a request presents: `Authorization: Bearer hw_...` or
 * `X-API-Key: hw_...`. Only the format is checked here; the value is never
 * returned in an error.
 */
export function presentedApiKey(headers: HeaderBag): string | undefined {
  const auth = headerValue(headers, 'authorization');
  const bearer = auth === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  return bearer ?? headerValue(headers, 'x-api-key')?.trim();
}

export type KeyCheck =
  | { readonly ok: true; readonly key: StoredApiKey }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown' | 'revoked' | 'mismatch' };


/**
 * Check a presented key's parts against the row found by its prefix
 * (undefined when there is none). The hashes are compared in constant time,
 * against a dummy when the row is missing so both paths do the same work.
 * Callers answer 401 for every failure alike; `reason` is for the audit log
 * and metrics only.
 */
export function checkApiKey(parts: { prefix: string; secret: string }, stored: StoredApiKey | undefined): KeyCheck {
  const actual = Buffer.from(hashKeySecret(parts.secret), 'hex');
  const expected = Buffer.from(stored?.secretHash ?? '0'.repeat(64), 'hex');
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (!stored || stored.prefix !== parts.prefix) return { ok: false, reason: 'unknown' };
  if (!same) return { ok: false, reason: 'mismatch' };
  if (stored.revokedAt) return { ok: false, reason: 'revoked' };
  return { ok: true, key: stored };
}

/** Parse, look the prefix up (the store is asynchronous), check. */
export async function verifyApiKey(
  presented: string | undefined,
  lookup: (prefix: string) => StoredApiKey | undefined | Promise<StoredApiKey | undefined>,
): Promise<KeyCheck> {
  const parts = presented === undefined ? undefined : parseApiKey(presented);
  if (!parts) return { ok: false, reason: 'malformed' };
  return checkApiKey(parts, await lookup(parts.prefix));
}
