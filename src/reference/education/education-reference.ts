import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../data-dir.js';
import { institutionDomains } from './institution-domains.js';
import type { MatchConfig } from '../../match/config.js';
import { WatchlistIndex } from '../../match/watchlist-index.js';
import { loadThroughSnapshot, snapshotDir, type SnapshotKind } from '../watchlist-snapshot.js';
import { INSTITUTION_MATCH_CONFIG, InstitutionFinder } from './institution-finder.js';
import { readInstitutionLists } from './institution-lists.js';
import type { InstitutionMatch } from './institution-match.js';
import { InstitutionNameTable } from './institution-name-table.js';
import { parseTsv, type TsvRow } from './tsv.js';

/**
 * Education reference data the education detectors consult (U.S. institutions
 * and the programs they offer, world universities and their domains). Loaded
 * at the edge and passed in through the detection context. Read-only: every
 * method is a pure function of the loaded data (lookups are memoised inside,
 * which changes no answer).
 *
 * Built from: the two institution lists (institution-lists.ts), the table of
 * every name they and the curated aliases give (institution-name-table.ts),
 * the finder that resolves a claimed name through that table and, for other
 * spellings, through the watchlist name engine of src/match
 * (institution-finder.ts), and the institutions' mail domains
 * (institution-domains.ts).
 */

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

/** The name engine of the finder (institution-finder.ts) as a snapshot: keyed by every file of data/education, the code and its settings. */
export const EDUCATION_SNAPSHOT: SnapshotKind = { name: 'institutions', format: 'hirewatch-institutions-1', data: ['.'], config: JSON.stringify(INSTITUTION_MATCH_CONFIG) };

export interface LoadEducationOptions {
  /** The snapshot folder (default: snapshotDir()); null: build the finder's name engine in memory, save nothing. */
  readonly snapshots?: string | null;
  /** Build the name engine now, even when a valid snapshot exists, and save it (`hirewatch data update`, the install script). */
  readonly rebuild?: boolean;
}

/**
 * Read data/education/ (or `dir`) and index it. Throws when a file is missing: the caller decides whether to run without.
 * The finder's name engine (for names the table does not hold) is read from its snapshot at the first such name, or
 * built then and saved.
 */
export function loadEducationReference(dir: string = join(dataDir(), 'education'), options: LoadEducationOptions = {}): EducationReference {
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
  const folder = options.snapshots === undefined ? snapshotDir() : options.snapshots;
  const source = (build: () => WatchlistIndex, config: MatchConfig): WatchlistIndex => {
    let built: WatchlistIndex | undefined;
    const loaded = loadThroughSnapshot(EDUCATION_SNAPSHOT, dir, folder, () => (built = build()).data, {
      ...(options.rebuild ? { rebuild: true } : {}),
      accept: (data) => Boolean(data && typeof data === 'object' && data.entryJson instanceof Uint8Array && data.names && data.dictionary),
    });
    // Read back with the engine's own settings: fromData's default is the watchlists' (a common surname weighs less).
    return built ?? WatchlistIndex.fromData(loaded.value, config);
  };
  const reference = buildEducationReference(rows, started, source);
  if (options.rebuild) reference.findInstitution('hirewatch snapshot build');
  return reference;
}

/** Build the reference from rows (tests build small ones; the loader passes the files). */
export function buildEducationReference(rows: EducationRows, started: number = performance.now(), nameEngine?: (build: () => WatchlistIndex, config: MatchConfig) => WatchlistIndex): EducationReference {
  const lists = readInstitutionLists(rows.institutions, rows.world);
  const names = InstitutionNameTable.build(lists, rows.aliases);
  const finder = new InstitutionFinder(names, INSTITUTION_MATCH_CONFIG, nameEngine);
  const domains = institutionDomains(lists, names);

  const programs = new Map<string, Map<string, Set<number>>>();
  for (const r of rows.programs) {
    if (!r.unitid || r.programs === undefined) continue;
    const offers = new Map<string, Set<number>>();
    for (const item of r.programs.split(';').filter(Boolean)) {
      const [cip, levels] = item.split(':');
      if (cip && levels) offers.set(cip, new Set([...levels].map(Number)));
    }
    programs.set(r.unitid, offers);
  }
  const cipTitles = new Map(rows.cipTitles.map((r) => [r.cip ?? '', r.title ?? '']));

  const file = (k: string, fallback: string) => rows.meta?.sources?.[k]?.file ?? fallback;
  const provenance: EducationProvenance = {
    scorecard: `College Scorecard (U.S. Dept. of Education, ${file('institutions', 'institution file')})`,
    fieldOfStudy: `College Scorecard field of study (${file('fieldOfStudy', 'field-of-study file')})`,
    world: `world university list (Hipo university-domains-list, ${file('world', 'world list')})`,
    usInstitutions: lists.us.length,
    usInstitutionsListed: lists.us.filter((u) => u.listed).length,
    usInstitutionsCovered: programs.size,
    worldUniversities: lists.world.length,
    loadMs: Math.round((performance.now() - started) * 10) / 10,
  };

  return {
    provenance,
    findInstitution: (name) => finder.find(name),
    programsOf: (unitid) => programs.get(unitid),
    cipTitle: (cip) => cipTitles.get(cip) || undefined,
    usDomainsOf: (match) => domains.usDomainsOf(match),
    ownerOfDomain: (domain) => domains.ownerOfDomain(domain),
  };
}
