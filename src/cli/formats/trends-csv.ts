import type { Trends } from '../../service/trends.js';

/**
 * Trends as CSV (`hirewatch report trends --format csv`): one row per period,
 * oldest first. Counts, then each count's change on the period before (a
 * fraction: 0.25 is +25 %; empty when the period before had none), the
 * education claims, each family's share of the period's signals
 * (`share:FAMILY`), the top signals' counts (`signal:ID`) and the most
 * claimed institutions' counts (`institution:NAME`).
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet runs a cell that starts with = + - @ as a formula: text never does here.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function trendsCsv(t: Trends): string {
  const header = [
    t.by, 'screened', 'flagged', 'held', 'confirmed', 'screened_change', 'flagged_change', 'held_change', 'confirmed_change',
    'education_applications', 'education_claims', 'education_signal_applications',
    ...t.families.map((f) => `share:${f.name}`), ...t.topSignals.map((s) => `signal:${s.name}`), ...t.institutions.map((i) => `institution:${i.name}`),
  ];
  const rows = t.periods.map((p, i) => [
    p.period, p.screened, p.flagged, p.held, p.confirmed, p.change.screened, p.change.flagged, p.change.held, p.change.confirmed,
    t.education[i]!.applications, t.education[i]!.claims, t.education[i]!.withEducationSignal,
    ...t.families.map((f) => f.perPeriod[i]!), ...t.topSignals.map((s) => s.perPeriod[i]!), ...t.institutions.map((x) => x.perPeriod[i]!),
  ]);
  return [header, ...rows].map((r) => `${r.map(cell).join(',')}\n`).join('');
}
