import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Producer } from '../service/findings.js';
import { fileTarget } from './file-target.js';
import { hecTarget } from './hec-target.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { Redacted } from './secret.js';
import { OutboundSinks } from './sinks.js';
import type { Target } from './target.js';
import { webhookTarget } from './webhook-target.js';

/**
 * Where findings go (docs/ALERTS.md): the same settings for every command
 * that stores (`screen`, `import`, `monitor`, `serve`, `worker`), from CLI
 * options or, where an option is not given, the environment. Credentials
 * come from files readable by their owner alone (0600/0400) or from a
 * variable, never from an option (argv is visible to every user of the
 * machine); they are held as Redacted and no message names their value.
 */
export interface OutboundSettings {
  readonly alertsFile?: string | undefined;
  readonly hecUrl?: string | undefined;
  readonly hecTokenFile?: string | undefined;
  readonly hecIndex?: string | undefined;
  readonly webhookUrl?: string | undefined;
  readonly webhookSecretFile?: string | undefined;
  readonly deadLetterFile?: string | undefined;
  readonly alertRetries?: string | number | undefined;
}

/** Option → variable read when the option is not given. */
export const OUTBOUND_ENV = {
  alertsFile: 'HIREWATCH_ALERTS_FILE',
  hecUrl: 'HIREWATCH_HEC_URL',
  hecTokenFile: 'HIREWATCH_HEC_TOKEN_FILE',
  hecIndex: 'HIREWATCH_HEC_INDEX',
  webhookUrl: 'HIREWATCH_ALERTS_WEBHOOK_URL',
  webhookSecretFile: 'HIREWATCH_ALERTS_WEBHOOK_SECRET_FILE',
  deadLetterFile: 'HIREWATCH_ALERTS_DEAD_LETTER_FILE',
  alertRetries: 'HIREWATCH_ALERTS_RETRIES',
} as const;
/** Credentials given by value (a secret manager's injected variable), beside the *_FILE forms. */
export const HEC_TOKEN_ENV = 'HIREWATCH_HEC_TOKEN';
export const WEBHOOK_SECRET_ENV = 'HIREWATCH_ALERTS_WEBHOOK_SECRET';
/** The first wait between attempts, in ms (then doubled each time up to a minute): an operator's setting, no option. */
export const BACKOFF_ENV = 'HIREWATCH_ALERTS_BACKOFF_MS';
export const DEFAULT_DEAD_LETTER_FILE = 'hirewatch-dead-letters.jsonl';
const MIN_SECRET_LENGTH = 16;

export class OutboundConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'OutboundConfigError';
  }
}

const httpUrl = (what: string) => z.string().max(2048).refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, `${what} must be an http(s) URL without a user or password in it`);

const OutboundConfigSchema = z.strictObject({
  alertsFile: z.string().min(1).max(4096).optional(),
  hecUrl: httpUrl('the HEC URL').optional(),
  hecToken: z.instanceof(Redacted).optional(),
  hecIndex: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$/, 'a Splunk index name is letters, digits, "_" and "-"').optional(),
  webhookUrl: httpUrl('the webhook URL').optional(),
  webhookSecret: z.instanceof(Redacted).optional(),
  deadLetterFile: z.string().min(1).max(4096).default(DEFAULT_DEAD_LETTER_FILE),
  attempts: z.coerce.number().int().min(1).max(20).default(DEFAULT_RETRY.attempts),
  backoffMs: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_RETRY.baseMs),
});
export type OutboundConfig = z.output<typeof OutboundConfigSchema>;

/** A credential file: the owner's alone, its content without a trailing newline, at least 16 printable characters. */
export function readSecretFile(file: string, what: string): Redacted {
  let mode: number;
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new OutboundConfigError([`the ${what} file ${file} is not a file`]);
    mode = st.mode & 0o777;
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof OutboundConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new OutboundConfigError([`the ${what} file ${file} ${code === 'ENOENT' ? 'does not exist' : 'cannot be read'}`]);
  }
  if ((mode & 0o077) !== 0) throw new OutboundConfigError([`the ${what} file ${file} is readable by others (mode ${mode.toString(8).padStart(4, '0')}): make it the owner's alone with chmod 600 ${file}`]);
  return checkedSecret(text.replace(/\r?\n$/, ''), `the ${what} file ${file}`);
}

