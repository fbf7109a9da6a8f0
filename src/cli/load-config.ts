import { describeIssues } from '../parse/record-error.js';
import { DEFAULT_SCORING, ScoringConfigSchema, type ScoringConfig } from '../score/config.js';
import { CliFailure, readNamedFile } from './cli-errors.js';

const CONFIG_EXAMPLE = 'give --config a JSON file such as {"thresholds": {"review": 15, "hold": 60}} (README, How the score is made)';

/** Read a scoring configuration file (JSON); errors name the file and the field. */
export function loadScoringConfig(file: string | undefined): ScoringConfig {
  if (!file) return DEFAULT_SCORING;
  const text = readNamedFile(file, 'the scoring configuration', CONFIG_EXAMPLE);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliFailure(`the scoring configuration ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}): ${CONFIG_EXAMPLE}`);
  }
  const parsed = ScoringConfigSchema.safeParse(value);
  if (!parsed.success) throw new CliFailure(`${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
