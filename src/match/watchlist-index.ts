import { alignSpans, PairBuffer, type Alignment } from './align.js';
import { attributeEffects, queryAttributes, scoreWithAttributes } from './attributes.js';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from './config.js';
import { domainAndParents, normaliseDomain } from './domains.js';
import { explainMatch } from './explain.js';
import { keepWeighted, normalBits, planQuery, tokenWeight, type IndexedName, type QueryPlan } from './name-plan.js';
import { HitMarks, spanPairs } from './span-pairs.js';
import { prepareNameForms, prepareNameTokens } from './prepare.js';
import { CandidateCollector } from './candidates.js';
import { TermDictionary } from './term-dictionary.js';
import { decodeEntry, decodeName, entriesData, nameColumns, type WatchlistIndexData } from './index-data.js';
import { StringTable } from './string-table.js';
import type { MatchQuery, NameMatch, SearchOptions, WatchEntry } from './types.js';
import type { NameKind } from './word-lists.js';
import { sortShort } from './sort-short.js';

/** A scored name kept for the answer: its explanation is built only if it is returned. */
interface Candidate {
  readonly name: IndexedName;
  readonly entry: WatchEntry;
  readonly alignment: Alignment;
  readonly guard: number | null;
  readonly score: number;
}

/**
 * The watchlist index: every name of every entry prepared once at build
 * time, an inverted index from terms to names, and a search that collects
 * candidates through the index (or the fallback scan when no token hits),
 * scores the most promising ones by token alignment, applies date of birth,
 * country and kind, and explains each match. Pure: no I/O.
 */
function nameKind(kind: WatchEntry['kind']): NameKind {
  return kind === 'person' ? 'person' : 'organization';
}

/**
 * One name alone ("Jack", "Mason") against a person listed under two or more
 * ("WANG, Jack"): a given name or surname by itself names thousands of
 * people, so it gets the guard however rare it is.
 */
function oneNameForMany(alignment: Alignment, listed: IndexedName): boolean {
  if (listed.kind !== 'person' || alignment.pairs.length !== 1) return false;
  const only = alignment.pairs[0]!;
  if (only.c0 !== only.c1) return false;
  let names = 0;
  for (const cls of listed.classes) if (cls === 'normal' || cls === 'common') names++;
  return names >= 2;
}

/** What an index is made of, built from entries or loaded from saved data. */
interface IndexParts {
  readonly entries: WatchEntry[];
  readonly entryCount: number;
  readonly names: IndexedName[];
  readonly totals: Float64Array;
  readonly dictionary: TermDictionary;
  readonly domains: Map<string, number[]>;
  readonly saved?: WatchlistIndexData;
}

export class WatchlistIndex {
  private readonly dictionary: TermDictionary;
  /** Names and entries by number: all of them when built; those met, when loaded from saved data. */
  private readonly names: IndexedName[];
  private readonly entries: WatchEntry[];
  private readonly entryCount: number;
  private readonly nameCount: number;
  private readonly domains: Map<string, number[]>;
  private readonly collector: CandidateCollector;
  private readonly pairs = new PairBuffer();
  private readonly marks: HitMarks;
  private byId: Map<string, WatchEntry> | undefined;
  private readonly saved: WatchlistIndexData | undefined;

  private constructor(
    parts: IndexParts,
    readonly config: MatchConfig,
  ) {
    this.dictionary = parts.dictionary;
    this.names = parts.names;
    this.entries = parts.entries;
    this.entryCount = parts.entryCount;
    this.nameCount = parts.totals.length;
    this.domains = parts.domains;
    this.saved = parts.saved;
    this.collector = new CandidateCollector(this.dictionary, parts.totals, config);
    this.marks = new HitMarks(this.dictionary);
  }

  static build(entries: WatchEntry[], config: MatchConfig = DEFAULT_MATCH_CONFIG): WatchlistIndex {
    const dictionary = new TermDictionary(config);
    const domains = new Map<string, number[]>();
    const pending: { entry: number; display: string; tokens: string[]; classes: IndexedName['classes'] }[] = [];
    entries.forEach((entry, e) => {
      const seen = new Set<string>();
      for (const display of entry.names) {
        for (const form of prepareNameForms(display, nameKind(entry.kind))) {
          const { tokens, classes } = keepWeighted(form, config);
          const key = tokens.join(' ');
          if (seen.has(key)) continue;
          seen.add(key);
          pending.push({ entry: e, display, tokens, classes });
        }
      }
      for (const d of entry.domains) {
        const domain = normaliseDomain(d);
        if (domain) domains.set(domain, [...(domains.get(domain) ?? []), e]);
      }
    });
    const terms = pending.map((p, id) => {
      const unit = p.tokens.map((t) => dictionary.intern(t));
      const joined: number[] = [];
      for (let i = 0; i + 1 < p.tokens.length; i++) joined.push(dictionary.intern(p.tokens[i]! + p.tokens[i + 1]!, [p.tokens[i]!, p.tokens[i + 1]!]));
      for (const t of unit) dictionary.addPosting(t, id);
      for (const t of joined) dictionary.addPosting(t, id);
      return { unit, joined };
    });
    dictionary.finish(pending.length);
    const names = pending.map((p, id): IndexedName => {
      const weights = p.tokens.map((t, i) => tokenWeight(dictionary.rarity(t), p.classes[i]!, config));
      const total = weights.reduce((a, b) => a + b, 0);
      const { unit, joined } = terms[id]!;
      return { entry: p.entry, kind: entries[p.entry]!.kind, display: p.display, tokens: p.tokens, classes: p.classes, weights, total, normal: normalBits(p.classes), terms: unit, joinedTerms: joined };
    });
    return new WatchlistIndex({ entries, entryCount: entries.length, names, totals: Float64Array.from(names, (n) => n.total), dictionary, domains }, config);
  }

