import type { Alignment } from './align.js';
import type { AttributeEffect } from './attributes.js';
import type { MatchFeature } from './types.js';
import { sortShort } from './sort-short.js';

/**
 * Features and a one-line explanation for one match: which query token was
 * paired with which listed token and how, which tokens found no partner,
 * what the date of birth, country and kind did, and whether the guard
 * (nothing informative matched) lowered the score.
 */
export interface ExplainInput {
  readonly listedName: string;
  readonly queryTokens: readonly string[];
  readonly listedTokens: readonly string[];
  readonly alignment: Alignment;
  readonly orderFactor: number;
  readonly effects: readonly AttributeEffect[];
  /** The guard's factor when nothing informative matched, or one name alone met a person listed under several. */
  readonly guard: number | null;
  readonly score: number;
}

function span(tokens: readonly string[], from: number, to: number): string {
  return from === to ? tokens[from]! : `${tokens[from]}+${tokens[to]}`;
}

/** Bits from..to set (a name has at most 24 tokens, so one number holds a name's tokens). */
function bitsOf(from: number, to: number): number {
  let bits = 0;
  for (let i = from; i <= to; i++) bits |= 1 << i;
  return bits;
}

export function explainMatch(input: ExplainInput): { features: MatchFeature[]; explanation: string } {
  const { alignment, queryTokens, listedTokens } = input;
  const features: MatchFeature[] = [];
  const parts: string[] = [];
  const ordered = sortShort([...alignment.pairs], (a, b) => a.q0 - b.q0);
  for (const p of ordered) {
    const token = span(queryTokens, p.q0, p.q1);
    const candidate = span(listedTokens, p.c0, p.c1);
    features.push({ token, candidate, how: p.how, score: round(p.score) });
    parts.push(p.how === 'exact' ? `${token}=${candidate}` : `${token}~${candidate} (${p.how} ${p.score.toFixed(2)})`);
  }
  let inQuery = 0;
  let inListed = 0;
  for (const p of alignment.pairs) {
    inQuery |= bitsOf(p.q0, p.q1);
    inListed |= bitsOf(p.c0, p.c1);
  }
  const lostQ = queryTokens.filter((_, i) => (inQuery & (1 << i)) === 0);
  const lostC = listedTokens.filter((_, i) => (inListed & (1 << i)) === 0);
  for (const t of lostQ) features.push({ token: t, candidate: '', how: 'unmatched', score: 0 });
  for (const t of lostC) features.push({ token: '', candidate: t, how: 'unmatched', score: 0 });
  const notes: string[] = [];
  if (lostQ.length) notes.push(`query only: ${lostQ.join(' ')}`);
  if (lostC.length) notes.push(`listed only: ${lostC.join(' ')}`);
  if (alignment.reordered) {
    features.push({ token: '', candidate: '', how: 'order', score: input.orderFactor });
    notes.push(`other order (x${input.orderFactor.toFixed(2)})`);
  }
  if (alignment.typoFactor < 1) {
    features.push({ token: '', candidate: '', how: 'typos', score: round(alignment.typoFactor) });
    notes.push(`several typos (x${alignment.typoFactor.toFixed(2)})`);
  }
  for (const e of input.effects) {
    features.push(e.feature);
    notes.push(e.text);
  }
  if (input.guard !== null) {
    features.push({ token: '', candidate: '', how: 'guard', score: input.guard });
    notes.push(`only common or generic words, or one name alone, matched (x${input.guard.toFixed(2)})`);
  }
  const matched = parts.length ? parts.join(', ') : 'no token matched';
  const explanation = `"${input.listedName}": ${matched}${notes.length ? `; ${notes.join('; ')}` : ''}; score ${input.score.toFixed(3)}`;
  return { features, explanation };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
