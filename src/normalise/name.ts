import { foldText, squashSpaces } from './text.js';

/**
 * A person's name prepared for comparison. `tokens` keeps the written order;
 * `key` is order-free (sorted), so "Zhang Wei" and "Wei Zhang" share it.
 * Parenthesised or quoted parts ("Wei (David) Zhang") are kept apart as
 * `alternates`: they are names the person also goes by, not extra tokens.
 */
export interface NormalName {
  readonly raw: string;
  readonly tokens: readonly string[];
  readonly alternates: readonly string[];
  readonly key: string;
}

const ALTERNATE = /[("“«]([^)"”»]*)[)"”»]/gu;
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md']);

function tokenise(text: string): string[] {
  return foldText(text)
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/['’]/gu, '')
    .split(/[\s-]+/u)
    .filter((t) => t.length > 0 && !HONORIFICS.has(t));
}

export function normaliseName(raw: string): NormalName {
  const alternates: string[] = [];
  const main = squashSpaces(
    raw.replace(ALTERNATE, (_m, inner: string) => {
      alternates.push(...tokenise(inner));
      return ' ';
    }),
  );
  // "Smith, John" is the same person as "John Smith".
  const comma = main.indexOf(',');
  const ordered = comma > 0 ? `${main.slice(comma + 1)} ${main.slice(0, comma)}` : main;
  const tokens = tokenise(ordered);
  return { raw, tokens, alternates, key: [...tokens].sort().join(' ') };
}

/** The name as one folded string, e.g. for display keys and idempotence checks. */
export function nameText(name: NormalName): string {
  return name.tokens.join(' ');
}
