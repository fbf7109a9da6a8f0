import type { LinkResult } from '../linkage/types.js';
import { valueFingerprint, type RecordLinks } from '../store/index.js';

/**
 * The links one screening found, as the store keeps them: the other
 * application by source and id, the kind of link, and a fingerprint of what
 * was shared. A shared identifier is fingerprinted by kind and value (the
 * value itself is never stored); a photo or resume link by what was measured
 * (`distance:N` bits between the photo hashes, `similarity:S` of the resumes
 * to two decimals). One definition for every entry point: the fingerprint is
 * part of a link's key, so two doors writing it differently would store the
 * same link twice.
 */
export function recordLinks(links: LinkResult): RecordLinks | undefined {
  if (!links.identifiers.length && !links.photos.length && !links.resumes.length && !links.cluster) return undefined;
  const ref = (l: { id: string; source: string }) => ({ id: l.id, source: l.source });
  return {
    links: [
      ...links.identifiers.flatMap((l) => {
        const fingerprint = valueFingerprint(l.kind, l.value); // once per identifier, not per application sharing it
        return l.earlier.map((e) => ({ other: ref(e), kind: l.kind, valueFingerprint: fingerprint }));
      }),
      ...links.photos.map((p) => ({ other: ref(p), kind: 'photo', valueFingerprint: `distance:${p.distance}` })),
      ...links.resumes.map((r) => ({ other: ref(r), kind: 'resume', valueFingerprint: `similarity:${r.similarity.toFixed(2)}` })),
    ],
    members: (links.cluster?.members ?? []).map(ref),
  };
}
