import { createHash } from 'node:crypto';

/**
 * hirewatch facts as OCSF Detection Finding events (class 2004, category 2
 * Findings; docs/ALERTS.md): a new hold, a case decision, a post-hire alert.
 * Pure: the caller gives every value, the clock included, so the same fact
 * always gives the same event and the same `metadata.uid`, which is the
 * idempotency key receivers deduplicate on.
 *
 * What leaves: identifiers (organisation, application, case, employee),
 * score, band and the signal ids and families. Not the evidence sentences
 * of an application (they quote phones, mailboxes and names) nor contact
 * details: a receiver opens the case in hirewatch for those. A post-hire
 * alert's evidence is about the employer's own devices and is sent.
 */
export const OCSF_VERSION = '1.9.0-dev';
export const DETECTION_FINDING = { class_uid: 2004, class_name: 'Detection Finding', category_uid: 2, category_name: 'Findings' } as const;

/** Bounds on what one event carries (a ring's members, a result's signals). */
export const FINDING_LIMITS = { signals: 50, members: 100, text: 2000 } as const;

const ACTIVITY = { 1: 'Create', 2: 'Update', 3: 'Close' } as const;
const SEVERITY = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' } as const;
const STATUS = { 1: 'New', 2: 'In Progress', 3: 'Suppressed', 4: 'Resolved', 99: 'Other' } as const;
type ActivityId = keyof typeof ACTIVITY;
type SeverityId = keyof typeof SEVERITY;
type StatusId = keyof typeof STATUS;

export type FindingKind = 'hold' | 'decision' | 'post_hire_alert';

/** One Detection Finding as sent (JSON). */
export interface OcsfFinding {
  readonly class_uid: 2004;
  readonly class_name: string;
  readonly category_uid: 2;
  readonly category_name: string;
  readonly activity_id: ActivityId;
  readonly activity_name: string;
  readonly type_uid: number;
  readonly type_name: string;
  readonly severity_id: SeverityId;
  readonly severity: string;
  readonly status_id: StatusId;
  readonly status: string;
  readonly time: number;
  readonly message: string;
  readonly is_alert: boolean;
  readonly risk_score?: number;
  readonly metadata: {
    readonly version: string;
    readonly uid: string;
    readonly tenant_uid: string;
    readonly log_name: string;
    readonly correlation_uid?: string;
    readonly product: { readonly name: string; readonly vendor_name: string; readonly version: string; readonly uid: string };
  };
  readonly finding_info: {
    readonly uid: string;
    readonly title: string;
    readonly desc: string;
    readonly types: readonly string[];
    readonly created_time: number;
    readonly analytic: { readonly type_id: 1; readonly type: 'Rule'; readonly name: string; readonly uid: string };
  };
  readonly resources: readonly { readonly type: string; readonly uid: string; readonly name?: string; readonly labels?: readonly string[] }[];
  readonly unmapped: { readonly hirewatch: Readonly<Record<string, unknown>> };
}

/** The producer (metadata.product): hirewatch and its version. */
export interface Producer {
  readonly version: string;
}

