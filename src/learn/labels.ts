import { z } from 'zod';

/**
 * Labels for evaluation and training: which applications turned out fraudulent and which
 * honest. A labels file is JSON Lines in either of two shapes:
 * - a decided case, as `hirewatch cases export --labels` writes it:
 *   {applicationId, source?, decision: cleared|confirmed_fraud|withdrawn|inconclusive, date?,
 *   signals?: the signal ids (or {id}) the application showed when it was decided, ...};
 *   confirmed_fraud is a positive, cleared a negative, and the others are skipped (a
 *   withdrawn or inconclusive case says nothing either way);
 * - a plain label: {id (or applicationId), source?, label: fraud|honest}.
 * Other fields are allowed and ignored. A line that is neither is an error naming the line;
 * the rest still count. Pure: the caller reads the file.
 */
export const DECISIONS = ['cleared', 'confirmed_fraud', 'withdrawn', 'inconclusive'] as const;
export type Decision = (typeof DECISIONS)[number];

const Id = z.string().trim().min(1).max(256);
const SignalRef = z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) }).transform((s) => s.id)]);

export const CaseLabelSchema = z.looseObject({
  applicationId: Id,
  source: z.string().max(256).optional(),
  decision: z.enum(DECISIONS),
  date: z.string().optional(),
  signals: z.array(SignalRef).optional(),
});

export const PlainLabelSchema = z.looseObject({
  id: Id.optional(),
  applicationId: Id.optional(),
  source: z.string().max(256).optional(),
  label: z.enum(['fraud', 'honest']),
  signals: z.array(SignalRef).optional(),
}).refine((l) => l.id !== undefined || l.applicationId !== undefined, { message: 'a label needs id or applicationId' });

/** One usable label: positive means fraudulent (confirmed_fraud, or label fraud). */
export interface Label {
  readonly id: string;
  readonly source: string;
  readonly positive: boolean;
  /** The signal ids the application showed when it was decided, when the line says. */
  readonly signals?: readonly string[];
}

export interface LabelSet {
  readonly labels: readonly Label[];
  /** Lines skipped on purpose: decisions that are neither confirmed nor cleared. */
  readonly skipped: Readonly<Record<'withdrawn' | 'inconclusive', number>>;
  /** Lines that could not be read, with their line number (1-based). */
  readonly errors: readonly { readonly line: number; readonly error: string }[];
  /** An application labelled more than once keeps its last label; how many lines that replaced. */
  readonly replaced: number;
}

/** The key an application has in a label set and in results: source and id. */
export const labelKey = (source: string | undefined, id: string): string => `${source ?? ''}\u0000${id}`;

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.slice(0, 3).map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

export function parseLabels(text: string): LabelSet {
  const byKey = new Map<string, Label>();
  const skipped = { withdrawn: 0, inconclusive: 0 };
  const errors: { line: number; error: string }[] = [];
  let replaced = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, error: 'not valid JSON' });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ line: i + 1, error: 'not a JSON object' });
      return;
    }
    let label: Label | undefined;
    if ('decision' in value) {
      const parsed = CaseLabelSchema.safeParse(value);
      if (!parsed.success) {
        errors.push({ line: i + 1, error: describe(parsed.error.issues) });
        return;
      }
      const d = parsed.data;
      if (d.decision === 'withdrawn' || d.decision === 'inconclusive') {
        skipped[d.decision]++;
        return;
      }
      label = { id: d.applicationId, source: d.source ?? '', positive: d.decision === 'confirmed_fraud', ...(d.signals ? { signals: d.signals } : {}) };
    } else {
      const parsed = PlainLabelSchema.safeParse(value);
      if (!parsed.success) {
        errors.push({ line: i + 1, error: describe(parsed.error.issues) });
        return;
      }
      const d = parsed.data;
      label = { id: (d.id ?? d.applicationId)!, source: d.source ?? '', positive: d.label === 'fraud', ...(d.signals ? { signals: d.signals } : {}) };
    }
    const key = labelKey(label.source, label.id);
    if (byKey.has(key)) {
      replaced++;
      byKey.delete(key);
    }
    byKey.set(key, label);
  });
  return { labels: [...byKey.values()], skipped, errors, replaced };
}
