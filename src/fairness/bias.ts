/**
 * The bias audit of `hirewatch audit bias` (docs/EVALUATION.md), in the style of New York
 * City's Local Law 144 for automated employment decision tools (6 RCNY 5-301): for each
 * category of a demographic column, how often applications are flagged (review or hold) and
 * held, and impact ratios against the most-favoured category.
 *
 * This is the only module of hirewatch that reads demographic data, and only the bias audit
 * command may import it (.dependency-cruiser.cjs, rule demographics-only-in-the-bias-audit;
 * test/lawful.test.ts). Nothing here feeds back into a score. Pure: the caller reads the file.
 */
import { parse } from 'csv-parse/sync';

export type Outcome = 'clear' | 'review' | 'hold';

export class DemographicsError extends Error {
  override readonly name = 'DemographicsError';
}

/** Category of each application id, from CSV text with a header row. */
export function parseDemographics(text: string, group: string, idColumn?: string): Map<string, string> {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  } catch (err) {
    throw new DemographicsError(`not readable as CSV (${err instanceof Error ? err.message : String(err)})`);
  }
  const header = rows.length ? Object.keys(rows[0]!) : [];
  const id = idColumn ?? ['id', 'applicationId', 'application_id'].find((c) => header.includes(c));
  if (!id || !header.includes(id)) throw new DemographicsError(`no id column${idColumn ? ` '${idColumn}'` : ' (id, applicationId or application_id)'}; the header is ${header.join(',') || 'empty'}`);
  if (!header.includes(group)) throw new DemographicsError(`no column '${group}'; the header is ${header.join(',')}`);
  const out = new Map<string, string>();
  for (const row of rows) {
    const key = row[id]?.trim();
    if (!key) continue;
    const category = row[group]?.trim();
    out.set(key, category ? category : 'unknown');
  }
  return out;
}

export interface CategoryRates {
  readonly category: string;
  readonly applications: number;
  readonly flagged: number;
  readonly held: number;
  readonly flagRate: number;
  readonly holdRate: number;
  /**
   * The most-favoured category's flag rate over this category's (1 when this category's is
   * 0): under 0.8 this category is flagged more than 1.25 times as often as the most-favoured.
   * Null for a category too small to compare (under 2 % of the applications, as Local Law 144's rules allow).
   */
  readonly flagImpactRatio: number | null;
  readonly holdImpactRatio: number | null;
  /** Local Law 144's own form on the favourable outcome: this category's share left clear over the highest share left clear. */
  readonly clearSelectionRatio: number | null;
  /** The overall flag rate over this category's: the issue's check (no group above 1.25 times the overall rate). */
  readonly flagRatioToOverall: number | null;
  readonly holdRatioToOverall: number | null;
  readonly small: boolean;
}

export interface BiasAudit {
  readonly group: string;
  readonly applications: number;
  readonly flagRate: number;
  readonly holdRate: number;
  /** The most-favoured categories: lowest flag rate and lowest hold rate among those large enough to compare. */
  readonly favouredForFlags: string | null;
  readonly favouredForHolds: string | null;
  readonly categories: readonly CategoryRates[];
  /** Categories with an impact ratio under 0.8 (flag or hold), each with the ratio that is. */
  readonly marked: readonly { readonly category: string; readonly measure: 'flag' | 'hold'; readonly ratio: number }[];
}

/** Impact ratios under this are marked (the four-fifths rule). */
export const IMPACT_THRESHOLD = 0.8;
/** Categories under this share of the applications are shown but not compared (6 RCNY 5-301(d) allows excluding them). */
export const SMALL_SHARE = 0.02;

const adverse = (favoured: number, rate: number): number => (rate === 0 ? 1 : favoured / rate);

export function auditBias(rows: readonly { readonly category: string; readonly band: Outcome }[], group: string): BiasAudit {
  const by = new Map<string, { applications: number; flagged: number; held: number }>();
  for (const r of rows) {
    const c = by.get(r.category) ?? { applications: 0, flagged: 0, held: 0 };
    c.applications++;
    if (r.band !== 'clear') c.flagged++;
    if (r.band === 'hold') c.held++;
    by.set(r.category, c);
  }
  const total = rows.length;
  const flagRate = total ? rows.filter((r) => r.band !== 'clear').length / total : 0;
  const holdRate = total ? rows.filter((r) => r.band === 'hold').length / total : 0;
  const stats = [...by].map(([category, c]) => ({ category, ...c, flagRate: c.flagged / c.applications, holdRate: c.held / c.applications, small: c.applications < SMALL_SHARE * total }));
  const compared = stats.filter((s) => !s.small);
  const minBy = (k: 'flagRate' | 'holdRate') => compared.reduce<(typeof stats)[number] | null>((best, s) => (!best || s[k] < best[k] || (s[k] === best[k] && s.applications > best.applications) ? s : best), null);
  const favFlag = minBy('flagRate');
  const favHold = minBy('holdRate');
  const bestClear = Math.max(0, ...compared.map((s) => 1 - s.flagRate));
  const categories: CategoryRates[] = stats
    .map((s) => ({
      category: s.category,
      applications: s.applications,
      flagged: s.flagged,
      held: s.held,
      flagRate: s.flagRate,
      holdRate: s.holdRate,
      flagImpactRatio: s.small || !favFlag ? null : adverse(favFlag.flagRate, s.flagRate),
      holdImpactRatio: s.small || !favHold ? null : adverse(favHold.holdRate, s.holdRate),
      clearSelectionRatio: s.small || bestClear === 0 ? null : (1 - s.flagRate) / bestClear,
      flagRatioToOverall: s.small ? null : adverse(flagRate, s.flagRate),
      holdRatioToOverall: s.small ? null : adverse(holdRate, s.holdRate),
      small: s.small,
    }))
    .sort((a, b) => b.applications - a.applications || (a.category < b.category ? -1 : 1));
  const marked = categories.flatMap((c) => [
    ...(c.flagImpactRatio !== null && c.flagImpactRatio < IMPACT_THRESHOLD ? [{ category: c.category, measure: 'flag' as const, ratio: c.flagImpactRatio }] : []),
    ...(c.holdImpactRatio !== null && c.holdImpactRatio < IMPACT_THRESHOLD ? [{ category: c.category, measure: 'hold' as const, ratio: c.holdImpactRatio }] : []),
  ]);
  return { group, applications: total, flagRate, holdRate, favouredForFlags: favFlag?.category ?? null, favouredForHolds: favHold?.category ?? null, categories, marked };
}
