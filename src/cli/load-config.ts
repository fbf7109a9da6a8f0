import { describeIssues } from '../parse/record-error.js';
import { DEFAULT_SCORING, ScoringConfigSchema, type ScoringConfig } from '../score/config.js';
import { CliFailure, readNamedFile } from './cli-errors.js';
import { activeWeights } from './weights-store.js';

const CONFIG_EXAMPLE = 'give --config a JSON file such as {"thresholds": {"review": 15, "hold": 60}} (README, How the score is made)';

/**
 * Read a scoring configuration file (JSON); errors name the file and the field. The active
 * weights version (hirewatch weights activate; HIREWATCH_WEIGHTS_DIR, else
 * ~/.config/hirewatch/weights) applies under the file's own weights, so a result's scoring
 * version (its provenance) names the weights that produced it.
 */
export function loadScoringConfig(file: string | undefined, options: { activeWeights?: boolean } = {}): ScoringConfig {
  const active = options.activeWeights === false ? undefined : activeWeights();
  const withActive = (config: ScoringConfig): ScoringConfig => (active ? { ...config, weights: { ...active.weights, ...config.weights } } : config);
  if (!file) return withActive(DEFAULT_SCORING);
  const text = readNamedFile(file, 'the scoring configuration', CONFIG_EXAMPLE);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliFailure(`the scoring configuration ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}): ${CONFIG_EXAMPLE}`);
  }
  const parsed = ScoringConfigSchema.safeParse(value);
  if (!parsed.success) throw new CliFailure(`${file}: ${describeIssues(parsed.error.issues)}`);
  return withActive(parsed.data);
}
