import { describe, expect, it } from 'vitest';
import { LinkageIndex } from '../../src/linkage/linkage-index.js';
import { graphml, networkOf, networkTable } from '../../src/linkage/network.js';
import type { LinkResult } from '../../src/linkage/types.js';
import { app } from './helpers.js';

describe('network export', () => {
  const index = new LinkageIndex();
  const results = new Map<string, LinkResult>();
  for (const r of [
    app('a', 'Kevin Park', { applicant: { phones: ['(512) 555-0143'] } }, '2025-11-01T10:00:00Z'),
    app('b', 'Alan <Smith> & Co', { applicant: { phones: ['(512) 555-0143'] }, session: { deviceId: 'fp_1' } }, '2025-11-02T10:00:00Z'),
    app('c', 'Maria Chen', { session: { deviceId: 'fp_1' } }, '2025-11-03T10:00:00Z'),
    app('d', 'Olga Ivanova', {}, '2025-11-04T10:00:00Z'),
  ]) results.set(r.id, index.add(r));

  it('lists the members of the cluster and what links them', () => {
    const g = networkOf('a', results)!;
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(g.edges).toEqual([
      { from: 'b', to: 'a', via: 'phone +15125550143', sameIdentity: false },
      { from: 'c', to: 'b', via: 'device fp_1', sameIdentity: false },
    ]);
    expect(networkTable(g)).toContain('c - b: device fp_1');
    expect(networkOf('d', results)!.nodes).toHaveLength(1);
    expect(networkOf('zzz', results)).toBeUndefined();
  });

  it('GraphML is well-formed XML with escaped text', () => {
    const xml = graphml(networkOf('a', results)!);
    expect(xml).toContain('Alan &lt;Smith&gt; &amp; Co');
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(2);
    // Balanced tags: every opened element is closed.
    const opened = [...xml.matchAll(/<(graphml|graph|node|edge|data)[\s>]/g)].length;
    const closed = [...xml.matchAll(/<\/(graphml|graph|node|edge|data)>/g)].length + [...xml.matchAll(/<key [^>]*\/>/g)].length * 0;
    expect(opened).toBe(closed);
  });
});

describe('hirewatch network', () => {
  it('prints the cluster of an application from an input file', async () => {
    const { Command } = await import('commander');
    const { registerNetworkCommand } = await import('../../src/cli/network-command.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'hw-net-')), 'apps.jsonl');
    const rows = [['a', 'Kevin Park'], ['b', 'Alan Smith'], ['c', 'Maria Chen']].map(([id, fullName]) => JSON.stringify({ id, submittedAt: '2025-11-01T10:00:00Z', applicant: { fullName, phones: ['(512) 555-0143'] } }));
    writeFileSync(file, [...rows, '{"broken'].join('\n') + '\n');
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      const program = new Command().exitOverride();
      registerNetworkCommand(program);
      await program.parseAsync(['node', 'hirewatch', 'network', 'c', '--input', file, '--format', 'json']);
    } finally {
      process.stdout.write = write;
    }
    const graph = JSON.parse(out);
    expect(graph.nodes.map((n: { id: string }) => n.id)).toEqual(['a', 'b', 'c']);
    expect(graph.edges).toHaveLength(3);
  });
});
