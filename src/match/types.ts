/**
 * The shapes the matching engine shares with every list and every caller.
 * A list (OFAC SDN, high-risk institutions, a user's own file) is turned into
 * WatchEntry records by its loader; the engine knows nothing of list formats.
 */
export type WatchListName = 'ofac-sdn' | 'high-risk-institutions' | 'custom' | 'education-institutions';
export type EntryKind = 'person' | 'organization' | 'vessel' | 'aircraft';
export type QueryKind = 'person' | 'organization';

export interface WatchEntry {
  /** "ofac:<ent_num>" | "hri-0001" | a custom id: stable, so a reviewer can look it up at the source. */
  entry: string;
  list: WatchListName;
  kind: EntryKind;
  /** The primary name first, then aliases, as the list writes them. */
  names: string[];
  /** Years of birth the list gives (persons); empty when unknown. */
  dobYears: number[];
  /** ISO 3166-1 alpha-2 codes of countries the list ties to the entry (nationality, addresses). */
  countries: string[];
  programs: string[];
  /** Web and mail domains the list names for the entry ("example.com"). */
  domains: string[];
  /** A short citation a reviewer can follow. */
  source: string;
}

export interface MatchQuery {
  name: string;
  kind?: QueryKind;
  /** A year ("1984") or a full date ("1984-03-02"); only the year is used. */
  dob?: string;
  /** An ISO alpha-2 code or a country name. */
  country?: string;
}

export interface SearchOptions {
  /** Lowest score returned; defaults to the configuration's threshold. */
  threshold?: number;
  /** Most matches returned (best first); defaults to the configuration's limit. */
  limit?: number;
}

/** How one query token was paired with one listed token. */
export type TokenHow =
  | 'exact'
  | 'romanisation'
  | 'skeleton'
  | 'nickname'
  | 'typo'
  | 'initial'
  | 'joined';

export interface MatchFeature {
  /** The query token (or joined tokens). */
  token: string;
  /** The listed token it was paired with, or "" when it found no partner. */
  candidate: string;
  /** How they were paired, or a non-name feature: "unmatched", "dob", "country", "kind", "order", "typos", "guard". */
  how: string;
  /** The pair's similarity (0-1), or for non-name features the factor applied to the score. */
  score: number;
}

export interface NameMatch {
  entry: string;
  list: WatchListName;
  /** The listed name form that matched. */
  name: string;
  /** 0-1; 1 only for an exact name with nothing disagreeing. */
  score: number;
  explanation: string;
  features: MatchFeature[];
}
