import { SIGNALS } from '../catalogue/signals.js';
import { SOURCES } from '../catalogue/sources.js';
import type { CaseEvent } from '../cases/index.js';
import { INDICATOR_KINDS, indicatorValuesOf } from '../intel/indicators.js';
import { normaliseApplication } from '../normalise/application.js';
import { ApplicationSchema, type Address, type Application } from '../parse/application-schema.js';
import type { HirewatchStore, StoredApplication } from '../store/index.js';
import type { Actor } from './audit-entry.js';
import { ReferralSchema, type Referral, type ReferralClaim, type ReferralEmployee, type ReferralIdentity } from './referral-schema.js';

/**
 * The FBI referral of one case (docs/REPORTING.md): identities and the
 * identifiers they used, what they claimed and what was found (with the
 * public source of each finding), the verification record, the case's
 * timeline, linked applications and employees, payroll details and the
 * attachments' hashes. Read through the store; building it is recorded in
 * the organisation's audit chain (like an intel export) before it is
 * returned. Undefined for a case this organisation does not have.
 */
export class ReferralNotFound extends Error {}

const KIND_ORDER: readonly string[] = INDICATOR_KINDS;

type Member = { source: string; id: string; app: StoredApplication; record: Application };

const defined = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined && v !== '';
export const addressText = (a: Address | null | undefined): string | undefined => {
  if (!a) return undefined;
  const text = [a.line1, a.line2, a.city, [a.region, a.postalCode].filter(defined).join(' '), a.country].filter(defined).join(', ');
  return text || undefined;
};
const span = (start?: string | null, end?: string | null): string => (start || end ? ` (${start ?? '?'} to ${end ?? 'now'})` : '');
const definitionOf = (id: string) => (Object.hasOwn(SIGNALS, id) ? SIGNALS[id as keyof typeof SIGNALS] : undefined);
const sourceOf = (key: string | undefined) => (key && Object.hasOwn(SOURCES, key) ? { key, ...SOURCES[key as keyof typeof SOURCES] } : undefined);

const short = (v: unknown): string => {
  if (Array.isArray(v)) return v.length > 4 ? `${v.slice(0, 4).join(', ')} and ${v.length - 4} more` : v.join(', ');
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
};
/** One line for a timeline event: its detail, ids and lengths left out. */
export function eventSummary(e: CaseEvent): string {
  return Object.entries(e.detail)
    .filter(([k, v]) => v !== undefined && !['noteId', 'attachmentId', 'length', 'suppressed'].includes(k))
    .map(([k, v]) => `${k} ${short(v)}`)
    .join('; ');
}

function finding(subject: string, signal: string, family: string, weight: number, evidence: string): Referral['findings'][number] {
  const d = definitionOf(signal);
  const source = sourceOf(d?.source);
  return { applicationId: subject, signal, family, weight, ...(d ? { description: d.description } : {}), evidence, ...(source ? { source } : {}) };
}

function identityOf(m: Member): ReferralIdentity {
  const r = m.record;
  const a = r.applicant;
  return {
    applicationId: m.id, source: m.source, fullName: a.fullName, submittedAt: r.submittedAt, firstReceivedAt: m.app.firstReceivedAt,
    ...(r.job?.title ? { jobTitle: r.job.title } : {}),
    emails: [...(a.emails ?? [])], phones: [...(a.phones ?? [])],
    ...(addressText(a.address) ? { address: addressText(a.address)! } : {}),
    links: [...new Set([...(a.links ?? []), ...(r.profiles?.linkedin?.url ? [r.profiles.linkedin.url] : [])])],
    ...(a.photoHash ? { photoHash: a.photoHash } : {}),
    ...(r.session?.ip ? { ip: r.session.ip } : {}),
    ...(r.session?.deviceId ? { deviceId: r.session.deviceId } : {}),
    ...(r.session?.userAgent ? { userAgent: r.session.userAgent } : {}),
    ...(r.session?.timezone ? { timezone: r.session.timezone } : {}),
    band: m.app.result?.band ?? 'clear', score: m.app.result?.score ?? 0,
  };
}

/** The topics a person claims and the signal families (or id parts) that speak to each. */
const TOPICS: readonly { topic: string; match: (signal: string, family: string) => boolean }[] = [
  { topic: 'education', match: (_s, f) => f === 'education' },
  { topic: 'employment', match: (_s, f) => f === 'employment' },
  { topic: 'reference', match: (s) => s.includes('reference') },
  { topic: 'identity document', match: (s, f) => f === 'identity' || f === 'watchlist' || s.includes('identity_document') || s.includes('face') || s.includes('deepfake') },
  { topic: 'location', match: (_s, f) => f === 'geography' },
];

