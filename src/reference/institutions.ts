import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { countryCode } from '../match/country-codes.js';
import { normaliseDomain } from '../match/domains.js';
import type { WatchEntry, WatchListName } from '../match/types.js';
import { dataDir } from './data-dir.js';

/**
 * The curated high-risk institutions list (data/watchlists/high-risk-institutions.jsonl)
 * and the user's own list (data/watchlists/custom.jsonl, optional), one JSON
 * object per line. A bad line becomes an error naming the file, line and
 * field; the other lines load.
 */
const KINDS = ['company', 'front_company', 'university', 'website', 'facilitator'] as const;

const sourceSchema = z.object({
  publisher: z.string().min(1),
  title: z.string().min(1),
  url: z.url(),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/u, 'a date YYYY, YYYY-MM or YYYY-MM-DD'),
});

export const institutionSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/u, 'an id of letters, digits and . _ : -'),
  name: z.string().trim().min(1, 'a name is required'),
  aliases: z.array(z.string().trim().min(1)).default([]),
  kind: z.enum(KINDS),
  country: z
    .string()
    .refine((c) => countryCode(c) !== null, 'an ISO 3166-1 alpha-2 country code')
    .nullable()
    .default(null),
  domains: z
    .array(z.string().refine((d) => normaliseDomain(d) !== null, 'a domain such as example.com'))
    .default([]),
  ofac: z
    .string()
    .regex(/^ofac:\d+$/u, 'ofac:<ent_num>')
    .nullable()
    .default(null),
  programs: z.array(z.string().min(1)).default([]),
  source: sourceSchema,
  note: z.string().default(''),
});

/** The user's own entries may leave out the source (it is their own knowledge). */
export const customInstitutionSchema = institutionSchema.extend({ source: sourceSchema.optional() });

export type Institution = z.output<typeof customInstitutionSchema>;

export interface InstitutionError {
  file: string;
  line: number;
  /** The first field at fault ("kind", "source.url"), or "(line)" for a line that is not a JSON object. */
  field: string;
  error: string;
}

export interface InstitutionLoad {
  institutions: Institution[];
  errors: InstitutionError[];
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/gu, '[') || '(line)';
}

/** Parses JSONL text; `custom` relaxes the source requirement. Duplicate ids are errors. */
export function parseInstitutions(text: string, file: string, options: { custom?: boolean } = {}): InstitutionLoad {
  const schema = options.custom ? customInstitutionSchema : institutionSchema;
  const institutions: Institution[] = [];
  const errors: InstitutionError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      errors.push({ file, line, field: '(line)', error: `not JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ file, line, field: fieldOf(issue.path), error: issue.message });
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push({ file, line, field: 'id', error: `duplicate id ${parsed.data.id}` });
      return;
    }
    seen.add(parsed.data.id);
    institutions.push(parsed.data);
  });
  return { institutions, errors };
}

function citation(inst: Institution, list: WatchListName): string {
  if (!inst.source) return `${list === 'custom' ? 'your custom list' : list}, entry ${inst.id}`;
  const { publisher, title, date, url } = inst.source;
  return `${publisher}, "${title}" (${date}): ${url}`;
}

/** Screening form: every kind is an organisation (the list names no private individuals). */
export function institutionWatchEntries(institutions: readonly Institution[], list: WatchListName): WatchEntry[] {
  return institutions.map((inst) => {
    const country = inst.country ? countryCode(inst.country) : null;
    return {
      entry: inst.id,
      list,
      kind: 'organization',
      names: [...new Set([inst.name, ...inst.aliases])],
      dobYears: [],
      countries: country ? [country] : [],
      programs: inst.programs,
      domains: inst.domains.map((d) => normaliseDomain(d)).filter((d): d is string => d !== null),
      source: citation(inst, list),
    };
  });
}

export const INSTITUTIONS_FILE = 'high-risk-institutions.jsonl';
export const CUSTOM_FILE = 'custom.jsonl';

/**
 * Reads the curated list and, when present, the user's custom list from
 * `<data>/watchlists/`. A missing curated file is reported as an error (the
 * run goes on without it); a missing custom file is normal.
 */
export function loadInstitutions(dir: string = join(dataDir(), 'watchlists')): InstitutionLoad & { entries: WatchEntry[]; files: string[] } {
  const curated = join(dir, INSTITUTIONS_FILE);
  const custom = join(dir, CUSTOM_FILE);
  const out: InstitutionLoad & { entries: WatchEntry[]; files: string[] } = { institutions: [], errors: [], entries: [], files: [] };
  if (existsSync(curated)) {
    const load = parseInstitutions(readFileSync(curated, 'utf8'), curated);
    out.institutions.push(...load.institutions);
    out.errors.push(...load.errors);
    out.entries.push(...institutionWatchEntries(load.institutions, 'high-risk-institutions'));
    out.files.push(curated);
  } else {
    out.errors.push({ file: curated, line: 0, field: '(file)', error: 'the high-risk institutions list is missing' });
  }
  if (existsSync(custom)) {
    const load = parseInstitutions(readFileSync(custom, 'utf8'), custom, { custom: true });
    out.institutions.push(...load.institutions);
    out.errors.push(...load.errors);
    out.entries.push(...institutionWatchEntries(load.institutions, 'custom'));
    out.files.push(custom);
  }
  return out;
}
