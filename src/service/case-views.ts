import { SIGNALS } from '../catalogue/signals.js';
import { questionsForSteps, type Attachment, type CaseEvent, type CaseMember, type CaseSummary, type Decision, type Note, type VerificationStep } from '../cases/index.js';
import type { HirewatchStore, StoredCase } from '../store/index.js';

/** What the API shows of cases (docs/CASES.md), assembled from the store. */
export const MEMBERS_SHOWN = 50;

export function summaryOf(c: StoredCase): CaseSummary {
  return {
    id: c.id, status: c.status, band: c.band, score: c.score, priority: c.priority, openedAt: c.openedAt, dueAt: c.dueAt,
    ...(c.assignee ? { assignee: c.assignee } : {}),
    subject: { kind: c.subjectKind, applicationIds: [...c.memberIds], ...(c.employeeId ? { employeeId: c.employeeId } : {}), ...(c.subjectName ? { name: c.subjectName } : {}) },
    families: [...c.families], signals: [...c.signals], memberCount: c.memberCount,
    ...(c.decision ? { decision: c.decision } : {}),
  };
}

export interface MemberResult {
  readonly applicationId: string;
  readonly source: string;
  readonly version: number;
  readonly score: number;
  readonly band: 'clear' | 'review' | 'hold';
  readonly screenedAt: string;
  readonly signals: { id: string; family: string; weight: number; evidence: string; source?: string; description?: string }[];
}

export interface ClusterGraph {
  readonly nodes: { id: string; label: string; kind: 'application' | 'identifier' }[];
  readonly edges: { from: string; to: string; kind: string }[];
}

export interface CaseView extends CaseSummary {
  readonly members: CaseMember[];
  readonly results: MemberResult[];
  readonly cluster?: ClusterGraph;
  readonly plan: VerificationStep[];
  readonly timeline: CaseEvent[];
  readonly notes: Note[];
  readonly attachments: Attachment[];
  readonly pendingDecision?: Decision;
}

const definitionOf = (id: string) => (Object.hasOwn(SIGNALS, id) ? SIGNALS[id as keyof typeof SIGNALS] : undefined);

export async function caseView(store: HirewatchStore, c: StoredCase): Promise<CaseView> {
  const refs = (await store.cases.members(c.id)).slice(0, MEMBERS_SHOWN);
  const members: CaseMember[] = [];
  const results: MemberResult[] = [];
  const nodes = new Map<string, ClusterGraph['nodes'][number]>();
  const edges: ClusterGraph['edges'] = [];
  const appNode = (source: string, id: string): string => (source ? `${source}:${id}` : id);
  for (const m of refs) {
    const app = await store.getApplication(m.applicationId, m.source);
    const r = app?.result;
    members.push({ source: m.source, applicationId: m.applicationId, ...(app ? { name: app.fullName } : {}), band: r?.band ?? 'clear', score: r?.score ?? 0 });
    if (r) {
      results.push({
        applicationId: m.applicationId, source: m.source, version: r.version, score: r.score, band: r.band, screenedAt: r.screenedAt,
        signals: r.signals.map((s) => {
          const d = definitionOf(s.id);
          return { id: s.id, family: s.family, weight: s.weight, evidence: s.evidence, ...(d ? { source: d.source, description: d.description } : {}) };
        }),
      });
    }
    nodes.set(appNode(m.source, m.applicationId), { id: appNode(m.source, m.applicationId), label: app?.fullName ?? m.applicationId, kind: 'application' });
  }
  if (refs.length > 1) {
    for (const m of refs) {
      for (const l of await store.listLinks({ id: m.applicationId, source: m.source })) {
        const idNode = `${l.kind}:${l.valueFingerprint.slice(0, 12)}`;
        if (!nodes.has(idNode)) nodes.set(idNode, { id: idNode, label: l.kind, kind: 'identifier' });
        if (!edges.some((e) => e.from === appNode(m.source, m.applicationId) && e.to === idNode)) edges.push({ from: appNode(m.source, m.applicationId), to: idNode, kind: l.kind });
        const other = appNode(l.other.source, l.other.id);
        if (nodes.has(other) && !edges.some((e) => e.from === other && e.to === idNode)) edges.push({ from: other, to: idNode, kind: l.kind });
      }
    }
  }
  return {
    ...summaryOf(c),
    members,
    results,
    ...(refs.length > 1 ? { cluster: { nodes: [...nodes.values()], edges } } : {}),
    plan: await store.cases.steps(c.id),
    timeline: await store.cases.events(c.id),
    notes: await store.cases.notes(c.id),
    attachments: await store.cases.attachments(c.id),
    ...(c.pendingDecision ? { pendingDecision: c.pendingDecision } : {}),
  };
}

export interface VerificationView {
  readonly status: 'pending_verification' | 'none' | 'decided';
  readonly questions: string[];
}

/**
 * What a recruiter may know of an application's case: whether it waits for
 * verification and what to ask the candidate. Never evidence, signal ids or
 * the decision's reason.
 */