function claimsOf(m: Member, steps: Referral['verification']): ReferralClaim[] {
  const r = m.record;
  const signals = m.app.result?.signals ?? [];
  const out: ReferralClaim[] = [];
  const add = (topic: string, claimed: string): void => {
    const t = TOPICS.find((x) => x.topic === topic)!;
    const found = signals.filter((s) => t.match(s.id, s.family)).map((s) => `${s.id}: ${s.evidence}`);
    for (const s of steps) if (s.state !== 'pending' && signals.some((x) => x.family === s.family && t.match(x.id, x.family))) found.push(`verification ${s.state}: ${[s.note, s.evidence].filter(defined).join('; ') || s.check}`);
    out.push({ applicationId: m.id, topic, claimed, found: [...new Set(found)] });
  };
  for (const e of r.education ?? []) add('education', `${[e.degree, e.field].filter(defined).join(' in ') || 'studies'} at ${e.institution ?? 'an unnamed institution'}${span(e.start, e.end)}`);
  for (const e of r.employment ?? []) add('employment', `${e.title ?? 'work'} at ${e.employer ?? 'an unnamed employer'}${span(e.start, e.end)}${e.location ? `, ${e.location}` : ''}`);
  for (const e of r.references ?? []) add('reference', [e.name, e.relationship, e.organization, e.email, e.phone].filter(defined).join(', '));
  const doc = r.onboarding?.identityDocument;
  add('identity document', doc ? `${doc.verified ? 'verified' : 'not verified'}${doc.method ? ` by ${doc.method}` : ''}` : `named ${r.applicant.fullName}; no identity document recorded`);
  if (addressText(r.applicant.address)) add('location', `lives at ${addressText(r.applicant.address)}`);
  return out;
}

async function employeesOf(store: HirewatchStore, members: readonly Member[], employeeId: string | undefined): Promise<ReferralEmployee[]> {
  const ids = new Set(members.map((m) => m.id));
  const { employees } = await store.monitor.everything();
  const chosen = employees.filter((e) => e.employeeId === employeeId || (typeof e.info.applicationId === 'string' && ids.has(e.info.applicationId)));
  if (chosen.length === 0) return [];
  const alerts = await store.admin.alerts.list(1000);
  return chosen.map((e) => {
    const info = e.info as { applicationId?: string; startDate?: string; workLocation?: { city?: string; region?: string; country?: string }; deviceIds?: string[] };
    const place = [info.workLocation?.city, info.workLocation?.region, info.workLocation?.country].filter(defined).join(', ');
    return {
      employeeId: e.employeeId,
      ...(info.applicationId ? { applicationId: info.applicationId } : {}),
      ...(info.startDate ? { startDate: info.startDate } : {}),
      ...(place ? { workLocation: place } : {}),
      deviceIds: [...(info.deviceIds ?? [])],
      alerts: alerts.filter((a) => (a.subjectKind === 'employee' && a.subjectId === e.employeeId) || (a.subjectKind === 'application' && a.subjectId === info.applicationId))
        .map((a) => ({ signal: a.signalId, evidence: a.evidence, firstSeen: a.firstSeen, lastSeen: a.lastSeen, count: a.count })),
    };
  });
}

