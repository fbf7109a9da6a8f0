/**
 * The outbound options from the command line (docs/ALERTS.md): `hirewatch
 * import` with --hec-url, --hec-token-file, --webhook-url,
 * --webhook-secret-file and --alerts-file sends each new hold of the example
 * file to a local HEC receiver, a signed webhook and a 0600 JSONL file; a
 * webhook that refuses leaves the findings in the dead-letter file and
 * `hirewatch alerts replay` delivers them; a token file readable by others
 * stops the command before anything is stored; no credential reaches
 * standard error.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/outbound/index.js';
import { holdFinding, type OcsfFinding } from '../../src/service/index.js';
import { openStore } from '../../src/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { validateOcsf } from '../helpers/ocsf-validate.js';
import { Receiver } from './receivers.js';

const TOKEN = '6a1d2b9e-33c4-4f0a-8e5b-7c9d0f1e2a3b';
const SECRET = 'whsec-Zr8Pq2Lm5Nx7Vb3Kc9Ty4Hd';

/** Run hirewatch without blocking this process (the receivers answer from here). */
function hirewatchAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', HIREWATCH_AUDIT_KEY_FILE: join(dir, 'audit.key'), HIREWATCH_ALERTS_BACKOFF_MS: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

let dir: string;
const hec = new Receiver();
const hook = new Receiver();
let hecUrl: string;
let hookUrl: string;
const owned = (name: string, value: string, mode = 0o600): string => {
  const file = join(dir, name);
  writeFileSync(file, `${value}\n`);
  chmodSync(file, mode);
  return file;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hw-cli-alerts-'));
  hecUrl = await hec.start();
  hookUrl = await hook.start();
});
afterAll(async () => {
  await hec.stop();
  await hook.stop();
});

describe('hirewatch import with outbound findings', () => {
  it('a token file readable by others stops the command before anything is stored, naming the file and not the token', async () => {
    const r = await hirewatchAsync(['import', 'examples/applications.jsonl', '--db', join(dir, 'refused.db'), '--hec-url', hecUrl, '--hec-token-file', owned('loose.token', TOKEN, 0o644)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/loose\.token is readable by others/);
    expect(r.stderr).not.toContain(TOKEN);
    expect(existsSync(join(dir, 'refused.db'))).toBe(false);
  });

  it('each new hold goes to Splunk HEC, the signed webhook and the JSONL file; a refusing webhook dead-letters and replay delivers', async () => {
    hook.answer = () => 503;
    const alerts = join(dir, 'alerts.jsonl');
    const dead = join(dir, 'dead.jsonl');
    const db = join(dir, 'a.db');
    const r = await hirewatchAsync([
      'import', 'examples/applications.jsonl', '--db', db, '--org', 'acme',
      '--hec-url', hecUrl, '--hec-token-file', owned('hec.token', TOKEN),
      '--webhook-url', `${hookUrl}/in`, '--alert-retries', '1', '--alerts-file', alerts, '--dead-letter-file', dead,
    ], { HIREWATCH_ALERTS_WEBHOOK_SECRET: SECRET });
    expect(r.status).toBe(0);
    const lines = readFileSync(alerts, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OcsfFinding);
    expect(lines.length).toBeGreaterThan(0);
    expect(statSync(alerts).mode & 0o777).toBe(0o600);
    for (const e of lines) {
      expect(validateOcsf(e, 'detection_finding')).toEqual([]);
      expect(e).toMatchObject({ class_uid: 2004, type_uid: 200401, metadata: { tenant_uid: 'acme' }, unmapped: { hirewatch: { kind: 'hold', band: 'hold' } } });
    }
    expect(hec.received.map((x) => x.headers.authorization)).toEqual(lines.map(() => `Splunk ${TOKEN}`));
    expect(hec.received.map((x) => JSON.parse(x.body).event.metadata.uid).sort()).toEqual(lines.map((e) => e.metadata.uid).sort());
    // the webhook refused every attempt (1 retry): each finding is in the dead-letter file
    expect(hook.received).toHaveLength(lines.length * 2);
    expect(readFileSync(dead, 'utf8').trim().split('\n')).toHaveLength(lines.length);
    expect(statSync(dead).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain(`kept in ${dead}`);
    for (const text of [r.stderr, r.stdout, readFileSync(dead, 'utf8')]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
    }
    // importing the same file again stores nothing new and sends nothing
    const before = hec.received.length;
    const again = await hirewatchAsync(['import', 'examples/applications.jsonl', '--db', db, '--org', 'acme', '--hec-url', hecUrl, '--hec-token-file', owned('hec.token', TOKEN)]);
    expect(again.status).toBe(0);
    expect(hec.received.length).toBe(before);

    hook.answer = () => 200;
    hook.received.length = 0;
    const replay = await hirewatchAsync(['alerts', 'replay', '--webhook-url', `${hookUrl}/in`, '--dead-letter-file', dead], { HIREWATCH_ALERTS_WEBHOOK_SECRET: SECRET });
    expect(replay.status).toBe(0);
    expect(replay.stderr).toContain(`${lines.length} delivered, 0 failed again, 0 kept`);
    expect(hook.received.map((x) => x.headers['idempotency-key']).sort()).toEqual(lines.map((e) => e.metadata.uid).sort());
    for (const x of hook.received) {
      expect(verifySignature(SECRET, String(x.headers['x-hirewatch-timestamp']), x.body, String(x.headers['x-hirewatch-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    }
    expect(existsSync(dead)).toBe(false);
  });

  it("a finding a killed run stored but never sent goes out with the next run of its organisation, and leaves the outbox", async () => {
    const db = join(dir, 'left.db');
    const past = '2026-01-01T00:00:00.000Z';
    const leftover = holdFinding({ version: '0.0.0-test' }, { org: 'acme', applicationId: 'gh-9999', source: 'greenhouse', version: 1, score: 91, bandReason: 'two-lines: interview, contact', signals: [{ id: 'interview.face_mismatch', family: 'interview' }], at: past });
    const theirs = holdFinding({ version: '0.0.0-test' }, { org: 'globex', applicationId: 'gx-1', source: '', version: 1, score: 91, bandReason: 'two-lines: interview, contact', signals: [{ id: 'interview.face_mismatch', family: 'interview' }], at: past });
    const seeded = await openStore(db, { org: 'acme' });
    await seeded.outbox.add([{ uid: leftover.metadata.uid, json: JSON.stringify(leftover) }], past, past);
    await seeded.withOrg('globex').outbox.add([{ uid: theirs.metadata.uid, json: JSON.stringify(theirs) }], past, past);
    await seeded.close();
    const alerts = join(dir, 'left-alerts.jsonl');
    const r = await hirewatchAsync(['import', 'examples/applications.jsonl', '--db', db, '--org', 'acme', '--alerts-file', alerts]);
    expect(r.status).toBe(0);
    const sent = readFileSync(alerts, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OcsfFinding);
    expect(sent.filter((e) => e.metadata.uid === leftover.metadata.uid)).toEqual([leftover]);
    // Another organisation's finding is not this command's to send.
    expect(sent.filter((e) => e.metadata.tenant_uid !== 'acme')).toEqual([]);
    const after = await openStore(db, { org: 'acme' });
    expect(await after.outbox.size()).toBe(0);
    expect(await after.withOrg('globex').outbox.size()).toBe(1);
    await after.close();
  });
});
