import { romanisationKey, romanisationReadings, skeletonCodes, writeCodePoints } from '../normalise/romanisation.js';
import type { MatchConfig, TokenClass } from './config.js';
import { classifyToken, type NameKind } from './word-lists.js';
import { DeletionIndex } from './deletion-index.js';
import { BloomFilter } from './bloom-filter.js';
import { compareTokens, joinedInfo, MIN_KEY_LENGTH, TABLE_SPELLINGS, unitInfo, type TokenInfo, type TokenPair } from './token-compare.js';
import { sortShort } from './sort-short.js';
import { TwoEditIndex, type TermHit } from './two-edit-index.js';
import { StringTable } from './string-table.js';
import { decodeInfo, termText, type DictionaryData } from './term-dictionary-data.js';
import { finishDictionary, rarityOf } from './term-dictionary-build.js';

/** The terms similar to one query token: `terms` sorted, `pairs[i]` how `terms[i]` compares. */
export interface TermHits {
  readonly terms: Int32Array;
  readonly pairs: readonly TokenPair[];
  /** Names in the postings of all the terms (with repeats). */
  readonly size: number;
}

/** A query token as the index knows it, memoised by text: info, rarity, and its hits once looked up. */
export interface QueryToken {
  readonly info: TokenInfo;
  /** The term of the same text, or -1 when the index holds no such token. */
  readonly term: number;
  /** The term of two listed tokens written joined with the same text ("jongun"), or -1. */
  readonly joinedTerm: number;
  /** 1 for a token in no indexed name, towards 0 for one in every name. */
  readonly rarity: number;
  /** Terms similar to it; filled by `hitsOf`. */
  hits: TermHits | undefined;
  /** Its class (see tokenClass) in a person's name, an organisation's, and a name of either kind, once asked (fields, not a map: one shape for every token). */
  classPerson?: TokenClass;
  classOrganization?: TokenClass;
  classAny?: TokenClass;
  /** This token written joined with tokens met after it (a few; created on first use). */
  next?: JoinedQueryToken[];
}

/** Two adjacent query tokens written joined ("jong"+"un"): the terms they find, worked out when first met. */
export interface JoinedQueryToken {
  /** The second token (the first holds this in `next`). */
  readonly after: QueryToken;
  readonly hits: TermHits;
}

/** Joined tokens remembered on one token; a token followed by more different tokens starts again. */
const NEXT_LIMIT = 16;

const MEMO_LIMIT = 50_000;

/** What a token with no similar term finds (most joined pairs of a query): shared, never written. */
const NO_HITS: TermHits = { terms: new Int32Array(0), pairs: [], size: 0 };

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}



/**
 * The vocabulary of every indexed name: each distinct token, and each pair
 * of adjacent tokens written joined ("jongun"), is a term with a postings
 * list of the names holding it. A query token finds terms through its text,
 * its romanisation readings, its romanisation forms (skeletons, joined
 * syllables) and its one-deletion neighbourhood (one typo, insertion or
 * transposition; see DeletionIndex). A long token that finds nothing that way goes through
 * the two-edit scan (see TwoEditIndex).
 * Two adjacent query tokens written joined find single-token terms only
 * ("jong un" finds "jongun"; the listed "jong un" is found by its tokens).
 */
export class TermDictionary {
  /** Per term, its info once worked out (all of them while building; those met, for a loaded dictionary). */
  private termInfos: TokenInfo[] = [];
  /** 1 for a term of two joined tokens. */
  joined: Uint8Array = new Uint8Array(0);
  /** Postings of term t (the names holding it, ascending): postingIds[postingStart[t]] to postingIds[postingStart[t + 1] - 1]. */
  postingStart: Int32Array = new Int32Array(1);
  postingIds: Int32Array = new Int32Array(0);
  private postings: number[][] = [];
  /** While building: each single and joined text's term (emptied by finish). */
  private byText = new Map<string, number>();
  private byJoinedText = new Map<string, number>();
  /** What finish makes: everything below is read from it. */
  private saved: DictionaryData | undefined;
  /** Every text of a term, single or joined, to its place in textTerms: one look-up finds both. */
  private anyText = StringTable.ofNumbers([]);
  /** Per place in anyText: the single-token term and the joined term of that text (-1: none). */
  private textTerms: Int32Array = new Int32Array(0);
  private byReading = StringTable.ofLists([]);
  private byKey = StringTable.ofLists([]);
  private neighbours: DeletionIndex | undefined;
  private twoEdits: TwoEditIndex | undefined;
  private canonicalFrequency = StringTable.ofNumbers([]);
  private seen = new Int32Array(0);
  /** rarity() of each single-token term, worked out once. */
  private termRarity: Float64Array = new Float64Array(0);
  private readonly memo = new Map<string, QueryToken>();
  /** Every single-token term's text and romanisation forms, and every spelling of the romanisation table (see mayFindJoined). */
  private vocabulary = new BloomFilter(0);
  private spellings = new BloomFilter(0);
  private readonly codes: number[] = [];
  private nameCount = 0;
  /** Halves of a joined token: the romanisation table's spellings and the vocabulary's tokens of 2 to 6 letters. */
  private syllables: { has(text: string): boolean } = TABLE_SPELLINGS;

