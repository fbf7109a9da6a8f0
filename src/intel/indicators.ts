import { identifiersOf, onboardingExtras, type IdentifierKind } from '../linkage/identifiers.js';
import { resumeIgnoredWords } from '../linkage/linkage-index.js';
import { MinHasher } from '../linkage/minhash.js';
import { parsePhotoHash } from '../linkage/photo.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { foldText, squashSpaces } from '../normalise/text.js';
import type { Application } from '../parse/application-schema.js';

/**
 * Indicators of fraud: the identifiers carried by the applications of cases
 * decided `confirmed_fraud`, each reduced to the canonical value the linkage
 * index files it under (src/linkage/identifiers.ts), with when it was first
 * and last seen, on how many applications, and the decisions behind it. Pure.
 *
 * `ipPrefix` is left out: a /24 names a network many people share, and the
 * IP itself is kept.
 */
export const INDICATOR_KINDS = [
  'phone', 'email', 'address', 'shippingAddress', 'payroll', 'device', 'profile', 'ip',
  'referencePhone', 'referenceEmail', 'photo', 'resume', 'employer',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** One confirmed-fraud decision an indicator rests on. */
export interface IndicatorDecision {
  readonly caseId: string;
  readonly outcome: 'confirmed_fraud';
  readonly decidedAt: string;
  /** The case was about a ring (several applications linked to each other). */
  readonly ring: boolean;
}

export interface Indicator {
  readonly kind: IndicatorKind;
  /** The canonical value (E.164 phone, mailbox, address key, profile path, 16 hex digits of a photo hash ...). */
  readonly value: string;
  /** submittedAt of the earliest and the latest application carrying it, as the records give it. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Distinct applications carrying it. */
  readonly count: number;
  /** The decisions behind it, oldest first. */
  readonly decisions: readonly IndicatorDecision[];
}

/** An application of a confirmed case: the record as stored and its normalised form. */
export interface CaseApplication {
  readonly source: string;
  readonly id: string;
  readonly record: Application;
  readonly normalised: EnrichedApplication;
}

export interface ConfirmedCase {
  readonly caseId: string;
  readonly decidedAt: string;
  readonly ring: boolean;
  readonly applications: readonly CaseApplication[];
}

const LINKAGE_KINDS: ReadonlySet<IdentifierKind> = new Set(INDICATOR_KINDS.filter((k): k is IndicatorKind & IdentifierKind => k !== 'photo' && k !== 'resume' && k !== 'employer'));

/** An employer as named, folded (case, accents, spaces) so "ACME  Corp" and "Acme Corp" are one. */
export const employerKey = (raw: string): string => squashSpaces(foldText(raw));

/** The resume's MinHash signature (as linkage computes it, names left out) in hex: one value per near-identical resume. */
function resumeFingerprint(hasher: MinHasher, normalised: EnrichedApplication): string | undefined {
  if (!normalised.resumeText) return undefined;
  const sig = hasher.signature(normalised.resumeText, resumeIgnoredWords(normalised));
  if (!sig) return undefined;
  let hex = '';
  for (const v of sig) hex += (v >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** Every indicator one application carries, deduplicated. */
export function indicatorValuesOf(app: CaseApplication, hasher: MinHasher = new MinHasher()): { kind: IndicatorKind; value: string }[] {
  const out = new Map<string, { kind: IndicatorKind; value: string }>();
  const put = (kind: IndicatorKind, value: string | undefined): void => {
    if (value) out.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const { kind, value } of identifiersOf(app.normalised, onboardingExtras(app.record))) {
    if (LINKAGE_KINDS.has(kind)) put(kind as IndicatorKind, value);
  }
  const photo = app.normalised.applicant.photoHash;
  if (parsePhotoHash(photo)) put('photo', photo);
  put('resume', resumeFingerprint(hasher, app.normalised));
  for (const e of app.normalised.employment) if (e.employer) put('employer', employerKey(e.employer) || undefined);
  return [...out.values()];
}

const instant = (at: string): number => {
  const t = Date.parse(at);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

interface Building {
  kind: IndicatorKind;
  value: string;
  firstSeen: string;
  lastSeen: string;
  applications: Set<string>;
  decisions: Map<string, IndicatorDecision>;
}

const KIND_ORDER = new Map(INDICATOR_KINDS.map((k, i) => [k, i]));

/**
 * The indicators of these confirmed cases, ordered by kind (INDICATOR_KINDS)
 * then value. An application in two cases counts once; each case it is in is
 * a decision behind its identifiers.
 */
export function buildIndicators(cases: readonly ConfirmedCase[]): Indicator[] {
  const hasher = new MinHasher();
  const byKey = new Map<string, Building>();
  const ordered = [...cases].sort((a, b) => instant(a.decidedAt) - instant(b.decidedAt) || (a.caseId < b.caseId ? -1 : 1));
  for (const c of ordered) {
    const decision: IndicatorDecision = { caseId: c.caseId, outcome: 'confirmed_fraud', decidedAt: c.decidedAt, ring: c.ring };
    for (const app of c.applications) {
      const at = app.record.submittedAt;
      const appKey = `${app.source}\u0000${app.id}`;
      for (const { kind, value } of indicatorValuesOf(app, hasher)) {
        const key = `${kind}\u0000${value}`;
        let b = byKey.get(key);
        if (!b) byKey.set(key, (b = { kind, value, firstSeen: at, lastSeen: at, applications: new Set(), decisions: new Map() }));
        if (instant(at) < instant(b.firstSeen)) b.firstSeen = at;
        if (instant(at) > instant(b.lastSeen)) b.lastSeen = at;
        b.applications.add(appKey);
        if (!b.decisions.has(c.caseId)) b.decisions.set(c.caseId, decision);
      }
    }
  }
  return [...byKey.values()]
    .sort((a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map((b) => ({ kind: b.kind, value: b.value, firstSeen: b.firstSeen, lastSeen: b.lastSeen, count: b.applications.size, decisions: [...b.decisions.values()] }));
}
