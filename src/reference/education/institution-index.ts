import { distance } from 'fastest-levenshtein';
import { registrableDomain } from './domains.js';
import type {
  EducationProvenance,
  EducationReference,
  EducationRows,
  InstitutionMatch,
  MatchTier,
  UsInstitution,
  WorldUniversity,
} from './education-reference.js';
import { abbreviationCandidates, campusSplits, hasInstitutionWord, institutionKey, mainCampusStem, otherCampusStem } from './institution-name.js';

/**
 * The name index behind EducationReference.findInstitution. Names are
 * reduced to keys once, at load; a lookup is a few map reads for a known
 * name. Only a name no map knows goes on to the recall-safe search (close
 * spellings, names that hold every word of a known one), through an inverted
 * token index and a one-edit index of words, never a scan of every name.
 */

/** Words too common to find a name by ("university", "of", "college"...): computed from the data. */
const COMMON_TOKEN_SHARE = 0.02;
const MEMO_LIMIT = 50_000;

type Ids = readonly number[];

/** Append an id to a key's list; ids arrive in increasing order per source, so a repeat is the last one. */
function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

function everyIn(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const t of a) if (!b.has(t)) return false;
  return true;
}

/** Every word with one letter removed (and the word itself): two words one edit or one swap apart share a variant. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function buildInstitutionIndex(rows: EducationRows, started: number): EducationReference {
  // --- U.S. institutions (Scorecard) ---
  const us: UsInstitution[] = [];
  const otherNames: string[][] = [];
  for (const r of rows.institutions) {
    if (!r.unitid || !r.name) continue;
    us.push({ unitid: r.unitid, name: r.name, city: r.city || undefined, state: r.state || undefined, domain: r.domain || undefined, listed: r.listed !== '0' });
    otherNames.push((r.other_names ?? '').split(';').filter(Boolean));
  }
  const byUnitid = new Map(us.map((u, i) => [u.unitid, i]));

  const exact = new Map<string, number[]>();
  const campusMain = new Map<string, number[]>();
  const campusOther = new Map<string, number[]>();
  const system = new Map<string, number[]>();
  const aliasName = new Map<string, number[]>();
  const aliasShort = new Map<string, number[]>();
  /** Which system keys each institution belongs to (sister campuses share one). */
  const systemsOf: string[][] = us.map(() => []);

  us.forEach((u, i) => {
    for (const name of [u.name, ...otherNames[i]!]) {
      const key = institutionKey(name);
      if (!key) continue;
      push(exact, key, i);
      const main = mainCampusStem(key);
      if (main) { push(campusMain, main, i); push(system, main, i); systemsOf[i]!.push(main); }
      const other = otherCampusStem(key);
      if (other) push(campusOther, other, i);
      for (const { base } of campusSplits(name)) { push(system, base, i); systemsOf[i]!.push(base); }
    }
  });
  for (const r of rows.aliases) {
    const key = institutionKey(r.alias ?? '');
    const ids = (r.unitids ?? '').split(';').map((id) => byUnitid.get(id)).filter((i): i is number => i !== undefined);
    if (!key || !ids.length) continue;
    for (const i of ids) push(r.kind === 'short' ? aliasShort : aliasName, key, i);
  }

  // --- world universities (Hipo) ---
  const world: WorldUniversity[] = [];
  const worldExact = new Map<string, number[]>();
  const worldByDomain = new Map<string, number[]>();
  for (const r of rows.world) {
    if (!r.name || !r.country) continue;
    const domains = (r.domains ?? '').split(';').filter(Boolean);
    const id = world.push({ name: r.name, country: r.country, stateProvince: r.state_province || undefined, domains }) - 1;
    const key = institutionKey(r.name);
    if (key) push(worldExact, key, id);
    for (const d of domains) push(worldByDomain, registrableDomain(d), id);
  }

  // --- domains: owners, and the world-list domains linked to each U.S. institution ---
  const domainOwner = new Map<string, string>();
  us.forEach((u) => { if (u.domain && u.listed && !domainOwner.has(u.domain)) domainOwner.set(u.domain, u.name); });
  world.forEach((w) => w.domains.forEach((d) => { const r = registrableDomain(d); if (!domainOwner.has(r)) domainOwner.set(r, w.name); }));
  const linkedWorld = (i: number): WorldUniversity[] => {
    const u = us[i]!;
    const ids = new Set<number>(u.domain ? worldByDomain.get(u.domain) ?? [] : []);
    for (const id of worldExact.get(institutionKey(u.name)) ?? []) if (world[id]!.country === 'US') ids.add(id);
    return [...ids].map((id) => world[id]!).filter((w) => w.country === 'US');
  };

  // --- recall-safe search: token postings over every known key, built on the first name no map knows ---
  interface SearchIndex {
    readonly keys: readonly string[];
    readonly keyTokens: readonly ReadonlySet<string>[];
    /** Per key: it has an institution word and a word that is not common (specific enough to be found inside a claim). */
    readonly specific: readonly boolean[];
    readonly postings: ReadonlyMap<string, readonly number[]>;
    readonly commonLimit: number;
    readonly variants: ReadonlyMap<string, readonly string[]>;
  }
  let search: SearchIndex | undefined;
  function searchIndex(): SearchIndex {
    if (search) return search;
    const keySet = new Set<string>();
    for (const m of [exact, campusMain, campusOther, aliasName, aliasShort, system, worldExact]) for (const k of m.keys()) keySet.add(k);
    const keys = [...keySet];
    const keyTokens = keys.map((k) => new Set(k.split(' ')));
    const postings = new Map<string, number[]>();
    keyTokens.forEach((tokens, id) => tokens.forEach((t) => push(postings, t, id)));
    const commonLimit = Math.max(50, Math.floor(keys.length * COMMON_TOKEN_SHARE));
    const variants = new Map<string, string[]>();
    for (const [t, ids] of postings) {
      if (t.length < 4 || ids.length > commonLimit) continue;
      for (const v of deletions(t)) {
        const l = variants.get(v);
        if (!l) variants.set(v, [t]);
        else if (l[l.length - 1] !== t) l.push(t);
      }
    }
    const specific = keys.map((k, id) => keyTokens[id]!.size >= 2 && hasInstitutionWord(k) && [...keyTokens[id]!].some((t) => (postings.get(t)?.length ?? 0) <= commonLimit));
    return (search = { keys, keyTokens, specific, postings, commonLimit, variants });
  }
  const isCommon = (s: SearchIndex, t: string) => (s.postings.get(t)?.length ?? 0) > s.commonLimit;

  /** Known words one edit (or one swap) from `word`. */
  function nearWords(s: SearchIndex, word: string): string[] {
    if (word.length < 4) return [];
    const out = new Set<string>();
    for (const v of deletions(word)) for (const t of s.variants.get(v) ?? []) if (t !== word && distance(t, word) <= 2) out.add(t);
    return [...out];
  }

  /** The known key a name is a close spelling of, or within which all its words are (or that lies within it). */
  function similarKey(key: string): string | undefined {
    const s = searchIndex();
    const { keys, keyTokens, specific, postings } = s;
    const tokens = key.split(' ');
    const tokenSet = new Set(tokens);
    const distinctive = [...tokenSet].filter((t) => !isCommon(s, t));
    // Candidate keys: those sharing a distinctive word, or a word one edit from one.
    const candidates = new Set<number>();
    for (const t of distinctive) {
      for (const id of postings.get(t) ?? []) candidates.add(id);
      for (const near of nearWords(s, t)) for (const id of postings.get(near) ?? []) candidates.add(id);
    }
    const budget = Math.max(2, Math.floor(key.length * 0.12));
    let best: { id: number; d: number } | undefined;
    for (const id of candidates) {
      const k = keys[id]!;
      const kt = keyTokens[id]!;
      // Every word of the claim is in the known name ("University of Texas at Houston" in "... Health Science Center at Houston").
      if (tokens.length >= 2 && tokens.every((t) => kt.has(t))) return k;
      // Every word of a known name is in the claim ("... at Austin McCombs School of Business"), when the known name is itself specific.
      if (specific[id] && kt.size <= tokenSet.size && everyIn(kt, tokenSet)) return k;
      if (Math.abs(k.length - key.length) > budget) continue;
      const d = distance(k, key);
      if (d <= budget && (!best || d < best.d)) best = { id, d };
    }
    return best ? keys[best.id] : undefined;
  }

  const pick = (ids: Ids | undefined) => (ids ?? []).map((i) => us[i]!);

  /** The listed tiers for one key, or undefined. */
  function resolveKey(key: string, alias: boolean): InstitutionMatch | undefined {
    const worldIds = worldExact.get(key) ?? [];
    const found: [MatchTier, Ids | undefined][] = [
      ['exact', exact.get(key)], ['campus', campusMain.get(key)], ['campus', campusOther.get(key)],
      ['alias', aliasName.get(key)], ['system', system.get(key)], ['short', aliasShort.get(key)],
    ];
    const hit = found.find(([, ids]) => ids && ids.length);
    if (!hit && !worldIds.length) return undefined;
    const tier: MatchTier = hit ? (alias && hit[0] !== 'short' ? 'alias' : hit[0]) : alias ? 'alias' : 'exact';
    const usHits = pick(hit?.[1]);
    return { tier, matched: usHits.length === 1 ? usHits[0]!.name : worldIds.length ? world[worldIds[0]!]!.name : (usHits[0]?.name ?? key), us: usHits, world: worldIds.map((i) => world[i]!) };
  }

  /** A key as listed, or through an abbreviation pattern ("UT Dallas", "SUNY Albany"). */
  function resolveWithAbbreviations(key: string): InstitutionMatch | undefined {
    const direct = resolveKey(key, false);
    if (direct) return direct;
    for (const candidate of abbreviationCandidates(key)) {
      const m = resolveKey(candidate, true);
      if (m) return m;
    }
    return undefined;
  }

  function lookup(name: string): InstitutionMatch | undefined {
    const key = institutionKey(name);
    if (!key) return undefined;
    const found = resolveWithAbbreviations(key);
    if (found) return found;
    // "University of Washington (Seattle)": the name without its parenthesis.
    const bare = name.replace(/\([^)]*\)?/g, ' ');
    if (bare !== name) {
      const m = resolveWithAbbreviations(institutionKey(bare));
      if (m) return m;
    }
    // "Texas A&M University at Qatar": a campus of a known institution that no list names itself.
    for (const { base } of campusSplits(bare)) {
      const m = resolveWithAbbreviations(base);
      if (m) return { ...m, tier: 'branch' };
    }
    // "Department of Computer Science, University of Nevada": a known name as one part of the text.
    for (const part of bare.split(/\s*[,;/|]\s*|\s+[-\u2013\u2014]\s+/)) {
      const partKey = institutionKey(part);
      if (!partKey || partKey === key || !hasInstitutionWord(partKey)) continue;
      const m = resolveWithAbbreviations(partKey);
      if (m) return { ...m, tier: 'similar' };
    }
    const similar = similarKey(key);
    if (similar) {
      const m = resolveKey(similar, false);
      return { tier: 'similar', matched: m?.matched ?? similar, us: m?.us ?? [], world: m?.world ?? [] };
    }
    return undefined;
  }

  const memo = new Map<string, InstitutionMatch | null>();
  function findInstitution(name: string): InstitutionMatch | undefined {
    if (typeof name !== 'string') return undefined;
    const seen = memo.get(name);
    if (seen !== undefined) return seen ?? undefined;
    const m = lookup(name);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(name, m ?? null);
    return m;
  }

  // --- programs (field of study) ---
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

  function usDomainsOf(match: InstitutionMatch): string[] {
    const out = new Set<string>();
    for (const u of match.us) {
      const i = byUnitid.get(u.unitid);
      if (i === undefined) continue;
      if (u.domain) out.add(u.domain);
      for (const sys of systemsOf[i]!) for (const j of system.get(sys) ?? []) if (us[j]!.domain) out.add(us[j]!.domain!);
      for (const w of linkedWorld(i)) for (const d of w.domains) out.add(registrableDomain(d));
    }
    for (const w of match.world) if (w.country === 'US') for (const d of w.domains) out.add(registrableDomain(d));
    return [...out].sort();
  }

  const meta = rows.meta;
  const file = (k: string, fallback: string) => meta?.sources?.[k]?.file ?? fallback;
  const provenance: EducationProvenance = {
    scorecard: `College Scorecard (U.S. Dept. of Education, ${file('institutions', 'institution file')})`,
    fieldOfStudy: `College Scorecard field of study (${file('fieldOfStudy', 'field-of-study file')})`,
    world: `world university list (Hipo university-domains-list, ${file('world', 'world list')})`,
    usInstitutions: us.length,
    usInstitutionsListed: us.filter((u) => u.listed).length,
    usInstitutionsCovered: programs.size,
    worldUniversities: world.length,
    loadMs: Math.round((performance.now() - started) * 10) / 10,
  };

  return {
    provenance,
    findInstitution,
    programsOf: (unitid) => programs.get(unitid),
    cipTitle: (cip) => cipTitles.get(cip) || undefined,
    usDomainsOf,
    ownerOfDomain: (domain) => domainOwner.get(registrableDomain(domain)),
  };
}
