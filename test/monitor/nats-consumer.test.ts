/**
 * Telemetry through NATS JetStream (on this project's machines: 127.0.0.1:4222,
 * started by .ci/run): 100,000 events are published, the consumer is killed
 * (SIGKILL) midway and started again, and the stored aggregates must equal
 * those of the file path over the same events: nothing lost, nothing twice.
 * Skipped with a reason when no NATS server answers, unless REQUIRE_NATS=1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTelemetry } from '../../bench/generate-telemetry.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { readEverything } from '../../src/service/telemetry-state.js';
import { publishTelemetryFile } from '../../src/stream/nats-telemetry.js';
import { openStore } from '../../src/store/index.js';
import { startHirewatch } from '../store/run-cli.js';

const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const reachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(NATS.replace(/^nats:/, 'http:'));
  const socket = createConnection({ host: hostname, port: Number(port || 4222) });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});
if (!reachable && process.env.REQUIRE_NATS === '1') throw new Error(`REQUIRE_NATS=1 but no NATS server answers at ${NATS}`);

const EVENTS = 100_000;
const run = Date.now().toString(36);
const nats = { servers: NATS, subject: `hwtest.${run}.telemetry`, stream: `HWTEST_${run}`, durable: 'hwtest-monitor' };
const consumer = `nats:${nats.stream}:${nats.durable}`;
const args = (db: string) => ['monitor', '--nats', NATS, '--db', db, '--subject', nats.subject, '--stream', nats.stream, '--durable', nats.durable, '--batch', '250', '--until-idle', '4', '-f', 'jsonl'];

describe.skipIf(!reachable)(`telemetry from NATS JetStream${reachable ? '' : ` (skipped: no NATS server at ${NATS}; set REQUIRE_NATS=1 to make this an error)`}`, () => {
  afterAll(async () => {
    const nc = await connect({ servers: NATS });
    await (await nc.jetstreamManager()).streams.delete(nats.stream).catch(() => undefined);
    await nc.drain();
  });

  it('a consumer killed midway and restarted stores exactly the aggregates of the file path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirewatch-nats-'));
    const lines = generateTelemetry(EVENTS);
    const file = join(dir, 'telemetry.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await publishTelemetryFile(file, nats)).toBe(EVENTS);
    const db = join(dir, 'hirewatch.db');

    // First run: killed once it has stored part of the stream.
    const watcher = await openStore(db);
    let killedAt = 0;
    const first = startHirewatch(args(db));
    const poll = setInterval(async () => {
      const seq = await watcher.monitor.checkpoint(consumer).catch(() => 0);
      if (seq >= 10_000 && killedAt === 0) {
        killedAt = seq;
        clearInterval(poll);
        first.child.kill('SIGKILL');
      }
    }, 25);
    const killed = await first.done;
    clearInterval(poll);
    expect(killed.signal).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(EVENTS);

    // Second run: resumes from the store and drains the stream.
    const second = await startHirewatch(args(db)).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/events stored from hwtest\.[a-z0-9]+\.telemetry \(up to stream sequence 100000;/);

    const stored = await readEverything(watcher);
    expect(await watcher.monitor.checkpoint(consumer)).toBe(EVENTS);
    await watcher.close();
    const direct = ingestLines(lines).aggregate;
    expect(stored.events).toBe(direct.events - Object.keys(direct.employees).length);
    expect(JSON.parse(JSON.stringify(stored.devices))).toEqual(JSON.parse(JSON.stringify(direct.devices)));
    expect(JSON.parse(JSON.stringify(stored.employees))).toEqual(JSON.parse(JSON.stringify(direct.employees)));
  }, 240_000);
});
