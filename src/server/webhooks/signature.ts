import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature checks for the three ATS vendors, each exactly as the
 * vendor documents it (see test/fixtures/webhooks/README.md for the pages):
 *
 * - Greenhouse: header `Signature: sha256 <hex>`, HMAC-SHA256 of the raw body
 *   keyed with the web hook's secret key.
 * - Ashby: header `Ashby-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body
 *   keyed with the webhook's secret token.
 * - Lever: no header; the JSON body carries `token`, `triggeredAt` and
 *   `signature`, and the signature is HMAC-SHA256 of `token + triggeredAt`
 *   keyed with the webhook's signature token.
 *
 * Digests are compared as bytes with `timingSafeEqual`. Several secrets may be
 * given (rotation): every one is tried, so the time taken does not tell which
 * matched. Nothing here logs, and no reason ever contains a secret or a digest.
 */

export type SignatureFailure =
  | 'no_secret' // we hold no secret for this vendor and organisation (the HMAC is computed all the same)
  | 'missing_signature' // the header (or the Lever body fields) is absent
  | 'malformed_signature' // present but not in the vendor's documented form
  | 'bad_signature'; // well-formed but does not match

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: SignatureFailure };

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** A header's single value, looked up without regard to case; a repeated header is refused (undefined). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

/** HMAC-SHA256 of `message` keyed with `secret`, as lowercase hex. */
export function hmacSha256Hex(secret: string, message: string | Uint8Array): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** Checked when an organisation has no secret, so that its answer takes as long as a wrong signature's. */
const NO_SECRET = randomBytes(32).toString('hex');

function matchesAnySecret(secrets: readonly string[], message: string | Uint8Array, providedHex: string): SignatureCheck {
  const usable = secrets.filter((s) => s.length > 0);
  if (!HEX_SHA256.test(providedHex)) return { ok: false, reason: usable.length === 0 ? 'no_secret' : 'malformed_signature' };
  const provided = Buffer.from(providedHex, 'hex');
  let matched = false;
  for (const secret of usable.length > 0 ? usable : [NO_SECRET]) {
    const expected = createHmac('sha256', secret).update(message).digest();
    // Both are 32 bytes: timingSafeEqual never throws here. No early exit.
    matched = timingSafeEqual(expected, provided) || matched;
  }
  if (usable.length === 0) return { ok: false, reason: 'no_secret' };
  return matched ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** Greenhouse: `Signature: sha256 <hex>` over the raw body (bytes exactly as received). */
export function verifyGreenhouseSignature(rawBody: string | Uint8Array, headers: HeaderBag, secrets: readonly string[]): SignatureCheck {
  const header = headerValue(headers, 'signature');
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };
  const match = /^sha256 +([^ ]+)$/i.exec(header.trim());
  if (!match) return { ok: false, reason: 'malformed_signature' };
  return matchesAnySecret(secrets, rawBody, match[1]!);
}

/** Ashby: `Ashby-Signature: sha256=<hex>` over the raw body. */
export function verifyAshbySignature(rawBody: string | Uint8Array, headers: HeaderBag, secrets: readonly string[]): SignatureCheck {
  const header = headerValue(headers, 'ashby-signature');
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };
  const match = /^sha256=(.+)$/i.exec(header.trim());
  if (!match) return { ok: false, reason: 'malformed_signature' };
  return matchesAnySecret(secrets, rawBody, match[1]!);
}

/** The three fields of a Lever body the signature is made of. */
export interface LeverSignedFields {
  readonly token?: unknown;
  readonly triggeredAt?: unknown;
  readonly signature?: unknown;
}

/**
 * Lever: HMAC-SHA256 of `token + triggeredAt` (plain concatenation, the
 * timestamp in milliseconds as written in the body) keyed with the signature
 * token. The signature does not cover the rest of the body, so `maxAgeMs`
 * bounds how old a replayed delivery may be (checked against `nowMs`).
 */
export function verifyLeverSignature(
  body: LeverSignedFields,
  secrets: readonly string[],
  options: { readonly nowMs?: number; readonly maxAgeMs?: number } = {},
): SignatureCheck {
  const { token, triggeredAt, signature } = body;
  if (token === undefined || triggeredAt === undefined || signature === undefined) return { ok: false, reason: 'missing_signature' };
  if (typeof token !== 'string' || typeof signature !== 'string' || token === '') return { ok: false, reason: 'malformed_signature' };
  if (typeof triggeredAt !== 'number' && typeof triggeredAt !== 'string') return { ok: false, reason: 'malformed_signature' };
  const check = matchesAnySecret(secrets, token + String(triggeredAt), signature);
  if (!check.ok || options.maxAgeMs === undefined) return check;
  const at = Number(triggeredAt);
  const now = options.nowMs ?? Date.now();
  if (!Number.isFinite(at) || Math.abs(now - at) > options.maxAgeMs) return { ok: false, reason: 'bad_signature' };
  return check;
}
