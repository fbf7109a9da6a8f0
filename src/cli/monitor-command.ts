import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { EnrichedApplication } from '../normalise/application.js';
import { normaliseApplication } from '../normalise/application.js';
import { readApplications } from '../parse/read-input.js';
import type { GeoReference } from '../reference/geo/geo-reference.js';
import { loadGeoReference } from '../reference/geo/load-geo-reference.js';
import { loadTelemetryCatalogue } from '../reference/telemetry-catalogue.js';
import { loadUsExtent } from '../reference/us-extent.js';
import { assessTelemetry, type MonitorReport } from '../monitor/assess.js';
import { parseCidr, type MonitorReference } from '../monitor/context.js';
import { ingestFile } from '../monitor/ingest.js';
import { loadScoringConfig } from './load-config.js';

/**
 * `hirewatch monitor FILE [--applications FILE] [--format table|jsonl]
 * [--approved-tools a,b] [--corporate-networks CIDR,...] [--config FILE]`:
 * aggregates a telemetry file per device and day and scores each employee.
 */
interface MonitorOptions {
  applications?: string;
  format: 'table' | 'jsonl';
  approvedTools?: string;
  corporateNetworks?: string;
  config?: string;
}

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function buildMonitorReference(options: { approvedTools?: readonly string[]; corporateNetworks?: readonly string[]; warn?: (m: string) => void }): MonitorReference {
  let geo: GeoReference | undefined;
  try {
    geo = loadGeoReference();
  } catch (err) {
    options.warn?.(`hirewatch: geographic reference data not loaded (${err instanceof Error ? err.message : String(err)}); location signals are off`);
  }
  return {
    ...(geo ? { geo, extent: loadUsExtent() } : {}),
    catalogue: loadTelemetryCatalogue(),
    approvedTools: new Set((options.approvedTools ?? []).map((t) => t.toLowerCase().replace(/\.exe$/, ''))),
    corporateNetworks: (options.corporateNetworks ?? []).map(parseCidr),
  };
}

function tableOf(report: MonitorReport): string {
  const lines = ['EMPLOYEE    APPLICATION   SCORE  BAND    TOP REASONS'];
  for (const e of report.employees) {
    const top = e.signals[0];
    lines.push(`${e.employeeId.padEnd(10).slice(0, 10)}  ${(e.applicationId ?? '-').padEnd(12).slice(0, 12)}  ${String(e.score).padStart(5)}  ${e.band.padEnd(6)}  ${top ? `${top.id} (+${top.weight.toFixed(2)}): ${top.evidence}` : 'no signal'}`);
    for (const s of e.signals.slice(1)) lines.push(`${''.padEnd(42)}${s.id} (+${s.weight.toFixed(2)}): ${s.evidence}`);
  }
  const counts = { clear: 0, review: 0, hold: 0 };
  for (const e of report.employees) counts[e.band]++;
  lines.push('', `${report.employees.length} employees: ${counts.hold} hold, ${counts.review} review, ${counts.clear} clear`);
  for (const d of report.unassignedDevices) lines.push(`device ${d.deviceId}: ${d.events} events on ${d.days} day(s), tied to no employee`);
  return `${lines.join('\n')}\n`;
}

export async function runMonitor(file: string, options: MonitorOptions): Promise<number> {
  if (!existsSync(file)) {
    process.stderr.write(`hirewatch: cannot read ${file}: no such file\n`);
    return 1;
  }
  const scoring = loadScoringConfig(options.config);
  const reference = buildMonitorReference({
    approvedTools: list(options.approvedTools),
    corporateNetworks: list(options.corporateNetworks),
    warn: (m) => process.stderr.write(`${m}\n`),
  });
  const applications = new Map<string, EnrichedApplication>();
  if (options.applications) {
    for await (const outcome of readApplications(options.applications)) {
      if (outcome.ok) applications.set(outcome.record.id, normaliseApplication(outcome.record));
    }
  }
  const ingest = await ingestFile(file);
  for (const e of ingest.errors) process.stderr.write(`hirewatch: ${file}:${e.line}: ${e.error}\n`);
  if (ingest.errorCount > ingest.errors.length) process.stderr.write(`hirewatch: ${ingest.errorCount - ingest.errors.length} more unreadable lines\n`);
  if (ingest.accepted === 0) {
    process.stderr.write(`hirewatch: no telemetry event could be read from ${file}\n`);
    return 1;
  }
  const report = assessTelemetry(ingest.aggregate, applications, reference, scoring);
  if (options.format === 'jsonl') {
    for (const e of report.employees) {
      process.stdout.write(`${JSON.stringify({ employeeId: e.employeeId, ...(e.applicationId ? { applicationId: e.applicationId } : {}), score: e.score, band: e.band, signals: e.signals })}\n`);
    }
    for (const d of report.unassignedDevices) process.stderr.write(`hirewatch: device ${d.deviceId} (${d.events} events on ${d.days} day(s)) is tied to no employee\n`);
  } else {
    process.stdout.write(tableOf(report));
  }
  return 0;
}

export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('aggregate post-hire telemetry per device and day and score each employee (laptop farms, remote control)')
    .argument('<file>', 'telemetry events, JSON Lines (records.md section 2)')
    .option('-a, --applications <file>', "the employees' applications (JSON Lines or CSV): claimed addresses")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'jsonl']).default('table'))
    .option('--approved-tools <names>', 'remote-access tools the organisation approves, comma-separated (e.g. TeamViewer,ScreenConnect)')
    .option('--corporate-networks <cidrs>', "the organisation's own egress networks, comma-separated CIDRs (never counted as VPN, abroad or a farm)")
    .option('-c, --config <config.json>', 'scoring configuration: prior, thresholds, family caps, weights')
    .action(async (file: string, options: MonitorOptions) => {
      process.exitCode = await runMonitor(file, options);
    });
}
