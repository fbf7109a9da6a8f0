import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Redacted } from '../outbound/secret.js';
import { OrgIdSchema } from '../store/store-contract.js';
import { WEBHOOK_VENDORS, type WebhookVendor } from './webhooks/receive.js';

/**
 * Server configuration: one zod schema with defaults, read from the
 * environment. Webhook secrets are wrapped in `Secret`, which prints as
 * `[redacted]` through String(), JSON.stringify and util.inspect (so pino,
 * console.log and error reports cannot leak one), and is read only through
 * `reveal()` at the point of signature checking (the class every credential uses,
 * src/outbound/secret.ts).
 */
export { Redacted as Secret };

const MIN_SECRET_LENGTH = 16;
const secret = z
  .string()
  .min(MIN_SECRET_LENGTH, `a webhook secret must be at least ${MIN_SECRET_LENGTH} characters`)
  .transform((v) => new Redacted(v));

/** Organisation id: what keys and rows carry; also the last part of the webhook URL (the store's rule). */
const orgId = OrgIdSchema;

/** vendor → organisation → secrets (more than one while a secret is being rotated). */
const webhookSecrets = z
  .partialRecord(z.enum(WEBHOOK_VENDORS), z.record(orgId, z.array(secret).min(1)))
  .default({});

export const ServerConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Largest request body, in bytes (single application, webhook). */
  bodyLimitBytes: z.coerce.number().int().min(1024).max(1024 ** 3).default(1024 * 1024),
  /**
   * Largest body of a batch submission or a telemetry batch, in bytes: 16 MiB holds 500
   * applications of 32 KB (a long resume and every other field well filled) or 50,000
   * telemetry events; every list and text of a record has its own limit (RECORDS.md).
   */
  batchBodyLimitBytes: z.coerce.number().int().min(1024).max(1024 ** 3).default(16 * 1024 * 1024),
  rateLimit: z
    .strictObject({
      /** Requests allowed per API key in each window (counted once the key is verified). */
      max: z.coerce.number().int().min(1).default(600),
      windowMs: z.coerce.number().int().min(1000).default(60_000),
      /**
       * Requests allowed per client address in each window, counted before the key is
       * checked or the body read (so failed authentications count): by default twice
       * the per-key limit and at least 1,200, for a few keys used from one address.
       */
      addressMax: z.coerce.number().int().min(1).optional(),
    })
    .default({ max: 600, windowMs: 60_000 })
    .transform((r) => ({ ...r, addressMax: r.addressMax ?? Math.max(2 * r.max, 1200) })),
  /**
   * How long a verified API key is cached, in ms; absent or 0: looked up on
   * every request (one indexed read: about 30 µs on SQLite, 0.25 ms on
   * PostgreSQL over loopback), so `hirewatch keys revoke` takes effect at
   * once. With a cache another process's revocation is seen within this time
   * (a revocation in the server's own process empties its cache at once).
   */
  keyCacheMs: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Lever deliveries older than this are refused (its signature covers the timestamp, not the body). */
  leverMaxAgeMs: z.coerce.number().int().min(1000).default(15 * 60_000),
  webhookSecrets,
});

export type ServerConfig = z.output<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;

/** The secrets for a vendor and organisation, revealed for signature checking (empty: none configured). */
export function webhookSecretsFor(config: ServerConfig, vendor: WebhookVendor, org: string): string[] {
  // Own properties only: an organisation named "constructor" or "toString" is an organisation, not an inherited method.
  const orgs = config.webhookSecrets[vendor];
  const list = orgs && Object.hasOwn(orgs, org) ? orgs[org] : undefined;
  return (list ?? []).map((s) => s.reveal());
}

export class ServerConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid server configuration: ${problems.join('; ')}`);
    this.name = 'ServerConfigError';
  }
}

/**
 * Parse a configuration object. Errors name the field and the rule, never
 * the value given (a secret in the wrong variable must not end up in a log).
 */
export function parseServerConfig(input: unknown): ServerConfig {
  const parsed = ServerConfigSchema.safeParse(input, { reportInput: false });
  if (parsed.success) return parsed.data;
  throw new ServerConfigError(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(config)'}: ${i.message}`));
}

export const WEBHOOK_SECRETS_FILE_ENV = 'HIREWATCH_WEBHOOK_SECRETS_FILE';

/**
 * The webhook secrets file: each organisation by its id, and for each vendor
 * its secrets, the current one first and, while rotating, the next:
 *
 * ```json
 * {"organisations": {"acme": {"greenhouse": ["secret1", "secret2-rotating"], "ashby": ["..."]}}}
 * ```
 */
const SecretsFileSchema = z.strictObject({
  organisations: z.record(orgId, z.partialRecord(z.enum(WEBHOOK_VENDORS), z.array(z.string().min(MIN_SECRET_LENGTH, `a webhook secret must be at least ${MIN_SECRET_LENGTH} characters`)).min(1))),
});

