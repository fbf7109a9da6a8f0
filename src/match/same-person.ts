import { distance } from 'fastest-levenshtein';
import type { NormalName } from '../normalise/name.js';
import { sameGivenName } from '../normalise/nicknames.js';
import { romanisationKey, romanisationSkeleton, sameRomanisation } from '../normalise/romanisation.js';

/**
 * Could two written names belong to one person? Allows for what honest people
 * do with their own names: nicknames, reordering, initials, dropped middle
 * names, romanisation variants, joined or split syllables ("Ji-hoon" /
 * "Jihoon" / "Ji Hoon"), adopted names given in parentheses, and one typo in
 * a long token. Used by the identity detector and by linkage; never evidence
 * by itself.
 */
export type TokenHow = 'exact' | 'romanisation' | 'nickname' | 'initial' | 'typo' | 'joined';

export interface TokenPairing {
  readonly a: string;
  readonly b: string;
  readonly how: TokenHow;
}

export interface SamePersonVerdict {
  readonly same: boolean;
  readonly pairings: readonly TokenPairing[];
}

function tokenHow(a: string, b: string): TokenHow | null {
  if (a === b) return 'exact';
  if (sameRomanisation(a, b)) return 'romanisation';
  if (sameGivenName(a, b)) return 'nickname';
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 'initial';
  if (a.length >= 4 && b.length >= 4 && romanisationSkeleton(a) === romanisationSkeleton(b)) return 'romanisation';
  if (a.length >= 5 && b.length >= 5 && distance(a, b) <= 1) return 'typo';
  return null;
}

/** Every way of joining adjacent tokens: ["ji","hoon","park"] -> [..., ["jihoon","park"], ...]. */
function segmentations(tokens: readonly string[]): string[][] {
  if (tokens.length <= 1 || tokens.length > 6) return [[...tokens]];
  const out: string[][] = [];
  const gaps = tokens.length - 1;
  for (let mask = 0; mask < 1 << gaps; mask++) {
    const seg: string[] = [tokens[0]!];
    for (let i = 1; i < tokens.length; i++) {
      if (mask & (1 << (i - 1))) seg[seg.length - 1] += tokens[i]!;
      else seg.push(tokens[i]!);
    }
    out.push(seg);
  }
  return out;
}

/** Joined syllables compare through their romanised parts: "jeongchol" ~ "jong"+"chol". */
function joinedKey(tokens: readonly string[]): string {
  return tokens.map(romanisationKey).join('');
}

function pairAll(small: readonly string[], pool: readonly string[]): TokenPairing[] | null {
  const used = new Set<number>();
  const pairings: TokenPairing[] = [];
  // Exact matches first so that a fuzzy pairing never steals an exact partner.
  const order = [...small.keys()].sort((x, y) => Number(!pool.includes(small[x]!)) - Number(!pool.includes(small[y]!)));
  for (const i of order) {
    const token = small[i]!;
    let found = -1;
    let how: TokenHow | null = null;
    for (let j = 0; j < pool.length && found < 0; j++) {
      if (used.has(j)) continue;
      how = tokenHow(token, pool[j]!);
      if (how) found = j;
    }
    if (found < 0 || !how) return null;
    used.add(found);
    pairings.push({ a: token, b: pool[found]!, how });
  }
  return pairings;
}

function tryDirection(a: NormalName, b: NormalName): TokenPairing[] | null {
  for (const segA of segmentations(a.tokens)) {
    for (const segB of segmentations([...b.tokens])) {
      const pool = [...segB, ...b.alternates];
      const pairs = pairAll(segA, pool);
      if (pairs && pairs.some((p) => p.how !== 'initial')) {
        const joined = segA.length !== a.tokens.length || segB.length !== b.tokens.length;
        return joined ? pairs.map((p) => (p.how === 'exact' ? { ...p, how: 'joined' as const } : p)) : pairs;
      }
    }
  }
  // Joined romanised syllables: "Jeong-chol" vs "Jongchol".
  if (a.tokens.length >= 2 && b.tokens.length >= 1) {
    const ka = joinedKey(a.tokens);
    for (const seg of segmentations(b.tokens)) {
      if (joinedKey(seg) === ka) return [{ a: a.tokens.join(' '), b: b.tokens.join(' '), how: 'joined' }];
    }
  }
  return null;
}

export function samePerson(a: NormalName, b: NormalName): SamePersonVerdict {
  if (a.tokens.length === 0 || b.tokens.length === 0) return { same: true, pairings: [] };
  if (a.key === b.key) return { same: true, pairings: a.tokens.map((t) => ({ a: t, b: t, how: 'exact' as const })) };
  const [small, large] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a];
  const pairings = tryDirection(small, large) ?? tryDirection(large, small);
  return pairings ? { same: true, pairings } : { same: false, pairings: [] };
}
