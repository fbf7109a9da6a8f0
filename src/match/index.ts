/** The name-matching engine: build an index of watch entries, search names and domains. Pure: no I/O. */
export { WatchlistIndex } from './watchlist-index.js';
export { DEFAULT_MATCH_CONFIG, describeMatchConfig, matchConfig, matchConfigSchema } from './config.js';
export type { MatchConfig, MatchConfigInput, TokenClass } from './config.js';
export { normaliseForIndex, prepareName } from './prepare.js';
export { normaliseDomain } from './domains.js';
export { countryCode } from './country-codes.js';
export { jaroWinkler } from './jaro-winkler.js';
export type { EntryKind, MatchFeature, MatchQuery, NameMatch, QueryKind, SearchOptions, TokenHow, WatchEntry, WatchListName } from './types.js';
