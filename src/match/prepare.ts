import { foldText, squashSpaces } from '../normalise/text.js';
import type { TokenClass } from './config.js';
import { isHonorific, tokenClass, type NameKind } from './word-lists.js';

/**
 * Names prepared for matching, the same way at index time and at query time:
 * folded (case, accents), dotted acronyms closed ("S.A." -> "sa"), "&" read
 * as "and", apostrophes dropped, "SURNAME, Given" turned around (not for
 * organisations), titles dropped from people, and split on anything that is
 * not a letter or digit (so "Jong-un" is two tokens). A parenthesised part
 * of an organisation's name that is more than a legal form ("(NICO)",
 * "(IRGC)") is also a name form of its own.
 */
export interface PreparedName {
  readonly tokens: readonly string[];
  readonly classes: readonly TokenClass[];
}

const MARKS = /\p{Mn}+/gu;
const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])((?:\p{L}\.){2,})/gu;
const PARENTHESISED = /[([{]([^)\]}]*)[)\]}]?/gu;
const APOSTROPHES = /['’ʼ‘`´]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

const PLAIN_ASCII = /^[\x20-\x7e]*$/u;
const ASCII_DOTTED_ACRONYM = /(?<![a-z0-9])((?:[a-z]\.){2,})/gu;

function fold(raw: string): string {
  // foldText, then any mark that lower-casing produced, so folding twice changes nothing.
  if (PLAIN_ASCII.test(raw)) return raw.toLowerCase();
  return foldText(raw).normalize('NFKD').replace(MARKS, '').normalize('NFC');
}

/** Lower-case ASCII split in one pass: letters and digits make tokens, apostrophes vanish, the rest separates. */
function splitAscii(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  let token = '';
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
    } else if (c === 39 || c === 96) {
      if (start >= 0) token += text.slice(start, i);
      start = -1;
    } else {
      if (start >= 0) token += text.slice(start, i);
      if (token) tokens.push(token);
      token = '';
      start = -1;
    }
  }
  return tokens;
}

function split(text: string, ascii: boolean): string[] {
  if (ascii) return splitAscii(text);
  return text
    .replace(APOSTROPHES, '')
    .split(SEPARATORS)
    .filter((t) => t.length > 0);
}

function turnAround(text: string, kind: NameKind): string {
  if (!text.includes(',')) return text;
  const parts = text.split(',');
  if (kind === 'organization' || parts.length !== 2 || !parts[1]!.trim()) return parts.join(' ');
  return `${parts[1]} ${parts[0]}`;
}

function classify(tokens: string[], kind: NameKind): PreparedName {
  const kept = kind === 'organization' ? tokens : tokens.filter((t) => !isHonorific(t));
  const use = kept.length > 0 ? kept : tokens;
  return { tokens: use, classes: use.map((t) => tokenClass(t, kind)) };
}

interface Folded {
  readonly folded: string;
  /** The name without its parenthesised parts. */
  readonly main: string;
  /** The parenthesised parts. */
  readonly inner: readonly string[];
  readonly ascii: boolean;
}

function foldName(raw: string): Folded {
  const inner: string[] = [];
  const lowered = fold(raw);
  const ascii = PLAIN_ASCII.test(lowered);
  let folded = lowered;
  if (folded.includes('.')) folded = folded.replace(ascii ? ASCII_DOTTED_ACRONYM : DOTTED_ACRONYM, (m) => m.replace(/\./gu, ''));
  if (folded.includes('&')) folded = folded.replace(/&/gu, ' and ');
  const main = /[([{]/u.test(folded)
    ? squashSpaces(
        folded.replace(PARENTHESISED, (_m, content: string) => {
          inner.push(content);
          return ' ';
        }),
      )
    : folded;
  return { folded, main, inner, ascii };
}

/** Every form under which one written name is indexed (usually one). */
export function prepareNameForms(raw: string, kind: NameKind): PreparedName[] {
  const { folded, main, inner, ascii } = foldName(raw);
  const forms: PreparedName[] = [];
  const primary = classify(split(turnAround(main, kind), ascii), kind);
  if (primary.tokens.length > 0) forms.push(primary);
  for (const content of inner) {
    const extra = classify(split(content, ascii), kind);
    const informative = extra.classes.some((c) => c === 'normal' && extra.tokens.some((t) => t.length >= 3));
    if (kind !== 'person' && informative) forms.push(extra);
    else if (primary.tokens.length === 0 && extra.tokens.length > 0) forms.push(extra);
  }
  if (forms.length === 0 && inner.length > 0) {
    const all = classify(split(folded, ascii), kind);
    if (all.tokens.length > 0) forms.push(all);
  }
  return forms;
}

/** The tokens of prepareName(raw, kind), not yet classified (a query's tokens are classified by the caller's memo). */
export function prepareNameTokens(raw: string, kind: NameKind): readonly string[] {
  const { main, inner, ascii } = foldName(raw);
  if (inner.length > 0) return prepareName(raw, kind).tokens;
  const tokens = split(turnAround(main, kind), ascii);
  const kept = kind === 'organization' ? tokens : tokens.filter((t) => !isHonorific(t));
  return kept.length > 0 ? kept : tokens;
}

/** The main prepared form of a name, or an empty name. */
export function prepareName(raw: string, kind: NameKind): PreparedName {
  return prepareNameForms(raw, kind)[0] ?? { tokens: [], classes: [] };
}

/** The prepared name as one string: idempotent (preparing it again gives it back). */
export function normaliseForIndex(raw: string, kind: NameKind = 'any'): string {
  return prepareName(raw, kind).tokens.join(' ');
}