  constructor(private readonly config: MatchConfig) {}

  /** A finished dictionary saved as `data` (see term-dictionary-data.ts), ready to search. */
  static fromData(data: DictionaryData, config: MatchConfig): TermDictionary {
    const dictionary = new TermDictionary(config);
    dictionary.adopt(data);
    return dictionary;
  }

  /** Everything the finished dictionary holds, as strings and typed arrays (undefined before finish). */
  get data(): DictionaryData | undefined {
    return this.saved;
  }

  get size(): number {
    return this.termInfos.length;
  }

  /** Every term's info (each worked out, for a loaded dictionary: for tests and tools, not searches). */
  get infos(): readonly TokenInfo[] {
    return Array.from({ length: this.size }, (_, term) => this.info(term));
  }

  /** Term t's info. */
  info(term: number): TokenInfo {
    return this.termInfos[term] ?? (this.termInfos[term] = decodeInfo(this.saved!, term));
  }

  /** The term of a token, created on first sight; `pair` makes the joined term of two tokens (a term of its own). */
  intern(text: string, pair?: readonly [string, string]): number {
    const index = pair ? this.byJoinedText : this.byText;
    const known = index.get(text);
    if (known !== undefined) return known;
    const term = this.termInfos.length;
    this.termInfos.push(pair ? joinedInfo(pair[0], pair[1]) : { text, keys: [], joined: false, nicknamed: false, romanised: false });
    this.postings.push([]);
    index.set(text, term);
    return term;
  }

  addPosting(term: number, name: number): void {
    const list = this.postings[term]!;
    if (list[list.length - 1] !== name) list.push(name);
  }

  /** Builds the lookup keys once every name is in. */
  finish(nameCount: number): void {
    this.adopt(finishDictionary({ infos: this.termInfos, byText: this.byText, byJoinedText: this.byJoinedText, postings: this.postings, nameCount }, this.config));
  }

  /** Reads everything from `data` (what finish made, or a saved copy of it). */
  private adopt(data: DictionaryData): void {
    this.saved = data;
    const terms = data.joined.length;
    if (this.termInfos.length !== terms) this.termInfos = new Array<TokenInfo>(terms);
    this.postings = [];
    this.byText = new Map();
    this.byJoinedText = new Map();
    this.nameCount = data.nameCount;
    this.joined = data.joined;
    this.postingStart = data.postingStart;
    this.postingIds = data.postingIds;
    this.anyText = new StringTable(data.anyText);
    this.textTerms = data.textTerms;
    this.byReading = new StringTable(data.byReading);
    this.byKey = new StringTable(data.byKey);
    this.canonicalFrequency = new StringTable(data.canonicalFrequency);
    this.syllables = new StringTable(data.syllables);
    this.termRarity = data.termRarity;
    this.seen = new Int32Array(terms);
    this.vocabulary = new BloomFilter(data.vocabulary);
    this.spellings = new BloomFilter(TABLE_SPELLINGS.size);
    for (const spelling of TABLE_SPELLINGS) this.spellings.add(spelling);
    this.neighbours = DeletionIndex.fromData(data.neighbours);
    this.twoEdits = new TwoEditIndex({ data: data.twoEdits, text: (term) => termText(data, term), terms }, this.config);
  }

  /** In how many names a token (or another spelling of it) appears. */
  frequency(text: string): number {
    return this.canonicalFrequency.number(romanisationKey(text)) ?? 0;
  }

  /** How rare a token is: 1 when in no indexed name, towards 0 when in every name. */
  rarity(text: string): number {
    return rarityOf(this.nameCount, this.frequency(text));
  }

  /** Forgets every query token met (and so its look-ups): the next queries meet their tokens afresh. */
  forgetQueries(): void {
    this.memo.clear();
  }

  /** A query token, its halves checked against this vocabulary (memoised; the memo is emptied when full). */
  queryToken(text: string): QueryToken {
    let token = this.memo.get(text);
    if (token === undefined) {
      // A token the index holds is already worked out (same syllables, same forms).
      const at = this.anyText.indexOf(text);
      const term = at < 0 ? -1 : this.textTerms[at * 2]!;
      const joinedTerm = at < 0 ? -1 : this.textTerms[at * 2 + 1]!;
      const info = term < 0 ? unitInfo(text, this.syllables) : this.info(term);
      const rarity = term < 0 ? this.rarity(text) : this.termRarity[term]!;
      // Every field from the start: one object shape for every token, whatever is filled in later.
      token = { info, term, joinedTerm, rarity, hits: undefined, next: undefined, classPerson: undefined, classOrganization: undefined, classAny: undefined };
      remember(this.memo, text, token);
    }
    return token;
  }

  /** A query token's class for this kind of name (memoised on the token). */
  tokenClass(token: QueryToken, kind: NameKind): TokenClass {
    switch (kind) {
      case 'person':
        return (token.classPerson ??= classifyToken(token.info.text, kind));
      case 'organization':
        return (token.classOrganization ??= classifyToken(token.info.text, kind));
      default:
        return (token.classAny ??= classifyToken(token.info.text, kind));
    }
  }

