import { foldText } from './text.js';

/**
 * An email address reduced to the mailbox that receives it: case folded,
 * and for providers that ignore them, dots and "+tags" removed
 * ("John.Doe+jobs@Gmail.com" and "johndoe@googlemail.com" are one mailbox).
 */
export interface NormalEmail {
  readonly raw: string;
  /** The canonical mailbox "local@domain", or undefined when this is not an address. */
  readonly mailbox?: string;
  readonly domain?: string;
}

const DOMAIN_ALIASES = new Map(Object.entries({ 'googlemail.com': 'gmail.com', 'pm.me': 'proton.me', 'protonmail.com': 'proton.me', 'protonmail.ch': 'proton.me' }));
/** Providers that deliver "name+tag@" to "name@". */
const PLUS_TAGS = new Set(['gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'proton.me', 'fastmail.com', 'yandex.ru', 'zoho.com']);
/** Providers that ignore dots in the local part. */
const DOTLESS = new Set(['gmail.com']);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;
const LOCAL = /^[^\s@<>()[\]\\,;:"]{1,64}$/;

/** Canonical domain: lower case, no trailing dot, provider aliases folded. */
export function canonicalDomain(domain: string): string {
  const d = foldText(domain).trim().replace(/\.$/, '');
  return DOMAIN_ALIASES.get(d) ?? d;
}

export function normaliseEmail(raw: string): NormalEmail {
  const text = foldText(raw).trim().replace(/^mailto:/, '').replace(/^<|>$/g, '');
  const at = text.lastIndexOf('@');
  if (at <= 0) return { raw };
  const domain = canonicalDomain(text.slice(at + 1));
  let local = text.slice(0, at);
  if (!DOMAIN.test(domain) || !LOCAL.test(local)) return { raw };
  if (PLUS_TAGS.has(domain)) local = local.replace(/\+.*$/, '');
  if (DOTLESS.has(domain)) local = local.replace(/\./g, '');
  if (!local) return { raw };
  return { raw, mailbox: `${local}@${domain}`, domain };
}
