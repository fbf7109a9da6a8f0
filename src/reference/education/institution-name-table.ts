import type { TsvRow } from './tsv.js';
import type { InstitutionLists, UsInstitution, WorldUniversity } from './institution-lists.js';
import type { InstitutionMatch, MatchTier } from './institution-match.js';
import { campusSplits, institutionKey, mainCampusStem, otherCampusStem } from './institution-name.js';

/**
 * Every name the lists and the curated aliases give an institution, reduced
 * to its key (institution-name.ts) and filed by how it names the
 * institution: as listed, without campus words, as an alias, as the system
 * part of a campus name, as a short form, or as a world-list name. A written
 * name whose key is here resolves with a map read; spellings the table does
 * not hold are the finder's business (institution-finder.ts).
 */

/** Append an id to a key's list; ids arrive in increasing order per source, so a repeat is the last one. */
function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

type Ids = readonly number[];

export class InstitutionNameTable {
  /** U.S. institutions (indices into lists.us) per key, one map per way of naming. */
  private readonly exact = new Map<string, number[]>();
  private readonly campusMain = new Map<string, number[]>();
  private readonly campusOther = new Map<string, number[]>();
  private readonly system = new Map<string, number[]>();
  private readonly aliasName = new Map<string, number[]>();
  private readonly aliasShort = new Map<string, number[]>();
  /** World-list universities (indices into lists.world) per key. */
  private readonly worldExact = new Map<string, number[]>();
  /** The system keys of each U.S. institution (sister campuses share one). */
  private readonly systemsOf: string[][];

  private constructor(readonly lists: InstitutionLists, aliases: readonly TsvRow[]) {
    const { us, otherNames, world } = lists;
    this.systemsOf = us.map(() => []);
    us.forEach((u, i) => {
      for (const name of [u.name, ...otherNames[i]!]) {
        const key = institutionKey(name);
        if (!key) continue;
        push(this.exact, key, i);
        const main = mainCampusStem(key);
        if (main) { push(this.campusMain, main, i); push(this.system, main, i); this.systemsOf[i]!.push(main); }
        const other = otherCampusStem(key);
        if (other) push(this.campusOther, other, i);
        for (const { base } of campusSplits(name)) { push(this.system, base, i); this.systemsOf[i]!.push(base); }
      }
    });
    const byUnitid = new Map(us.map((u, i) => [u.unitid, i]));
    for (const r of aliases) {
      const key = institutionKey(r.alias ?? '');
      const ids = (r.unitids ?? '').split(';').map((id) => byUnitid.get(id)).filter((i): i is number => i !== undefined);
      if (!key || !ids.length) continue;
      for (const i of ids) push(r.kind === 'short' ? this.aliasShort : this.aliasName, key, i);
    }
    world.forEach((w, id) => {
      const key = institutionKey(w.name);
      if (key) push(this.worldExact, key, id);
    });
  }

  /** The table of the lists' names and of the curated aliases (rows of aliases.tsv). */
  static build(lists: InstitutionLists, aliases: readonly TsvRow[]): InstitutionNameTable {
    return new InstitutionNameTable(lists, aliases);
  }

  /** Every key the table holds, each once. */
  keys(): string[] {
    const keys = new Set<string>();
    for (const m of [this.exact, this.campusMain, this.campusOther, this.aliasName, this.aliasShort, this.system, this.worldExact]) for (const k of m.keys()) keys.add(k);
    return [...keys];
  }

  /** What a key names, tier by tier, or undefined when the table does not hold it; `viaAlias`: the key came from an abbreviation pattern. */
  resolve(key: string, viaAlias: boolean): InstitutionMatch | undefined {
    const worldIds = this.worldExact.get(key) ?? [];
    // A curated alias comes before the names read off campus words: "University of Maryland" is College Park,
    // not the University of Maryland Global Campus that the campus reading would give.
    const found: [MatchTier, Ids | undefined][] = [
      ['exact', this.exact.get(key)], ['alias', this.aliasName.get(key)], ['campus', this.campusMain.get(key)],
      ['campus', this.campusOther.get(key)], ['system', this.system.get(key)], ['short', this.aliasShort.get(key)],
    ];
    const hit = found.find(([, ids]) => ids && ids.length);
    if (!hit && !worldIds.length) return undefined;
    const tier: MatchTier = hit ? (viaAlias && hit[0] !== 'short' ? 'alias' : hit[0]) : viaAlias ? 'alias' : 'exact';
    const us = (hit?.[1] ?? []).map((i) => this.lists.us[i]!);
    const world = worldIds.map((i) => this.lists.world[i]!);
    return { tier, matched: us.length === 1 ? us[0]!.name : world.length ? world[0]!.name : (us[0]?.name ?? key), us, world };
  }

  /** U.S. institutions sharing a system name with us[i] (itself included). */
  sisters(i: number): UsInstitution[] {
    const out = new Set<number>();
    for (const sys of this.systemsOf[i] ?? []) for (const j of this.system.get(sys) ?? []) out.add(j);
    return [...out].map((j) => this.lists.us[j]!);
  }

  /** World-list universities whose name has this key. */
  worldNamed(key: string): WorldUniversity[] {
    return (this.worldExact.get(key) ?? []).map((i) => this.lists.world[i]!);
  }
}
