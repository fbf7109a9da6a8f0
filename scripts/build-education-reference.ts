/**
 * Derive data/education/ from the publishers' files:
 *
 * - College Scorecard institution file (U.S. Department of Education): every
 *   Title IV institution with UNITID, name, city, state and website. The
 *   bundled extract has 26 columns; the full "Most-Recent-Cohorts-Institution"
 *   file (thousands of columns) works the same, columns are picked by name.
 * - College Scorecard field-of-study file: one row per institution x program
 *   (4-digit CIP) x credential level. Only a sample is bundled; the full
 *   "Most-Recent-Cohorts-Field-of-Study" file works the same. An institution
 *   whose rows are cut off (a truncated file) is left out of the coverage, so
 *   the program check stays silent on it.
 * - Hipo university-domains-list (MIT licence): world universities with
 *   their country and web domains. Its licence is copied beside the data.
 *
 * Usage (re-runs on a newer release):
 *   npx tsx scripts/build-education-reference.ts --from DIR [--out DIR]
 *     [--institutions FILE] [--field-of-study FILE] [--world FILE] [--licence FILE]
 *     [--as-of YYYY-MM]
 * --from is required: the directory holding the publishers' files. The file
 * options name files inside it (defaults: scorecard_institutions.csv,
 * scorecard_field_of_study_sample.csv, world_universities_and_domains.json,
 * LICENSE-hipo.txt). --out defaults to data/education (or
 * $HIREWATCH_DATA_DIR/education).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataDir } from '../src/reference/data-dir.js';
import { hostOf, registrableDomain } from '../src/reference/education/domains.js';
import { cip4 } from '../src/reference/education/programs.js';
import { formatTsv, parseTsv } from '../src/reference/education/tsv.js';

interface Options {
  from: string;
  out: string;
  institutions: string;
  fieldOfStudy: string;
  world: string;
  licence: string;
  asOf?: string;
}

const INPUT_FILES = {
  institutions: 'scorecard_institutions.csv',
  fieldOfStudy: 'scorecard_field_of_study_sample.csv',
  world: 'world_universities_and_domains.json',
  licence: 'LICENSE-hipo.txt',
} as const;

const USAGE = [
  'usage: npx tsx scripts/build-education-reference.ts --from DIR [--out DIR]',
  '    [--institutions FILE] [--field-of-study FILE] [--world FILE] [--licence FILE] [--as-of YYYY-MM]',
  "DIR holds the publishers' files (names relative to DIR; change them with the options):",
  ...([
    [INPUT_FILES.institutions, 'College Scorecard institution file (--institutions)'],
    [INPUT_FILES.fieldOfStudy, 'College Scorecard field-of-study file (--field-of-study)'],
    [INPUT_FILES.world, 'Hipo university-domains-list (--world)'],
    [INPUT_FILES.licence, 'its licence, copied beside the data (--licence)'],
  ] as const).map(([file, what]) => `  ${file.padEnd(38)}${what}`),
].join('\n');

/** A usage error: what is wrong, then how to call the script; exit status 2. */
function usage(problem: string): never {
  console.error(`build-education-reference: ${problem}\n${USAGE}`);
  process.exit(2);
}

function options(argv: readonly string[]): Options {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) usage(`--${name} needs a value`);
    return value;
  };
  const fromArg = arg('from');
  if (fromArg === undefined) usage('--from DIR is required');
  const from = resolve(fromArg);
  const o: Options = {
    from,
    out: resolve(arg('out') ?? join(dataDir(), 'education')),
    institutions: resolve(from, arg('institutions') ?? INPUT_FILES.institutions),
    fieldOfStudy: resolve(from, arg('field-of-study') ?? INPUT_FILES.fieldOfStudy),
    world: resolve(from, arg('world') ?? INPUT_FILES.world),
    licence: resolve(from, arg('licence') ?? INPUT_FILES.licence),
    asOf: arg('as-of'),
  };
  const missing = [o.institutions, o.fieldOfStudy, o.world, o.licence].filter((f) => !existsSync(f));
  if (missing.length) usage(`missing input file(s): ${missing.join(', ')}`);
  return o;
}

interface FileInfo {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

function fileInfo(path: string): FileInfo {
  const bytes = readFileSync(path);
  return { file: basename(path), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Rows of a CSV with a header, as arrays, and the header. Tolerates ragged rows (reported by the caller). */
function readCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }) as string[][];
  const header = (records.shift() ?? []).map((h) => h.trim());
  return { header, rows: records };
}

