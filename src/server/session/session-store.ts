import { randomBytes } from 'node:crypto';
import type { Role } from '../../store/index.js';

/**
 * Console sessions, held in the server's memory: a random id (256 bits, the
 * cookie's value) → the key it was opened with (its id, never its secret),
 * the organisation, the role and when it ends. The API key itself is sent
 * once, to POST /api/v1/session, and kept nowhere: not in the browser, not
 * here, not in a log.
 *
 * Why memory and not the store: a session is worth less than the key behind
 * it (the key is checked again on every request, so revoking it ends its
 * sessions at once), losing every session on a restart costs each person one
 * sign-in, and a table would put a credential-equivalent token in backups.
 * Several server processes behind one address need sticky routing or a
 * sign-in per process (docs/CONSOLE.md).
 */
export interface Session {
  readonly id: string;
  readonly keyId: string;
  readonly org: string;
  readonly role: Role;
  /** The key's label, else its id: who is signed in, as the console shows it. */
  readonly name: string;
  readonly createdAt: number;
  /** Ends at the latest here (absolute lifetime). */
  readonly expiresAt: number;
  /** Ends here when unused (idle lifetime, moved by each request). */
  idleUntil: number;
}

export interface SessionLimits {
  /** Absolute lifetime (default 8 h). */
  readonly maxAgeMs: number;
  /** Idle lifetime (default 1 h). */
  readonly idleMs: number;
  /** Most sessions held at once; the oldest go first beyond it (default 10,000). */
  readonly maxSessions: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxAgeMs: 8 * 3_600_000, idleMs: 3_600_000, maxSessions: 10_000 };

/** A session id as the cookie carries it: 43 characters of base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly limits: SessionLimits;
  readonly #now: () => number;

  constructor(limits: Partial<SessionLimits> = {}, now: () => number = Date.now) {
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
    this.#now = now;
  }

  open(fields: { keyId: string; org: string; role: Role; name: string }): Session {
    const now = this.#now();
    this.#prune(now);
    while (this.#sessions.size >= this.limits.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    const session: Session = {
      ...fields,
      id: randomBytes(32).toString('base64url'),
      createdAt: now,
      expiresAt: now + this.limits.maxAgeMs,
      idleUntil: Math.min(now + this.limits.idleMs, now + this.limits.maxAgeMs),
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (its idle time restarts), else undefined (unknown, expired or malformed). */
  touch(id: string | undefined): Session | undefined {
    if (!id || !SESSION_ID.test(id)) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.#now();
    if (now >= session.expiresAt || now >= session.idleUntil) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.idleUntil = Math.min(now + this.limits.idleMs, session.expiresAt);
    return session;
  }

  close(id: string | undefined): boolean {
    return id ? this.#sessions.delete(id) : false;
  }

  /** Ends every session opened with a key (its revocation was seen). */
  closeForKey(keyId: string): void {
    for (const [id, s] of this.#sessions) if (s.keyId === keyId) this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }

  #prune(now: number): void {
    for (const [id, s] of this.#sessions) if (now >= s.expiresAt || now >= s.idleUntil) this.#sessions.delete(id);
  }
}

export const SESSION_COOKIE = 'hw_session';

/** The session cookie's value in a Cookie header (the first one named so), else undefined. */
export function sessionIdFromCookie(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a session: HttpOnly, SameSite=Strict, Path=/, Secure over https. */
export function sessionCookie(id: string, maxAgeMs: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