  /** An index saved as `data` (built with the same configuration), ready to search without building it again. */
  static fromData(data: WatchlistIndexData, config: MatchConfig = DEFAULT_MATCH_CONFIG): WatchlistIndex {
    const entryCount = data.entryStart.length - 1;
    return new WatchlistIndex(
      {
        entries: new Array<WatchEntry>(entryCount),
        entryCount,
        names: new Array<IndexedName>(data.names.total.length),
        totals: data.names.total,
        dictionary: TermDictionary.fromData(data.dictionary, config),
        domains: new Map(data.domains.map(([d, es]) => [d, [...es]])),
        saved: data,
      },
      config,
    );
  }

  /** Everything the index holds, as strings and typed arrays: what fromData takes back. */
  get data(): WatchlistIndexData {
    if (this.saved) return this.saved;
    return {
      ...entriesData(this.entries),
      domains: [...this.domains],
      names: nameColumns(this.names),
      dictionary: this.dictionary.data!,
    };
  }

  private nameAt(id: number): IndexedName {
    return this.names[id] ?? (this.names[id] = decodeName(this.saved!.names, id));
  }

  private entryAt(e: number): WatchEntry {
    return this.entries[e] ?? (this.entries[e] = decodeEntry(this.saved!, e));
  }

  /**
   * Forgets every query token this index has met: the next searches look
   * their tokens up afresh, as on a newly built index (a search keeps no
   * other state). For a service that wants the memory back, and for
   * benchmarks that time a first pass.
   */
  forgetQueries(): void {
    this.dictionary.forgetQueries();
  }

  /** Entries, names and terms held: for status lines and benchmarks. */
  get stats(): { entries: number; names: number; terms: number } {
    return { entries: this.entryCount, names: this.nameCount, terms: this.dictionary.size };
  }

  /** In how many indexed names a token (or another romanisation of it) appears: how common the word is among this index's names. */
  tokenFrequency(token: string): number {
    return this.dictionary.frequency(token);
  }

  /** The entry with this id ("ofac:20157", "hri-0001"). */
  entry(id: string): WatchEntry | undefined {
    if (this.saved) {
      const e = new StringTable(this.saved.entryIds).number(id);
      return e === undefined ? undefined : this.entryAt(e);
    }
    if (!this.byId) this.byId = new Map(this.entries.map((e) => [e.entry, e]));
    return this.byId.get(id);
  }

  private plan(query: MatchQuery): QueryPlan | null {
    const kind: NameKind = query.kind ?? 'any';
    const tokens = prepareNameTokens(typeof query.name === 'string' ? query.name : '', kind);
    if (tokens.length === 0) return null;
    return planQuery(tokens, kind, this.dictionary, this.config);
  }

  search(query: MatchQuery, options: SearchOptions = {}): NameMatch[] {
    const threshold = options.threshold ?? this.config.threshold;
    const limit = options.limit ?? this.config.limit;
    const plan = this.plan(query);
    if (!plan || limit <= 0) return [];
    const attributes = queryAttributes(query);
    // The best candidate of each entry; explanations are built only for those returned.
    const kept: Candidate[] = [];
    const found = this.collector.collect(plan, threshold * this.config.estimateSlack);
    for (let k = 0; k < found; k++) {
      const name = this.nameAt(this.collector.ids[k]!);
      const alignment = alignSpans(spanPairs(plan, name, this.dictionary, this.marks, this.config, this.pairs), plan, name, this.config);
      // The entry is read only when the query gives a year of birth or a country to compare.
      const listed = attributes.dobYear === null && attributes.country === null ? name : this.entryAt(name.entry);
      let score = scoreWithAttributes(alignment.score, attributes, listed, this.config);
      const guard = alignment.informative && !oneNameForMany(alignment, name) ? null : this.config.weakOnlyFactor;
      if (guard !== null) score *= guard;
      score = Math.round(score * 10000) / 10000;
      if (score < threshold) continue;
      const previous = kept.findIndex((k) => k.name.entry === name.entry);
      if (previous >= 0 && kept[previous]!.score >= score) continue;
      const candidate: Candidate = { name, entry: this.entryAt(name.entry), alignment, guard, score };
      if (previous >= 0) kept[previous] = candidate;
      else kept.push(candidate);
    }
    sortShort(kept, (a, b) => b.score - a.score || a.entry.entry.localeCompare(b.entry.entry));
    if (kept.length > limit) kept.length = limit;
    return kept.map(({ name, entry, alignment, guard, score }) => {
      const { features, explanation } = explainMatch({
        listedName: name.display,
        queryTokens: plan.tokens,
        listedTokens: name.tokens,
        alignment,
        orderFactor: this.config.orderPenalty,
        effects: attributeEffects(attributes, entry, this.config),
        guard,
        score,
      });
      return { entry: entry.entry, list: entry.list, name: name.display, score, explanation, features };
    });
  }

  /** Entries naming this domain or a parent of it ("mail.example.com" finds "example.com"). */
  lookupDomain(domain: string): WatchEntry[] {
    const normal = normaliseDomain(domain);
    if (!normal) return [];
    const found = new Set<number>();
    for (const d of domainAndParents(normal)) for (const e of this.domains.get(d) ?? []) found.add(e);
    return [...found].map((e) => this.entryAt(e));
  }
}
