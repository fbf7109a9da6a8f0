import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HirewatchStore } from '../../store/index.js';
import { ApiError, parseOrThrow } from '../http/api-error.js';
import type { KeyAuthenticator } from '../http/authenticate.js';
import type { HeaderBag } from '../webhooks/signature.js';
import { clearedSessionCookie, sessionCookie, sessionIdFromCookie, type SessionStore } from './session-store.js';

/**
 * The console's sign-in, beside the route table (it trades a key for a
 * cookie and is not an API resource):
 *
 * - POST /api/v1/session {key}: the key is checked like an API key; a session
 *   is opened and its id set as an HttpOnly, SameSite=Strict, Path=/ cookie
 *   (Secure when the request came over https); answers {org, role, name}.
 *   The key is kept nowhere. Sign-in attempts are limited per client address
 *   (besides the per-address limit of every request), and every sign-in and
 *   sign-out is an audit entry of the key's organisation.
 * - GET /api/v1/session: who is signed in ({signedIn: false} when nobody).
 * - DELETE /api/v1/session: ends the session and clears the cookie.
 */
export const SESSION_PATH = '/api/v1/session';

const SignInSchema = z.strictObject({ key: z.string().min(1).max(256) });

export interface SessionRouteOptions {
  readonly store: HirewatchStore;
  readonly sessions: SessionStore;
  readonly auth: KeyAuthenticator;
  /** Per-address limit on sign-in attempts (onRequest hook). */
  readonly signInLimit: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Mark the cookie Secure: the request came over https (behind a proxy: X-Forwarded-Proto with trustProxy). */
  readonly secure: (request: FastifyRequest) => boolean;
  /** Refuse a cookie-authenticated write without the JSON type or console header, or from another origin. */
  readonly csrfCheck: (request: FastifyRequest) => void;
}

const who = (s: { org: string; role: string; name: string; keyId: string; expiresAt: number }) => ({
  org: s.org,
  role: s.role,
  name: s.name,
  keyId: s.keyId,
  expiresAt: new Date(s.expiresAt).toISOString(),
});

export function registerSessionRoutes(app: FastifyInstance, options: SessionRouteOptions): void {
  const { store, sessions, auth } = options;

  app.post(SESSION_PATH, { onRequest: [options.signInLimit] }, async (request, reply) => {
    const { key } = parseOrThrow(SignInSchema, request.body, 'body');
    const presented = key.trim();
    const info = presented.startsWith('hw_') ? await store.admin.apiKeys.authenticate(presented) : undefined;
    if (!info || info.revokedAt) throw new ApiError(401, 'unauthorized', 'that API key is not valid (unknown or revoked)');
    // A session replacing one this browser already holds: the old one ends.
    sessions.close(sessionIdFromCookie(request.headers.cookie));
    const session = sessions.open({ keyId: info.keyId, org: info.org, role: info.role, name: info.label ?? info.keyId });
    await store.withOrg(info.org).admin.audit.append({ actor: `key:${info.keyId}`, action: 'session.open', detail: { role: info.role, via: 'console' } });
    void reply.header('set-cookie', sessionCookie(session.id, sessions.limits.maxAgeMs, options.secure(request))).header('cache-control', 'no-store');
    return who(session);
  });

  app.get(SESSION_PATH, async (request, reply) => {
    const identified = await auth.identify(request.headers as HeaderBag);
    void reply.header('cache-control', 'no-store');
    // Nobody signed in is an answer, not an error: the console asks on every load.
    if (!identified) return { signedIn: false };
    if (identified.via === 'session') return { signedIn: true, ...who(identified.session), via: 'session' };
    const p = identified.principal;
    return { signedIn: true, org: p.orgId, role: p.role, name: p.keyPrefix, keyId: p.keyPrefix, via: 'key' };
  });

  app.delete(SESSION_PATH, async (request, reply) => {
    const id = sessionIdFromCookie(request.headers.cookie);
    const identified = await auth.identify({ cookie: request.headers.cookie });
    if (identified?.via === 'session') {
      options.csrfCheck(request);
      sessions.close(id);
      await store.withOrg(identified.session.org).admin.audit.append({ actor: `key:${identified.session.keyId}`, action: 'session.close', detail: { role: identified.session.role, via: 'console' } });
    } else {
      sessions.close(id);
    }
    void reply.header('set-cookie', clearedSessionCookie(options.secure(request))).code(204);
    return reply.send();
  });
}
