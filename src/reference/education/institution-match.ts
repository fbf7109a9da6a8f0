import type { UsInstitution, WorldUniversity } from './institution-lists.js';

/**
 * How a claimed name was found, most certain first:
 * - `exact`: it is a listed name (or a former name the data keeps);
 * - `campus`: a listed name without its campus words ("Georgia Institute of Technology" for "...-Main Campus");
 * - `alias`: a curated name or an abbreviation pattern ("UT Austin", "Texas A&M", "SUNY Buffalo");
 * - `system`: the part of listed names before their campus ("Columbia University" of "... in the City of New York");
 * - `short`: a curated short form that institutions elsewhere share too ("MIT");
 * - `branch`: a campus of a known institution that no list names itself ("Texas A&M University at Qatar");
 * - `similar`: a close spelling of a known name, or every word of it within one.
 * Checks that need the institution itself (its programs, calendar, domains)
 * use only the first four; the rest only make a name known.
 */
export type MatchTier = 'exact' | 'campus' | 'alias' | 'system' | 'short' | 'branch' | 'similar';

export const CERTAIN_TIERS: ReadonlySet<MatchTier> = new Set(['exact', 'campus', 'alias', 'system']);

export interface InstitutionMatch {
  readonly tier: MatchTier;
  /** The known name the claim was matched to (for evidence). */
  readonly matched: string;
  /** U.S. institutions (Scorecard) it names; several when the name is ambiguous ("University of Texas"). */
  readonly us: readonly UsInstitution[];
  /** World-list universities of the same name, any country. */
  readonly world: readonly WorldUniversity[];
}
