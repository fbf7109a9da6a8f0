import { KIND_LABEL } from './identifiers.js';
import { displayValue } from './linkage-signals.js';
import type { LinkResult } from './types.js';

/** The cluster of one application as a graph: members, and what links each pair. Pure. */
export interface NetworkGraph {
  readonly cluster?: string;
  readonly nodes: readonly { id: string; name: string; submittedAt: string }[];
  readonly edges: readonly { from: string; to: string; via: string; sameIdentity: boolean }[];
}

/** `results` are the LinkResults of a run, in arrival order; the graph holds the members of `id`'s cluster. */
export function networkOf(id: string, results: ReadonlyMap<string, LinkResult>): NetworkGraph | undefined {
  const self = results.get(id);
  if (!self) return undefined;
  // The cluster id can change as it grows: take the id seen last for any member, from the latest result.
  const clusterOf = new Map<string, string>();
  for (const r of results.values()) if (r.cluster) for (const m of r.cluster.members) clusterOf.set(m.id, r.cluster.id);
  const cluster = clusterOf.get(id);
  const members = cluster ? [...results.values()].filter((r) => clusterOf.get(r.id) === cluster) : [self];
  const inside = new Set(members.map((m) => m.id));
  const edges: NetworkGraph['edges'][number][] = [];
  for (const r of members) {
    for (const link of r.identifiers) for (const e of link.earlier) if (inside.has(e.id)) edges.push({ from: r.id, to: e.id, via: `${KIND_LABEL[link.kind]} ${displayValue(link.kind, link.value)}`, sameIdentity: e.sameIdentity });
    for (const p of r.photos) if (inside.has(p.id)) edges.push({ from: r.id, to: p.id, via: `photo (${p.distance} bits apart)`, sameIdentity: p.sameIdentity });
    for (const s of r.resumes) if (inside.has(s.id)) edges.push({ from: r.id, to: s.id, via: `resume (${Math.round(s.similarity * 100)} % alike)`, sameIdentity: s.sameIdentity });
  }
  return { ...(cluster ? { cluster } : {}), nodes: members.map((m) => ({ id: m.id, name: m.name, submittedAt: m.submittedAt })), edges };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function graphml(g: NetworkGraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="submittedAt" for="node" attr.name="submittedAt" attr.type="string"/>',
    '  <key id="via" for="edge" attr.name="via" attr.type="string"/>',
    '  <key id="sameIdentity" for="edge" attr.name="sameIdentity" attr.type="boolean"/>',
    `  <graph id="${xml(g.cluster ?? 'alone')}" edgedefault="undirected">`,
    ...g.nodes.map((n) => `    <node id="${xml(n.id)}"><data key="name">${xml(n.name)}</data><data key="submittedAt">${xml(n.submittedAt)}</data></node>`),
    ...g.edges.map((e, i) => `    <edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}"><data key="via">${xml(e.via)}</data><data key="sameIdentity">${e.sameIdentity}</data></edge>`),
    '  </graph>',
    '</graphml>',
  ];
  return lines.join('\n') + '\n';
}

export function networkTable(g: NetworkGraph): string {
  const out = [`cluster ${g.cluster ?? '(none)'}: ${g.nodes.length} application(s)`, '', 'members (in order of arrival):'];
  for (const n of g.nodes) out.push(`  ${n.submittedAt}  ${n.id}  ${n.name}`);
  out.push('', 'links:');
  for (const e of g.edges) out.push(`  ${e.from} - ${e.to}: ${e.via}${e.sameIdentity ? ' (same person)' : ''}`);
  return out.join('\n') + '\n';
}
