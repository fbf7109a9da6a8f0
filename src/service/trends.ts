import { foldText, squashSpaces } from '../normalise/text.js';
import type { HirewatchStore } from '../store/index.js';
import { isoWeek, quarterOf } from './case-views.js';

/**
 * Trends over the organisation's applications (docs/REPORTING.md), by ISO
 * week or calendar quarter of **first receipt** (UTC): each application
 * counts once, in the period it first arrived, with its latest result, so a
 * period's figures are a cohort and do not move when an application is
 * screened again. `flagged` is review or hold; `confirmed` counts the
 * applications of the period that belong to a case decided confirmed_fraud.
 * Every period between the first and the last is listed, empty ones as 0.
 */
export const TREND_PERIODS = ['week', 'quarter'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export interface Counts { screened: number; flagged: number; held: number; confirmed: number }
export type Change = { [K in keyof Counts]: number | null };
export interface PeriodRow extends Counts { readonly period: string; readonly change: Change }
export interface SeriesRow { readonly name: string; readonly total: number; readonly perPeriod: number[] }
export interface EducationRow { readonly applications: number; readonly claims: number; readonly withEducationSignal: number }

export interface Trends {
  readonly by: TrendPeriod;
  readonly org: string;
  readonly generatedAt: string;
  readonly periods: PeriodRow[];
  readonly totals: Counts;
  /** The ten signals on the most applications, with their count per period. */
  readonly topSignals: (SeriesRow & { family: string })[];
  /** Each family's share (0-1) of the signals raised on the period's applications; `total` is its count over all periods. */
  readonly families: SeriesRow[];
  /** Per period: applications claiming any education, education entries claimed, applications with an education signal. */
  readonly education: EducationRow[];
  /** The institutions claimed most often (folded names), with their count of claims per period. */
  readonly institutions: SeriesRow[];
}

const TOP_SIGNALS = 10;
const TOP_INSTITUTIONS = 8;
const key = (source: string, id: string): string => `${source}\u0000${id}`;

/** Relative change on the period before (0.25 is +25 %); null when the period before had none. */
export const changeOn = (now: number, before: number | undefined): number | null => (before === undefined || before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000);

/** Every label from the first day to the last, in order (weeks or quarters). */
export function periodsBetween(firstDay: string, lastDay: string, by: TrendPeriod): string[] {
  const label = by === 'week' ? isoWeek : quarterOf;
  const out: string[] = [];
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  for (let t = Date.parse(`${firstDay}T00:00:00Z`); t <= end; t += 86_400_000) {
    const l = label(new Date(t).toISOString().slice(0, 10));
    if (out[out.length - 1] !== l) out.push(l);
  }
  return out;
}

interface Seen { day: string; band: string; signals: { id: string; family: string }[] }

export async function buildTrends(store: HirewatchStore, by: TrendPeriod, now: Date = new Date()): Promise<Trends> {
  const seen = new Map<string, Seen>();
  let cursor: string | undefined;
  do {
    const page = await store.listResults({ orderBy: 'received', limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const r of page.items) {
      let received = r.receivedAt;
      if (r.version > 1) received = (await store.getApplication(r.id, r.source))?.firstReceivedAt ?? received;
      seen.set(key(r.source, r.id), { day: received.slice(0, 10), band: r.band, signals: r.signals.map((s) => ({ id: s.id, family: s.family })) });
    }
    cursor = page.nextCursor;
  } while (cursor);

  const confirmed = new Set<string>();
  for (const c of await store.cases.decided()) {
    if (c.decision?.outcome !== 'confirmed_fraud') continue;
    for (const m of await store.cases.members(c.id)) confirmed.add(key(m.source, m.applicationId));
  }

  const days = [...seen.values()].map((s) => s.day).sort();
  const labels = days.length ? periodsBetween(days[0]!, days[days.length - 1]!, by) : [];
  const index = new Map(labels.map((l, i) => [l, i]));
  const periodOf = (day: string): number => index.get(by === 'week' ? isoWeek(day) : quarterOf(day))!;
  const counts: Counts[] = labels.map(() => ({ screened: 0, flagged: 0, held: 0, confirmed: 0 }));
  const signalCounts = new Map<string, { family: string; perPeriod: number[] }>();
  const familyCounts = new Map<string, number[]>();
  const signalsInPeriod = labels.map(() => 0);
  const education: EducationRow[] = labels.map(() => ({ applications: 0, claims: 0, withEducationSignal: 0 }));

  for (const [k, s] of seen) {
    const p = periodOf(s.day);
    const c = counts[p]!;
    c.screened += 1;
    if (s.band !== 'clear') c.flagged += 1;
    if (s.band === 'hold') c.held += 1;
    if (confirmed.has(k)) c.confirmed += 1;
    for (const id of new Set(s.signals.map((x) => x.id))) {
      const family = s.signals.find((x) => x.id === id)!.family;
      const row = signalCounts.get(id) ?? { family, perPeriod: labels.map(() => 0) };
      row.perPeriod[p]! += 1;
      signalCounts.set(id, row);
      const fam = familyCounts.get(family) ?? labels.map(() => 0);
      fam[p]! += 1;
      familyCounts.set(family, fam);
      signalsInPeriod[p]! += 1;
    }
    if (s.signals.some((x) => x.family === 'education')) (education[p] as { withEducationSignal: number }).withEducationSignal += 1;
  }

  const institutions = new Map<string, { name: string; perPeriod: number[] }>();
  for await (const r of store.latestRecords()) {
    const s = seen.get(key(r.source, r.id));
    if (!s) continue;
    const p = periodOf(s.day);
    const claimed = (r.record.education ?? []).filter((e) => e.institution || e.degree);
    if (claimed.length === 0) continue;
    const row = education[p] as { applications: number; claims: number };
    row.applications += 1;
    row.claims += claimed.length;
    for (const e of claimed) {
      if (!e.institution) continue;
      const folded = squashSpaces(foldText(e.institution));
      const inst = institutions.get(folded) ?? { name: e.institution.trim(), perPeriod: labels.map(() => 0) };
      inst.perPeriod[p]! += 1;
      institutions.set(folded, inst);
    }
  }

  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const byTotal = <T extends SeriesRow>(a: T, b: T): number => b.total - a.total || (a.name < b.name ? -1 : 1);
  const periods: PeriodRow[] = labels.map((period, i) => {
    const c = counts[i]!;
    const before = counts[i - 1];
    return { period, ...c, change: { screened: changeOn(c.screened, before?.screened), flagged: changeOn(c.flagged, before?.flagged), held: changeOn(c.held, before?.held), confirmed: changeOn(c.confirmed, before?.confirmed) } };
  });
  return {
    by, org: store.org, generatedAt: now.toISOString(), periods,
    totals: counts.reduce((t, c) => ({ screened: t.screened + c.screened, flagged: t.flagged + c.flagged, held: t.held + c.held, confirmed: t.confirmed + c.confirmed }), { screened: 0, flagged: 0, held: 0, confirmed: 0 }),
    topSignals: [...signalCounts].map(([name, r]) => ({ name, family: r.family, total: sum(r.perPeriod), perPeriod: r.perPeriod })).sort(byTotal).slice(0, TOP_SIGNALS),
    families: [...familyCounts].map(([name, perPeriod]) => ({
      name, total: sum(perPeriod), perPeriod: perPeriod.map((n, i) => (signalsInPeriod[i] ? Math.round((n / signalsInPeriod[i]!) * 1000) / 1000 : 0)),
    })).sort(byTotal),
    education,
    institutions: [...institutions.values()].map((r) => ({ name: r.name, total: sum(r.perPeriod), perPeriod: r.perPeriod })).sort(byTotal).slice(0, TOP_INSTITUTIONS),
  };
}
