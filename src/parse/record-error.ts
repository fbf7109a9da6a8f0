import type { z } from 'zod';

/** Where a record came from: the line of a JSONL file or the row of a CSV file. */
export interface RecordLocation {
  readonly file?: string;
  readonly line: number;
}

/** A record that could not be read. The run goes on without it. */
export interface RecordError {
  readonly ok: false;
  readonly location: RecordLocation;
  readonly id?: string;
  readonly error: string;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** "line 7: applicant.fullName: a name is required; submittedAt: ..." */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${fieldPath(issue.path) || '(record)'}: ${issue.message}`)
    .join('; ');
}

export function locationText(location: RecordLocation): string {
  return `${location.file ? `${location.file}:` : 'line '}${location.line}`;
}
