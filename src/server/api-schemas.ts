import { z } from 'zod';
import {
  EmployeeEventSchema, KeystrokeEventSchema, LoginEventSchema, ProcessEventSchema, RttEventSchema, UsbEventSchema, DisplayEventSchema, MfaEventSchema,
} from '../monitor/events.js';
import { APPLICATION_LIMITS, ApplicationSchema } from '../parse/application-schema.js';
import { ScreeningResultSchema } from '../score/result-contract.js';
import { BandSchema, ClusterRefSchema, ImportStatusSchema, OrgIdSchema, ResultSummarySchema, StoredApplicationSchema } from '../store/store-contract.js';
import { ScreeningResultBandSchema } from './openapi.js';
import { WEBHOOK_VENDORS } from './webhooks/receive.js';

/**
 * Request and response schemas of the HTTP API: every route validates its
 * params, query and body with these, and the OpenAPI document is generated
 * from the same objects. Requests are strict where a typo would silently
 * change the meaning (queries), loose where the record contract is (records).
 */

/** A result as the caller's role may see it: the whole contract, or id, score and band. */
export const ResultViewSchema = z.union([ScreeningResultSchema, ScreeningResultBandSchema]);

/** An id in a path: at most as long as an application id may be (every id fits a URL). */
const id = z.string().min(1).max(APPLICATION_LIMITS.id);
const idText = z.string().max(APPLICATION_LIMITS.id);
/** Optional organisation named in a body: it must be the key's own (any other answers 404). */
const bodyOrg = OrgIdSchema.optional().meta({ description: "must equal the API key's organisation when given" });

export const SubmitResponseSchema = z.strictObject({
  id: z.string(),
  source: z.string(),
  version: z.number().int().positive(),
  status: ImportStatusSchema,
  result: ResultViewSchema,
});

export const BatchBodySchema = z.strictObject({
  org: bodyOrg,
  applications: z.array(ApplicationSchema).min(1).max(5000),
});
export const BatchResponseSchema = z.strictObject({
  items: z.array(SubmitResponseSchema),
  chunks: z.number().int().nonnegative(),
});

export const ApplicationParamsSchema = z.strictObject({ id: id.meta({ description: 'application id' }) });
export const ApplicationQuerySchema = z.strictObject({
  source: idText.optional().meta({ description: 'the source, when the id exists under several' }),
});

const ClusterSummarySchema = z.strictObject({
  id: z.string(),
  size: z.number().int().positive(),
  members: z.array(z.strictObject({ id: z.string(), source: z.string(), joinedAt: z.string() })),
});

/** What identifies a stored application and its latest version (the store's own fields). */
const StoredApplicationHead = StoredApplicationSchema.pick({ id: true, source: true, fullName: true, submittedAt: true, receivedAt: true, version: true }).shape;

export const ApplicationResponseSchema = z.strictObject({
  ...StoredApplicationHead,
  /** Only with application:read. */
  record: z.record(z.string(), z.unknown()).optional(),
  result: ResultViewSchema.optional(),
  /** Only with result:evidence. */
  cluster: ClusterSummarySchema.optional(),
});

const bandList = z
  .string()
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(BandSchema).min(1))
  .meta({ description: 'clear, review or hold; several separated by commas' });
const score = z.coerce.number().int().min(0).max(100);

