import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeServerConfig, serverConfigFromEnv, ServerConfigError, webhookSecretsFor } from '../../src/server/config.js';
import { ENGINES } from '../store/store-engines.js';
import { ORG, startHarness, WEBHOOK_SECRET, type Harness } from './server-harness.js';

/**
 * Finding 5 of "Hardening": webhook secrets come from a file naming each
 * organisation explicitly, not from variable names in which `..._acme__2`
 * read as the second secret of organisation `acme` (and so could not be
 * told from organisation `acme__2`); and the webhook route gives one answer
 * to every delivery it cannot authenticate, so it does not tell a caller
 * which organisations exist.
 */
const S1 = 'gh-secret-value-0123456789';
const S2 = 'gh-secret-value-rotating-98765';
const S3 = 'gh-secret-of-acme-2-abcdefgh';
const ASHBY = 'ashby-secret-value-abcdefgh';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hirewatch-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secretsFile = (content: unknown, name = `secrets-${Math.random().toString(36).slice(2)}.json`): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), { mode: 0o600 });
  return file;
};

const problem = (env: Record<string, string>): string => {
  try {
    serverConfigFromEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ServerConfigError);
    return (err as Error).message + inspect(err);
  }
  throw new Error('no error');
};

describe('webhook secrets from HIREWATCH_WEBHOOK_SECRETS_FILE', () => {
  it('reads each organisation by its explicit id, secrets in rotation order; acme__2 is an organisation of its own', () => {
    const file = secretsFile({ organisations: { acme: { greenhouse: [S1, S2], ashby: [ASHBY] }, acme__2: { greenhouse: [S3] }, 'acme.eu': { lever: [S1] } } });
    const config = serverConfigFromEnv({ HIREWATCH_WEBHOOK_SECRETS_FILE: file });
    expect(webhookSecretsFor(config, 'greenhouse', 'acme')).toEqual([S1, S2]);
    expect(webhookSecretsFor(config, 'greenhouse', 'acme__2')).toEqual([S3]);
    expect(webhookSecretsFor(config, 'ashby', 'acme')).toEqual([ASHBY]);
    expect(webhookSecretsFor(config, 'lever', 'acme.eu')).toEqual([S1]);
    expect(webhookSecretsFor(config, 'lever', 'acme')).toEqual([]);
    const printed = JSON.stringify(config) + inspect(config, { depth: 10 }) + JSON.stringify(describeServerConfig(config));
    for (const s of [S1, S2, S3, ASHBY]) expect(printed).not.toContain(s);
  });

  it('refuses a bad file naming the file and the field, never the value', () => {
    const short = 'short-secret';
    const cases: [unknown, RegExp][] = [
      [{ organisations: { acme: { greenhouse: [short] } } }, /organisations\.acme\.greenhouse\.0: a webhook secret must be at least 16 characters/],
      [{ organisations: { acme: { workday: [S1] } } }, /organisations\.acme/],
      [{ organisations: { 'bad org!': { greenhouse: [S1] } } }, /organisations\.bad org!/],
      [{ organisations: { acme: { greenhouse: [] } } }, /organisations\.acme\.greenhouse/],
      [{ orgs: {} }, /organisations|orgs/],
      ['{"organisations": ', /not JSON/],
    ];
    for (const [content, expected] of cases) {
      const file = secretsFile(content);
      const message = problem({ HIREWATCH_WEBHOOK_SECRETS_FILE: file });
      expect(message).toContain(`HIREWATCH_WEBHOOK_SECRETS_FILE (${file})`);
      expect(message).toMatch(expected);
      expect(message).not.toContain(short);
    }
    expect(problem({ HIREWATCH_WEBHOOK_SECRETS_FILE: join(dir, 'missing.json') })).toMatch(/cannot be read/);
  });

  it('no longer reads a rotation variable (..._acme__2): it cannot be told from organisation acme__2', () => {
    const message = problem({ HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme: S1, HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme__2: S2 });
    expect(message).toContain('HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme__2');
    expect(message).toContain('HIREWATCH_WEBHOOK_SECRETS_FILE');
    expect(message).not.toContain(S2);
  });

  it('still reads one plain variable per vendor and organisation (unambiguous), but not beside the file', () => {
    const config = serverConfigFromEnv({ HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme: S1 });
    expect(webhookSecretsFor(config, 'greenhouse', 'acme')).toEqual([S1]);
    const file = secretsFile({ organisations: { globex: { ashby: [ASHBY] } } });
    expect(problem({ HIREWATCH_WEBHOOK_SECRETS_FILE: file, HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme: S1 })).toMatch(/HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme.*HIREWATCH_WEBHOOK_SECRETS_FILE/);
  });
});

describe.skipIf(!ENGINES[0]!.available)('one answer to every unauthenticated delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENGINES[0]!);
  });
  afterAll(async () => h?.close());

  const body = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'webhooks', 'greenhouse', 'new-candidate-application.json'), 'utf8');
  const signed = (secret: string) => `sha256 ${createHmac('sha256', secret).update(body).digest('hex')}`;
  const post = async (org: string, headers: Record<string, string>) => {
    const res = await h.request('POST', `/api/v1/webhooks/greenhouse/${org}`, { body, headers: { 'content-type': 'application/json', ...headers } });
    const { requestId: _requestId, ...answer } = res.json() as Record<string, unknown>;
    return { status: res.statusCode, answer };
  };

  it('a wrong secret, no signature, a malformed one, and an organisation without secrets all answer 401 with the same body', async () => {
    const answers = [
      await post(ORG, { signature: signed('another-secret-0123456789') }),
      await post(ORG, {}),
      await post(ORG, { signature: 'sha256 zz' }),
      await post('no-such-org', { signature: signed(WEBHOOK_SECRET) }),
      await post('no-such-org', {}),
    ];
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toEqual({ status: 401, answer: { error: 'unauthorized', message: 'the delivery could not be authenticated' } });
  });
});
