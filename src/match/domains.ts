import { foldText } from '../normalise/text.js';

/**
 * A web or mail domain in the form lists use: lower case, no scheme, path,
 * port, user part or leading "www."; null when nothing domain-like is left.
 * "https://WWW.Example.com/jobs" and "hr@example.com" both give "example.com".
 */
export function normaliseDomain(input: string): string | null {
  let s = foldText(input.trim());
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//u, '');
  s = s.replace(/[/?#].*$/u, '');
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/:\d+$/u, '').replace(/\.+$/u, '').replace(/^www\d?\./u, '');
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(s) ? s : null;
}

/** The domain and each parent with two labels or more: "a.b.example.com" -> [..., "example.com"]. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}