function column(header: readonly string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${file}: no column ${name} (columns: ${header.slice(0, 12).join(', ')}...)`);
  return i;
}

const present = (v: string | undefined): string => (v && v !== 'NULL' && v !== 'PrivacySuppressed' ? v.trim() : '');

function buildInstitutions(path: string) {
  const { header, rows } = readCsv(readFileSync(path, 'utf8'));
  const at = (n: string) => column(header, n, path);
  const [iId, iName, iCity, iState, iUrl] = [at('UNITID'), at('INSTNM'), at('CITY'), at('STABBR'), at('INSTURL')];
  const byId = new Map<string, { unitid: string; name: string; city: string; state: string; domain: string; listed: boolean; otherNames: Set<string> }>();
  let ragged = 0;
  for (const r of rows) {
    if (r.length !== header.length) ragged++;
    const unitid = present(r[iId]);
    const name = present(r[iName]);
    if (!/^\d+$/.test(unitid) || !name) continue;
    const host = hostOf(present(r[iUrl]));
    byId.set(unitid, { unitid, name, city: present(r[iCity]), state: present(r[iState]), domain: host ? registrableDomain(host) : '', listed: true, otherNames: new Set() });
  }
  return { byId, rows: rows.length, ragged };
}

function buildPrograms(path: string) {
  let text = readFileSync(path, 'utf8');
  const partial = new Set<string>();
  // A file cut off mid-row: the last institution's programs are incomplete, so it is not covered.
  if (!text.endsWith('\n')) {
    const cut = text.lastIndexOf('\n');
    const tail = text.slice(cut + 1);
    const id = tail.split(',')[0]?.replace(/"/g, '').trim();
    if (id) partial.add(id);
    text = text.slice(0, cut + 1);
  }
  const { header, rows } = readCsv(text);
  const at = (n: string) => column(header, n, path);
  const [iId, iName, iCip, iDesc, iLevel] = [at('UNITID'), at('INSTNM'), at('CIPCODE'), at('CIPDESC'), at('CREDLEV')];
  const programs = new Map<string, Map<string, Set<number>>>();
  const names = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const r of rows) {
    const unitid = present(r[iId]);
    if (!/^\d+$/.test(unitid)) continue;
    const cip = cip4(present(r[iCip]));
    const level = Number(present(r[iLevel]));
    if (r.length !== header.length || !cip || !Number.isInteger(level) || level < 1 || level > 9) {
      partial.add(unitid);
      continue;
    }
    if (!names.has(unitid)) names.set(unitid, present(r[iName]));
    const desc = present(r[iDesc]).replace(/\.$/, '');
    if (desc && !titles.has(cip)) titles.set(cip, desc);
    let offers = programs.get(unitid);
    if (!offers) programs.set(unitid, (offers = new Map()));
    let levels = offers.get(cip);
    if (!levels) offers.set(cip, (levels = new Set()));
    levels.add(level);
  }
  for (const id of partial) programs.delete(id);
  return { programs, names, titles, partial, rows: rows.length };
}

interface HipoEntry {
  name?: string;
  alpha_two_code?: string;
  'state-province'?: string | null;
  domains?: string[];
}

function buildWorld(path: string) {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as HipoEntry[];
  const seen = new Set<string>();
  const rows: string[][] = [];
  for (const e of entries) {
    const name = (e.name ?? '').trim();
    const country = (e.alpha_two_code ?? '').trim().toUpperCase();
    if (!name || !/^[A-Z]{2}$/.test(country)) continue;
    const domains = [...new Set((e.domains ?? []).map((d) => d.trim().toLowerCase().replace(/^www\./, '')).filter(Boolean))];
    const key = `${name}\u0000${country}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([name, country, e['state-province'] ?? '', domains.join(';')]);
  }
  rows.sort((a, b) => (a[1]! + a[0]!).localeCompare(b[1]! + b[0]!));
  return { rows, entries: entries.length };
}

