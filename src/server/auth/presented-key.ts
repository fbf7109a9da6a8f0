import type { HeaderBag } from '../webhooks/signature.js';
import { headerValue } from '../webhooks/signature.js';

/**
 * The key a request presents: `Authorization: Bearer hw_...` or
 * `X-API-Key: hw_...`. Keys are made, hashed and looked up by the store
 * (src/store/admin-queries.ts: only a SHA-256 of a 192-bit random secret is
 * kept); here only the header is read, and the value is never returned in an
 * error.
 */
export function presentedApiKey(headers: HeaderBag): string | undefined {
  const auth = headerValue(headers, 'authorization');
  const bearer = auth === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  return bearer ?? headerValue(headers, 'x-api-key')?.trim();
}
