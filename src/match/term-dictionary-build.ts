import { romanisationKey, romanisationReadings } from '../normalise/romanisation.js';
import { BloomFilter } from './bloom-filter.js';
import type { MatchConfig } from './config.js';
import { DeletionIndex } from './deletion-index.js';
import { StringTable } from './string-table.js';
import { infoColumns, type DictionaryData } from './term-dictionary-data.js';
import { TABLE_SPELLINGS, unitInfo, type TokenInfo } from './token-compare.js';
import { TwoEditIndex } from './two-edit-index.js';

/**
 * The finishing step of a term dictionary (TermDictionary.finish): from the
 * interned terms and their postings, every look-up table, as the strings and
 * typed arrays of DictionaryData. Single-token infos in `infos` are replaced
 * by their full form (syllable splits against the vocabulary). Pure.
 */
export interface DictionaryParts {
  readonly infos: TokenInfo[];
  readonly byText: ReadonlyMap<string, number>;
  readonly byJoinedText: ReadonlyMap<string, number>;
  readonly postings: readonly number[][];
  readonly nameCount: number;
}

/** 1 for a token in no indexed name, towards 0 for one in every name. */
export function rarityOf(names: number, frequency: number): number {
  return Math.max(0, Math.log((names + 1) / (frequency + 1)) / Math.log(names + 1));
}

function push(map: Map<string, number[]>, key: string, term: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [term]);
  else if (list[list.length - 1] !== term) list.push(term);
}

export function finishDictionary({ infos, byText, byJoinedText, postings, nameCount }: DictionaryParts, config: MatchConfig): DictionaryData {
  const syllables = new Set<string>(TABLE_SPELLINGS);
  for (const text of byText.keys()) if (text.length >= 2 && text.length <= 6) syllables.add(text);
  const byAnyText = new Map<string, number>();
  const textTerms: number[] = [];
  for (const [text, term] of byText) {
    byAnyText.set(text, textTerms.length / 2);
    textTerms.push(term, -1);
  }
  for (const [text, term] of byJoinedText) {
    const at = byAnyText.get(text);
    if (at !== undefined) textTerms[at * 2 + 1] = term;
    else {
      byAnyText.set(text, textTerms.length / 2);
      textTerms.push(-1, term);
    }
  }
  const byReading = new Map<string, number[]>();
  const byKey = new Map<string, number[]>();
  const canonicalFrequency = new Map<string, number>();
  for (let term = 0; term < infos.length; term++) {
    let info = infos[term]!;
    if (!info.joined) {
      info = unitInfo(info.text, syllables);
      infos[term] = info;
      const canonical = romanisationKey(info.text);
      canonicalFrequency.set(canonical, (canonicalFrequency.get(canonical) ?? 0) + postings[term]!.length);
      for (const reading of romanisationReadings(info.text)) push(byReading, reading, term);
    }
    for (const key of info.keys) push(byKey, key, term);
  }
  const rarity = (text: string): number => rarityOf(nameCount, canonicalFrequency.get(romanisationKey(text)) ?? 0);
  const postingStart = new Int32Array(infos.length + 1);
  postings.forEach((list, term) => (postingStart[term + 1] = postingStart[term]! + list.length));
  const vocabulary = new BloomFilter(byText.size * 2);
  for (const info of infos) {
    if (info.joined) continue;
    vocabulary.add(info.text);
    for (const key of info.keys) vocabulary.add(key);
  }
  const texts = infos.map((info) => (info.joined ? null : info.text));
  const minTypo = config.minTypoLength;
  return {
    nameCount,
    ...infoColumns(infos),
    joined: Uint8Array.from(infos, (info) => (info.joined ? 1 : 0)),
    postingStart,
    postingIds: Int32Array.from(postings.flat()),
    anyText: StringTable.ofNumbers(byAnyText).data,
    textTerms: Int32Array.from(textTerms),
    byReading: StringTable.ofLists(byReading).data,
    byKey: StringTable.ofLists(byKey).data,
    canonicalFrequency: StringTable.ofNumbers(canonicalFrequency).data,
    syllables: StringTable.ofNumbers([...syllables].map((text) => [text, 1] as const)).data,
    termRarity: Float64Array.from(infos, (info) => (info.joined ? 0 : rarity(info.text))),
    vocabulary: vocabulary.data,
    neighbours: new DeletionIndex(texts, minTypo - 1, minTypo).data,
    twoEdits: new TwoEditIndex(texts, config).data,
  };
}
