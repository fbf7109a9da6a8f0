import type { TsvRow } from './tsv.js';

/**
 * The two institution lists as loaded: U.S. institutions (College Scorecard)
 * and world universities (Hipo university-domains-list), read from the rows
 * of data/education/. Records only: how names are found is
 * institution-name-table.ts and institution-finder.ts.
 */

/** A U.S. institution of the College Scorecard files. */
export interface UsInstitution {
  readonly unitid: string;
  readonly name: string;
  readonly city?: string;
  /** Two-letter postal code of the state or territory. */
  readonly state?: string;
  /** Registrable domain of its website ("utexas.edu"), when Scorecard gives one. */
  readonly domain?: string;
  /** In the institution file (a Title IV institution of that release); false: only in the field-of-study file (closed or renamed since). */
  readonly listed: boolean;
}

/** A university of the world list (Hipo university-domains-list). */
export interface WorldUniversity {
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly stateProvince?: string;
  readonly domains: readonly string[];
}

export interface InstitutionLists {
  readonly us: readonly UsInstitution[];
  /** Former and other names of us[i], as Scorecard gives them. */
  readonly otherNames: readonly (readonly string[])[];
  readonly world: readonly WorldUniversity[];
}

/** The lists from the rows of us-institutions.tsv and world-universities.tsv; rows without a name (or id, or country) are left out. */
export function readInstitutionLists(institutions: readonly TsvRow[], world: readonly TsvRow[]): InstitutionLists {
  const us: UsInstitution[] = [];
  const otherNames: string[][] = [];
  for (const r of institutions) {
    if (!r.unitid || !r.name) continue;
    us.push({ unitid: r.unitid, name: r.name, city: r.city || undefined, state: r.state || undefined, domain: r.domain || undefined, listed: r.listed !== '0' });
    otherNames.push((r.other_names ?? '').split(';').filter(Boolean));
  }
  const universities: WorldUniversity[] = [];
  for (const r of world) {
    if (!r.name || !r.country) continue;
    universities.push({ name: r.name, country: r.country, stateProvince: r.state_province || undefined, domains: (r.domains ?? '').split(';').filter(Boolean) });
  }
  return { us, otherNames, world: universities };
}
