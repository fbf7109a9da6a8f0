import { z } from 'zod';

/**
 * Every weight, penalty and limit of the name matcher, declared once with its
 * type, default and meaning. `describeMatchConfig()` prints this declaration,
 * so the documentation cannot drift from the code. Scores are 0-1.
 */
const unit = (value: number, description: string) => z.number().min(0).max(1).default(value).describe(description);

const tokenWeightsSchema = z
  .object({
    normal: unit(1, 'An ordinary name token.'),
    common: unit(0.45, 'A very common surname or given name (Kim, Lee, Wang, Nguyen, Garcia, Mohammed...), whatever its origin.'),
    particle: unit(0.15, 'A particle or stop word (al, bin, de, van, of, the, and).'),
    generic: unit(0.5, 'A generic organisation word (Trading, Technology, International, Group, Bank, Korea...).'),
    legal: unit(0, 'A legal form (Co., Ltd., LLC, Inc., Corporation, Company, GmbH, JSC...): ignored by default.'),
    initial: unit(0.3, 'A single letter, read as an initial.'),
  })
  .describe('How much each kind of token counts towards coverage.');

export const matchConfigSchema = z.object({
  threshold: unit(0.86, 'Default lowest score a search returns.'),
  limit: z.number().int().min(1).max(1000).default(10).describe('Default most matches a search returns.'),
  tokenWeights: tokenWeightsSchema.prefault({}),
  idfInfluence: unit(0.5, 'Share of a token weight that depends on how rare the token is in the indexed names (0: rarity ignored).'),
  romanisationScore: unit(0.96, 'Pair score for two romanisations of one syllable or surname (Pak/Park, Jong/Jeong, Zhang/Chang).'),
  skeletonScore: unit(0.93, 'Pair score when two tokens of 4+ letters share a romanisation skeleton (Jeongcheol/Jongchol).'),
  joinedScore: unit(0.97, 'Pair score when joined tokens equal split ones (Jongun / Jong Un).'),
  nicknameScore: unit(0.88, 'Pair score for a given name and its usual short form (William/Bill).'),
  initialScore: unit(0.72, 'Pair score for an initial and a name starting with it (J / John).'),
  minTypoLength: z.number().int().min(2).default(4).describe('Shortest token (letters) that may match with one edit (typo, missing or extra letter, swapped neighbours).'),
  twoTypoLength: z.number().int().min(2).default(8).describe('Shortest token (letters) that may match with two edits.'),
  typoEditCost: z.number().min(0).max(5).default(0.8).describe('A typo pair scores 1 - cost x edits / length of the longer token.'),
  typoFirstLetterFactor: unit(0.9, 'Factor on a typo pair whose first letters differ (people rarely mistype the first letter).'),
  extraTypoFactor: unit(0.92, 'Factor for each typo pair after the first in one name: one typo is a slip, several are another name.'),
  queryCoverageExponent: z.number().min(0).max(2).default(0.65).describe('Exponent of query coverage (share of query weight matched) in the name score.'),
  candidateCoverageExponent: z.number().min(0).max(2).default(0.35).describe('Exponent of candidate coverage (share of listed weight matched) in the name score.'),
  orderPenalty: unit(0.98, 'Factor when matched tokens appear in another order than listed (other than surname first/last).'),
  weakOnlyFactor: unit(0.5, 'Factor when no ordinary token matched, or when one name alone meets a person listed under two or more (the guard): one common surname, generic word or given name alone never reaches a match.'),
  weakOnlyMinListedCoverage: unit(0.75, 'Two or more common or generic tokens escape the guard only when they cover this share of the listed name.'),
  minStrongPairScore: unit(0.8, 'Lowest pair score that counts a token as matched for the guard.'),
  dobToleranceYears: z.number().int().min(0).max(10).default(1).describe('Years a date of birth may differ and still agree.'),
  dobMismatchFactor: unit(0.88, 'Factor when a year of birth disagrees with every year the list gives.'),
  dobAgreementBonus: unit(0.2, 'Share of the distance to 1 added when the year of birth agrees.'),
  countryMismatchFactor: unit(0.92, 'Factor when the query country is none of the countries the list ties to the entry.'),
  countryAgreementBonus: unit(0.1, 'Share of the distance to 1 added when the country agrees.'),
  kindMismatchFactor: unit(0.75, 'Factor when a person is matched to an organisation or the reverse.'),
  vesselForPersonFactor: unit(0.6, 'Factor when a person or organisation query meets a vessel or aircraft.'),
  maxCandidatesScored: z.number().int().min(1).max(10000).default(48).describe('Most candidate names fully scored per query (best estimates first).'),
  estimateSlack: unit(0.85, 'A candidate is fully scored only if its index estimate reaches threshold x slack.'),
});

export type MatchConfig = z.output<typeof matchConfigSchema>;
export type MatchConfigInput = z.input<typeof matchConfigSchema>;
export type TokenClass = keyof MatchConfig['tokenWeights'];

export const DEFAULT_MATCH_CONFIG: MatchConfig = matchConfigSchema.parse({});

/** A full configuration from a partial one; throws a zod error naming the bad field. */
export function matchConfig(overrides: MatchConfigInput = {}): MatchConfig {
  return matchConfigSchema.parse(overrides);
}

/** One line per setting: "name = default: description", for docs and `--help`. */
export function describeMatchConfig(): string[] {
  const lines: string[] = [];
  const walk = (shape: Record<string, z.ZodType>, defaults: Record<string, unknown>, prefix: string): void => {
    for (const [key, schema] of Object.entries(shape)) {
      const value = defaults[key];
      if (value !== null && typeof value === 'object') {
        const inner = (schema as z.ZodType & { unwrap?: () => z.ZodType }).unwrap?.() ?? schema;
        walk((inner as z.ZodObject).shape, value as Record<string, unknown>, `${prefix}${key}.`);
      } else lines.push(`${prefix}${key} = ${String(value)}: ${schema.description ?? ''}`);
    }
  };
  walk(matchConfigSchema.shape, DEFAULT_MATCH_CONFIG as unknown as Record<string, unknown>, '');
  return lines;
}
