import { buildIndicators, type CaseApplication, type ConfirmedCase, type Indicator } from '../intel/indicators.js';
import { keyId, shareIndicator, type SharedIndicator, type Sharing } from '../intel/sharing.js';
import { normaliseApplication } from '../normalise/application.js';
import { ApplicationSchema } from '../parse/application-schema.js';
import type { HirewatchStore } from '../store/index.js';
import type { Actor } from './audit-entry.js';

/**
 * Indicators of the organisation's confirmed-fraud cases (src/intel), read
 * from the store: every case decided `confirmed_fraud`, its member
 * applications' latest stored versions, normalised as screening normalises
 * them. Cases about an employee (telemetry) carry no application and give none.
 */
export async function confirmedCases(store: HirewatchStore): Promise<ConfirmedCase[]> {
  const out: ConfirmedCase[] = [];
  for (const c of await store.cases.decided()) {
    if (c.decision?.outcome !== 'confirmed_fraud') continue;
    const applications: CaseApplication[] = [];
    for (const m of await store.cases.members(c.id)) {
      const app = await store.getApplication(m.applicationId, m.source);
      if (!app) continue;
      const parsed = ApplicationSchema.safeParse(await store.getVersionRecord({ id: m.applicationId, source: m.source }, app.version));
      if (!parsed.success) continue;
      applications.push({ source: m.source, id: m.applicationId, record: parsed.data, normalised: normaliseApplication(parsed.data) });
    }
    out.push({ caseId: c.id, decidedAt: c.decidedAt ?? c.decision.at, ring: c.subjectKind === 'ring', applications });
  }
  return out;
}

export async function confirmedIndicators(store: HirewatchStore): Promise<Indicator[]> {
  return buildIndicators(await confirmedCases(store));
}

export interface IntelExport {
  readonly org: string;
  readonly mode: Sharing['mode'];
  /** The consortium key's public name (private mode). */
  readonly keyId?: string;
  readonly indicators: readonly SharedIndicator[];
  /** Rings: a confirmed ring case's reference (its id, or keyed tag) and the indicators it rests on, by position in `indicators`. */
  readonly rings: readonly { readonly caseRef: string; readonly decidedAt: string; readonly members: readonly number[] }[];
}

/** The indicators made fit to leave (clear or keyed), the export recorded in the organisation's audit chain first. */
export async function exportIntel(store: HirewatchStore, sharing: Sharing, actor: Actor): Promise<IntelExport> {
  const made = await shareableIntel(store, sharing);
  await store.transaction(async (tx) => {
    await tx.admin.audit.append({
      actor: actor.actor, action: actor.action,
      detail: { mode: sharing.mode, ...(made.keyId ? { keyId: made.keyId } : {}), indicators: made.indicators.length, rings: made.rings.length, ...(actor.detail ?? {}) },
    });
  });
  return made;
}

/** The indicators made fit to leave, not audited: the caller records the read (a TAXII request, an export). */
export async function shareableIntel(store: HirewatchStore, sharing: Sharing): Promise<IntelExport> {
  const indicators = (await confirmedIndicators(store)).map((i) => shareIndicator(i, sharing));
  const rings = new Map<string, { caseRef: string; decidedAt: string; members: number[] }>();
  indicators.forEach((ind, n) => {
    for (const d of ind.decisions) {
      if (!d.ring) continue;
      let r = rings.get(d.caseRef);
      if (!r) rings.set(d.caseRef, (r = { caseRef: d.caseRef, decidedAt: d.decidedAt, members: [] }));
      r.members.push(n);
    }
  });
  const id = sharing.mode === 'private' ? keyId(sharing.key) : undefined;
  return { org: store.org, mode: sharing.mode, ...(id ? { keyId: id } : {}), indicators, rings: [...rings.values()] };
}