function writeAtomically(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

function main(): void {
  const o = options(process.argv.slice(2));
  mkdirSync(o.out, { recursive: true });

  const inst = buildInstitutions(o.institutions);
  const fos = buildPrograms(o.fieldOfStudy);
  const world = buildWorld(o.world);

  // Institutions in the field-of-study file but not the institution file (closed or renamed since): known, not listed.
  for (const [unitid, name] of fos.names) {
    const known = inst.byId.get(unitid);
    if (!known) inst.byId.set(unitid, { unitid, name, city: '', state: '', domain: '', listed: false, otherNames: new Set() });
    else if (name && name !== known.name && !known.name.startsWith(name)) known.otherNames.add(name);
  }
  const institutions = [...inst.byId.values()].sort((a, b) => Number(a.unitid) - Number(b.unitid));
  const programRows = [...fos.programs.entries()]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([unitid, offers]) => [unitid, [...offers.entries()].sort().map(([cip, levels]) => `${cip}:${[...levels].sort().join('')}`).join(';')]);

  const today = new Date().toISOString().slice(0, 10);
  writeAtomically(join(o.out, 'us-institutions.tsv'), formatTsv(
    ['unitid', 'name', 'city', 'state', 'domain', 'listed', 'other_names'],
    institutions.map((i) => [i.unitid, i.name, i.city, i.state, i.domain, i.listed ? 1 : 0, [...i.otherNames].join(';')]),
    [`College Scorecard institutions (U.S. Department of Education), derived by scripts/build-education-reference.ts from ${basename(o.institutions)} and ${basename(o.fieldOfStudy)}.`,
     'listed=1: in the institution file (Title IV institutions of that release); listed=0: only in the field-of-study file (closed or renamed since).',
     'domain: registrable domain of the INSTURL website. Public domain (U.S. Government work).'],
  ));
  writeAtomically(join(o.out, 'us-programs.tsv'), formatTsv(
    ['unitid', 'programs'],
    programRows,
    [`College Scorecard field of study (U.S. Department of Education), from ${basename(o.fieldOfStudy)}: programs as 4-digit CIP:credential levels (1 undergraduate certificate, 2 associate, 3 bachelor, 4 post-baccalaureate certificate, 5 master, 6 doctoral, 7 first professional, 8 graduate certificate).`,
     'An institution is covered by the program check only when it has a line here.',
     ...(fos.partial.size ? [`Left out, rows cut off or unreadable: UNITID ${[...fos.partial].join(', ')}.`] : [])],
  ));
  writeAtomically(join(o.out, 'cip-titles.tsv'), formatTsv(
    ['cip', 'title'],
    [...fos.titles.entries()].sort(),
    ['CIP 2020 4-digit titles as the field-of-study file writes them (CIPDESC).'],
  ));
  writeAtomically(join(o.out, 'world-universities.tsv'), formatTsv(
    ['name', 'country', 'state_province', 'domains'],
    world.rows,
    [`Hipo university-domains-list (https://github.com/Hipo/university-domains-list), MIT licence: see LICENSE-hipo.txt. From ${basename(o.world)}.`],
  ));
  writeAtomically(join(o.out, 'LICENSE-hipo.txt'), readFileSync(o.licence, 'utf8'));

  const meta = {
    builtAt: today,
    builtBy: 'scripts/build-education-reference.ts',
    asOf: o.asOf,
    sources: {
      institutions: { ...fileInfo(o.institutions), rows: inst.rows, raggedRows: inst.ragged },
      fieldOfStudy: { ...fileInfo(o.fieldOfStudy), rows: fos.rows, institutions: fos.names.size + [...fos.partial].filter((id) => !fos.names.has(id)).length, covered: fos.programs.size, leftOut: [...fos.partial] },
      world: { ...fileInfo(o.world), entries: world.entries },
    },
    records: {
      usInstitutions: institutions.length,
      usInstitutionsListed: institutions.filter((i) => i.listed).length,
      usInstitutionsCovered: fos.programs.size,
      worldUniversities: world.rows.length,
      worldUniversitiesUS: world.rows.filter((r) => r[1] === 'US').length,
    },
  };
  writeAtomically(join(o.out, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);

  // The curated aliases must name institutions that exist.
  const aliasFile = join(o.out, 'aliases.tsv');
  if (existsSync(aliasFile)) {
    const missing = parseTsv(readFileSync(aliasFile, 'utf8')).flatMap((r) => (r.unitids ?? '').split(';').filter((id) => id && !inst.byId.has(id)).map((id) => `${r.alias}: ${id}`));
    if (missing.length) console.warn(`aliases.tsv names UNITIDs not in the data: ${missing.join(', ')}`);
  }
  console.log(`education reference written to ${o.out}`);
  console.log(JSON.stringify(meta.records));
  if (fos.partial.size) console.log(`field of study: left out of coverage (rows cut off): ${[...fos.partial].join(', ')}`);
}

main();
