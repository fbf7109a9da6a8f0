import { useEffect, useRef, useState } from 'react';
import cytoscape from 'cytoscape';
import type { CaseDetail } from '../api';

type Cluster = NonNullable<CaseDetail['cluster']>;

/**
 * The linked cluster as an interactive graph (cytoscape): applications and the identifiers
 * that link them (fingerprints, never values). Drag, zoom and click a node; the same nodes
 * and links are listed below the graph for the keyboard and screen readers, and choosing one
 * there highlights it in the graph.
 */
export function ClusterGraph({ cluster, members }: { cluster: Cluster; members: Set<string> }) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | undefined>(undefined);
  const [selected, setSelected] = useState<string>();

  useEffect(() => {
    if (!box.current) return;
    const ids = new Set(cluster.nodes.map((n) => n.id));
    const instance = cytoscape({
      container: box.current,
      elements: [
        ...cluster.nodes.map((n) => ({ data: { id: n.id, label: n.label ?? n.id, kind: n.kind, member: members.has(n.id) ? 'yes' : 'no' } })),
        ...cluster.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, label: e.kind } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, color: '#1b2430', 'background-color': '#6b7a90', width: 18, height: 18 } },
        { selector: 'node[kind = "application"]', style: { 'background-color': '#b3261e', shape: 'ellipse', width: 28, height: 28 } },
        { selector: 'node[kind = "identifier"]', style: { 'background-color': '#3a6ea5', shape: 'round-rectangle' } },
        { selector: 'edge', style: { width: 2, 'line-color': '#9aa7b8', 'curve-style': 'bezier' } },
        { selector: 'edge:selected', style: { 'line-color': '#f2b705' } },
        { selector: ':selected', style: { 'border-width': 4, 'border-color': '#f2b705' } },
      ],
      // Deterministic: identifiers on the inner ring, the applications they link around them.
      layout: { name: 'concentric', animate: false, padding: 40, minNodeSpacing: 60, concentric: (n: cytoscape.NodeSingular) => (n.data('kind') === 'application' ? 1 : 2), levelWidth: () => 1 },
      maxZoom: 1.4,
      wheelSensitivity: 0.3,
    });
    instance.on('tap', 'node', (e) => setSelected(e.target.id() as string));
    cy.current = instance;
    return () => instance.destroy();
  }, [cluster, members]);

  const choose = (id: string) => {
    setSelected(id);
    const c = cy.current;
    if (!c) return;
    c.elements().unselect();
    const node = c.getElementById(id);
    node.select();
    c.animate({ center: { eles: node } }, { duration: 200 });
  };

  const node = cluster.nodes.find((n) => n.id === selected);
  const linked = selected ? cluster.edges.filter((e) => e.from === selected || e.to === selected) : [];
  const labelOf = (id: string) => cluster.nodes.find((n) => n.id === id)?.label ?? id;
  return (
    <div className="cluster">
      <div ref={box} className="graph" role="img" aria-label={`Cluster graph: ${cluster.nodes.filter((n) => n.kind === 'application').length} applications linked by ${cluster.nodes.filter((n) => n.kind !== 'application').length} shared identifiers`} data-testid="cluster-graph" />
      <div className="graph-side">
        <p className="hint">Drag to move, scroll to zoom, click a node. Or choose below.</p>
        <label htmlFor="node-pick">Node</label>
        <select id="node-pick" value={selected ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">choose a node…</option>
          {cluster.nodes.map((n) => <option key={n.id} value={n.id}>{n.kind === 'application' ? 'application' : 'identifier'}: {n.label ?? n.id}</option>)}
        </select>
        {node && (
          <div aria-live="polite">
            <p><strong>{node.label ?? node.id}</strong> ({node.kind}{members.has(node.id) ? ', a member of this case' : ''})</p>
            <ul>
              {linked.map((e, i) => <li key={i}>{e.kind}: {labelOf(e.from === node.id ? e.to : e.from)}</li>)}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