/** vendor → organisation → secrets, from the file; errors name the file and the field, never a value. */
export function webhookSecretsFromFile(file: string): Record<string, Record<string, string[]>> {
  const where = `${WEBHOOK_SECRETS_FILE_ENV} (${file})`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ServerConfigError([`${where}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServerConfigError([`${where}: not JSON`]);
  }
  const parsed = SecretsFileSchema.safeParse(json, { reportInput: false });
  if (!parsed.success) throw new ServerConfigError(parsed.error.issues.map((i) => `${where}: ${i.path.map(String).join('.') || '(file)'}: ${i.message}`));
  const byVendor = new Map<string, [string, string[]][]>();
  for (const [org, vendors] of Object.entries(parsed.data.organisations)) {
    for (const [vendor, list] of Object.entries(vendors)) {
      if (!list) continue;
      const orgs = byVendor.get(vendor) ?? [];
      byVendor.set(vendor, orgs);
      orgs.push([org, list]);
    }
  }
  return Object.fromEntries([...byVendor].map(([vendor, orgs]) => [vendor, Object.fromEntries(orgs)]));
}

const SECRET_VAR = /^HIREWATCH_WEBHOOK_SECRET__([A-Z]+)__(.+)$/;

/**
 * Secrets from the variables of earlier versions, read only where a name has
 * one meaning: `HIREWATCH_WEBHOOK_SECRET__<VENDOR>__<org>`, one secret, the
 * organisation id without "__". The rotation form `..._<org>__<n>` is
 * refused: `acme__2` could be organisation acme's second secret or
 * organisation acme__2's only one. Use the secrets file instead.
 */
function webhookSecretsFromVariables(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): Record<string, Record<string, string[]>> {
  const secrets = new Map<string, [string, string[]][]>();
  const problems: string[] = [];
  for (const name of names) {
    const m = SECRET_VAR.exec(name);
    const vendor = m?.[1]?.toLowerCase();
    if (!m || !vendor || !(WEBHOOK_VENDORS as readonly string[]).includes(vendor)) {
      problems.push(`${name}: expected HIREWATCH_WEBHOOK_SECRET__<${WEBHOOK_VENDORS.join('|').toUpperCase()}>__<org> (or give every secret in ${WEBHOOK_SECRETS_FILE_ENV})`);
      continue;
    }
    if (m[2]!.includes('__')) {
      problems.push(`${name}: no longer read: "__" in a variable name cannot tell a rotation secret (<org>__2) from an organisation whose id holds "__"; give the secrets in ${WEBHOOK_SECRETS_FILE_ENV}`);
      continue;
    }
    const value = env[name];
    if (value === undefined || value === '') continue;
    const orgs = secrets.get(vendor) ?? [];
    secrets.set(vendor, orgs);
    orgs.push([m[2]!, [value]]);
  }
  if (problems.length > 0) throw new ServerConfigError(problems);
  return Object.fromEntries([...secrets].map(([vendor, orgs]) => [vendor, Object.fromEntries(orgs)]));
}

/**
 * The configuration from environment variables:
 *
 * | variable | field |
 * |---|---|
 * | `HIREWATCH_HOST`, `HIREWATCH_PORT` | host, port |
 * | `HIREWATCH_BODY_LIMIT`, `HIREWATCH_BATCH_BODY_LIMIT` | body limits, bytes |
 * | `HIREWATCH_RATE_LIMIT_MAX`, `HIREWATCH_RATE_LIMIT_WINDOW_MS` | rate limit per key |
 * | `HIREWATCH_RATE_LIMIT_ADDRESS_MAX` | rate limit per client address (default: twice the per-key limit, at least 1,200) |
 * | `HIREWATCH_LEVER_MAX_AGE_MS` | Lever replay window |
 * | `HIREWATCH_KEY_CACHE_MS` | how long a verified API key is cached (default: not cached) |
 * | `HIREWATCH_WEBHOOK_SECRETS_FILE` | the webhook secrets file (webhookSecretsFromFile) |
 * | `HIREWATCH_WEBHOOK_SECRET__<VENDOR>__<org>` | one webhook secret (deprecated; not beside the file; no rotation form) |
 *
 * Unset variables take the defaults.
 */
export function serverConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const input: Record<string, unknown> = {};
  const put = (key: string, name: string) => {
    const v = set(name);
    if (v !== undefined) input[key] = v;
  };
  put('host', 'HIREWATCH_HOST');
  put('port', 'HIREWATCH_PORT');
  put('bodyLimitBytes', 'HIREWATCH_BODY_LIMIT');
  put('batchBodyLimitBytes', 'HIREWATCH_BATCH_BODY_LIMIT');
  put('leverMaxAgeMs', 'HIREWATCH_LEVER_MAX_AGE_MS');
  put('keyCacheMs', 'HIREWATCH_KEY_CACHE_MS');
  const max = set('HIREWATCH_RATE_LIMIT_MAX');
  const windowMs = set('HIREWATCH_RATE_LIMIT_WINDOW_MS');
  const addressMax = set('HIREWATCH_RATE_LIMIT_ADDRESS_MAX');
  if (max !== undefined || windowMs !== undefined || addressMax !== undefined) {
    input.rateLimit = { ...(max === undefined ? {} : { max }), ...(windowMs === undefined ? {} : { windowMs }), ...(addressMax === undefined ? {} : { addressMax }) };
  }
  const file = set(WEBHOOK_SECRETS_FILE_ENV);
  const variables = Object.keys(env).filter((name) => name.startsWith('HIREWATCH_WEBHOOK_SECRET') && name !== WEBHOOK_SECRETS_FILE_ENV).sort();
  if (file && variables.length > 0) {
    throw new ServerConfigError(variables.map((name) => `${name}: not read beside ${WEBHOOK_SECRETS_FILE_ENV}; give every secret in the file`));
  }
  input.webhookSecrets = file ? webhookSecretsFromFile(file) : webhookSecretsFromVariables(env, variables);
  return parseServerConfig(input);
}

/** The configuration as it may be logged: secrets replaced by how many there are. */
export function describeServerConfig(config: ServerConfig): Record<string, unknown> {
  const { webhookSecrets: hooks, ...rest } = config;
  const counts = Object.fromEntries(
    Object.entries(hooks).map(([vendor, orgs]) => [vendor, Object.fromEntries(Object.entries(orgs ?? {}).map(([org, list]) => [org, `${list.length} secret(s)`]))]),
  );
  return { ...rest, webhookSecrets: counts };
}