const clip = (text: string): string => (text.length > FINDING_LIMITS.text ? `${text.slice(0, FINDING_LIMITS.text - 1)}…` : text);
const epoch = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${iso}`);
  return ms;
};

/** A stable id from the fact's identity: the same fact gives the same id in every process. */
export function findingId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

interface Shape {
  readonly kind: FindingKind;
  readonly org: string;
  readonly eventUid: string;
  readonly findingUid: string;
  readonly correlation?: string;
  readonly activity: ActivityId;
  readonly severity: SeverityId;
  readonly status: StatusId;
  readonly statusLabel?: string;
  readonly at: string;
  readonly createdAt: string;
  readonly title: string;
  readonly desc: string;
  readonly message: string;
  readonly alert: boolean;
  readonly score?: number;
  readonly rule: string;
  readonly resources: OcsfFinding['resources'];
  readonly detail: Record<string, unknown>;
}

function finding(producer: Producer, s: Shape): OcsfFinding {
  return {
    ...DETECTION_FINDING,
    activity_id: s.activity,
    activity_name: ACTIVITY[s.activity],
    type_uid: DETECTION_FINDING.class_uid * 100 + s.activity,
    type_name: `${DETECTION_FINDING.class_name}: ${ACTIVITY[s.activity]}`,
    severity_id: s.severity,
    severity: SEVERITY[s.severity],
    status_id: s.status,
    status: s.statusLabel ?? STATUS[s.status],
    time: epoch(s.at),
    message: clip(s.message),
    is_alert: s.alert,
    ...(s.score === undefined ? {} : { risk_score: s.score }),
    metadata: {
      version: OCSF_VERSION,
      uid: s.eventUid,
      tenant_uid: s.org,
      log_name: `hirewatch.${s.kind}`,
      ...(s.correlation ? { correlation_uid: s.correlation } : {}),
      product: { name: 'hirewatch', vendor_name: 'hirewatch', version: producer.version, uid: 'hirewatch' },
    },
    finding_info: {
      uid: s.findingUid,
      title: clip(s.title),
      desc: clip(s.desc),
      types: [s.kind],
      created_time: epoch(s.createdAt),
      analytic: { type_id: 1, type: 'Rule', name: s.rule, uid: s.rule },
    },
    resources: s.resources,
    unmapped: { hirewatch: { kind: s.kind, org: s.org, ...s.detail } },
  };
}

export interface HoldFact {
  readonly org: string;
  readonly applicationId: string;
  readonly source: string;
  readonly version: number;
  readonly score: number;
  readonly bandReason: string;
  readonly signals: readonly { readonly id: string; readonly family: string }[];
  readonly clusterId?: string | undefined;
  /** When the result was stored. */
  readonly at: string;
}

/** A screening result entering band `hold`: a person verifies before the process goes on. */
export function holdFinding(producer: Producer, f: HoldFact): OcsfFinding {
  const signals = f.signals.slice(0, FINDING_LIMITS.signals);
  const ids = signals.map((s) => s.id);
  const findingUid = `hirewatch:hold:${findingId(f.org, f.source, f.applicationId)}`;
  return finding(producer, {
    kind: 'hold', org: f.org, at: f.at, createdAt: f.at,
    eventUid: findingId('hold', f.org, f.source, f.applicationId, String(f.version)),
    findingUid,
    ...(f.clusterId ? { correlation: f.clusterId } : {}),
    activity: 1, severity: 4, status: 1, alert: true, score: f.score,
    title: `Application ${f.applicationId} held for verification`,
    desc: `score ${f.score}, band hold (${f.bandReason}); signals: ${ids.join(', ') || 'none'}`,
    message: `hirewatch held application ${f.applicationId}${f.source ? ` (${f.source})` : ''} of ${f.org} for verification: score ${f.score}, ${signals.length} signal(s)`,
    rule: `band.${f.bandReason.split(':')[0] ?? 'hold'}`,
    resources: [{ type: 'application', uid: f.source ? `${f.source}/${f.applicationId}` : f.applicationId, labels: [...new Set(signals.map((s) => s.family))] }],
    detail: {
      applicationId: f.applicationId, source: f.source, version: f.version, score: f.score, band: 'hold', bandReason: f.bandReason,
      signals: signals.map((s) => ({ id: s.id, family: s.family })), signalCount: f.signals.length,
      ...(f.clusterId ? { clusterId: f.clusterId } : {}),
    },
  });
}

export interface DecisionFact {
  readonly org: string;
  readonly caseId: string;
  readonly outcome: 'cleared' | 'confirmed_fraud' | 'withdrawn' | 'inconclusive';
  readonly decidedBy: string;
  readonly confirmedBy?: string | undefined;
  readonly decidedAt: string;
  readonly openedAt: string;
  readonly band: 'review' | 'hold';
  readonly score: number;
  readonly subjectKind: string;
  readonly members: readonly { readonly source: string; readonly applicationId: string }[];
  readonly employeeId?: string | undefined;
  readonly signals: readonly string[];
}

const OUTCOME_STATUS: Record<DecisionFact['outcome'], { status: StatusId; label?: string; severity: SeverityId }> = {
  confirmed_fraud: { status: 4, severity: 5 },
  cleared: { status: 3, severity: 1 },
  withdrawn: { status: 99, label: 'Withdrawn', severity: 1 },
  inconclusive: { status: 99, label: 'Inconclusive', severity: 3 },
};

/** A person's final decision on a case: the case's finding is closed with its outcome. */
export function decisionFinding(producer: Producer, f: DecisionFact): OcsfFinding {
  const o = OUTCOME_STATUS[f.outcome];
  const members = f.members.slice(0, FINDING_LIMITS.members);
  const signals = f.signals.slice(0, FINDING_LIMITS.signals);
  return finding(producer, {
    kind: 'decision', org: f.org, at: f.decidedAt, createdAt: f.openedAt,
    eventUid: findingId('decision', f.org, f.caseId, f.decidedAt),
    findingUid: `hirewatch:case:${findingId(f.org, f.caseId)}`,
    correlation: f.caseId,
    activity: 3, severity: o.severity, status: o.status, ...(o.label ? { statusLabel: o.label } : {}),
    alert: f.outcome === 'confirmed_fraud', score: f.score,
    title: `Case ${f.caseId} decided ${f.outcome.replace('_', ' ')}`,
    desc: `${f.subjectKind} case at ${f.band}, ${f.members.length} member(s); signals: ${signals.join(', ') || 'none'}`,
    message: `hirewatch case ${f.caseId} of ${f.org} decided ${f.outcome.replace('_', ' ')} by ${f.decidedBy}${f.confirmedBy ? ` (proposed by ${f.decidedBy}, confirmed by ${f.confirmedBy})` : ''}`,
    rule: 'case.decision',
    resources: [
      { type: 'case', uid: f.caseId, labels: [f.subjectKind] },
      ...members.map((m) => ({ type: 'application', uid: m.source ? `${m.source}/${m.applicationId}` : m.applicationId })),
      ...(f.employeeId ? [{ type: 'employee', uid: f.employeeId }] : []),
    ],
    detail: {
      caseId: f.caseId, outcome: f.outcome, decidedBy: f.decidedBy, ...(f.confirmedBy ? { confirmedBy: f.confirmedBy } : {}),
      band: f.band, score: f.score, subjectKind: f.subjectKind, memberCount: f.members.length,
      members: members.map((m) => ({ source: m.source, applicationId: m.applicationId })), signals,
      ...(f.employeeId ? { employeeId: f.employeeId } : {}),
    },
  });
}

export interface AlertFact {
  readonly org: string;
  readonly employeeId: string;
  readonly applicationId?: string | undefined;
  readonly band: 'review' | 'hold';
  readonly score: number;
  readonly signal: { readonly id: string; readonly family: string; readonly evidence: string };
  /** 'new': first sighting; 'again': seen again after the cool-down. */
  readonly status: 'new' | 'again';
  readonly at: string;
}

/** A post-hire alert (src/service/monitoring.ts): one signal of an employee at review or hold. */
export function alertFinding(producer: Producer, f: AlertFact): OcsfFinding {
  const subject = f.applicationId ? `application:${f.applicationId}` : `employee:${f.employeeId}`;
  return finding(producer, {
    kind: 'post_hire_alert', org: f.org, at: f.at, createdAt: f.at,
    eventUid: findingId('alert', f.org, subject, f.signal.id, f.at),
    findingUid: `hirewatch:alert:${findingId(f.org, subject, f.signal.id)}`,
    correlation: f.employeeId,
    activity: f.status === 'new' ? 1 : 2, severity: f.band === 'hold' ? 4 : 3, status: 1, alert: true, score: f.score,
    title: `Post-hire alert: ${f.signal.id} on employee ${f.employeeId}`,
    desc: f.signal.evidence,
    message: `hirewatch post-hire alert for employee ${f.employeeId} of ${f.org}: ${f.signal.id} (band ${f.band}, score ${f.score})`,
    rule: f.signal.id,
    resources: [
      { type: 'employee', uid: f.employeeId, labels: [f.signal.family] },
      ...(f.applicationId ? [{ type: 'application', uid: f.applicationId }] : []),
    ],
    detail: {
      employeeId: f.employeeId, ...(f.applicationId ? { applicationId: f.applicationId } : {}), band: f.band, score: f.score,
      signal: { id: f.signal.id, family: f.signal.family }, alertStatus: f.status,
    },
  });
}
