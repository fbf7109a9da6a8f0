import { isKnownRomanisation, romanisationKey, romanisationReadings } from '../normalise/romanisation.js';
import type { MatchConfig } from './config.js';
import { compareTokens, joinedInfo, typoScore, unitInfo, type TokenInfo, type TokenPair } from './token-compare.js';

/**
 * The vocabulary of every indexed name: each distinct token, and each pair
 * of adjacent tokens written joined ("jongun"), is a term with a postings
 * list of the names holding it. A query token finds terms through its text,
 * its romanisation readings, its romanisation forms (skeletons, joined
 * syllables) and its one-deletion neighbourhood (one typo, insertion or
 * transposition). A long token that finds nothing that way goes through
 * `scan`, which finds every term within two edits through a letter-triple index.
 */
export interface TermHit {
  readonly term: number;
  readonly pair: TokenPair;
}

/** A query token (or two joined) as the index knows it, memoised by text: info, rarity, and its hits once looked up. */
export interface QueryToken {
  readonly info: TokenInfo;
  /** 1 for a token in no indexed name, towards 0 for one in every name. */
  readonly rarity: number;
  /** Terms similar to it, sorted by term; filled by `hitsOf`. */
  hits: readonly TermHit[] | undefined;
  /** Comparisons with terms the lookup did not return, kept as they are made (bounded; created on first use). */
  unseen: Map<number, TokenPair | null> | undefined;
}

const MEMO_LIMIT = 50_000;

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

function push(map: Map<string, number[]>, key: string, term: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [term]);
  else if (list[list.length - 1] !== term) list.push(term);
}

