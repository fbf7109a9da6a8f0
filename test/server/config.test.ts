import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeServerConfig, parseServerConfig, Secret, serverConfigFromEnv, ServerConfigError, webhookSecretsFor } from '../../src/server/config.js';

const GH_SECRET = 'gh-secret-value-0123456789';
const GH_NEXT = 'gh-secret-value-next-98765';
const ASHBY_SECRET = 'ashby-secret-value-abcdef';

describe('server configuration', () => {
  it('has defaults for everything', () => {
    expect(parseServerConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      bodyLimitBytes: 1024 * 1024,
      batchBodyLimitBytes: 16 * 1024 * 1024,
      rateLimit: { max: 600, windowMs: 60_000, addressMax: 1200 },
      leverMaxAgeMs: 15 * 60_000,
      webhookSecrets: {},
    });
    expect(serverConfigFromEnv({}).port).toBe(8080);
  });

  it('reads the environment, and webhook secrets per vendor and organisation from the secrets file, rotation order kept', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hw-')), 'secrets.json');
    writeFileSync(file, JSON.stringify({ organisations: { acme: { greenhouse: [GH_SECRET, GH_NEXT] }, globex: { ashby: [ASHBY_SECRET] } } }));
    const config = serverConfigFromEnv({
      HIREWATCH_PORT: '9090',
      HIREWATCH_HOST: '0.0.0.0',
      HIREWATCH_BODY_LIMIT: '2097152',
      HIREWATCH_RATE_LIMIT_MAX: '100',
      HIREWATCH_WEBHOOK_SECRETS_FILE: file,
      PATH: '/usr/bin',
    });
    expect(config).toMatchObject({ port: 9090, host: '0.0.0.0', bodyLimitBytes: 2097152, rateLimit: { max: 100, windowMs: 60_000 } });
    expect(webhookSecretsFor(config, 'greenhouse', 'acme')).toEqual([GH_SECRET, GH_NEXT]);
    expect(webhookSecretsFor(config, 'ashby', 'globex')).toEqual([ASHBY_SECRET]);
    expect(webhookSecretsFor(config, 'ashby', 'acme')).toEqual([]);
    expect(webhookSecretsFor(config, 'lever', 'acme')).toEqual([]);
  });

  it('never prints a secret: JSON, String, inspect, the loggable description', () => {
    const config = serverConfigFromEnv({ HIREWATCH_WEBHOOK_SECRET__GREENHOUSE__acme: GH_SECRET });
    const s = config.webhookSecrets.greenhouse!.acme![0]!;
    expect(s).toBeInstanceOf(Secret);
    for (const text of [JSON.stringify(config), String(s), `${s}`, inspect(config, { depth: 10 }), JSON.stringify(describeServerConfig(config))]) {
      expect(text).not.toContain(GH_SECRET);
    }
    expect(describeServerConfig(config).webhookSecrets).toEqual({ greenhouse: { acme: '1 secret(s)' } });
  });

  it('refuses bad values naming the field and never the value', () => {
    const short = 'short-secret';
    let error: unknown;
    try {
      serverConfigFromEnv({ HIREWATCH_PORT: '70000', HIREWATCH_WEBHOOK_SECRET__LEVER__acme: short });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServerConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/port/);
    expect(message).toMatch(/webhookSecrets\.lever\.acme\.0: a webhook secret must be at least 16 characters/);
    expect(message).not.toContain(short);
    expect(inspect(error)).not.toContain(short);
  });

  it('refuses an unknown vendor in a secret variable and unknown fields', () => {
    expect(() => serverConfigFromEnv({ HIREWATCH_WEBHOOK_SECRET__WORKDAY__acme: 'x'.repeat(20) })).toThrow(/HIREWATCH_WEBHOOK_SECRET__WORKDAY__acme: expected/);
    expect(() => parseServerConfig({ prot: 1 })).toThrow(ServerConfigError);
    expect(() => parseServerConfig({ webhookSecrets: { greenhouse: { 'bad org!': ['y'.repeat(20)] } } })).toThrow(/webhookSecrets.greenhouse.bad org!: Invalid key/);
  });
});
