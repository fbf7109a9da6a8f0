import type { BloomFilterData } from './bloom-filter.js';
import type { DeletionIndexData } from './deletion-index.js';
import type { StringTableData } from './string-table.js';
import type { TokenInfo } from './token-compare.js';
import type { TwoEditIndexData } from './two-edit-index.js';

/**
 * Everything a finished term dictionary holds, as plain strings, numbers
 * and typed arrays: what `TermDictionary.data` gives and `fromData` takes
 * back, so that a built index can be saved and loaded in one piece
 * (src/reference/watchlist-snapshot.ts). Term infos are kept as columns and
 * made into objects only for the terms a search meets. Pure.
 */
export interface DictionaryData {
  readonly nameCount: number;
  /** Per term: its text, its keys (joined by spaces) and its flags (1 joined, 2 nicknamed, 4 romanised). */
  readonly infoText: string;
  readonly infoTextStart: Int32Array;
  readonly infoKeys: string;
  readonly infoKeyStart: Int32Array;
  readonly infoFlags: Uint8Array;
  readonly joined: Uint8Array;
  readonly postingStart: Int32Array;
  readonly postingIds: Int32Array;
  /** Every text of a term, single or joined, to its place in textTerms. */
  readonly anyText: StringTableData;
  readonly textTerms: Int32Array;
  readonly byReading: StringTableData;
  readonly byKey: StringTableData;
  readonly canonicalFrequency: StringTableData;
  readonly syllables: StringTableData;
  readonly termRarity: Float64Array;
  readonly vocabulary: BloomFilterData;
  readonly neighbours: DeletionIndexData;
  readonly twoEdits: TwoEditIndexData;
}

const JOINED = 1;
const NICKNAMED = 2;
const ROMANISED = 4;

/** The infos of every term as columns. */
export function infoColumns(infos: readonly TokenInfo[]): Pick<DictionaryData, 'infoText' | 'infoTextStart' | 'infoKeys' | 'infoKeyStart' | 'infoFlags'> {
  const infoTextStart = new Int32Array(infos.length + 1);
  const infoKeyStart = new Int32Array(infos.length + 1);
  const keys = infos.map((info) => info.keys.join(' '));
  infos.forEach((info, t) => {
    infoTextStart[t + 1] = infoTextStart[t]! + info.text.length;
    infoKeyStart[t + 1] = infoKeyStart[t]! + keys[t]!.length;
  });
  return {
    infoText: infos.map((info) => info.text).join(''),
    infoTextStart,
    infoKeys: keys.join(''),
    infoKeyStart,
    infoFlags: Uint8Array.from(infos, (info) => (info.joined ? JOINED : 0) | (info.nicknamed ? NICKNAMED : 0) | (info.romanised ? ROMANISED : 0)),
  };
}

/** Term t's text, from the columns. */
export function termText(data: DictionaryData, term: number): string {
  return data.infoText.slice(data.infoTextStart[term]!, data.infoTextStart[term + 1]!);
}

/** Term t's info, from the columns (equal to the one the dictionary was built with). */
export function decodeInfo(data: DictionaryData, term: number): TokenInfo {
  const keys = data.infoKeys.slice(data.infoKeyStart[term]!, data.infoKeyStart[term + 1]!);
  const flags = data.infoFlags[term]!;
  return {
    text: termText(data, term),
    keys: keys === '' ? [] : keys.split(' '),
    joined: (flags & JOINED) !== 0,
    nicknamed: (flags & NICKNAMED) !== 0,
    romanised: (flags & ROMANISED) !== 0,
  };
}
