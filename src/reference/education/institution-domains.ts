import { registrableDomain } from './domains.js';
import type { InstitutionLists, WorldUniversity } from './institution-lists.js';
import type { InstitutionMatch } from './institution-match.js';
import type { InstitutionNameTable } from './institution-name-table.js';
import { institutionKey } from './institution-name.js';

/**
 * The mail domains of institutions: a U.S. institution's own (Scorecard), its
 * sister campuses' (same system name) and those of the world-list entries
 * linked to it by domain or by name; and, the other way, which institution a
 * domain belongs to.
 */
export interface InstitutionDomains {
  /** Registrable mail domains of the U.S. institutions of a match, sorted; empty when unknown. */
  usDomainsOf(match: InstitutionMatch): readonly string[];
  /** The institution a registrable domain (or a host under it) belongs to, when a list knows it. */
  ownerOfDomain(domain: string): string | undefined;
}

export function institutionDomains(lists: InstitutionLists, names: InstitutionNameTable): InstitutionDomains {
  const { us, world } = lists;
  const byUnitid = new Map(us.map((u, i) => [u.unitid, i]));
  const worldByDomain = new Map<string, WorldUniversity[]>();
  for (const w of world) {
    for (const d of w.domains) {
      const r = registrableDomain(d);
      const list = worldByDomain.get(r);
      if (!list) worldByDomain.set(r, [w]);
      else if (list[list.length - 1] !== w) list.push(w);
    }
  }
  const owner = new Map<string, string>();
  for (const u of us) if (u.domain && u.listed && !owner.has(u.domain)) owner.set(u.domain, u.name);
  for (const w of world) for (const d of w.domains) { const r = registrableDomain(d); if (!owner.has(r)) owner.set(r, w.name); }

  /** World-list universities in the U.S. linked to us[i]: on its domain, or of its name. */
  const linkedWorld = (i: number): WorldUniversity[] => {
    const u = us[i]!;
    const linked = new Set<WorldUniversity>(u.domain ? worldByDomain.get(u.domain) ?? [] : []);
    for (const w of names.worldNamed(institutionKey(u.name))) linked.add(w);
    return [...linked].filter((w) => w.country === 'US');
  };

  return {
    usDomainsOf(match) {
      const out = new Set<string>();
      for (const u of match.us) {
        const i = byUnitid.get(u.unitid);
        if (i === undefined) continue;
        if (u.domain) out.add(u.domain);
        for (const sister of names.sisters(i)) if (sister.domain) out.add(sister.domain);
        for (const w of linkedWorld(i)) for (const d of w.domains) out.add(registrableDomain(d));
      }
      for (const w of match.world) if (w.country === 'US') for (const d of w.domains) out.add(registrableDomain(d));
      return [...out].sort();
    },
    ownerOfDomain: (domain) => owner.get(registrableDomain(domain)),
  };
}
