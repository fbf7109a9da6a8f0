import type { Application } from '../parse/application-schema.js';
import { normaliseAddress, type NormalAddress } from '../normalise/address.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { normalisePhone } from '../normalise/phone.js';

/**
 * The identifiers an application is linked by, each reduced to a canonical
 * value so that two ways of writing one phone, mailbox, address or profile
 * give one key. Pure.
 */
export const IDENTIFIER_KINDS = [
  'phone', 'email', 'address', 'shippingAddress', 'payroll', 'device', 'profile',
  'ip', 'ipPrefix', 'referencePhone', 'referenceEmail', 'referenceDevice',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** How each kind reads in evidence. */
export const KIND_LABEL: Record<IdentifierKind, string> = {
  phone: 'phone', email: 'mailbox', address: 'address', shippingAddress: 'shipping address',
  payroll: 'payroll account', device: 'device', profile: 'profile', ip: 'IP',
  ipPrefix: 'IP network', referencePhone: 'reference phone', referenceEmail: 'reference mailbox',
  referenceDevice: 'reference-check device',
};

export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
}

/** Onboarding facts the enriched record does not carry yet (read from the parsed Application). */
export interface LinkExtras {
  readonly shippingAddressKey?: string;
  readonly payrollAccountHash?: string;
  /** Hashes of every payroll account and payout address onboarding recorded (onboarding.payrollAccounts). */
  readonly payrollAccountHashes?: readonly string[];
}

/** An address identifies a place only with a street number; "Austin, TX" alone links half a city. */
export function addressIdentifier(address: NormalAddress | undefined): string | undefined {
  return address && /\d/.test(address.street) ? address.key : undefined;
}

export function onboardingExtras(app: Application): LinkExtras {
  const shipping = app.onboarding?.shippingAddress;
  const payroll = app.onboarding?.payrollAccountHash?.trim().toLowerCase();
  const accounts = app.onboarding?.payrollAccounts?.map((a) => a.accountHash.trim().toLowerCase()).filter(Boolean);
  return {
    shippingAddressKey: shipping ? addressIdentifier(normaliseAddress(shipping)) : undefined,
    payrollAccountHash: payroll || undefined,
    ...(accounts?.length ? { payrollAccountHashes: accounts } : {}),
  };
}

/**
 * LinkedIn and GitHub profile URLs reduced to host and profile path, lower
 * case, with no scheme, "www.", country subdomain, query, fragment or
 * trailing slash: "HTTPS://uk.LinkedIn.com/in/Dan-R/?trk=x" -> "linkedin.com/in/dan-r".
 * Other links are not profiles (undefined).
 */
const LINKEDIN_FAST = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/(?:in|pub)\/([a-z0-9_-]+)\/?(?:[?#].*)?$/i;

export function normaliseProfileUrl(raw: string): string | undefined {
  const fast = LINKEDIN_FAST.exec(raw);
  if (fast) return `linkedin.com/in/${fast[1]!.toLowerCase()}`;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const parts = decodeURIComponent(url.pathname).toLowerCase().split('/').filter(Boolean);
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) {
    return (parts[0] === 'in' || parts[0] === 'pub') && parts[1] ? `linkedin.com/in/${parts[1]}` : undefined;
  }
  if (host === 'github.com' || host === 'www.github.com') {
    const user = parts[0];
    return user && !['orgs', 'topics', 'features', 'about', 'settings'].includes(user) ? `github.com/${user}` : undefined;
  }
  return undefined;
}

/** IPv4 /24 ("73.12.44.0/24") or, for a fully written IPv6 address, its /64. */
export function ipPrefix(ip: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ip.toLowerCase().split(':');
  if (!ip.includes('::') && groups.length === 8) return `${groups.slice(0, 4).join(':')}::/64`;
  return undefined;
}

const NANP = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP']);

/**
 * E.164 of a reference phone. The common shapes (a 10-digit North American
 * number, a number written with "+") are read directly; anything else goes
 * through libphonenumber (normalisePhone), which is exact but slower.
 */
export function referencePhoneKey(raw: string, country: string): string | undefined {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7) return undefined;
  const plus = raw.trim().startsWith('+');
  if (NANP.has(country) && !plus && digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return `+1${digits}`;
  if (plus && digits.startsWith('1') && digits.length === 11) return `+${digits}`;
  return normalisePhone(raw, country, { classify: false }).e164;
}

/** Every identifier of the record, deduplicated (a value twice on one application counts once). */
export function identifiersOf(record: EnrichedApplication, extras: LinkExtras = {}): Identifier[] {
  // Usually a dozen identifiers, a few hundred at most (APPLICATION_LIMITS): a scan finds a repeat without building a key string per identifier.
  const out: Identifier[] = [];
  const put = (kind: IdentifierKind, value: string | undefined): void => {
    if (value && !out.some((x) => x.kind === kind && x.value === value)) out.push({ kind, value });
  };
  for (const p of record.applicant.phones) put('phone', p.e164);
  for (const e of record.applicant.emails) put('email', e.mailbox);
  put('address', addressIdentifier(record.applicant.address));
  put('shippingAddress', extras.shippingAddressKey);
  put('payroll', extras.payrollAccountHash);
  for (const hash of extras.payrollAccountHashes ?? []) put('payroll', hash);
  put('device', record.session?.deviceId?.trim());
  for (const link of [...record.applicant.links, ...(record.linkedin?.url ? [record.linkedin.url] : [])]) put('profile', normaliseProfileUrl(link));
  // A code-hosting account from supplied profile data (profiles.codeHosting) is a profile like a linked one.
  for (const host of record.codeHosting ?? []) if (host.url) put('profile', normaliseProfileUrl(host.url));
  const ip = record.session?.ip?.trim().toLowerCase();
  put('ip', ip);
  if (ip) put('ipPrefix', ipPrefix(ip));
  for (const r of record.references) {
    if (r.phone) put('referencePhone', referencePhoneKey(r.phone, r.phoneCountry));
    put('referenceEmail', r.email?.mailbox);
    put('referenceDevice', r.session?.deviceId);
  }
  return out;
}
