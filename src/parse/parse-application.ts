import { APPLICATION_LIMITS, ApplicationFieldsSchema, ApplicationSchema, type Application } from './application-schema.js';
import { isStorableText, rawTextNeedsWalk } from './json-limits.js';
import { describeIssues, type RecordError, type RecordLocation } from './record-error.js';

export interface ParsedRecord {
  readonly ok: true;
  readonly location: RecordLocation;
  readonly record: Application;
}

export type ParseOutcome = ParsedRecord | RecordError;

/** The record's id for an error line, when it is one the contract accepts (an over-long or unstorable one is not repeated). */
function idOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' && id.trim() && id.trim().length <= APPLICATION_LIMITS.id && isStorableText(id)) return id.trim();
    if (typeof id === 'number') return String(id);
  }
  return undefined;
}

/** Validate one decoded record against the contract; a failure names the fields. `rawText`: the JSON text it was decoded from, if any. */
export function parseApplication(value: unknown, location: RecordLocation, describeField?: (path: string) => string, rawText?: string): ParseOutcome {
  // The raw text, when there is one, can prove the walk over every value needless (most records).
  const schema = rawText !== undefined && !rawTextNeedsWalk(rawText, { maxDepth: APPLICATION_LIMITS.depth, maxText: APPLICATION_LIMITS.resumeText })
    ? ApplicationFieldsSchema
    : ApplicationSchema;
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, location, record: result.data };
  const id = idOf(value);
  const issues = describeField
    ? result.error.issues.map((issue) => ({ ...issue, path: [describeField(issue.path.map(String).join('.'))] }))
    : result.error.issues;
  return { ok: false, location, ...(id ? { id } : {}), error: describeIssues(issues) };
}

/** One line of a JSON Lines file. Blank lines are skipped (null). */
export function parseJsonLine(line: string, location: RecordLocation): ParseOutcome | null {
  const trimmed = line.trim();
  if (!trimmed) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, location, error: `not valid JSON (${reason})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, location, error: 'expected one JSON object per line' };
  }
  return parseApplication(value, location, undefined, trimmed);
}
