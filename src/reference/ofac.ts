import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { countryCode } from '../match/country-codes.js';
import { normaliseDomain } from '../match/domains.js';
import type { EntryKind, WatchEntry } from '../match/types.js';
import { dataDir } from './data-dir.js';

/**
 * OFAC's SDN list in its legacy CSV format (sdn.csv, alt.csv, add.csv; `-0-`
 * means empty), parsed into one entry per ent_num with every program,
 * aliases, addresses and what the Remarks column says (dates of birth,
 * nationality, citizenship, places of birth, websites, e-mail addresses,
 * weak a.k.a.s). `parseOfacFiles` is pure; `loadOfac` reads data/ofac/.
 */
export interface OfacAlias {
  name: string;
  type: 'aka' | 'fka' | 'nka';
  /** alt.csv aliases are strong; single-quoted a.k.a.s in Remarks are OFAC's weak aliases. */
  strength: 'strong' | 'weak';
}

export interface OfacAddress {
  address: string | null;
  cityStatePostal: string | null;
  country: string | null;
}

export interface OfacEntry {
  entNum: number;
  /** The primary name; null for an entry known only through alt/add rows. */
  name: string | null;
  kind: EntryKind;
  /** True when the kind was inferred (no sdn row). */
  kindInferred: boolean;
  programs: string[];
  dprk: boolean;
  title: string | null;
  remarks: string | null;
  aliases: OfacAlias[];
  addresses: OfacAddress[];
  dates: string[];
  dobYears: number[];
  nationalities: string[];
  citizenships: string[];
  placesOfBirth: string[];
  /** ISO alpha-2 codes from nationality, citizenship, place of birth and addresses. */
  countries: string[];
  websites: string[];
  emails: string[];
}

export interface OfacRowError {
  file: 'sdn' | 'alt' | 'add';
  line: number;
  error: string;
}

export interface OfacParseResult {
  entries: OfacEntry[];
  errors: OfacRowError[];
  rows: { sdn: number; alt: number; add: number };
  /** ent_nums met only in add rows: no name to screen, left out of `entries`. */
  unnamed: number;
}

type Row = string[];

function value(cell: string | undefined): string | null {
  const v = (cell ?? '').trim();
  return v === '' || v === '-0-' ? null : v;
}

