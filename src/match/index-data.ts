import type { TokenClass } from './config.js';
import type { IndexedName } from './name-plan.js';
import { StringTable, type StringTableData } from './string-table.js';
import type { DictionaryData } from './term-dictionary-data.js';
import type { WatchEntry } from './types.js';

/**
 * A built watchlist index as plain strings, numbers and typed arrays, so it
 * can be saved and loaded in one piece (src/reference/watchlist-snapshot.ts)
 * instead of being built again from the lists: the entries as JSON text,
 * the indexed names as columns, the term dictionary's tables. Entries and
 * names are made into objects only when a search meets them. Pure.
 */
export interface WatchlistIndexData {
  /** Every entry's JSON in UTF-8, one after another: entry e is bytes entryStart[e] to entryStart[e + 1] - 1 (half the size of a string with one non-Latin-1 letter). */
  readonly entryJson: Uint8Array;
  readonly entryStart: Int32Array;
  /** Entry id ("ofac:20157") to entry number. */
  readonly entryIds: StringTableData;
  readonly domains: readonly (readonly [string, readonly number[]])[];
  readonly names: NameColumns;
  readonly dictionary: DictionaryData;
}

/** The indexed names: per name, its entry, display form and totals; per token (tokenStart), its text, class, weight and term. */
export interface NameColumns {
  readonly entry: Int32Array;
  readonly display: string;
  readonly displayStart: Int32Array;
  /** Each name's tokens joined by spaces, one name after another. */
  readonly tokens: string;
  readonly tokensStart: Int32Array;
  readonly tokenStart: Int32Array;
  readonly classNames: readonly string[];
  readonly classes: Uint8Array;
  readonly weights: Float64Array;
  readonly terms: Int32Array;
  readonly joinedStart: Int32Array;
  readonly joinedTerms: Int32Array;
  readonly total: Float64Array;
  readonly normal: Int32Array;
  readonly kindNames: readonly string[];
  readonly kind: Uint8Array;
}

function starts(texts: readonly string[]): { text: string; start: Int32Array } {
  const start = new Int32Array(texts.length + 1);
  texts.forEach((t, i) => (start[i + 1] = start[i]! + t.length));
  return { text: texts.join(''), start };
}

function slice(text: string, start: Int32Array, i: number): string {
  return text.slice(start[i]!, start[i + 1]!);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function entriesData(entries: readonly WatchEntry[]): Pick<WatchlistIndexData, 'entryJson' | 'entryStart' | 'entryIds'> {
  const encoded = entries.map((e) => utf8.encode(JSON.stringify(e)));
  const entryStart = new Int32Array(entries.length + 1);
  encoded.forEach((bytes, i) => (entryStart[i + 1] = entryStart[i]! + bytes.length));
  const entryJson = new Uint8Array(entryStart[entries.length]!);
  encoded.forEach((bytes, i) => entryJson.set(bytes, entryStart[i]!));
  return { entryJson, entryStart, entryIds: StringTable.ofNumbers(entries.map((e, i) => [e.entry, i] as const)).data };
}

export function decodeEntry(data: WatchlistIndexData, e: number): WatchEntry {
  return JSON.parse(fromUtf8.decode(data.entryJson.subarray(data.entryStart[e]!, data.entryStart[e + 1]!))) as WatchEntry;
}

export function nameColumns(names: readonly IndexedName[]): NameColumns {
  const classNames = [...new Set(names.flatMap((n) => n.classes))];
  const tokenStart = new Int32Array(names.length + 1);
  const joinedStart = new Int32Array(names.length + 1);
  names.forEach((n, i) => {
    tokenStart[i + 1] = tokenStart[i]! + n.tokens.length;
    joinedStart[i + 1] = joinedStart[i]! + n.joinedTerms.length;
  });
  const kindNames = [...new Set(names.map((n) => n.kind))];
  const display = starts(names.map((n) => n.display));
  const tokens = starts(names.map((n) => n.tokens.join(' ')));
  return {
    entry: Int32Array.from(names, (n) => n.entry),
    display: display.text,
    displayStart: display.start,
    tokens: tokens.text,
    tokensStart: tokens.start,
    tokenStart,
    classNames,
    classes: Uint8Array.from(names.flatMap((n) => n.classes.map((c) => classNames.indexOf(c)))),
    weights: Float64Array.from(names.flatMap((n) => n.weights)),
    terms: Int32Array.from(names.flatMap((n) => n.terms)),
    joinedStart,
    joinedTerms: Int32Array.from(names.flatMap((n) => n.joinedTerms)),
    total: Float64Array.from(names, (n) => n.total),
    normal: Int32Array.from(names, (n) => n.normal),
    kindNames,
    kind: Uint8Array.from(names, (n) => kindNames.indexOf(n.kind)),
  };
}

/** Name i, equal to the one the index was built with. */
export function decodeName(c: NameColumns, i: number): IndexedName {
  const from = c.tokenStart[i]!;
  const to = c.tokenStart[i + 1]!;
  const entry = c.entry[i]!;
  return {
    entry,
    kind: c.kindNames[c.kind[i]!] as WatchEntry['kind'],
    display: slice(c.display, c.displayStart, i),
    tokens: slice(c.tokens, c.tokensStart, i).split(' '),
    classes: Array.from(c.classes.subarray(from, to), (k) => c.classNames[k] as TokenClass),
    weights: Array.from(c.weights.subarray(from, to)),
    total: c.total[i]!,
    normal: c.normal[i]!,
    terms: Array.from(c.terms.subarray(from, to)),
    joinedTerms: Array.from(c.joinedTerms.subarray(c.joinedStart[i]!, c.joinedStart[i + 1]!)),
  };
}