export const ResultsQuerySchema = z.strictObject({
  band: bandList.optional(),
  minScore: score.optional(),
  maxScore: score.optional(),
  source: idText.optional(),
  clusterId: idText.optional().meta({ description: 'needs result:evidence' }),
  receivedSince: z.iso.datetime({ offset: true }).optional(),
  attention: z.enum(['true', 'false']).optional().transform((v) => v === 'true')
    .meta({ description: 'true: only applications a person must look at, a result at review or hold or a member of a case not yet decided (the first of a ring, clear when it arrived, is listed once a later member opens the case)' }),
  orderBy: z.enum(['received', 'score']).default('received'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(1024).optional(),
});

/** A result in a listing: the store's summary, with the evidence only for roles that may see it. */
export const ResultItemSchema = z.strictObject({
  ...ResultSummarySchema.shape,
  /** Only with result:evidence. */
  signals: ScreeningResultSchema.shape.signals.optional(),
  cluster: ClusterRefSchema.optional(),
});
export const ResultsResponseSchema = z.strictObject({
  items: z.array(ResultItemSchema),
  nextCursor: z.string().optional(),
});

export const NetworkParamsSchema = z.strictObject({ id: id.meta({ description: 'a cluster id (c-...) or an application id' }) });
export const NetworkResponseSchema = z.strictObject({
  id: z.string(),
  size: z.number().int().nonnegative(),
  members: z.array(z.strictObject({ id: z.string(), source: z.string(), joinedAt: z.string(), name: z.string().optional(), submittedAt: z.string().optional() })),
  /** Links between members only; `shared`: what was shared ("phone +15125550143", "photo (3 bits apart)"). */
  links: z.array(z.strictObject({
    from: z.strictObject({ id: z.string(), source: z.string() }),
    to: z.strictObject({ id: z.string(), source: z.string() }),
    kind: z.string(),
    shared: z.string().optional(),
    linkedAt: z.string(),
  })),
});

export const DataStatusResponseSchema = z.strictObject({
  datasets: z.array(z.strictObject({
    name: z.string(),
    title: z.string(),
    asOf: z.string(),
    retrieved: z.string(),
    records: z.number().int(),
    ageDays: z.number().int(),
    stale: z.boolean(),
    updater: z.string().optional(),
  })),
  packages: z.array(z.strictObject({ name: z.string(), version: z.string(), records: z.number().int() })),
});

export const HealthResponseSchema = z.strictObject({
  status: z.literal('ok'),
  engine: z.enum(['sqlite', 'postgres']),
  uptimeSeconds: z.number().nonnegative(),
});

export const MetricsResponseSchema = z.string().meta({ description: 'Prometheus text exposition format 0.0.4' });
export const OpenApiResponseSchema = z.record(z.string(), z.unknown());

export const WebhookParamsSchema = z.strictObject({
  vendor: z.enum(WEBHOOK_VENDORS),
  org: OrgIdSchema,
});
export const WebhookResponseSchema = z.strictObject({
  status: z.enum(['stored', 'duplicate', 'ignored']),
  id: z.string().optional(),
  version: z.number().int().positive().optional(),
  event: z.string().optional(),
});

export const TelemetryEventSchema = z.discriminatedUnion('type', [
  EmployeeEventSchema, LoginEventSchema, KeystrokeEventSchema, RttEventSchema, ProcessEventSchema, UsbEventSchema, DisplayEventSchema, MfaEventSchema,
]);
export const TelemetryBodySchema = z.strictObject({
  org: bodyOrg,
  events: z.array(TelemetryEventSchema).min(1).max(50_000),
});
export const TelemetryResponseSchema = z.strictObject({
  accepted: z.number().int().nonnegative(),
  deviceDays: z.number().int().nonnegative(),
  employees: z.array(z.strictObject({
    employeeId: z.string(),
    applicationId: z.string().optional(),
    score: z.number().int(),
    band: BandSchema,
    signals: z.number().int().nonnegative(),
  })),
  alertsRecorded: z.number().int().nonnegative(),
  unassignedDevices: z.array(z.string()),
});

export const AlertsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const AlertsResponseSchema = z.strictObject({
  items: z.array(z.strictObject({
    subjectKind: z.string(),
    subjectId: z.string(),
    signalId: z.string(),
    evidence: z.string(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    count: z.number().int().positive(),
  })),
});

export const AuditQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  verify: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export const AuditResponseSchema = z.strictObject({
  entries: z.array(z.strictObject({
    seq: z.number().int().positive(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().optional(),
    detail: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })),
  verification: z.strictObject({ ok: z.boolean(), checked: z.number().int(), brokenAt: z.number().int().optional() }).optional(),
});

export { ApplicationSchema };
