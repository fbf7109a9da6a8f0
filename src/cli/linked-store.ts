import { onboardingExtras } from '../linkage/identifiers.js';
import { LinkageIndex } from '../linkage/linkage-index.js';
import { LinkedScreener, type LinkedScreeningOptions } from '../linkage/linked-screening.js';
import type { LinkResult } from '../linkage/types.js';
import type { Application } from '../parse/application-schema.js';
import type { ScreenContext, ScreenResult } from '../score/screen.js';
import { valueFingerprint, type HirewatchStore, type RecordLinks } from '../store/index.js';

const keyOf = (source: string | undefined, id: string): string => `${source ?? ''}\u0000${id}`;

/**
 * Screening with linkage against everything a store holds: the index is
 * filled by replaying the stored applications in order of arrival, then each
 * new application is linked to all of them, and its links and cluster go into
 * the store with its result (ImportOptions.linksOf). So linkage works across
 * runs: today's file is linked to last month's.
 */
export class StoreLinkedScreener {
  private readonly sourceOf = new Map<string, string>();
  private readonly found = new Map<string, LinkResult>();

  private constructor(readonly screener: LinkedScreener, readonly replayed: number) {}

  static async open(store: HirewatchStore, context: ScreenContext, options: Omit<LinkedScreeningOptions, 'index'> = {}): Promise<StoreLinkedScreener> {
    const index = new LinkageIndex(options.linkage);
    const sources: [string, string][] = [];
    let n = 0;
    for await (const r of store.latestRecords()) {
      index.add(r.normalised, onboardingExtras(r.record));
      sources.push([r.id, r.source]);
      n++;
    }
    const out = new StoreLinkedScreener(new LinkedScreener(context, { ...options, index }), n);
    for (const [id, source] of sources) out.sourceOf.set(id, source);
    return out;
  }

  /** Screen and link one application; its links wait for `linksOf` (the store's write of its result). */
  readonly screen = (app: Application): ScreenResult => {
    const { result, links } = this.screener.screen(app);
    this.sourceOf.set(app.id, app.source ?? '');
    if (links.identifiers.length || links.photos.length || links.resumes.length || links.cluster) this.found.set(keyOf(app.source ?? undefined, app.id), links);
    return result;
  };

  /** For ImportOptions.linksOf: what `screen` found for the record, as the store keeps it (fingerprints, not values). */
  readonly linksOf = (app: Application): RecordLinks | undefined => {
    const key = keyOf(app.source ?? undefined, app.id);
    const links = this.found.get(key);
    if (!links) return undefined;
    const ref = (id: string) => ({ id, source: this.sourceOf.get(id) ?? '' });
    return {
      links: [
        ...links.identifiers.flatMap((l) => l.earlier.map((e) => ({ other: ref(e.id), kind: l.kind, valueFingerprint: valueFingerprint(l.kind, l.value) }))),
        ...links.photos.map((p) => ({ other: ref(p.id), kind: 'photo', valueFingerprint: `distance:${p.distance}` })),
        ...links.resumes.map((r) => ({ other: ref(r.id), kind: 'resume', valueFingerprint: `similarity:${r.similarity}` })),
      ],
      members: (links.cluster?.members ?? []).map((m) => ref(m.id)),
    };
  };
}
