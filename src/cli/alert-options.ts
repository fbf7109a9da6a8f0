import { Option, type Command } from 'commander';
import { DEFAULT_RETRY, OutboundConfigError, openOutbound, replayDeadLetters, resolveOutbound, targetsOf, type OutboundSettings } from '../outbound/index.js';
import type { OutboundSinks } from '../outbound/index.js';
import { CliFailure, say } from './cli-errors.js';
import { packageVersion } from './package-version.js';

/**
 * The outbound options every storing command takes (`screen`, `import`,
 * `monitor`, `serve`, `worker`): where new holds, case decisions and
 * post-hire alerts go as OCSF Detection Findings (docs/ALERTS.md). Each
 * option falls back to its HIREWATCH_* variable. Credentials only from files
 * (owner-only) or variables, never on the command line.
 */
export function addAlertOptions(command: Command): Command {
  return command
    .addOption(new Option('--alerts-file <file>', 'append each finding (OCSF Detection Finding, JSON Lines) to this file, created 0600 (HIREWATCH_ALERTS_FILE)'))
    .addOption(new Option('--hec-url <url>', 'send each finding to this Splunk HTTP Event Collector (HIREWATCH_HEC_URL)'))
    .addOption(new Option('--hec-token-file <file>', 'the HEC token, in a file readable by its owner alone (HIREWATCH_HEC_TOKEN_FILE, or the token in HIREWATCH_HEC_TOKEN)'))
    .addOption(new Option('--hec-index <index>', 'the Splunk index (default: the token\'s) (HIREWATCH_HEC_INDEX)'))
    .addOption(new Option('--webhook-url <url>', 'POST each finding, signed, to this URL (HIREWATCH_ALERTS_WEBHOOK_URL)'))
    .addOption(new Option('--webhook-secret-file <file>', 'the webhook signing secret, owner-only file (HIREWATCH_ALERTS_WEBHOOK_SECRET_FILE, or HIREWATCH_ALERTS_WEBHOOK_SECRET)'))
    .addOption(new Option('--dead-letter-file <file>', 'findings whose delivery failed after every retry (default ./hirewatch-dead-letters.jsonl) (HIREWATCH_ALERTS_DEAD_LETTER_FILE)'))
    .addOption(new Option('--alert-retries <n>', 'retries after a failed delivery, with exponential backoff (default 5) (HIREWATCH_ALERTS_RETRIES)'));
}

/** Pick the outbound settings out of a command's parsed options. */
export function alertSettings(options: OutboundSettings): OutboundSettings {
  const { alertsFile, hecUrl, hecTokenFile, hecIndex, webhookUrl, webhookSecretFile, deadLetterFile, alertRetries } = options;
  return { alertsFile, hecUrl, hecTokenFile, hecIndex, webhookUrl, webhookSecretFile, deadLetterFile, alertRetries };
}

/** The sink configured by the options and environment, or undefined; a wrong setting is a CliFailure naming it (never a credential). */
export function openAlertSinks(options: OutboundSettings, env: Readonly<Record<string, string | undefined>> = process.env): OutboundSinks | undefined {
  try {
    return openOutbound(resolveOutbound(alertSettings(options), env), { producer: { version: packageVersion() }, log: say });
  } catch (err) {
    if (err instanceof OutboundConfigError) throw new CliFailure(`alerts: ${err.message}`);
    throw err;
  }
}

/** Wait for deliveries under way, then say what went to the dead-letter file. */
export async function closeAlertSinks(sinks: OutboundSinks | undefined): Promise<void> {
  if (!sinks) return;
  await sinks.drain();
  const { delivered, deadLettered } = sinks.counts;
  if (deadLettered > 0) say(`alerts: ${delivered} delivered, ${deadLettered} kept in ${sinks.deadLetterFile} (hirewatch alerts replay)`);
}

/** `hirewatch alerts replay`: send the dead letters again to the destinations configured now. */
export function registerAlertsReplay(alerts: Command): void {
  addAlertOptions(
    alerts
      .command('replay')
      .description('send the findings kept in the dead-letter file again (to the destinations configured now); what fails again stays'),
  ).action(async (options: OutboundSettings) => {
    let config;
    try {
      config = resolveOutbound(alertSettings(options));
    } catch (err) {
      if (err instanceof OutboundConfigError) throw new CliFailure(`alerts: ${err.message}`);
      throw err;
    }
    const targets = targetsOf(config);
    if (targets.length === 0) throw new CliFailure('alerts replay: no destination configured: give --hec-url, --webhook-url or --alerts-file (or their HIREWATCH_* variables) as when the findings were sent');
    const report = await replayDeadLetters(config.deadLetterFile, targets, { ...DEFAULT_RETRY, attempts: config.attempts, baseMs: config.backoffMs }, say);
    say(`alerts replay: ${report.delivered} delivered, ${report.failed} failed again, ${report.kept} kept (no such destination configured, or unreadable) in ${config.deadLetterFile}`);
    if (report.failed > 0) process.exitCode = 1;
  });
}