function rows(text: string): Row[] {
  return parse(text.replace(/\u001a/gu, ''), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as Row[];
}

function entNum(row: Row): number | null {
  const n = Number((row[0] ?? '').trim());
  return Number.isInteger(n) && n > 0 ? n : null;
}

const KINDS: Record<string, EntryKind> = { individual: 'person', vessel: 'vessel', aircraft: 'aircraft' };
const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/gu;
/** Mail domains shared by many people (web mail, national ISPs such as net.sy): a listed address there says nothing of the domain. */
const SHARED_MAIL =
  /^((gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|mail|inbox|bk|list|yandex|rambler|protonmail|proton|tutanota|gmx|web|qq|163|126|sina|naver|daum|hanmail|rediffmail|eim|emirates|wanadoo|orange|libero|tiscali)\.|(com|net|org|co|ac|gov|edu)\.[a-z]{2}$)/u;

/** Years a DOB remark covers: "15 Jan 1970" -> 1970; "1970 to 1972" -> 1970-1972; "circa 1965" -> 1963-1967. */
export function dobYears(text: string): number[] {
  const years = [...text.matchAll(YEAR)].map((m) => Number(m[1]));
  if (years.length === 0) return [];
  const ranged = years.length === 2 && /\bto\b|\d\s*-\s*\d/u.test(text) && years[1]! >= years[0]! && years[1]! - years[0]! <= 15;
  const [from, to] = ranged ? [years[0]!, years[1]!] : [Math.min(...years), Math.max(...years)];
  const slack = /circa/iu.test(text) ? 2 : 0;
  const out: number[] = [];
  if (ranged || years.length === 1) for (let y = from - slack; y <= to + slack; y++) out.push(y);
  else out.push(...years);
  return out;
}

function readRemarks(entry: OfacEntry, remarks: string): void {
  for (const m of remarks.matchAll(/\b([afn])\.k\.a\.,?\s*['‘’]([^'‘’]+)['‘’]/gu)) {
    entry.aliases.push({ name: m[2]!.trim(), type: `${m[1]}ka` as OfacAlias['type'], strength: 'weak' });
  }
  for (const raw of remarks.split(';')) {
    const part = raw.trim().replace(/^alt\.\s+/u, '');
    const [, label, rest] = /^(DOB|POB|[Nn]ationality|[Cc]itizen|Website|Email Address)\s+(.+)$/u.exec(part) ?? [];
    if (!label || !rest) continue;
    const text = rest.replace(/\.$/u, '').trim();
    if (label === 'DOB') {
      entry.dates.push(text);
      entry.dobYears.push(...dobYears(text));
    } else if (label === 'POB') entry.placesOfBirth.push(text);
    else if (/^nationality$/iu.test(label)) entry.nationalities.push(text);
    else if (/^citizen$/iu.test(label)) entry.citizenships.push(text);
    else if (label === 'Website') entry.websites.push(text);
    else entry.emails.push(text);
  }
  if (/\(individual\)|\bGender (Male|Female)\b/u.test(remarks) && entry.kindInferred) entry.kind = 'person';
}

function blank(n: number): OfacEntry {
  return {
    entNum: n, name: null, kind: 'organization', kindInferred: true, programs: [], dprk: false, title: null, remarks: null,
    aliases: [], addresses: [], dates: [], dobYears: [], nationalities: [], citizenships: [], placesOfBirth: [],
    countries: [], websites: [], emails: [],
  };
}

/** OFAC writes people "SURNAME, Given Names"; organisations in capitals. */
function looksLikePerson(name: string): boolean {
  return /^[^,a-z]+, .*\p{Ll}/u.test(name);
}

function splitPrograms(cell: string | null): string[] {
  if (!cell) return [];
  return cell.split(/\]\s*\[/u).map((p) => p.replace(/[[\]]/gu, '').trim()).filter(Boolean);
}

export function parseOfacFiles(files: { sdn: string; alt?: string; add?: string }): OfacParseResult {
  const byNum = new Map<number, OfacEntry>();
  const errors: OfacRowError[] = [];
  const get = (n: number): OfacEntry => byNum.get(n) ?? byNum.set(n, blank(n)).get(n)!;
  const counted = { sdn: 0, alt: 0, add: 0 };
  const each = (file: OfacRowError['file'], text: string | undefined, minCells: number, use: (n: number, row: Row) => void): void => {
    if (!text) return;
    rows(text).forEach((row, i) => {
      if (row.every((cell) => cell.trim() === '')) return;
      const n = entNum(row);
      if (n === null) {
        // OFAC's own files have no header; the shipped sdn.csv has one ("ID,Name,...").
        if (i > 0 || /^\d/u.test((row[0] ?? '').trim())) errors.push({ file, line: i + 1, error: `ent_num is not a number: "${row[0] ?? ''}"` });
        return;
      }
      if (row.length < minCells) return void errors.push({ file, line: i + 1, error: `expected ${minCells} columns, found ${row.length}` });
      counted[file]++;
      use(n, row);
    });
  };
  each('sdn', files.sdn, 12, (n, row) => {
    const entry = get(n);
    entry.name = value(row[1]);
    const type = value(row[2])?.toLowerCase();
    entry.kind = type ? KINDS[type] ?? 'organization' : 'organization';
    entry.kindInferred = false;
    entry.programs = splitPrograms(value(row[3]));
    entry.title = value(row[4]);
    entry.remarks = value(row[11]);
    if (entry.remarks) readRemarks(entry, entry.remarks);
  });
  each('alt', files.alt, 4, (n, row) => {
    const name = value(row[3]);
    const type = (value(row[2]) ?? 'aka').toLowerCase().replace(/\./gu, '');
    if (name) get(n).aliases.push({ name, type: type === 'fka' || type === 'nka' ? type : 'aka', strength: 'strong' });
  });
  each('add', files.add, 5, (n, row) => {
    get(n).addresses.push({ address: value(row[2]), cityStatePostal: value(row[3]), country: value(row[4]) });
  });
  const all = [...byNum.values()].sort((a, b) => a.entNum - b.entNum);
  const entries = all.filter((e) => e.name !== null || e.aliases.length > 0);
  for (const e of entries) {
    e.dprk = e.programs.some((p) => p.includes('DPRK'));
    if (e.kindInferred && e.aliases.some((a) => looksLikePerson(a.name))) e.kind = 'person';
    const places = [...e.nationalities, ...e.citizenships, ...e.placesOfBirth.map((p) => p.split(',').pop() ?? p), ...e.addresses.map((a) => a.country ?? '')];
    e.countries = [...new Set(places.map((p) => countryCode(p.replace(/\(.*\)/u, ''))).filter((c): c is string => c !== null))];
    e.dobYears = [...new Set(e.dobYears)].sort((a, b) => a - b);
  }
  return { entries, errors, rows: counted, unnamed: all.length - entries.length };
}

/** Screening form of the SDN list. Weak aliases are left out unless asked for (OFAC FAQ 124). */
export function ofacWatchEntries(entries: readonly OfacEntry[], options: { includeWeakAliases?: boolean } = {}): WatchEntry[] {
  const out: WatchEntry[] = [];
  for (const e of entries) {
    const aliases = e.aliases.filter((a) => a.strength === 'strong' || options.includeWeakAliases).map((a) => a.name);
    const names = [...new Set([...(e.name ? [e.name] : []), ...aliases])];
    if (names.length === 0) continue;
    const mail = e.emails.map(normaliseDomain).filter((d): d is string => d !== null && !SHARED_MAIL.test(d));
    const domains = [...e.websites.map(normaliseDomain).filter((d): d is string => d !== null), ...mail];
    const programs = e.programs.length ? `[${e.programs.join('; ')}]` : '[known here only through its aliases: programs not in the Jan 2023 primary file]';
    out.push({
      entry: `ofac:${e.entNum}`,
      list: 'ofac-sdn',
      kind: e.kind,
      names,
      dobYears: e.dobYears,
      countries: e.countries,
      programs: e.programs,
      domains: [...new Set(domains)],
      source: `OFAC SDN #${e.entNum} ${programs}: https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${e.entNum}`,
    });
  }
  return out;
}

/** The newest file of a kind in the folder: "alt.csv" or the latest "alt-YYYY-MM.csv". */
function newest(dir: string, stem: string): string | undefined {
  const names = readdirSync(dir).filter((f) => f === `${stem}.csv` || new RegExp(`^${stem}-\\d{4}-\\d{2}\\.csv$`, 'u').test(f));
  return names.sort().pop();
}

/** Reads `<data>/ofac/` (sdn.csv plus the newest alt and add files); `<data>` is the package's data/ or HIREWATCH_DATA_DIR. */
export function loadOfac(dir: string = join(dataDir(), 'ofac')): OfacParseResult & { files: string[] } {
  const sdn = newest(dir, 'sdn');
  if (!sdn) throw new Error(`no sdn.csv in ${dir}`);
  const alt = newest(dir, 'alt');
  const add = newest(dir, 'add');
  const read = (f: string | undefined): string | undefined => (f ? readFileSync(join(dir, f), 'utf8') : undefined);
  const result = parseOfacFiles({ sdn: read(sdn)!, alt: read(alt), add: read(add) });
  return { ...result, files: [sdn, alt, add].filter((f): f is string => f !== undefined) };
}
