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
import { buildMonitorReference } from '../src/service/index.js';
import { assessTelemetry } from '../src/monitor/assess.js';
import { ingestFile } from '../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { generateTelemetry } from './generate-telemetry.js';

const count = Number(process.argv[3] ?? 1_000_000);

const lines = generateTelemetry(count);
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
