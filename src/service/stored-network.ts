import { identifiersOf, KIND_LABEL, onboardingExtras, type IdentifierKind } from '../linkage/identifiers.js';
import { displayValue } from '../linkage/linkage-signals.js';
import { normaliseApplication } from '../normalise/application.js';
import { ApplicationSchema } from '../parse/application-schema.js';
import { valueFingerprint, type HirewatchStore, type StoredCluster } from '../store/index.js';

/**
 * A stored cluster as a network, for the API's GET /networks/:id and the
 * CLI's `hirewatch network ID --db`: its members (with name and submission
 * time) and the links between them, each saying what was shared ("phone
 * +15125550143", "photo (3 bits apart)").
 *
 * The store keeps a fingerprint of a shared value, never the value: the value
 * is found again by fingerprinting the identifiers of the members' stored
 * records (the record a person already may read). Links to applications
 * outside the cluster (a shared IP prefix that joined nothing) are left out.
 */
export interface StoredNetwork {
  readonly id: string;
  readonly size: number;
  readonly members: readonly { id: string; source: string; joinedAt: string; name?: string; submittedAt?: string }[];
  readonly links: readonly { from: { id: string; source: string }; to: { id: string; source: string }; kind: string; shared?: string; linkedAt: string }[];
}

/** Members whose stored records are read to name what they share; a larger cluster lists its links by kind only beyond it. */
const VALUE_MEMBERS = 200;

const refKey = (id: string, source: string): string => `${source}\u0000${id}`;

/** The cluster `id` names, or the cluster of the application `id` names. */
async function clusterFor(store: HirewatchStore, id: string): Promise<StoredCluster | undefined> {
  const direct = await store.getCluster(id);
  if (direct) return direct;
  const app = await store.getApplication(id).catch(() => undefined);
  const clusterId = app?.cluster?.id ?? app?.result?.cluster?.id;
  return clusterId ? store.getCluster(clusterId) : undefined;
}

/** What a stored link's fingerprint says, when it says it by itself (photos and resumes). */
function measured(kind: string, fingerprint: string): string | undefined {
  if (kind === 'photo' && fingerprint.startsWith('distance:')) return `photo (${fingerprint.slice(9)} bits apart)`;
  if (kind === 'resume' && fingerprint.startsWith('similarity:')) return `resume (${Math.round(Number(fingerprint.slice(11)) * 100)} % alike)`;
  return undefined;
}

export async function storedNetwork(store: HirewatchStore, id: string): Promise<StoredNetwork | undefined> {
  const cluster = await clusterFor(store, id);
  if (!cluster) return undefined;
  const inside = new Set(cluster.members.map((m) => refKey(m.id, m.source)));
  const shared = new Map<string, string>();
  const members: StoredNetwork['members'][number][] = [];
  for (const [i, m] of cluster.members.entries()) {
    const app = await store.getApplication(m.id, m.source);
    if (!app) {
      members.push(m);
      continue;
    }
    members.push({ ...m, name: app.fullName, submittedAt: app.submittedAt });
    if (i >= VALUE_MEMBERS) continue;
    const parsed = ApplicationSchema.safeParse(await store.getVersionRecord({ id: m.id, source: m.source }, app.version));
    if (!parsed.success) continue;
    for (const identifier of identifiersOf(normaliseApplication(parsed.data), onboardingExtras(parsed.data))) {
      shared.set(valueFingerprint(identifier.kind, identifier.value), `${KIND_LABEL[identifier.kind]} ${displayValue(identifier.kind, identifier.value)}`);
    }
  }
  const links: StoredNetwork['links'][number][] = [];
  for (const m of cluster.members) {
    for (const l of await store.listLinks({ id: m.id, source: m.source })) {
      if (!inside.has(refKey(l.other.id, l.other.source))) continue;
      const what = measured(l.kind, l.valueFingerprint) ?? shared.get(l.valueFingerprint) ?? (l.kind in KIND_LABEL ? KIND_LABEL[l.kind as IdentifierKind] : undefined);
      links.push({ from: { id: m.id, source: m.source }, to: { id: l.other.id, source: l.other.source }, kind: l.kind, ...(what ? { shared: what } : {}), linkedAt: l.linkedAt });
    }
  }
  return { id: cluster.id, size: cluster.members.length, members, links };
}
