import { readFileSync } from 'node:fs';
import { describeIssues } from '../parse/record-error.js';
import { DEFAULT_SCORING, ScoringConfigSchema, type ScoringConfig } from '../score/config.js';

/** Read a scoring configuration file (JSON); errors name the file and the field. */
export function loadScoringConfig(file: string | undefined): ScoringConfig {
  if (!file) return DEFAULT_SCORING;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read configuration (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = ScoringConfigSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
