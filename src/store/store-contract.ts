import { z } from 'zod';
import { ResultSignalSchema } from '../score/result-contract.js';

/**
 * What crosses the store's interface, as zod schemas: the CLI, the server
 * and workers read and write these shapes, never table rows.
 */
export const OrgIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an organisation id is 1-64 letters, digits, ".", "_" or "-"');
export const DEFAULT_ORG = 'default';

export const BANDS = ['clear', 'review', 'hold'] as const;
export const BandSchema = z.enum(BANDS);

/** An application is named by its id and, when the record gives one, its source. */
export const ApplicationRefSchema = z.object({
  id: z.string().min(1),
  /** '' (or absent) when the record names no source. */
  source: z.string().default(''),
});
export type ApplicationRef = z.input<typeof ApplicationRefSchema>;

/** What produced a result: hashes of the catalogue, the scoring configuration and the reference data. */
export const ReferenceDatasetVersionSchema = z.object({
  asOf: z.string(),
  retrieved: z.string(),
  /** Digest of the dataset's files (from data/manifest.json). */
  digest: z.string(),
});
export const ScreeningProvenanceSchema = z.object({
  catalogueVersion: z.string().min(1),
  scoringVersion: z.string().min(1),
  referenceVersion: z.string().min(1),
  referenceDatasets: z.record(z.string(), ReferenceDatasetVersionSchema),
});
export type ScreeningProvenance = z.infer<typeof ScreeningProvenanceSchema>;

/**
 * A signal as stored: the contract's fields plus the weight before its family's cap (for the
 * waterfall) and the detector's strength (so the weights backtest can combine it again; absent on
 * results stored before it was kept).
 */
export const StoredSignalSchema = ResultSignalSchema.extend({ uncappedWeight: z.number().optional(), strength: z.number().optional() });
export const SkippedDetectorSchema = z.object({ detector: z.string(), error: z.string() });

export const ClusterRefSchema = z.object({ id: z.string(), size: z.number().int().positive() });

/** A screening as stored: the contract fields plus version, time and provenance. */
export const StoredResultSchema = z.object({
  id: z.string(),
  source: z.string(),
  version: z.number().int().positive(),
  resultNo: z.number().int().positive(),
  screenedAt: z.string(),
  score: z.number().int().min(0).max(100),
  band: BandSchema,
  logOdds: z.number(),
  /** Why the band (the rule that decided it); absent on results stored before 2026_007. */
  bandReason: z.string().min(1).optional(),
  signals: z.array(StoredSignalSchema),
  /** Detectors that failed on this record (skipped, not fatal). */
  skipped: z.array(SkippedDetectorSchema).optional(),
  cluster: ClusterRefSchema.optional(),
  provenance: ScreeningProvenanceSchema,
});
export type StoredResult = z.infer<typeof StoredResultSchema>;

export const ClusterMemberRefSchema = z.object({ id: z.string(), source: z.string(), joinedAt: z.string() });
export const StoredClusterSchema = z.object({ id: z.string(), members: z.array(ClusterMemberRefSchema) });
export type StoredCluster = z.infer<typeof StoredClusterSchema>;

/** An application with its latest version, that version's newest result and its cluster. */
export const StoredApplicationSchema = z.object({
  id: z.string(),
  source: z.string(),
  fullName: z.string(),
  submittedAt: z.string(),
  version: z.number().int().positive(),
  contentHash: z.string(),
  firstReceivedAt: z.string(),
  receivedAt: z.string(),
  record: z.record(z.string(), z.unknown()),
  result: StoredResultSchema.optional(),
  cluster: StoredClusterSchema.optional(),
});
export type StoredApplication = z.infer<typeof StoredApplicationSchema>;

export const VersionSummarySchema = z.object({
  version: z.number().int().positive(),
  contentHash: z.string(),
  receivedAt: z.string(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** Filter and page of listResults: newest received first, or highest score first. */
export const ResultFilterSchema = z.object({
  band: z.union([BandSchema, z.array(BandSchema).min(1)]).optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  maxScore: z.number().int().min(0).max(100).optional(),
  source: z.string().optional(),
  clusterId: z.string().optional(),
  /** Only applications received at or after this ISO time. */
  receivedSince: z.string().optional(),
  /**
   * Only applications a person must look at: a latest result at review or
   * hold, or membership of a case not yet decided (the first of a ring is
   * clear when it arrives and joins the case a later member opens).
   */
  attention: z.boolean().optional(),
  orderBy: z.enum(['received', 'score']).default('received'),
  limit: z.number().int().min(1).max(1000).default(50),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().optional(),
});
export type ResultFilter = z.input<typeof ResultFilterSchema>;

export const ResultSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  fullName: z.string(),
  submittedAt: z.string(),
  receivedAt: z.string(),
  version: z.number().int().positive(),
  score: z.number().int(),
  band: BandSchema,
  bandReason: z.string().min(1).optional(),
  signals: z.array(StoredSignalSchema),
  cluster: ClusterRefSchema.optional(),
  screenedAt: z.string(),
});
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

export const ResultPageSchema = z.object({
  items: z.array(ResultSummarySchema),
  nextCursor: z.string().optional(),
});
export type ResultPage = z.infer<typeof ResultPageSchema>;

export const StoreCountsSchema = z.object({
  applications: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  unscreened: z.number().int().nonnegative(),
  byBand: z.object({ clear: z.number().int(), review: z.number().int(), hold: z.number().int() }),
});
export type StoreCounts = z.infer<typeof StoreCountsSchema>;

/** What happened to one record of a batch. */
export const ImportStatusSchema = z.enum(['new', 'changed', 'unchanged']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ImportOutcomeSchema = z.object({
  id: z.string(),
  source: z.string(),
  status: ImportStatusSchema,
  version: z.number().int().positive(),
  /**
   * The record is older (by its source time, ImportOptions.sourceTime) than
   * what the store holds: nothing was written and `version` is the stored
   * latest one (status 'unchanged').
   */
  stale: z.literal(true).optional(),
});
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

/** One identifier shared with another application (the value is kept only as a fingerprint). */
export const LinkInputSchema = z.object({
  other: ApplicationRefSchema,
  kind: z.string().min(1),
  valueFingerprint: z.string().min(1),
});
export type LinkInput = z.input<typeof LinkInputSchema>;
export type StoredLink = z.output<typeof LinkInputSchema> & { readonly linkedAt: string };
