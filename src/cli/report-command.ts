import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { buildReferral } from '../service/referral.js';
import { buildTrends, TREND_PERIODS, type TrendPeriod } from '../service/trends.js';
import { DEFAULT_DB_FILE, DEFAULT_ORG } from '../store/index.js';
import { say } from './cli-errors.js';
import { existingStoreTarget, openNamedStore, parseOrg } from './cli-store.js';
import { referralPdf } from './formats/referral-pdf.js';
import { trendsCsv } from './formats/trends-csv.js';
import { trendsHtml } from './formats/trends-html.js';
import { oneOf } from './option-parsers.js';

/**
 * `hirewatch report referral CASE_ID` (the package for an FBI IC3 complaint,
 * PDF or JSON) and `hirewatch report trends` (screened, flagged, held and
 * confirmed per week or quarter, as HTML with charts or CSV); see
 * docs/REPORTING.md. Files are written mode 0600: both hold what the
 * organisation knows of applicants.
 */
const REFERRAL_FORMATS = ['pdf', 'json'] as const;
const TREND_FORMATS = ['html', 'csv'] as const;
const DB_HELP = `SQLite file or postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DB_FILE}); never created`;

/** A new file (or an existing one, truncated) readable by its owner alone. */
export function writeOwnerOnly(file: string, content: string | Buffer): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
  } finally {
    closeSync(fd);
  }
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('reports for people outside the screening team: an FBI referral, trends (docs/REPORTING.md)');
  report
    .command('referral')
    .description('write the package an investigator needs for an IC3 complaint about one case (PDF or JSON, mode 0600; audited)')
    .argument('<caseId>', 'the case (c_ and 16 hex digits; hirewatch cases list)')
    .option('--db <path|url>', DB_HELP)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--format <format>', REFERRAL_FORMATS.join(' or '), oneOf(REFERRAL_FORMATS), 'pdf')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (caseId: string, options: { db?: string; org: string; format: (typeof REFERRAL_FORMATS)[number]; out: string }) => {
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const referral = await buildReferral(store, caseId, { actor: 'cli', action: 'report.referral', detail: { format: options.format } });
        writeOwnerOnly(options.out, options.format === 'json' ? `${JSON.stringify(referral, null, 2)}\n` : await referralPdf(referral));
        if (referral.case.outcome !== 'confirmed_fraud') say(`note: case ${caseId} is ${referral.case.outcome ? `decided ${referral.case.outcome}` : 'not decided'}; a referral usually follows a confirmed_fraud decision`);
        say(`referral of case ${caseId} (${referral.identities.length} identities, ${referral.identifiers.length} identifiers, ${referral.findings.length} findings) written to ${options.out}`);
      } finally {
        await store.close();
      }
    });
  report
    .command('trends')
    .description('screened, flagged, held and confirmed per week or quarter with the change on the period before, top signals, family shares, education claims (HTML with charts, or CSV; mode 0600)')
    .option('--db <path|url>', DB_HELP)
    .option('--org <org>', 'organisation', DEFAULT_ORG)
    .option('--by <period>', TREND_PERIODS.join(' or '), oneOf(TREND_PERIODS), 'week')
    .option('--format <format>', TREND_FORMATS.join(' or '), oneOf(TREND_FORMATS), 'html')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { db?: string; org: string; by: TrendPeriod; format: (typeof TREND_FORMATS)[number]; out: string }) => {
      const store = await openNamedStore(existingStoreTarget(options.db), { org: parseOrg(options.org) });
      try {
        const trends = await buildTrends(store, options.by);
        writeOwnerOnly(options.out, options.format === 'csv' ? trendsCsv(trends) : trendsHtml(trends));
        say(`trends by ${options.by} over ${trends.periods.length} periods (${trends.totals.screened} applications screened) written to ${options.out}`);
      } finally {
        await store.close();
      }
    });
}
