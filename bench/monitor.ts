/**
 * `npm run bench -- monitor [COUNT]`: telemetry ingest from a file on one
 * core: read, JSON.parse, validate (fast path, zod on failure) and aggregate
 * per device and day. Generates COUNT events (default 1,000,000: 400 devices,
 * 10 days, every event type) into a temporary file first; also reports the
 * JSON.parse-only rate of the same lines and the assessment time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMonitorReference } from '../src/cli/monitor-command.js';
import { assessTelemetry } from '../src/monitor/assess.js';
import { ingestFile } from '../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../src/score/config.js';

const count = Number(process.argv[3] ?? 1_000_000);
const DEVICES = 400;
const DAYS = 10;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number): string[] {
  const r = rng(42);
  const lines: string[] = [];
  for (let e = 0; e < DEVICES; e++) {
    lines.push(JSON.stringify({ type: 'employee', employeeId: `E${e}`, applicationId: `app-${e}`, workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: [`LAP-${e}`] }));
  }
  const procs = ['chrome.exe', 'Code.exe', 'Slack.exe', 'Zoom.exe', 'AnyDesk.exe', 'explorer.exe'];
  const start = Date.UTC(2025, 11, 1);
  for (let i = lines.length; i < n; i++) {
    const device = `LAP-${Math.floor(r() * DEVICES)}`;
    const at = new Date(start + Math.floor(r() * DAYS * 86_400_000)).toISOString().replace('.000Z', 'Z');
    const k = r();
    if (k < 0.6) lines.push(`{"type":"keystroke","at":"${at}","deviceId":"${device}","medianLatencyMs":${Math.round(15 + r() * 40)},"samples":${50 + Math.floor(r() * 400)}}`);
    else if (k < 0.8) lines.push(`{"type":"network_rtt","at":"${at}","deviceId":"${device}","rttMs":${Math.round(20 + r() * 60)},"peer":"vpn-us-central"}`);
    else if (k < 0.93) lines.push(`{"type":"process","at":"${at}","deviceId":"${device}","name":"${procs[Math.floor(r() * procs.length)]}"}`);
    else if (k < 0.98) lines.push(`{"type":"login","at":"${at}","employeeId":"E${device.slice(4)}","deviceId":"${device}","ip":"66.68.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}"}`);
    else lines.push(`{"type":"usb","at":"${at}","deviceId":"${device}","vendorId":"046d","productId":"c52b","product":"USB Receiver"}`);
  }
  return lines;
}

const lines = generate(count);
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-monitor-'));
const file = join(dir, 'telemetry.jsonl');
const text = `${lines.join('\n')}\n`;
writeFileSync(file, text);
const bytes = Buffer.byteLength(text);
console.log(`generated ${count.toLocaleString('en-US')} events (${(bytes / 1e6).toFixed(1)} MB)`);

// Parse-only rate of the same lines (the floor any validator adds to).
let sink = 0;
let t0 = performance.now();
for (const line of lines) sink += (JSON.parse(line) as { type: string }).type.length;
const parseOnly = count / ((performance.now() - t0) / 1000);
console.log(`${'JSON.parse only (in memory)'.padEnd(40)} ${Math.round(parseOnly).toLocaleString('en-US').padStart(10)} events/s`);

// Warm-up on a slice, then the measured run from the file.
await ingestFile(file).catch(() => undefined);
t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await ingestFile(file);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const rate = result.accepted / seconds;
console.log(`${'ingest from file (parse+validate+fold)'.padEnd(40)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} events/s  (${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ${result.errorCount} errors)`);

const ref = buildMonitorReference({});
t0 = performance.now();
const report = assessTelemetry(result.aggregate, new Map(), ref, DEFAULT_SCORING);
const assessMs = performance.now() - t0;
const deviceDays = Object.values(result.aggregate.devices).reduce((n, d) => n + Object.keys(d).length, 0);
console.log(`assessed ${report.employees.length} employees (${deviceDays} device-days) in ${Math.round(assessMs)} ms; aggregate ${(JSON.stringify(result.aggregate).length / 1e6).toFixed(1)} MB as JSON; checksum ${sink % 997}`);
rmSync(dir, { recursive: true, force: true });
const load = loadavg().map((x) => Number(x.toFixed(2)));
console.log(
  JSON.stringify({
    bench: 'monitor',
    events: count,
    inputMB: Number((bytes / 1e6).toFixed(1)),
    parseOnlyPerSec: Math.round(parseOnly),
    ingestPerSec: Math.round(rate),
    ingestPerCpuSecond: Math.round(result.accepted / ((cpu.user + cpu.system) / 1e6)),
    ingestSeconds: Number(seconds.toFixed(2)),
    ingestCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    goalPerSec: 200_000,
    meetsGoal: rate >= 200_000,
    meetsGoalPerCpuSecond: result.accepted / ((cpu.user + cpu.system) / 1e6) >= 200_000,
    deviceDays,
    assessMs: Math.round(assessMs),
    loadAverage: load,
    node: process.version,
  }),
);
