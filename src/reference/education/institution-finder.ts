import { matchConfig, type MatchConfig } from '../../match/config.js';
import type { NameMatch, TokenHow, WatchEntry } from '../../match/types.js';
import { WatchlistIndex } from '../../match/watchlist-index.js';
import { classifyToken } from '../../match/word-lists.js';
import type { InstitutionMatch } from './institution-match.js';
import type { InstitutionNameTable } from './institution-name-table.js';
import { abbreviationCandidates, campusSplits, hasInstitutionWord, institutionKey } from './institution-name.js';

/**
 * The institution a claimed name refers to. First the name table
 * (institution-name-table.ts): the name's key as listed, through an
 * abbreviation pattern, without a parenthesis, as a campus of a listed
 * institution, or as one part of a longer text. A name the table does not
 * hold goes to the watchlist name engine (src/match), in an instance of its
 * own built from every key of the table as an organisation name: it finds
 * the candidates and pairs their words (typos, joined words, other order),
 * and the rules below say which pairing makes a claim similar to a known
 * name. Pure: lookups are memoised, which changes no answer.
 */

/**
 * The engine's settings for institution names: the defaults for organisation
 * names, except
 * - a very common surname or given name is an ordinary word: institutions are
 *   named after people ("Thomas University", "Anderson University"), and such
 *   a name is what tells them apart;
 * - no guard: which words are too common to find an institution by is read
 *   from the institution names themselves (COMMON_SHARE below), not from the
 *   engine's lists of common person names and generic business words
 *   ("American", "National", "Petroleum");
 * - the lowest score of a close spelling (the same words, some misspelled):
 *   0.83 admits a typo in each of two words of a three-word name ("Higland
 *   Communizty College") and keeps out one substituted letter in a short word
 *   whose other words are generic ("Lodi University" is not the University of
 *   Lodz).
 */
export const INSTITUTION_MATCH_CONFIG: MatchConfig = matchConfig({ threshold: 0.83, weakOnlyFactor: 1, tokenWeights: { common: 1 } });

/** Lowest score of a candidate worth reading: a known name inside a longer claim scores low ("... at Austin McCombs School of Business": 0.57). */
const CANDIDATE_FLOOR = 0.45;
/** Candidates read per claim, best first. */
const CANDIDATES = 8;
/** A word in more than this share of the known names is too common to make a claim similar to one ("university", "state", "college"). */
const COMMON_SHARE = 0.02;
const MEMO_LIMIT = 50_000;

/** Every key of the table as an entry of the name engine, named by the key itself. */
export function institutionNameEntries(table: InstitutionNameTable): WatchEntry[] {
  return table.keys().map((key) => ({
    entry: key,
    list: 'education-institutions',
    kind: 'organization',
    names: [key],
    dobYears: [],
    countries: [],
    programs: [],
    domains: [],
    source: 'education reference (data/education)',
  }));
}

/** What the engine's features say about one candidate. */
interface Pairing {
  /** Claim words and listed words left without a partner, particles and legal forms aside ("of", "the", "Inc"). */
  readonly claimOnly: number;
  readonly listedOnly: number;
  /** Claim words and listed words that found a partner (each word of a joined pair counted). */
  readonly claimPaired: number;
  readonly listedPaired: number;
  /** Every pair is the same word (or words written joined). */
  readonly sameWords: boolean;
  /** A paired listed word is not common among the known names. */
  readonly distinctive: boolean;
}

/** The features that pair a claim word (or two joined) with a listed one; the others are notes (order, typos, guard). */
const PAIRS: ReadonlySet<string> = new Set<TokenHow>(['exact', 'romanisation', 'skeleton', 'nickname', 'typo', 'initial', 'joined']);

function pairing(m: NameMatch, index: WatchlistIndex, commonLimit: number): Pairing {
  let claimOnly = 0;
  let listedOnly = 0;
  let claimPaired = 0;
  let listedPaired = 0;
  let sameWords = true;
  let distinctive = false;
  for (const f of m.features) {
    if (f.how === 'unmatched') {
      const cls = classifyToken(f.token || f.candidate, 'organization');
      if (cls === 'particle' || cls === 'legal') continue;
      if (f.token) claimOnly++;
      else listedOnly++;
    } else if (PAIRS.has(f.how)) {
      if (f.how !== 'exact' && f.how !== 'joined') sameWords = false;
      claimPaired += f.token.split('+').length;
      for (const word of f.candidate.split('+')) {
        listedPaired++;
        if (index.tokenFrequency(word) <= commonLimit) distinctive = true;
      }
    }
  }
  return { claimOnly, listedOnly, claimPaired, listedPaired, sameWords, distinctive };
}

const words = (key: string) => key.split(' ').length;

/** How many words of a known key stand where the claim has the same word. */
function sameWordsInPlace(known: string, claimWords: readonly string[]): number {
  let same = 0;
  known.split(' ').forEach((word, i) => { if (claimWords[i] === word) same++; });
  return same;
}

export class InstitutionFinder {
  private index: WatchlistIndex | undefined;
  private commonLimit = 0;
  private readonly memo = new Map<string, InstitutionMatch | null>();

