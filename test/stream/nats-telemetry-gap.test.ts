/**
 * A message missing from a fetch must not be acknowledged unread (NATS
 * JetStream at 127.0.0.1:4222 on this project's machines, started by .ci/run;
 * skipped with a reason when none answers, unless REQUIRE_NATS=1).
 *
 * consumeTelemetry stores a fetch, then acknowledges it with ack-all. A
 * message the server delivered that the consumer never read (a fetch that
 * stopped waiting early, here: another client pulling from the same durable
 * consumer while the consumer stores a batch) used to be acknowledged by the
 * next batch's ack-all, and passed by the stored sequence: lost. It must be
 * delivered again and stored, once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestLines } from '../../src/monitor/ingest.js';
import type { TelemetryEvent } from '../../src/monitor/events.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Monitoring, type IngestOptions, type TelemetryOutcome } from '../../src/service/monitoring.js';
import { buildMonitorReference } from '../../src/service/monitor-reference.js';
import { readEverything } from '../../src/service/telemetry-state.js';
import { consumeTelemetry } from '../../src/stream/nats-telemetry.js';
import { openStore, type HirewatchStore } from '../../src/store/index.js';

const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const reachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(NATS.replace(/^nats:/, 'http:'));
  const socket = createConnection({ host: hostname, port: Number(port || 4222) });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});
if (!reachable && process.env.REQUIRE_NATS === '1') throw new Error(`REQUIRE_NATS=1 but no NATS server answers at ${NATS}`);

const run = `${Date.now().toString(36)}${process.pid}`;
const nats = { servers: NATS, subject: `hwtest.${run}.gap`, stream: `HWTEST_GAP_${run}`, durable: 'hwtest-gap' };

/** One employee and 40 keystroke summaries of their laptop, a minute apart. */
const lines = [
  JSON.stringify({ type: 'employee', employeeId: 'E1', applicationId: 'app-1', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-1'] }),
  ...Array.from({ length: 40 }, (_, i) => JSON.stringify({ type: 'keystroke', at: new Date(Date.UTC(2025, 11, 1, 14, i)).toISOString(), deviceId: 'LAP-1', medianLatencyMs: 20 + i, samples: 100 + i })),
];

/** Monitoring whose first ingest waits until released, saying when it started waiting. */
function later(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

class HeldMonitoring extends Monitoring {
  held = later();
  release = later();
  private calls = 0;
  override async ingest(store: HirewatchStore, events: readonly TelemetryEvent[], options: IngestOptions): Promise<TelemetryOutcome> {
    if (this.calls++ === 0) {
      this.held.resolve();
      await this.release.promise;
    }
    return super.ingest(store, events, options);
  }
}

describe.skipIf(!reachable)(`a gap in a JetStream fetch${reachable ? '' : ` (skipped: no NATS server at ${NATS}; set REQUIRE_NATS=1 to make this an error)`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-nats-gap-'));
  afterAll(async () => {
    const nc = await connect({ servers: NATS });
    await (await nc.jetstreamManager()).streams.delete(nats.stream).catch(() => undefined);
    await nc.drain();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a message delivered elsewhere while a batch is stored is delivered again and stored, not acknowledged unread', async () => {
    const nc = await connect({ servers: NATS });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: nats.stream, subjects: [nats.subject] });
    const js = nc.jetstream();
    for (const line of lines.slice(0, 20)) await js.publish(nats.subject, line);

    const store = await openStore(join(dir, 'hirewatch.db'));
    const monitoring = new HeldMonitoring(() => buildMonitorReference(), DEFAULT_SCORING);
    const consuming = consumeTelemetry({ ...nats, store, monitoring, batch: 20, idleMs: 3000 });

    // The consumer stores its first batch (no fetch of its own outstanding): the next message goes to another client, unread.
    await monitoring.held.promise;
    for (const line of lines.slice(20, 30)) await js.publish(nats.subject, line);
    const other = await js.consumers.get(nats.stream, nats.durable);
    const stolen: number[] = [];
    for await (const m of await other.fetch({ max_messages: 1, expires: 2000 })) stolen.push(m.seq);
    expect(stolen).toHaveLength(1);
    for (const line of lines.slice(30)) await js.publish(nats.subject, line);
    monitoring.release.resolve();

    const totals = await consuming;
    await nc.drain();
    expect(totals.lastSequence).toBe(lines.length);
    expect(totals.errors).toBe(0);
    // Every message stored once: the one delivered elsewhere too, nothing twice.
    const direct = ingestLines(lines).aggregate;
    const stored = await readEverything(store);
    expect(await store.monitor.checkpoint(`nats:${nats.stream}:${nats.durable}`)).toBe(lines.length);
    await store.close();
    expect(JSON.parse(JSON.stringify(stored.devices))).toEqual(JSON.parse(JSON.stringify(direct.devices)));
    expect(JSON.parse(JSON.stringify(stored.employees))).toEqual(JSON.parse(JSON.stringify(direct.employees)));
  }, 120_000);
});