function checkedSecret(value: string, where: string): Redacted {
  if (value.length < MIN_SECRET_LENGTH) throw new OutboundConfigError([`${where} holds fewer than ${MIN_SECRET_LENGTH} characters`]);
  if (!/^[\x21-\x7e]+$/.test(value)) throw new OutboundConfigError([`${where} holds a space or a character that cannot go in an HTTP header`]);
  return new Redacted(value);
}

const given = (v: string | number | undefined): v is string | number => v !== undefined && v !== '';

/** The settings resolved: each option, else its variable; credential files read and checked. Errors name options and files, never a value. */
export function resolveOutbound(options: OutboundSettings, env: Readonly<Record<string, string | undefined>> = process.env): OutboundConfig {
  const pick = <K extends keyof typeof OUTBOUND_ENV>(key: K): string | number | undefined => (given(options[key]) ? options[key] : given(env[OUTBOUND_ENV[key]]) ? env[OUTBOUND_ENV[key]] : undefined);
  const secret = (fileKey: 'hecTokenFile' | 'webhookSecretFile', variable: string, what: string): Redacted | undefined => {
    const file = pick(fileKey);
    if (file !== undefined) return readSecretFile(String(file), what);
    const value = env[variable];
    return given(value) ? checkedSecret(value, variable) : undefined;
  };
  const input = {
    alertsFile: pick('alertsFile'), hecUrl: pick('hecUrl'), hecIndex: pick('hecIndex'), webhookUrl: pick('webhookUrl'),
    deadLetterFile: pick('deadLetterFile'), attempts: pick('alertRetries') === undefined ? undefined : Number(pick('alertRetries')) + 1,
    backoffMs: given(env[BACKOFF_ENV]) ? env[BACKOFF_ENV] : undefined,
  };
  const problems: string[] = [];
  if (input.hecUrl !== undefined && pick('hecTokenFile') === undefined && !given(env[HEC_TOKEN_ENV])) problems.push(`--hec-url needs the HEC token: --hec-token-file FILE (or ${OUTBOUND_ENV.hecTokenFile}, ${HEC_TOKEN_ENV})`);
  if (input.webhookUrl !== undefined && pick('webhookSecretFile') === undefined && !given(env[WEBHOOK_SECRET_ENV])) problems.push(`--webhook-url needs the signing secret: --webhook-secret-file FILE (or ${OUTBOUND_ENV.webhookSecretFile}, ${WEBHOOK_SECRET_ENV})`);
  if (problems.length > 0) throw new OutboundConfigError(problems);
  const hecToken = input.hecUrl === undefined ? undefined : secret('hecTokenFile', HEC_TOKEN_ENV, 'HEC token');
  const webhookSecret = input.webhookUrl === undefined ? undefined : secret('webhookSecretFile', WEBHOOK_SECRET_ENV, 'webhook secret');
  const defined = Object.fromEntries(Object.entries({ ...input, hecToken, webhookSecret }).filter(([, v]) => v !== undefined));
  const parsed = OutboundConfigSchema.safeParse(defined, { reportInput: false });
  if (!parsed.success) throw new OutboundConfigError(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'alerts'}: ${i.message}`));
  return parsed.data;
}

/** The destinations configured (none: nothing goes out). */
export function targetsOf(config: OutboundConfig): Target[] {
  return [
    ...(config.alertsFile ? [fileTarget(config.alertsFile)] : []),
    ...(config.hecUrl && config.hecToken ? [hecTarget(config.hecUrl, config.hecToken, config.hecIndex)] : []),
    ...(config.webhookUrl && config.webhookSecret ? [webhookTarget(config.webhookUrl, config.webhookSecret)] : []),
  ];
}

export interface OutboundRuntime {
  readonly producer: Producer;
  readonly log?: (message: string) => void;
  /** Retry timing (tests inject a sleep that does not wait). */
  readonly retry?: Partial<RetryPolicy>;
}

/** The sink the services emit to, or undefined when no destination is configured. */
export function openOutbound(config: OutboundConfig, runtime: OutboundRuntime): OutboundSinks | undefined {
  const targets = targetsOf(config);
  if (targets.length === 0) return undefined;
  return new OutboundSinks({
    producer: runtime.producer,
    targets,
    deadLetterFile: config.deadLetterFile,
    retry: { ...DEFAULT_RETRY, attempts: config.attempts, baseMs: config.backoffMs, ...runtime.retry },
    ...(runtime.log ? { log: runtime.log } : {}),
  });
}

/** What may be logged of the configuration: destinations by origin, credentials as whether they are set. */
export function describeOutbound(config: OutboundConfig): string[] {
  return targetsOf(config).map((t) => t.label);
}
