import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../data-dir.js';
import { buildInstitutionIndex } from './institution-index.js';
import { parseTsv, type TsvRow } from './tsv.js';

/**
 * Education reference data the education detectors consult (U.S. institutions
 * and the programs they offer, world universities and their domains). Loaded
 * at the edge and passed in through the detection context. Read-only: every
 * method is a pure function of the loaded data (lookups are memoised inside,
 * which changes no answer).
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

export interface EducationProvenance {
  /** One line for evidence: "College Scorecard (U.S. Dept. of Education, scorecard_institutions.csv)". */
  readonly scorecard: string;
  readonly fieldOfStudy: string;
  readonly world: string;
  readonly usInstitutions: number;
  readonly usInstitutionsListed: number;
  readonly usInstitutionsCovered: number;
  readonly worldUniversities: number;
  /** Milliseconds spent reading and indexing. */
  readonly loadMs: number;
}

export interface EducationReference {
  readonly provenance: EducationProvenance;
  /** The institution a claimed name refers to; undefined when no list knows the name, however spelled. Never throws. */
  findInstitution(name: string): InstitutionMatch | undefined;
  /**
   * Programs the field-of-study data lists for an institution (4-digit CIP ->
   * credential levels); undefined when that data does not cover it (then
   * nothing may be concluded about its programs).
   */
  programsOf(unitid: string): ReadonlyMap<string, ReadonlySet<number>> | undefined;
  /** The title of a 4-digit CIP code ("11.07" -> "Computer Science"). */
  cipTitle(cip: string): string | undefined;
  /**
   * Registrable mail domains of the U.S. institutions of a match, their sister
   * campuses (same system name) and the world-list entries linked to them by
   * domain or name. Empty when unknown.
   */
  usDomainsOf(match: InstitutionMatch): readonly string[];
  /** The institution a registrable domain belongs to, when a list knows it. */
  ownerOfDomain(domain: string): string | undefined;
}

/** The rows the reference is built from (the files of data/education/, parsed). */
export interface EducationRows {
  readonly institutions: readonly TsvRow[];
  readonly programs: readonly TsvRow[];
  readonly cipTitles: readonly TsvRow[];
  readonly world: readonly TsvRow[];
  readonly aliases: readonly TsvRow[];
  readonly meta?: EducationMeta;
}

export interface EducationMeta {
  readonly builtAt?: string;
  readonly asOf?: string;
  readonly sources?: Record<string, { file?: string; rows?: number; entries?: number; leftOut?: string[] }>;
}

export const EDUCATION_FILES = {
  institutions: 'us-institutions.tsv',
  programs: 'us-programs.tsv',
  cipTitles: 'cip-titles.tsv',
  world: 'world-universities.tsv',
  aliases: 'aliases.tsv',
  meta: 'meta.json',
} as const;

/** Read data/education/ (or `dir`) and index it. Throws when a file is missing: the caller decides whether to run without. */
export function loadEducationReference(dir: string = join(dataDir(), 'education')): EducationReference {
  const started = performance.now();
  const read = (file: string) => parseTsv(readFileSync(join(dir, file), 'utf8'));
  const rows: EducationRows = {
    institutions: read(EDUCATION_FILES.institutions),
    programs: read(EDUCATION_FILES.programs),
    cipTitles: read(EDUCATION_FILES.cipTitles),
    world: read(EDUCATION_FILES.world),
    aliases: read(EDUCATION_FILES.aliases),
    meta: JSON.parse(readFileSync(join(dir, EDUCATION_FILES.meta), 'utf8')) as EducationMeta,
  };
  return buildEducationReference(rows, started);
}

/** Build the reference from rows (tests build small ones; the loader passes the files). */
export function buildEducationReference(rows: EducationRows, started: number = performance.now()): EducationReference {
  return buildInstitutionIndex(rows, started);
}