  /**
   * `source`, when given, provides the name engine in place of building it
   * (education-reference.ts reads it from a snapshot, or builds it with the
   * function it is handed and saves it); an engine read back must be given
   * the same settings (WatchlistIndex.fromData(data, config)).
   */
  constructor(
    private readonly table: InstitutionNameTable,
    private readonly config: MatchConfig = INSTITUTION_MATCH_CONFIG,
    private readonly source?: (build: () => WatchlistIndex, config: MatchConfig) => WatchlistIndex,
  ) {}

  /** The name engine over the table's keys, made when a name the table does not hold first comes (3 to 4 s to build; its snapshot reads in a fraction of that). */
  nameIndex(): WatchlistIndex {
    if (!this.index) {
      const build = () => WatchlistIndex.build(institutionNameEntries(this.table), this.config);
      this.index = this.source ? this.source(build, this.config) : build();
      this.commonLimit = Math.max(50, Math.floor(this.index.stats.names * COMMON_SHARE));
    }
    return this.index;
  }

  /** The institution a claimed name refers to; undefined when no list knows it, however spelled. Never throws. */
  find(name: string): InstitutionMatch | undefined {
    if (typeof name !== 'string') return undefined;
    const seen = this.memo.get(name);
    if (seen !== undefined) return seen ?? undefined;
    const m = this.lookup(name);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(name, m ?? null);
    return m;
  }

  /** A key as listed, or through an abbreviation pattern ("UT Dallas", "SUNY Albany"). */
  private resolveWithAbbreviations(key: string): InstitutionMatch | undefined {
    const direct = this.table.resolve(key, false);
    if (direct) return direct;
    for (const candidate of abbreviationCandidates(key)) {
      const m = this.table.resolve(candidate, true);
      if (m) return m;
    }
    return undefined;
  }

  private lookup(name: string): InstitutionMatch | undefined {
    const key = institutionKey(name);
    if (!key) return undefined;
    const found = this.resolveWithAbbreviations(key);
    if (found) return found;
    // "University of Washington (Seattle)": the name without its parenthesis.
    const bare = name.replace(/\([^)]*\)?/g, ' ');
    if (bare !== name) {
      const m = this.resolveWithAbbreviations(institutionKey(bare));
      if (m) return m;
    }
    // "Univeristy of Alabama at Birmminghamm": a close spelling of a listed name, before its campus is taken for a new one.
    const similar = this.similarKeys(key);
    if (similar.close) return this.similar(similar.close);
    // "Texas A&M University at Qatar": a campus of a known institution that no list names itself.
    for (const { base } of campusSplits(bare)) {
      const m = this.resolveWithAbbreviations(base);
      if (m) return { ...m, tier: 'branch' };
    }
    // "Department of Computer Science, University of Nevada": a known name as one part of the text.
    for (const part of bare.split(/\s*[,;/|]\s*|\s+[-\u2013\u2014]\s+/)) {
      const partKey = institutionKey(part);
      if (!partKey || partKey === key || !hasInstitutionWord(partKey)) continue;
      const m = this.resolveWithAbbreviations(partKey);
      if (m) return { ...m, tier: 'similar' };
    }
    return similar.holding ? this.similar(similar.holding) : undefined;
  }

  private similar(key: string): InstitutionMatch {
    const m = this.table.resolve(key, false);
    return { tier: 'similar', matched: m?.matched ?? key, us: m?.us ?? [], world: m?.world ?? [] };
  }

  /**
   * The known keys a claim's key is similar to, best candidate first. `close`: a close spelling
   * (the same words, some misspelled or in another order, scoring at least the threshold).
   * `holding`: a known name holding every word of the claim ("University of Texas at Houston" in
   * "... Health Science Center at Houston"), or one whose every word the claim holds ("... at Austin
   * McCombs School of Business"). Either way a word that is not common among the known names must
   * pair.
   */
  private similarKeys(key: string): { close?: string; holding?: string } {
    const index = this.nameIndex();
    const claimWords = key.split(' ');
    let close: NameMatch | undefined;
    let holding: string | undefined;
    for (const m of index.search({ name: key, kind: 'organization' }, { threshold: CANDIDATE_FLOOR, limit: CANDIDATES })) {
      if (close && m.score < close.score) break;
      const p = pairing(m, index, this.commonLimit);
      if (!p.distinctive) continue;
      if (m.score >= this.config.threshold && p.claimOnly === 0 && p.listedOnly === 0) {
        // Of close spellings scoring the same, the one reading most like the claim word for word (the engine does not
        // count a rotation as another order, nor see legal forms: "Arkansas at Pine Bluff, University of", "... Inc").
        if (!close || sameWordsInPlace(m.entry, claimWords) > sameWordsInPlace(close.entry, claimWords)) close = m;
        continue;
      }
      // Holding every word: the same words only, and every word counts, particles and legal forms too ("SA Engineering College").
      if (close || holding || !p.sameWords) continue;
      const listedWords = words(m.entry);
      if ((claimWords.length >= 2 && p.claimPaired === claimWords.length) || (listedWords >= 2 && p.listedPaired === listedWords && hasInstitutionWord(m.entry))) holding = m.entry;
    }
    return close ? { close: close.entry } : { holding };
  }
}
