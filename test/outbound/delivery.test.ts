/**
 * Delivery of findings (docs/ALERTS.md) to local receivers started here:
 * a Splunk HEC-compatible endpoint gets each event with `Authorization:
 * Splunk <token>`; a webhook receiver verifies the HMAC-SHA256 signature over
 * `timestamp + "." + body` and the idempotency key; a receiver that fails
 * three times gets the event once, after backoffs of 1, 2 and 4 units; one
 * that always fails leaves it in the dead-letter file (0600), from which a
 * replay delivers it; a permanent refusal is not retried; no credential
 * reaches a log line, a dead letter or an error message. Sleep is injected:
 * nothing here waits.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OutboundConfigError, OutboundSinks, readSecretFile, replayDeadLetters, resolveOutbound, targetsOf, verifySignature, type Target,
} from '../../src/outbound/index.js';
import { alertFinding, decisionFinding, holdFinding, type OcsfFinding } from '../../src/service/index.js';
import { validateOcsf } from '../helpers/ocsf-validate.js';
import { Receiver } from './receivers.js';

const TOKEN = '0f3c9a52-7d1e-4b6a-9c2f-5e8d1a7b3c40';
const SECRET = 'whsec-7Q2m9Kx4Lp8Rt1Vz6Nc3Bd5Fh0Jg';
const producer = { version: '0.0.0-test' };
const at = '2026-12-01T09:00:00.000Z';
const events: OcsfFinding[] = [
  holdFinding(producer, { org: 'acme', applicationId: 'gh-100', source: 'greenhouse', version: 1, score: 91, bandReason: 'two-lines: interview, contact', signals: [{ id: 'interview.face_mismatch', family: 'interview' }], at }),
  decisionFinding(producer, { org: 'acme', caseId: 'c_1', outcome: 'confirmed_fraud', decidedBy: 'key:a1', confirmedBy: 'key:a2', decidedAt: at, openedAt: '2026-11-30T09:00:00.000Z', band: 'hold', score: 91, subjectKind: 'ring', members: [{ source: 'greenhouse', applicationId: 'gh-100' }, { source: 'greenhouse', applicationId: 'gh-101' }], signals: ['interview.face_mismatch'] }),
  alertFinding(producer, { org: 'acme', employeeId: 'E77', applicationId: 'gh-300', band: 'hold', score: 88, signal: { id: 'telemetry.ip_kvm', family: 'telemetry', evidence: 'employee E77: USB 1d6b:0104 (an IP-KVM gadget) on LAP-77' }, status: 'new', at }),
];

let dir: string;
let receiver: Receiver;
let url: string;
let logs: string[];
let sleeps: number[];
const retry = (attempts: number) => ({ attempts, baseMs: 1000, capMs: 3000, sleep: async (ms: number) => void sleeps.push(ms) });
const secretFile = (name: string, value: string, mode = 0o600): string => {
  const file = join(dir, name);
  writeFileSync(file, `${value}\n`);
  chmodSync(file, mode);
  return file;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hw-outbound-'));
  receiver = new Receiver();
  url = await receiver.start();
  logs = [];
  sleeps = [];
});
afterEach(async () => receiver.stop());

function sinksFor(targets: readonly Target[], attempts = 6): OutboundSinks {
  return new OutboundSinks({ producer, targets, deadLetterFile: join(dir, 'dead.jsonl'), retry: retry(attempts), log: (m) => logs.push(m) });
}

describe('Splunk HTTP Event Collector', () => {
  it('receives each finding at /services/collector/event with the Splunk token, in the HEC envelope', async () => {
    const config = resolveOutbound({ hecUrl: url, hecTokenFile: secretFile('hec.token', TOKEN), hecIndex: 'security' }, {});
    const sinks = sinksFor(targetsOf(config));
    for (const e of events) sinks.emit(e);
    await sinks.drain();
    expect(receiver.received).toHaveLength(3);
    for (const [i, r] of receiver.received.entries()) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/services/collector/event');
      expect(r.headers.authorization).toBe(`Splunk ${TOKEN}`);
      expect(r.headers['content-type']).toBe('application/json');
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({ source: 'hirewatch', sourcetype: 'ocsf:detection_finding', index: 'security', time: events[i]!.time / 1000 });
      expect(body.event).toEqual(events[i]);
      expect(validateOcsf(body.event, 'detection_finding')).toEqual([]);
    }
    expect(sinks.counts).toEqual({ delivered: 3, deadLettered: 0, lost: 0 });
    expect(existsSync(join(dir, 'dead.jsonl'))).toBe(false);
  });
});

describe('signed webhooks', () => {
  it('the receiver verifies the signature over timestamp.body and gets a stable idempotency key', async () => {
    const config = resolveOutbound({ webhookUrl: `${url}/hooks/hirewatch`, webhookSecretFile: secretFile('hook.secret', SECRET) }, {});
    const sinks = sinksFor(targetsOf(config));
    for (const e of events) sinks.emit(e);
    await sinks.drain();
    expect(receiver.received.map((r) => r.url)).toEqual(['/hooks/hirewatch', '/hooks/hirewatch', '/hooks/hirewatch']);
    for (const r of receiver.received) {
      const timestamp = String(r.headers['x-hirewatch-timestamp']);
      const sig = String(r.headers['x-hirewatch-signature']);
      expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(verifySignature(SECRET, timestamp, r.body, sig, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature('another-secret-of-16+', timestamp, r.body, sig, Math.floor(Date.now() / 1000))).toBe(false);
      expect(verifySignature(SECRET, timestamp, `${r.body} `, sig, Math.floor(Date.now() / 1000))).toBe(false);
      expect(verifySignature(SECRET, timestamp, r.body, sig, Number(timestamp) + 3600)).toBe(false);
      const event = JSON.parse(r.body) as OcsfFinding;
      expect(r.headers['idempotency-key']).toBe(event.metadata.uid);
      expect(r.headers['x-hirewatch-event']).toBe(event.unmapped.hirewatch.kind);
      expect(validateOcsf(event, 'detection_finding')).toEqual([]);
    }
    expect(new Set(receiver.received.map((r) => r.headers['idempotency-key'])).size).toBe(3);
  });

  it('a receiver failing three times then succeeding stores the event once; the waits double up to the cap', async () => {
    const stored = new Map<string, string>();
    receiver.answer = (n, r) => {
      if (n <= 3) return 503;
      stored.set(String(r.headers['idempotency-key']), r.body);
      return 200;
    };
    const config = resolveOutbound({ webhookUrl: url, webhookSecretFile: secretFile('hook.secret', SECRET) }, {});
    const sinks = sinksFor(targetsOf(config));
    sinks.emit(events[0]!);
    await sinks.drain();
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.headers['idempotency-key']))).toEqual(new Set([events[0]!.metadata.uid]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect([...stored.keys()]).toEqual([events[0]!.metadata.uid]);
    expect(sleeps).toEqual([1000, 2000, 3000]);
    expect(sinks.counts).toEqual({ delivered: 1, deadLettered: 0, lost: 0 });
  });

  it('a receiver that always fails: the event goes to the dead-letter file (0600) and a replay delivers it', async () => {
    receiver.answer = () => 500;
    const config = resolveOutbound({ webhookUrl: url, webhookSecretFile: secretFile('hook.secret', SECRET), deadLetterFile: join(dir, 'dead.jsonl'), alertRetries: 3 }, {});
    expect(config.attempts).toBe(4);
    const targets = targetsOf(config);
    const sinks = sinksFor(targets, config.attempts);
    sinks.emit(events[1]!);
    await sinks.drain();
    expect(receiver.received).toHaveLength(4);
    expect(sinks.counts).toEqual({ delivered: 0, deadLettered: 1, lost: 0 });
    const file = join(dir, 'dead.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [line, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
    expect(rest).toEqual([]);
    const letter = JSON.parse(line!);
    expect(letter).toMatchObject({ destination: targets[0]!.id, attempts: 4, error: `${url} answered HTTP 500` });
    expect(letter.event).toEqual(events[1]);
    expect(logs.join('\n')).toContain('dead.jsonl');

    receiver.answer = () => 200;
    const report = await replayDeadLetters(file, targets, retry(2), (m) => logs.push(m));
    expect(report).toEqual({ delivered: 1, failed: 0, kept: 0 });
    const last = receiver.received.at(-1)!;
    expect(last.headers['idempotency-key']).toBe(events[1]!.metadata.uid);
    expect(JSON.parse(last.body)).toEqual(events[1]);
    // every letter delivered: nothing is left, not even the file
    expect(existsSync(file)).toBe(false);
    for (const text of [line!, ...logs]) expect(text).not.toContain(SECRET);
  });

  it('a replay keeps what fails again and what names no configured destination', async () => {
    receiver.answer = () => 502;
    const config = resolveOutbound({ webhookUrl: url, webhookSecretFile: secretFile('hook.secret', SECRET) }, {});
    const sinks = sinksFor(targetsOf(config), 2);
    sinks.emit(events[0]!);
    sinks.emit(events[2]!);
    await sinks.drain();
    const file = join(dir, 'dead.jsonl');
    const other = resolveOutbound({ webhookUrl: `${url}/elsewhere`, webhookSecretFile: secretFile('hook2.secret', SECRET) }, {});
    expect(await replayDeadLetters(file, targetsOf(other), retry(1))).toEqual({ delivered: 0, failed: 0, kept: 2 });
    expect(await replayDeadLetters(file, targetsOf(config), retry(1))).toEqual({ delivered: 0, failed: 2, kept: 0 });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a permanent refusal (400) is not retried: dead-lettered after one attempt', async () => {
    receiver.answer = () => 400;
    const sinks = sinksFor(targetsOf(resolveOutbound({ webhookUrl: url, webhookSecretFile: secretFile('hook.secret', SECRET) }, {})));
    sinks.emit(events[2]!);
    await sinks.drain();
    expect(receiver.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(sinks.counts.deadLettered).toBe(1);
  });

  it('an unreachable receiver is retried and dead-lettered; the message names the origin only', async () => {
    await receiver.stop();
    const sinks = sinksFor(targetsOf(resolveOutbound({ webhookUrl: `${url}/secret-path-token`, webhookSecretFile: secretFile('hook.secret', SECRET) }, {})), 2);
    sinks.emit(events[0]!);
    await sinks.drain();
    expect(sinks.counts.deadLettered).toBe(1);
    const text = [readFileSync(join(dir, 'dead.jsonl'), 'utf8'), ...logs].join('\n');
    expect(text).toContain('could not be reached');
    expect(text).not.toContain('secret-path-token');
    receiver = new Receiver();
    await receiver.start();
  });
});

describe('the outbox is told when a finding is safe', () => {
  it('once delivered, or once dead-lettered; never when it could be lost', async () => {
    const kept: string[] = [];
    const keep = (what: string) => async () => void kept.push(what);
    receiver.answer = () => 200;
    const config = resolveOutbound({ webhookUrl: url, webhookSecretFile: secretFile('hook.secret', SECRET) }, {});
    const delivered = sinksFor(targetsOf(config));
    delivered.emit(events[0]!, keep('delivered'));
    await delivered.drain();
    expect(kept).toEqual(['delivered']);

    receiver.answer = () => 500;
    const dead = sinksFor(targetsOf(config), 2);
    dead.emit(events[1]!, keep('dead-lettered'));
    await dead.drain();
    expect(dead.counts).toEqual({ delivered: 0, deadLettered: 1, lost: 0 });
    expect(kept).toEqual(['delivered', 'dead-lettered']);

    // The dead-letter file cannot be written (its directory does not exist): the finding stays in the outbox.
    const lost = new OutboundSinks({ producer, targets: targetsOf(config), deadLetterFile: join(dir, 'missing', 'dead.jsonl'), retry: retry(1), log: (m) => logs.push(m) });
    lost.emit(events[2]!, keep('lost'));
    await lost.drain();
    expect(lost.counts).toEqual({ delivered: 0, deadLettered: 0, lost: 1 });
    expect(kept).toEqual(['delivered', 'dead-lettered']);
    expect(logs.at(-1)).toContain('it stays in the outbox');
  });
});

describe('the JSONL file', () => {
  it('is created 0600 and holds one event a line', async () => {
    const file = join(dir, 'alerts.jsonl');
    const sinks = sinksFor(targetsOf(resolveOutbound({ alertsFile: file }, {})));
    for (const e of events) sinks.emit(e);
    await sinks.drain();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OcsfFinding);
    expect(lines).toEqual(events);
    for (const l of lines) expect(validateOcsf(l, 'detection_finding')).toEqual([]);
  });
});

describe('credentials', () => {
  it('a token file readable by others is refused; no message names the token', () => {
    const loose = secretFile('loose.token', TOKEN, 0o644);
    expect(() => readSecretFile(loose, 'HEC token')).toThrow(/readable by others.*chmod 600/);
    const errors: string[] = [];
    for (const settings of [{ hecUrl: url, hecTokenFile: loose }, { hecUrl: url }, { webhookUrl: url }, { hecUrl: 'ftp://x', hecTokenFile: secretFile('ok.token', TOKEN) }, { hecUrl: `http://user:${TOKEN}@127.0.0.1/`, hecTokenFile: secretFile('ok2.token', TOKEN) }]) {
      try {
        resolveOutbound(settings, {});
        errors.push('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(OutboundConfigError);
        errors.push((err as Error).message);
      }
    }
    expect(errors).not.toContain('accepted');
    for (const m of errors) expect(m).not.toContain(TOKEN);
    expect(() => resolveOutbound({ hecUrl: url }, { HIREWATCH_HEC_TOKEN: 'short' })).toThrow(/HIREWATCH_HEC_TOKEN holds fewer than 16 characters/);
  });

  it('the configuration prints credentials as [redacted]; the environment gives them too', () => {
    const config = resolveOutbound({}, { HIREWATCH_HEC_URL: url, HIREWATCH_HEC_TOKEN: TOKEN, HIREWATCH_ALERTS_WEBHOOK_URL: url, HIREWATCH_ALERTS_WEBHOOK_SECRET_FILE: secretFile('s', SECRET) });
    expect(config.hecToken!.reveal()).toBe(TOKEN);
    expect(config.webhookSecret!.reveal()).toBe(SECRET);
    for (const text of [JSON.stringify(config), inspect(config, { depth: 5 }), String(config.hecToken)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
    }
    expect(targetsOf(config).map((t) => t.label)).toEqual([`Splunk HEC ${url}`, `webhook ${url}`]);
  });
});
