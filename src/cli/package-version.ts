import { readFileSync } from 'node:fs';

/** The version in package.json: two levels up from src/cli (tsx) and from dist/cli (the package) alike. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
