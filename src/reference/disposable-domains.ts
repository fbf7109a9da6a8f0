import { createRequire } from 'node:module';

/**
 * Throw-away mail domains from the maintained `disposable-email-domains`
 * npm package (its list and its wildcard list). Loaded once at the edge.
 */
const require = createRequire(import.meta.url);

export function loadDisposableMailDomains(): ReadonlySet<string> {
  const domains = require('disposable-email-domains') as string[];
  const wildcards = require('disposable-email-domains/wildcard.json') as string[];
  return new Set([...domains, ...wildcards].map((d) => d.toLowerCase()));
}

export function disposableDomainsVersion(): string {
  const pkg = require('disposable-email-domains/package.json') as { version: string };
  return `disposable-email-domains@${pkg.version}`;
}