  /** Two adjacent query tokens written joined, memoised on the first (no key string to build). */
  joinedToken(a: QueryToken, b: QueryToken): JoinedQueryToken {
    const next = (a.next ??= []);
    for (let i = 0; i < next.length; i++) if (next[i]!.after === b) return next[i]!;
    const x = a.info.text;
    const y = b.info.text;
    let found: TermHit[] = [];
    if (this.mayFindJoined(x, y)) {
      const info = joinedInfo(x, y);
      const at = this.anyText.indexOf(info.text);
      found = this.find(info, at < 0 ? -1 : this.textTerms[at * 2]!, -1);
    }
    const token = { after: b, hits: found.length === 0 ? NO_HITS : this.sorted(found) };
    if (next.length >= NEXT_LIMIT) next.length = 0;
    next.push(token);
    return token;
  }

  /**
   * False when two tokens written joined certainly find no term. What `find`
   * returns for them (single-token terms only) shares their joined text or
   * one of their two romanisation forms (the skeleton of the joined
   * canonical spellings, and from four letters the skeleton of the joined
   * text) with the term, so those are checked against the vocabulary filter,
   * from code points, before any string is built. A joined text that is
   * itself a spelling of the table (whose canonical form could differ) is
   * always looked up in full.
   */
  private mayFindJoined(a: string, b: string): boolean {
    const codes = this.codes;
    const n = writeCodePoints(b, codes, writeCodePoints(a, codes, 0));
    if (this.vocabulary.mayHold(codes, n) || this.spellings.mayHold(codes, n)) return true;
    if (a.length + b.length >= MIN_KEY_LENGTH && this.vocabulary.mayHold(codes, skeletonCodes(codes, n))) return true;
    const m = writeCodePoints(romanisationKey(b), codes, writeCodePoints(romanisationKey(a), codes, 0));
    return this.vocabulary.mayHold(codes, skeletonCodes(codes, m));
  }

  /**
   * Terms similar to a query token, sorted by term, with the two-edit scan
   * for a long token that finds nothing closer. Kept on the token, so a
   * token met again costs nothing (the dictionary never changes once built).
   */
  hitsOf(token: QueryToken): TermHits {
    if (token.hits === undefined) {
      const { info } = token;
      let hits = this.find(info, token.term, token.joinedTerm);
      if (hits.length === 0 && info.text.length >= this.config.twoTypoLength) hits = this.twoEdits!.scan(info.text);
      token.hits = hits.length === 0 ? NO_HITS : this.sorted(hits);
    }
    return token.hits;
  }

  private sorted(hits: TermHit[]): TermHits {
    sortShort(hits, (a, b) => a.term - b.term);
    const terms = new Int32Array(hits.length);
    const pairs: TokenPair[] = new Array(hits.length);
    let size = 0;
    for (let i = 0; i < hits.length; i++) {
      const { term, pair } = hits[i]!;
      terms[i] = term;
      pairs[i] = pair;
      size += this.postingStart[term + 1]! - this.postingStart[term]!;
    }
    return { terms, pairs, size };
  }

  /** Terms similar to a token; `exact` and `joinedExact` are the single-token and joined terms of the same text (-1: none). */
  private find(token: TokenInfo, exact: number, joinedExact: number): TermHit[] {
    this.round = this.round === 0x7fffffff ? 1 : this.round + 1;
    const hits: TermHit[] = [];
    if (exact >= 0) this.consider(token, exact, hits);
    if (joinedExact >= 0) this.consider(token, joinedExact, hits);
    if (token.text.length === 1) return hits;
    for (const key of token.keys) this.considerAll(token, this.byKey.list(key), hits);
    if (token.joined) return hits;
    if (token.romanised) for (const reading of romanisationReadings(token.text)) this.considerAll(token, this.byReading.list(reading), hits);
    const text = token.text;
    if (text.length >= this.config.minTypoLength) {
      // The token itself (terms one letter longer), then each deletion (terms one shorter, or one letter or swap apart).
      const neighbours = this.neighbours!;
      for (let skip = -1; skip < text.length; skip++) {
        if (skip > 0 && text.charCodeAt(skip) === text.charCodeAt(skip - 1)) continue;
        neighbours.lookup(text, skip);
        for (let i = neighbours.from; i < neighbours.to; i++) this.consider(token, neighbours.terms[i]!, hits);
      }
    }
    return hits;
  }

  /** Look-up round of `seen` for the running `find`. */
  private round = 0;

  private consider(token: TokenInfo, term: number, hits: TermHit[]): void {
    if (this.seen[term] === this.round) return;
    this.seen[term] = this.round;
    // Two joined against two joined: the unit tokens compare already, and the score never reads the pair.
    if (token.joined && this.joined[term] === 1) return;
    const pair = compareTokens(token, this.info(term), this.config);
    if (pair) hits.push({ term, pair });
  }

  private considerAll(token: TokenInfo, terms: ArrayLike<number>, hits: TermHit[]): void {
    for (let i = 0; i < terms.length; i++) this.consider(token, terms[i]!, hits);
  }
}
