/**
 * Web and mail domains of institutions. A website ("https://www.utexas.edu/",
 * "web.mit.edu/", "www.sc.edu/about/...") becomes its host; a host becomes
 * the registrable domain a mailbox would be on ("cs.utexas.edu" ->
 * "utexas.edu", "www.ox.ac.uk" -> "ox.ac.uk"). Pure and total.
 */

/** Second-level labels under a country code that are themselves public suffixes (ac.uk, edu.au, com.br...). */
const SECOND_LEVEL = new Set(['ac', 'edu', 'co', 'com', 'org', 'net', 'gov', 'gob', 'go', 'or', 'ne', 'sch', 'mil', 'nic', 'res', 'gv', 'govt']);

/** The host of a website as Scorecard or the world list writes it, lower case; undefined when there is none. */
export function hostOf(website: string | null | undefined): string | undefined {
  if (!website) return undefined;
  const text = website.trim().toLowerCase();
  if (!text || text === 'null') return undefined;
  const host = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:\s]/)[0] ?? '';
  const clean = host.replace(/^www\d*\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(clean) ? clean : undefined;
}

/** The domain a mailbox of this host's owner would be on: "mail.cs.utexas.edu" -> "utexas.edu". */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const keep = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** `domain` is `parent` or one of its subdomains. */
export function isUnder(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/** A domain that only schools are given: *.edu, *.edu.xx, *.ac.xx, or an "edu" label anywhere. */
export function isAcademicDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  const second = labels[labels.length - 2];
  if (tld === 'edu') return true;
  if (tld && tld.length === 2 && (second === 'edu' || second === 'ac')) return true;
  return labels.slice(0, -1).includes('edu');
}
