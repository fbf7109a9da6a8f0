import type { MatchConfig, TokenClass } from './config.js';
import type { PreparedName } from './prepare.js';
import type { EntryKind } from './types.js';
import type { NameKind } from './word-lists.js';
import type { JoinedQueryToken, QueryToken, TermDictionary } from './term-dictionary.js';

/**
 * Weighted token lists for both sides of a comparison: a listed name as
 * stored in the index (tokens are dictionary terms) and a query (tokens are
 * texts, with the terms similar to each, filled by the index lookup).
 */
const MAX_TOKENS = 24;

export interface WeightedTokens {
  readonly tokens: string[];
  readonly classes: TokenClass[];
  readonly weights: number[];
  readonly total: number;
  /** Bit i: classes[i] is 'normal'. */
  readonly normal: number;
}

/** The 'normal' classes as bits (at most MAX_TOKENS tokens, so they fit). */
export function normalBits(classes: readonly TokenClass[]): number {
  let bits = 0;
  for (let i = 0; i < classes.length; i++) if (classes[i] === 'normal') bits |= 1 << i;
  return bits;
}

export interface IndexedName extends WeightedTokens {
  readonly entry: number;
  /** The entry's kind, kept here so that scoring a name need not read the entry. */
  readonly kind: EntryKind;
  readonly display: string;
  /** Dictionary term of each token. */
  readonly terms: number[];
  /** Dictionary term of tokens i and i+1 written joined. */
  readonly joinedTerms: number[];
}

export interface QueryPlan extends WeightedTokens {
  readonly query: QueryToken[];
  /** Adjacent query tokens i and i+1 written joined. */
  readonly joined: JoinedQueryToken[];
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

/**
 * A query's plan from its prepared tokens: each looked up in the dictionary's
 * memo (which also keeps its class for this kind of name), then filtered as
 * keepWeighted filters a listed name.
 */
export function planQuery(texts: readonly string[], kind: NameKind, dictionary: TermDictionary, config: MatchConfig): QueryPlan {
  const found = texts.map((t) => dictionary.queryToken(t));
  let kept: number[] = [];
  for (let i = 0; i < found.length && kept.length < MAX_TOKENS; i++) if (config.tokenWeights[dictionary.tokenClass(found[i]!, kind)] > 0) kept.push(i);
  // Nothing weighs anything (only legal forms): keep them all, read as initials or generic words.
  const fallback = kept.length === 0;
  if (fallback) kept = found.slice(0, MAX_TOKENS).map((_, i) => i);
  const tokens: string[] = [];
  const classes: TokenClass[] = [];
  const query: QueryToken[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const i of kept) {
    const token = found[i]!;
    const cls: TokenClass = fallback ? (texts[i]!.length === 1 ? 'initial' : 'generic') : dictionary.tokenClass(token, kind);
    const weight = tokenWeight(token.rarity, cls, config);
    tokens.push(texts[i]!);
    classes.push(cls);
    query.push(token);
    weights.push(weight);
    total += weight;
  }
  const joined: JoinedQueryToken[] = [];
  for (let i = 0; i + 1 < query.length; i++) joined.push(dictionary.joinedToken(query[i]!, query[i + 1]!));
  return { tokens, classes, weights, total, normal: normalBits(classes), query, joined, looked: tokens.map(() => false) };
}