export async function buildReferral(store: HirewatchStore, caseId: string, actor: Actor, now: Date = new Date()): Promise<Referral> {
  const c = await store.cases.get(caseId);
  if (!c) throw new ReferralNotFound(`no case ${caseId} in organisation ${store.org}`);
  const members: Member[] = [];
  for (const ref of await store.cases.members(c.id)) {
    // A post-hire case names the application the employee came from by id alone (the telemetry gives no source).
    const app = (await store.getApplication(ref.applicationId, ref.source)) ?? (ref.source ? undefined : await store.getApplication(ref.applicationId).catch(() => undefined));
    if (!app) continue;
    const parsed = ApplicationSchema.safeParse(await store.getVersionRecord({ id: app.id, source: app.source }, app.version));
    if (parsed.success) members.push({ source: app.source, id: app.id, app, record: parsed.data });
  }
  const steps = (await store.cases.steps(c.id)).map((s) => ({
    family: s.family, check: s.check, state: s.state,
    ...(s.note ? { note: s.note } : {}), ...(s.evidence ? { evidence: s.evidence } : {}), ...(s.by ? { by: s.by } : {}), ...(s.at ? { at: s.at } : {}),
  }));

  const identifiers = new Map<string, { kind: string; value: string; usedBy: string[] }>();
  for (const m of members) {
    for (const { kind, value } of indicatorValuesOf({ source: m.source, id: m.id, record: m.record, normalised: normaliseApplication(m.record) })) {
      if (kind === 'resume') continue;
      const k = `${kind}\u0000${value}`;
      const entry = identifiers.get(k) ?? { kind, value, usedBy: [] };
      if (!entry.usedBy.includes(m.id)) entry.usedBy.push(m.id);
      identifiers.set(k, entry);
    }
  }

  const memberKeys = new Set(members.map((m) => `${m.source}\u0000${m.id}`));
  const linked = new Map<string, { applicationId: string; source: string; via: Set<string> }>();
  for (const m of members) {
    for (const l of await store.listLinks({ id: m.id, source: m.source })) {
      const k = `${l.other.source}\u0000${l.other.id}`;
      if (memberKeys.has(k)) continue;
      const entry = linked.get(k) ?? { applicationId: l.other.id, source: l.other.source, via: new Set<string>() };
      entry.via.add(l.kind);
      linked.set(k, entry);
    }
  }
  const linkedApplications: Referral['linkedApplications'] = [];
  for (const l of linked.values()) {
    const app = await store.getApplication(l.applicationId, l.source);
    linkedApplications.push({ applicationId: l.applicationId, source: l.source, ...(app ? { name: app.fullName } : {}), band: app?.result?.band ?? 'clear', score: app?.result?.score ?? 0, via: [...l.via].sort() });
  }

  const employees = await employeesOf(store, members, c.employeeId);
  const referral: Referral = {
    type: 'hirewatch-referral', version: 1, generatedAt: now.toISOString(), org: store.org,
    case: {
      id: c.id, status: c.status, band: c.band, score: c.score, subjectKind: c.subjectKind,
      ...(c.subjectName ? { subjectName: c.subjectName } : {}), ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
      openedAt: c.openedAt, ...(c.decidedAt ? { decidedAt: c.decidedAt } : {}),
      ...(c.decision ? { outcome: c.decision.outcome, decision: c.decision } : {}),
      families: [...c.families],
    },
    identities: members.map(identityOf),
    identifiers: [...identifiers.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    claims: members.flatMap((m) => claimsOf(m, steps)),
    findings: [
      ...members.flatMap((m) => (m.app.result?.signals ?? []).map((x) => finding(m.id, x.id, x.family, x.weight, x.evidence))),
      // Post-hire alerts are evidence too, under the employee's id.
      ...employees.flatMap((e) => e.alerts.map((a) => finding(e.employeeId, a.signal, definitionOf(a.signal)?.family ?? 'telemetry', definitionOf(a.signal)?.weight ?? 0, a.evidence))),
    ],
    verification: steps,
    timeline: (await store.cases.events(c.id)).map((e) => ({ at: e.at, by: e.by, type: e.type, summary: eventSummary(e) })),
    linkedApplications,
    employees,
    payroll: members.flatMap((m) => {
      const o = m.record.onboarding;
      if (!o) return [];
      const doc = o.identityDocument;
      const row = {
        applicationId: m.id,
        ...(o.payrollAccountHash ? { payrollAccountHash: o.payrollAccountHash } : {}),
        ...(addressText(o.shippingAddress) ? { shippingAddress: addressText(o.shippingAddress)! } : {}),
        ...(doc ? { identityDocument: `${doc.verified ? 'verified' : 'not verified'}${doc.method ? ` (${doc.method})` : ''}` } : {}),
      };
      return Object.keys(row).length > 1 ? [row] : [];
    }),
    attachments: (await store.cases.attachments(c.id)).map((a) => ({ name: a.name, size: a.size, sha256: a.sha256, by: a.by, at: a.at })),
    notes: (await store.cases.notes(c.id)).map((n) => ({ at: n.at, by: n.by, text: n.text })),
  };
  await store.transaction(async (tx) => {
    await tx.admin.audit.append({ actor: actor.actor, action: actor.action, target: c.id, detail: { identities: referral.identities.length, identifiers: referral.identifiers.length, attachments: referral.attachments.length, ...(actor.detail ?? {}) } });
  });
  return ReferralSchema.parse(referral);
}
