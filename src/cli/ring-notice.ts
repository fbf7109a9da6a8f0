import type { ScreenResult } from '../score/screen.js';

/**
 * After a run: the applications screened clear that a later application of
 * the same run linked into a ring it was flagged for. The first of a ring is
 * clear when it arrives (nothing links it yet); once a later member is
 * flagged, it needs the same verification. With a store, the ring's case
 * holds it as a member and the recruiter's verification view says pending
 * (docs/CASES.md); without one, this notice is where a reader learns it.
 */
export class RingNotice {
  /** Flagged in this run, by `source\0id`, with their bands. */
  private readonly flagged = new Map<string, { id: string; source: string; band: string; ring: boolean }>();

  /** Note one result of the run. */
  see(result: ScreenResult): void {
    if (result.band === 'clear') return;
    const ring = Boolean(result.cluster) && result.signals.some((s) => s.family === 'linkage');
    this.flagged.set(`${result.source ?? ''}\u0000${result.id}`, { id: result.id, source: result.source ?? '', band: result.band, ring });
  }

  /**
   * The notice's lines (none when every member of a flagged ring was flagged
   * too). `clustersWith` gives whole clusters with each member's position in
   * the linkage index; members filed before `fromPosition` (stored ones the
   * run was linked against) are left out.
   */
  lines(clustersWith: (refs: { id: string; source: string }[]) => Map<string, { id: string; source: string; filed: number }[]>, fromPosition: number, limit = 20): string[] {
    const rings = [...this.flagged.values()].filter((f) => f.ring);
    if (rings.length === 0) return [];
    const found: string[] = [];
    for (const [cluster, members] of clustersWith(rings)) {
      const flaggedHere = members.filter((m) => this.flagged.get(`${m.source}\u0000${m.id}`)?.ring);
      if (flaggedHere.length === 0) continue;
      const with_ = flaggedHere.map((m) => `${m.id} ${this.flagged.get(`${m.source}\u0000${m.id}`)!.band}`).join(', ');
      for (const m of members) {
        if (m.filed < fromPosition || this.flagged.has(`${m.source}\u0000${m.id}`)) continue;
        // Only those that arrived before the ring's first flagged member: the rest were screened with its evidence.
        if (m.filed > flaggedHere[0]!.filed) continue;
        found.push(`  ${m.id}${m.source ? ` (${m.source})` : ''}: cluster ${cluster}, with ${with_}`);
      }
    }
    if (found.length === 0) return [];
    const shown = found.slice(0, limit);
    return [
      `${found.length} ${found.length === 1 ? 'application was' : 'applications were'} screened clear before a later application linked ${found.length === 1 ? 'it' : 'them'} into a flagged ring; verify ${found.length === 1 ? 'it' : 'them'} with the ring:`,
      ...shown,
      ...(found.length > shown.length ? [`  and ${found.length - shown.length} more (the HTML report shows each application's cluster)`] : []),
    ];
  }
}
