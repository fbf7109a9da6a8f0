import { hasNicknames, sameGivenName } from '../normalise/nicknames.js';
import { isKnownRomanisation, knownRomanisations, romanisationKey, romanisationSkeleton, sameRomanisation } from '../normalise/romanisation.js';
import type { MatchConfig } from './config.js';
import { editDistance } from './edit-distance.js';
import type { TokenHow } from './types.js';

/**
 * One token as the comparison sees it. `keys` are its romanisation forms:
 * its own skeleton (4+ letters), and for a token that reads as two joined
 * syllables ("ginahm" = "gi"+"nahm") the skeleton of the joined canonical
 * spellings ("kinam"). A pair of adjacent tokens written joined ("jong"+"un")
 * is a token too, with `joined` set. Two tokens sharing a key are spellings
 * of one name.
 */
export interface TokenInfo {
  readonly text: string;
  readonly keys: readonly string[];
  readonly joined: boolean;
  /** The token has short or long forms in the nickname table (only such tokens can match as nicknames). */
  readonly nicknamed: boolean;
  /** The token is a spelling in the romanisation table (only two such tokens can be the same romanised syllable). */
  readonly romanised: boolean;
}

export interface TokenPair {
  readonly score: number;
  readonly how: TokenHow;
}

/** Shortest token (letters) given a skeleton of its own. */
export const MIN_KEY_LENGTH = 4;
/** Beyond this many edits a shared skeleton is a coincidence (Peter / Bedel), not one name spelled two ways. */
const SKELETON_MAX_EDITS = 2;
/** Skeleton of the canonical spelling, for tokens of 4+ letters. */
export function skeletonKey(token: string): string | null {
  return token.length >= MIN_KEY_LENGTH ? romanisationSkeleton(romanisationKey(token)) : null;
}

/** Skeleton of joined tokens: "jeong"+"un" -> skeleton("jong"+"eun"). */
export function joinedSkeletonKey(a: string, b: string): string {
  return romanisationSkeleton(romanisationKey(a) + romanisationKey(b));
}

/** Halves a joined token may split into, 2 to 6 letters each. */
const MIN_HALF = 2;
const MAX_HALF = 6;

/** The romanisation table's spellings: the halves a token may split into when no vocabulary is given. */
export const TABLE_SPELLINGS: ReadonlySet<string> = new Set(knownRomanisations());

/**
 * A single token's info. `syllables` says which halves may make a split
 * ("gi", "nahm"): spellings from the romanisation tables, or tokens the
 * caller knows (the index's vocabulary), 2 to 6 letters each.
 */
export function unitInfo(text: string, syllables: { has(text: string): boolean } = TABLE_SPELLINGS): TokenInfo {
  const keys: string[] = [];
  const own = skeletonKey(text);
  if (own) keys.push(own);
  if (text.length >= MIN_KEY_LENGTH && text.length <= 2 * MAX_HALF) {
    for (let i = Math.max(MIN_HALF, text.length - MAX_HALF); i <= Math.min(MAX_HALF, text.length - MIN_HALF); i++) {
      const a = text.slice(0, i);
      if (!syllables.has(a)) continue;
      const b = text.slice(i);
      if (syllables.has(b)) {
        const key = joinedSkeletonKey(a, b);
        if (!keys.includes(key)) keys.push(key);
      }
    }
  }
  return { text, keys, joined: false, nicknamed: hasNicknames(text), romanised: isKnownRomanisation(text) };
}

export function joinedInfo(a: string, b: string): TokenInfo {
  const text = a + b;
  const keys = [joinedSkeletonKey(a, b)];
  const own = skeletonKey(text);
  if (own && own !== keys[0]) keys.push(own);
  return { text, keys, joined: true, nicknamed: false, romanised: false };
}

function sharedKey(a: TokenInfo, b: TokenInfo): 'skeleton' | 'joined' | null {
  let found: 'skeleton' | 'joined' | null = null;
  for (let i = 0; i < a.keys.length; i++) {
    for (let j = 0; j < b.keys.length; j++) {
      if (a.keys[i] !== b.keys[j]) continue;
      const ownSkeletons = i === 0 && j === 0 && !a.joined && !b.joined;
      if (!ownSkeletons) return 'joined';
      if (editDistance(a.text, b.text, SKELETON_MAX_EDITS) <= SKELETON_MAX_EDITS) found = 'skeleton';
    }
  }
  return found;
}

/** A spelling slip: 1 edit in a token of 4+ letters, 2 in one of 8+; scored 1 - cost x edits / length. */
export function typoScore(a: string, b: string, config: MatchConfig): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter < config.minTypoLength) return 0;
  const allowed = shorter >= config.twoTypoLength ? 2 : 1;
  const edits = editDistance(a, b, allowed);
  if (edits > allowed) return 0;
  const score = Math.max(0, 1 - (config.typoEditCost * edits) / Math.max(a.length, b.length));
  return a.charCodeAt(0) === b.charCodeAt(0) ? score : score * config.typoFirstLetterFactor;
}

/**
 * Compare two tokens (either may be joined tokens). Reasons, best score
 * wins: exact, romanisation table, initial, nickname, shared romanisation
 * form (skeleton or joined syllables), typo (edit distance).
 */
export function compareTokens(a: TokenInfo, b: TokenInfo, config: MatchConfig): TokenPair | null {
  const joined = a.joined || b.joined;
  if (a.text === b.text) return joined ? { score: config.joinedScore, how: 'joined' } : { score: 1, how: 'exact' };
  if (a.text.length === 0 || b.text.length === 0) return null;
  let best: TokenPair | null = null;
  if (!joined) {
    if (a.romanised && b.romanised && sameRomanisation(a.text, b.text)) return { score: config.romanisationScore, how: 'romanisation' };
    if (a.text.length === 1 || b.text.length === 1) {
      return a.text[0] === b.text[0] ? { score: config.initialScore, how: 'initial' } : null;
    }
    if (a.nicknamed && b.nicknamed && sameGivenName(a.text, b.text)) best = { score: config.nicknameScore, how: 'nickname' };
  }
  const shared = sharedKey(a, b);
  if (shared === 'skeleton' && (!best || config.skeletonScore > best.score)) best = { score: config.skeletonScore, how: 'skeleton' };
  if (shared === 'joined' && (!best || config.joinedScore > best.score)) best = { score: config.joinedScore, how: 'joined' };
  if (best && best.score >= config.joinedScore) return best;
  let typo = typoScore(a.text, b.text, config);
  if (joined) typo *= config.joinedScore;
  if (typo > 0 && (!best || typo > best.score)) best = { score: typo, how: joined ? 'joined' : 'typo' };
  return best;
}

/**
 * The comparison for a pair of single tokens the index lookup did not
 * return. The lookup finds every pair sharing text, romanisation reading or
 * form, or within one edit, so only what it cannot see is checked here:
 * initials, nicknames, and two edits between long tokens.
 */
export function compareUnseen(a: TokenInfo, b: TokenInfo, config: MatchConfig): TokenPair | null {
  const la = a.text.length;
  const lb = b.text.length;
  if (la === 1 || lb === 1) return a.text[0] === b.text[0] && la + lb > 2 ? { score: config.initialScore, how: 'initial' } : null;
  if (la >= config.twoTypoLength && lb >= config.twoTypoLength) {
    const typo = typoScore(a.text, b.text, config);
    if (typo > 0) return { score: typo, how: 'typo' };
  }
  return a.nicknamed && b.nicknamed && sameGivenName(a.text, b.text) ? { score: config.nicknameScore, how: 'nickname' } : null;
}
