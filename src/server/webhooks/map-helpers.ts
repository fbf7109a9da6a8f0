import { ApplicationSchema, type Application } from '../../parse/application-schema.js';

/**
 * Small pieces the three vendor mappers share. Everything here keeps what the
 * vendor sent as it was typed (phones, emails, links) and leaves out what the
 * vendor did not send: absence is never evidence, so nothing is guessed.
 */

/**
 * What a mapper gives back: the record, or why it could not be made, plus
 * notes on dropped values; and when the vendor last changed the application
 * (`sourceUpdatedAt`, an ISO instant from the signed payload), which orders
 * updates so that a replayed delivery never rolls the record back.
 */
export type MapOutcome =
  | { readonly ok: true; readonly application: Application; readonly notes: readonly string[]; readonly sourceUpdatedAt?: string }
  | { readonly ok: false; readonly error: string };

const ISO_DATE = /^\d{4}-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Non-empty trimmed text, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** Distinct non-empty values, first occurrence kept, original spelling kept. */
export function distinct(values: readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = text(v);
    if (t === undefined || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

/**
 * A vendor date as the record's ISO form: ISO stays as is, `MM/DD/YYYY`
 * (Greenhouse's education and employment dates) becomes `YYYY-MM-DD`,
 * epoch milliseconds (Lever) become an ISO instant. Anything else is dropped
 * with a note, so one odd date never loses the whole application.
 */
export function isoDate(value: unknown, field: string, notes: string[]): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    const d = new Date(value);
    if (Number.isFinite(value) && !Number.isNaN(d.getTime())) return d.toISOString();
    notes.push(`${field}: dropped a timestamp that is not a date`);
    return undefined;
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (ISO_DATE.test(t)) return t;
    const us = US_DATE.exec(t);
    if (us) {
      const [, mm, dd, yyyy] = us;
      const month = Number(mm);
      const day = Number(dd);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return `${yyyy}-${mm!.padStart(2, '0')}-${dd!.padStart(2, '0')}`;
    }
  }
  notes.push(`${field}: dropped '${String(value).slice(0, 40)}', not a date`);
  return undefined;
}

const US_LAST_LINE = /^(.+?),\s*([A-Za-z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/;

/**
 * A one-string address (Greenhouse sends `"123 Main St\nAustin, TX 78704"`)
 * as the record's address. Only the documented "City, ST 12345" last line is
 * split; otherwise the whole text is kept as line1. The country is not
 * inferred from the shape.
 */
export function addressFromText(value: string | undefined): Application['applicant']['address'] {
  const t = text(value);
  if (t === undefined) return undefined;
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const last = lines.length > 1 ? US_LAST_LINE.exec(lines[lines.length - 1]!) : null;
  if (!last) return { line1: lines.join(', ') };
  return { line1: lines.slice(0, -1).join(', '), city: last[1]!.trim(), region: last[2]!.toUpperCase(), postalCode: last[3]! };
}

/**
 * A vendor's "last changed" time as an ISO instant (UTC, milliseconds):
 * epoch milliseconds (Lever) or an ISO date-time with its zone (Greenhouse,
 * Ashby). A date without a time or zone orders nothing, so it is dropped with
 * a note (the update is then taken unordered, as before).
 */
export function sourceInstant(value: unknown, field: string, notes: string[]): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number'
    ? value
    : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())
      ? Date.parse(value.trim().replace(' ', 'T'))
      : Number.NaN;
  if (Number.isFinite(ms) && !Number.isNaN(new Date(ms).getTime())) return new Date(ms).toISOString();
  notes.push(`${field}: dropped '${String(value).slice(0, 40)}', not an instant (this update is not ordered)`);
  return undefined;
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** Drop keys whose value is undefined, an empty list or an empty object, so absent stays absent. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || isEmptyObject(v)) continue;
    if (Array.isArray(v)) {
      const kept = v.filter((item) => !isEmptyObject(item));
      if (kept.length > 0) out[k] = kept;
      continue;
    }
    out[k] = v;
  }
  return out as T;
}

/** Validate a mapped record with the project's Application schema; a failure names the field. */
export function finish(record: Record<string, unknown>, notes: string[], sourceUpdatedAt?: string): MapOutcome {
  const parsed = ApplicationSchema.safeParse(record);
  if (parsed.success) return { ok: true, application: parsed.data, notes, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) };
  const issue = parsed.error.issues[0];
  const path = issue ? issue.path.join('.') || '(record)' : '(record)';
  return { ok: false, error: `${path}: ${issue?.message ?? 'invalid'}` };
}

/** The first zod issue of a payload that does not have the vendor's documented shape, as one line. */
export function describeShapeError(vendor: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  return `${vendor} payload: ${path || '(body)'}: ${issue?.message ?? 'unexpected shape'}`;
}