function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) {
    const d = token.slice(0, i) + token.slice(i + 1);
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/** Letter triples of a token with start and end marks: "kim" -> ^ki, kim, im$. */
function trigrams(token: string): string[] {
  const padded = `^${token}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

export class TermDictionary {
  readonly infos: TokenInfo[] = [];
  readonly postings: number[][] = [];
  private readonly byText = new Map<string, number>();
  private readonly byJoinedText = new Map<string, number>();
  private readonly byReading = new Map<string, number[]>();
  private readonly byKey = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, number[]>();
  private readonly byTrigram = new Map<string, number[]>();
  private readonly canonicalFrequency = new Map<string, number>();
  private seen = new Int32Array(0);
  private readonly memo = new Map<string, QueryToken>();
  private nameCount = 0;
  private seenRound = 0;

  constructor(private readonly config: MatchConfig) {}

  get size(): number {
    return this.infos.length;
  }

  /** The term of a token, created on first sight; `pair` makes the joined term of two tokens (a term of its own). */
  intern(text: string, pair?: readonly [string, string]): number {
    const index = pair ? this.byJoinedText : this.byText;
    const known = index.get(text);
    if (known !== undefined) return known;
    const term = this.infos.length;
    this.infos.push(pair ? joinedInfo(pair[0], pair[1]) : { text, keys: [], joined: false });
    this.postings.push([]);
    index.set(text, term);
    return term;
  }

  addPosting(term: number, name: number): void {
    const list = this.postings[term]!;
    if (list[list.length - 1] !== name) list.push(name);
  }

  /** A half of a joined token: a known romanisation, or a short token of the vocabulary. */
  readonly isSyllable = (half: string): boolean => {
    if (isKnownRomanisation(half)) return true;
    return this.byText.has(half);
  };

  /** Builds the lookup keys once every name is in. */
  finish(nameCount: number): void {
    this.nameCount = nameCount;
    for (let term = 0; term < this.infos.length; term++) {
      let info = this.infos[term]!;
      if (!info.joined) {
        info = unitInfo(info.text, this.isSyllable);
        this.infos[term] = info;
        const canonical = romanisationKey(info.text);
        this.canonicalFrequency.set(canonical, (this.canonicalFrequency.get(canonical) ?? 0) + this.postings[term]!.length);
        for (const reading of romanisationReadings(info.text)) push(this.byReading, reading, term);
        if (info.text.length >= this.config.minTypoLength) for (const d of deletions(info.text)) push(this.byDeletion, d, term);
        if (info.text.length >= this.config.twoTypoLength - 2) for (const g of trigrams(info.text)) push(this.byTrigram, `${g}${info.text.length}`, term);
      }
      for (const key of info.keys) push(this.byKey, key, term);
    }
    this.seen = new Int32Array(this.infos.length);
  }

  /** In how many names a token (or another spelling of it) appears. */
  frequency(text: string): number {
    return this.canonicalFrequency.get(romanisationKey(text)) ?? 0;
  }

  /** Two-edit scans run so far (for benchmarks). */
  fallbackScans = 0;

  /** How rare a token is: 1 when in no indexed name, towards 0 when in every name. */
  rarity(text: string): number {
    const n = this.nameCount;
    return Math.max(0, Math.log((n + 1) / (this.frequency(text) + 1)) / Math.log(n + 1));
  }

  /** A query token, its halves checked against this vocabulary (memoised; the memo is emptied when full). */
  queryToken(text: string): QueryToken {
    let token = this.memo.get(text);
    if (token === undefined) {
      token = { info: unitInfo(text, this.isSyllable), rarity: this.rarity(text), hits: undefined, unseen: undefined };
      remember(this.memo, text, token);
    }
    return token;
  }

  /** Two adjacent query tokens written joined (memoised). */
  joinedToken(a: string, b: string): QueryToken {
    const key = `${a} ${b}`;
    let token = this.memo.get(key);
    if (token === undefined) {
      token = { info: joinedInfo(a, b), rarity: 0, hits: undefined, unseen: undefined };
      remember(this.memo, key, token);
    }
    return token;
  }

  /**
   * Terms similar to a query token, sorted by term, with the two-edit scan
   * for a long token that finds nothing closer. Kept on the token, so a
   * token met again costs nothing (the dictionary never changes once built).
   */
  hitsOf(token: QueryToken): readonly TermHit[] {
    if (token.hits === undefined) {
      const { info } = token;
      let hits = this.find(info);
      if (hits.length === 0 && !info.joined && info.text.length >= this.config.twoTypoLength) hits = this.scan(info.text);
      token.hits = hits.sort((a, b) => a.term - b.term);
    }
    return token.hits;
  }

  private find(token: TokenInfo): TermHit[] {
    const seen = this.seen;
    const round = (this.seenRound = this.seenRound === 0x7fffffff ? 1 : this.seenRound + 1);
    const hits: TermHit[] = [];
    const consider = (term: number): void => {
      if (seen[term] === round) return;
      seen[term] = round;
      const pair = compareTokens(token, this.infos[term]!, this.config);
      if (pair) hits.push({ term, pair });
    };
    const exact = this.byText.get(token.text);
    if (exact !== undefined) consider(exact);
    const joinedExact = this.byJoinedText.get(token.text);
    if (joinedExact !== undefined) consider(joinedExact);
    if (token.text.length === 1) return hits;
    for (const key of token.keys) this.byKey.get(key)?.forEach(consider);
    if (token.joined) return hits;
    if (isKnownRomanisation(token.text)) for (const reading of romanisationReadings(token.text)) this.byReading.get(reading)?.forEach(consider);
    if (token.text.length >= this.config.minTypoLength) {
      this.byDeletion.get(token.text)?.forEach(consider);
      for (const d of deletions(token.text)) {
        const t = this.byText.get(d);
        if (t !== undefined) consider(t);
        this.byDeletion.get(d)?.forEach(consider);
      }
    }
    return hits;
  }

  /**
   * The fallback: terms within two edits of a token that found nothing
   * within one. An edit breaks at most three letter triples (counted with
   * start and end marks), so such a term, at most two letters longer or
   * shorter, shares all but six of the token's triples, and therefore at
   * least one of its seven rarest: the terms holding those are compared.
   */
  private scan(token: string): TermHit[] {
    const hits: TermHit[] = [];
    if (token.length < this.config.twoTypoLength) return hits;
    this.fallbackScans++;
    const grams = trigrams(token).map((g) => {
      const lists: number[][] = [];
      let size = 0;
      for (let length = token.length - 2; length <= token.length + 2; length++) {
        const list = this.byTrigram.get(`${g}${length}`);
        if (list) {
          lists.push(list);
          size += list.length;
        }
      }
      return { lists, size };
    });
    grams.sort((a, b) => a.size - b.size);
    const seen = this.seen;
    const round = (this.seenRound = this.seenRound === 0x7fffffff ? 1 : this.seenRound + 1);
    for (let g = 0; g < Math.min(7, grams.length); g++) {
      for (const list of grams[g]!.lists) {
        for (const term of list) {
          if (seen[term] === round) continue;
          seen[term] = round;
          const typo = typoScore(token, this.infos[term]!.text, this.config);
          if (typo > 0) hits.push({ term, pair: { score: typo, how: 'typo' } });
        }
      }
    }
    return hits;
  }
}
