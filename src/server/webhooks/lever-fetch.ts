import type { LeverApplicationReference } from './lever.js';

/**
 * The 'fetch' step of a Lever delivery: Lever's webhooks name an
 * opportunity and carry no applicant data, so the server asks Lever's Data
 * API for it (`GET /v1/opportunities/:id?expand=applications`, HTTP Basic
 * with the API key as user name) and maps the answer with
 * mapLeverOpportunity. Injectable: tests pass a fake; `serve` builds the
 * real one from `HIREWATCH_LEVER_API_KEY__<org>`.
 */
export type LeverFetcher = (org: string, reference: LeverApplicationReference) => Promise<unknown>;

export class LeverFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeverFetchError';
  }
}

export const LEVER_API_BASE = 'https://api.lever.co/v1';
const TIMEOUT_MS = 10_000;

/** The real fetcher. `apiKeyFor(org)` is read at call time; undefined: Lever is not set up for that organisation. */
export function leverApiFetcher(apiKeyFor: (org: string) => string | undefined, base = LEVER_API_BASE): LeverFetcher {
  return async (org, reference) => {
    const key = apiKeyFor(org);
    if (!key) throw new LeverFetchError(`no Lever API key for organisation ${org} (set HIREWATCH_LEVER_API_KEY__${org})`);
    const url = `${base}/opportunities/${encodeURIComponent(reference.opportunityId)}?expand=applications`;
    const response = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new LeverFetchError(`Lever answered ${response.status} for opportunity ${reference.opportunityId}`);
    return response.json();
  };
}

/** Lever API keys from the environment: HIREWATCH_LEVER_API_KEY__<org>. */
export function leverKeysFromEnv(env: Readonly<Record<string, string | undefined>>): (org: string) => string | undefined {
  return (org) => {
    const v = env[`HIREWATCH_LEVER_API_KEY__${org}`];
    return v ? v : undefined;
  };
}