export async function verificationFor(store: HirewatchStore, applicationId: string, source?: string): Promise<VerificationView> {
  const app = await store.getApplication(applicationId, source);
  if (!app) return { status: 'none', questions: [] };
  const cases = (await store.cases.ofApplications([{ source: app.source, id: app.id }])).get(`${app.source}\u0000${app.id}`) ?? [];
  const open = cases.filter((c) => c.status !== 'decided');
  if (open.length > 0) {
    const steps = (await Promise.all(open.map((c) => store.cases.steps(c.id)))).flat().filter((s) => s.state === 'pending');
    return { status: 'pending_verification', questions: questionsForSteps(steps) };
  }
  return { status: cases.length > 0 ? 'decided' : 'none', questions: [] };
}

export interface PeriodCounts { screened: number; review: number; hold: number; confirmed: number }
export interface Dashboard {
  readonly weeks: ({ week: string } & PeriodCounts)[];
  readonly quarters: ({ quarter: string; change?: { screened: number | null; review: number | null; hold: number | null; confirmed: number | null } } & PeriodCounts)[];
  readonly topSignals: { signal: string; count: number }[];
  readonly openByAge: { bucket: string; count: number }[];
}

/** ISO 8601 week of a day (YYYY-MM-DD): "2026-W01". */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

const WEEKS_SHOWN = 12;
const QUARTERS_SHOWN = 4;
const AGE_BUCKETS: readonly { bucket: string; minDays: number; maxDays?: number }[] = [
  { bucket: '0-2d', minDays: 0, maxDays: 3 }, { bucket: '3-7d', minDays: 3, maxDays: 8 }, { bucket: '8-30d', minDays: 8, maxDays: 31 }, { bucket: '>30d', minDays: 31 },
];

const change = (now: number, before: number): number | null => (before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000);

export async function dashboard(store: HirewatchStore, now: Date): Promise<Dashboard> {
  const today = now.toISOString().slice(0, 10);
  const m = now.getUTCMonth() - (now.getUTCMonth() % 3) - 3 * (QUARTERS_SHOWN - 1);
  const since = new Date(Date.UTC(now.getUTCFullYear(), m, 1)).toISOString().slice(0, 10);
  const days = await store.cases.dailyCounts(since);
  const fold = (label: (day: string) => string): Map<string, PeriodCounts> => {
    const out = new Map<string, PeriodCounts>();
    for (const d of days) {
      const k = label(d.day);
      const v = out.get(k) ?? { screened: 0, review: 0, hold: 0, confirmed: 0 };
      v.screened += d.clear + d.review + d.hold;
      v.review += d.review;
      v.hold += d.hold;
      v.confirmed += d.confirmed;
      out.set(k, v);
    }
    return out;
  };
  const weekly = fold(isoWeek);
  const weeks: Dashboard['weeks'] = [];
  for (let i = WEEKS_SHOWN - 1; i >= 0; i--) {
    const week = isoWeek(new Date(Date.parse(`${today}T00:00:00Z`) - i * 7 * 86_400_000).toISOString().slice(0, 10));
    weeks.push({ week, ...(weekly.get(week) ?? { screened: 0, review: 0, hold: 0, confirmed: 0 }) });
  }
  const quarterly = fold(quarterOf);
  const quarters: Dashboard['quarters'] = [];
  for (let i = QUARTERS_SHOWN - 1; i >= 0; i--) {
    const quarter = quarterOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3 * i, 1)).toISOString().slice(0, 10));
    const v = quarterly.get(quarter) ?? { screened: 0, review: 0, hold: 0, confirmed: 0 };
    const prev = quarters[quarters.length - 1];
    quarters.push({
      quarter, ...v,
      ...(prev ? { change: { screened: change(v.screened, prev.screened), review: change(v.review, prev.review), hold: change(v.hold, prev.hold), confirmed: change(v.confirmed, prev.confirmed) } } : {}),
    });
  }
  const signals = await store.cases.signalCounts(since);
  const topSignals = [...signals].map(([signal, count]) => ({ signal, count })).sort((a, b) => b.count - a.count || (a.signal < b.signal ? -1 : 1)).slice(0, 10);
  const openByAge: Dashboard['openByAge'] = [];
  const dayAgo = (n: number): string => new Date(now.getTime() - n * 86_400_000).toISOString();
  for (const b of AGE_BUCKETS) {
    openByAge.push({ bucket: b.bucket, count: await store.cases.countOpen(b.maxDays === undefined ? undefined : dayAgo(b.maxDays), dayAgo(b.minDays)) });
  }
  return { weeks, quarters, topSignals, openByAge };
}

export interface Label {
  readonly applicationId: string;
  readonly source: string;
  readonly caseId: string;
  readonly decision: string;
  /** When it was decided (ISO 8601). */
  readonly date: string;
  readonly signals: string[];
}

/** Outcomes become labels: one per member of every decided case, with its signals at the time of the decision. */
export async function labels(store: HirewatchStore): Promise<Label[]> {
  const out: Label[] = [];
  for (const c of await store.cases.decided()) {
    if (!c.decision || !c.decidedAt) continue;
    for (const m of c.snapshot ?? []) {
      out.push({ applicationId: m.applicationId, source: m.source, caseId: c.id, decision: c.decision.outcome, date: c.decidedAt, signals: [...m.signals] });
    }
  }
  return out;
}
