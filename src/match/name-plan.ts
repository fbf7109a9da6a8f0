import type { PairBuffer } from './align.js';
import type { MatchConfig, TokenClass } from './config.js';
import type { PreparedName } from './prepare.js';
import type { QueryToken, TermDictionary, TermHit } from './term-dictionary.js';
import { compareTokens, compareUnseen, type TokenPair } from './token-compare.js';

/**
 * Weighted token lists for both sides of a comparison: a listed name as
 * stored in the index (tokens are dictionary terms) and a query (tokens are
 * texts, with a cache of their comparisons against terms, filled by the
 * index lookup and on demand while scoring).
 */
const MAX_TOKENS = 24;

export interface WeightedTokens {
  readonly tokens: string[];
  readonly classes: TokenClass[];
  readonly weights: number[];
  readonly total: number;
}

export interface IndexedName extends WeightedTokens {
  readonly entry: number;
  readonly display: string;
  /** Dictionary term of each token. */
  readonly terms: number[];
  /** Dictionary term of tokens i and i+1 written joined. */
  readonly joinedTerms: number[];
}

export interface QueryPlan extends WeightedTokens {
  readonly query: QueryToken[];
  /** Adjacent query tokens i and i+1 written joined. */
  readonly joined: QueryToken[];
  /** Per query token: whether the candidate collection looked it up (particles and legal forms are not). */
  readonly looked: boolean[];
}

/** Drops tokens whose class weighs nothing (legal forms), unless nothing would be left. */
export function keepWeighted(name: PreparedName, config: MatchConfig): { tokens: string[]; classes: TokenClass[] } {
  const tokens: string[] = [];
  const classes: TokenClass[] = [];
  name.tokens.forEach((t, i) => {
    const cls = name.classes[i]!;
    if (config.tokenWeights[cls] > 0 && tokens.length < MAX_TOKENS) {
      tokens.push(t);
      classes.push(cls);
    }
  });
  if (tokens.length > 0) return { tokens, classes };
  const kept = name.tokens.slice(0, MAX_TOKENS);
  return { tokens: kept, classes: kept.map((t) => (t.length === 1 ? 'initial' : 'generic')) };
}

/** Class weight x rarity: a token found in few indexed names counts more. */
export function tokenWeight(rarity: number, cls: TokenClass, config: MatchConfig): number {
  return config.tokenWeights[cls] * (1 - config.idfInfluence + config.idfInfluence * rarity);
}

export function planQuery(tokens: string[], classes: TokenClass[], dictionary: TermDictionary, config: MatchConfig): QueryPlan {
  const query: QueryToken[] = [];
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = dictionary.queryToken(tokens[i]!);
    const weight = tokenWeight(token.rarity, classes[i]!, config);
    query.push(token);
    weights.push(weight);
    total += weight;
  }
  const joined: QueryToken[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) joined.push(dictionary.joinedToken(tokens[i]!, tokens[i + 1]!));
  return { tokens, classes, weights, total, query, joined, looked: tokens.map(() => false) };
}

function found(hits: readonly TermHit[], term: number): TokenPair | null {
  let lo = 0;
  let hi = hits.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = hits[mid]!.term;
    if (t === term) return hits[mid]!.pair;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/**
 * A query token against one listed term: what the index lookup found (it
 * finds every pair sharing text, reading, romanisation form or within one
 * edit), else what it cannot see (initials, nicknames, two edits); a token
 * the lookup skipped is compared in full.
 */
function unitPair(plan: QueryPlan, q: number, term: number, dictionary: TermDictionary, config: MatchConfig): TokenPair | null {
  const token = plan.query[q]!;
  const info = dictionary.infos[term]!;
  if (!plan.looked[q]) return compareTokens(token.info, info, config);
  const hit = found(token.hits!, term);
  if (hit || info.joined) return hit;
  const unseen = (token.unseen ??= new Map());
  let pair = unseen.get(term);
  if (pair === undefined) {
    pair = compareUnseen(token.info, info, config);
    if (unseen.size >= 4096) unseen.clear();
    unseen.set(term, pair);
  }
  return pair;
}

/** Every scoring pair between a query and one listed name (token-token, joined-token, token-joined), into `out`. */
export function spanPairs(plan: QueryPlan, name: IndexedName, dictionary: TermDictionary, config: MatchConfig, out: PairBuffer): PairBuffer {
  out.length = 0;
  for (let q = 0; q < plan.tokens.length; q++) {
    for (let c = 0; c < name.terms.length; c++) {
      const pair = unitPair(plan, q, name.terms[c]!, dictionary, config);
      if (pair) out.add(q, q, c, c, pair.score, pair.how);
    }
    const hits = plan.query[q]!.hits;
    if (plan.tokens[q]!.length < 2 || !plan.looked[q] || !hits) continue;
    for (let c = 0; c < name.joinedTerms.length; c++) {
      const pair = found(hits, name.joinedTerms[c]!);
      if (pair) out.add(q, q, c, c + 1, pair.score, 'joined');
    }
  }
  for (let k = 0; k < plan.joined.length; k++) {
    const hits = plan.joined[k]!.hits;
    if (!hits || hits.length === 0) continue;
    for (let c = 0; c < name.terms.length; c++) {
      const pair = found(hits, name.terms[c]!);
      if (pair) out.add(k, k + 1, c, c, pair.score, 'joined');
    }
  }
  return out;
}
