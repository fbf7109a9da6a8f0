import { ApplicationSchema, type Application } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { screenApplication } from '../../src/score/screen.js';
import { screeningProvenance, type ImportOptions } from '../../src/store/index.js';
import { baseApplication, context } from '../helpers/applications.js';

/** Screening without the watchlists (fast), with the provenance the CLI would record. */
export const screening: ImportOptions = {
  screen: (record) => ({ result: screenApplication(record, context) }),
  provenance: screeningProvenance(DEFAULT_SCORING),
};

/** A parsed application; `change` edits the raw record first. */
export function application(id: string, change: (raw: Record<string, unknown>) => void = () => {}): Application {
  const raw = { ...baseApplication(), id };
  change(raw);
  return ApplicationSchema.parse(raw);
}

export function renamed(raw: Record<string, unknown>, fullName: string): void {
  raw.applicant = { ...(raw.applicant as Record<string, unknown>), fullName };
}
