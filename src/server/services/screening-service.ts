import { onboardingExtras } from '../../linkage/identifiers.js';
import { LinkedScreener } from '../../linkage/linked-screening.js';
import { normaliseApplication } from '../../normalise/application.js';
import { ApplicationSchema } from '../../parse/application-schema.js';
import type { LinkResult } from '../../linkage/types.js';
import type { Application } from '../../parse/application-schema.js';
import type { ScreenContext, ScreenResult } from '../../score/screen.js';
import {
  valueFingerprint, type HirewatchStore, type ImportOutcome, type LinkInput, type ScreeningProvenance,
} from '../../store/index.js';
import type { ScreeningResult } from '../auth/roles.js';

/**
 * Submissions: screen with linkage to the organisation's earlier
 * applications, store each new or changed record with its result in one
 * transaction per chunk (the store's importBatch), then the links and
 * cluster members the screening found. Identical content is a no-op and
 * answers with the stored result.
 *
 * The linkage index lives in this process, one per organisation: what was
 * screened since the server started, plus, when asked (`warm`), the most
 * recent applications already stored, filed oldest first. Several server
 * instances each hold their own index (see README).
 */
export interface Submitted {
  readonly outcome: ImportOutcome;
  /** The contract view of the result (records.md section 3). */
  readonly result: ScreeningResult;
}

const refKey = (source: string, id: string): string => `${source}\u0000${id}`;

export function contractResult(r: { id: string; score: number; band: ScreeningResult['band']; signals: readonly { id: string; family: string; weight: number; evidence: string }[]; cluster?: { id: string; size: number } | undefined }): ScreeningResult {
  return {
    id: r.id,
    score: r.score,
    band: r.band,
    signals: r.signals.map((s) => ({ id: s.id, family: s.family as ScreeningResult['signals'][number]['family'], weight: s.weight, evidence: s.evidence })),
    ...(r.cluster ? { cluster: { id: r.cluster.id, size: r.cluster.size } } : {}),
  };
}

interface OrgLinkage {
  readonly screener: LinkedScreener;
  /** Application id → its source, for links (the index knows ids only). */
  readonly sourceOf: Map<string, string>;
}

export class ScreeningService {
  private readonly byOrg = new Map<string, OrgLinkage>();

  constructor(private readonly context: ScreenContext, private readonly provenance: ScreeningProvenance) {}

  private linkage(org: string): OrgLinkage {
    let l = this.byOrg.get(org);
    if (!l) {
      l = { screener: new LinkedScreener(this.context), sourceOf: new Map() };
      this.byOrg.set(org, l);
    }
    return l;
  }

  /**
   * File the organisation's `limit` most recently received applications into
   * its linkage index (oldest first, as they arrived), so that a restart does
   * not forget them. Returns how many were filed.
   */
  async warm(store: HirewatchStore, limit: number): Promise<number> {
    const refs: { id: string; source: string; version: number }[] = [];
    let cursor: string | undefined;
    while (refs.length < limit) {
      const page = await store.listResults({ orderBy: 'received', limit: Math.min(1000, limit - refs.length), ...(cursor ? { cursor } : {}) });
      refs.push(...page.items.map((r) => ({ id: r.id, source: r.source, version: r.version })));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const linkage = this.linkage(store.org);
    let filed = 0;
    for (const ref of refs.reverse()) {
      const raw = await store.getVersionRecord(ref, ref.version);
      const parsed = raw ? ApplicationSchema.safeParse(raw) : undefined;
      if (!parsed?.success) continue;
      linkage.sourceOf.set(ref.id, ref.source);
      linkage.screener.index.add(normaliseApplication(parsed.data), onboardingExtras(parsed.data));
      filed++;
    }
    return filed;
  }

  /** One chunk, one transaction; then links and cluster members. `store` is bound to the caller's organisation. */
  async submitChunk(store: HirewatchStore, records: readonly Application[]): Promise<Submitted[]> {
    const linkage = this.linkage(store.org);
    const screened = new Map<string, { result: ScreenResult; links: LinkResult }>();
    const outcomes = await store.importBatch(records, {
      provenance: this.provenance,
      screen: (record) => {
        const source = record.source ?? '';
        linkage.sourceOf.set(record.id, source);
        const out = linkage.screener.screen(record);
        screened.set(refKey(source, record.id), out);
        return out.result;
      },
    });
    await this.storeLinks(store, linkage, screened);
    const submitted: Submitted[] = [];
    for (const outcome of outcomes) {
      const fresh = screened.get(refKey(outcome.source, outcome.id));
      if (fresh) {
        submitted.push({ outcome, result: contractResult(fresh.result) });
        continue;
      }
      const stored = await store.getApplication(outcome.id, outcome.source);
      if (!stored?.result) throw new Error(`application ${outcome.id} has no stored result`);
      submitted.push({ outcome, result: contractResult(stored.result) });
    }
    return submitted;
  }

  private async storeLinks(store: HirewatchStore, linkage: OrgLinkage, screened: ReadonlyMap<string, { result: ScreenResult; links: LinkResult }>): Promise<void> {
    const ref = (id: string) => ({ id, source: linkage.sourceOf.get(id) ?? '' });
    for (const [key, { links }] of screened) {
      const [source, id] = key.split('\u0000') as [string, string];
      const inputs: LinkInput[] = [];
      for (const identifier of links.identifiers) {
        for (const other of identifier.earlier) inputs.push({ other: ref(other.id), kind: identifier.kind, valueFingerprint: valueFingerprint(identifier.kind, identifier.value) });
      }
      for (const photo of links.photos) inputs.push({ other: ref(photo.id), kind: 'photo', valueFingerprint: valueFingerprint('photo', `${photo.distance}`) });
      for (const resume of links.resumes) inputs.push({ other: ref(resume.id), kind: 'resume', valueFingerprint: valueFingerprint('resume', resume.similarity.toFixed(2)) });
      if (inputs.length > 0) await store.putLinks({ id, source }, inputs);
      const cluster = links.cluster;
      if (cluster) await store.addClusterMembers(cluster.id, cluster.members.map((m) => ref(m.id)));
    }
  }
}
