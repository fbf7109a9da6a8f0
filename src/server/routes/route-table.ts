import { z } from 'zod';
import * as S from '../api-schemas.js';
import * as C from '../case-schemas.js';
import * as E from '../employee-schemas.js';
import { ErasureBodySchema, ErasureResponseSchema } from '../retention-schemas.js';
import { buildOpenApiDocument, type RouteSpec } from '../openapi.js';

/**
 * THE route table: every HTTP route of the API, with its zod schemas, the
 * permission it needs and how the caller is identified. buildServer
 * registers exactly these (a handler per entry, enforced by the type of the
 * handler map), the OpenAPI document is generated from them, and the
 * role-by-route test is generated from them, so a route cannot be added
 * without its schema, its permission and its test.
 */
export const API_PREFIX = '/api/v1';

export interface ApiRoute extends RouteSpec {
  /** key: an API key with `permission`; public: nobody (health); webhook: the vendor's signature. */
  readonly access: 'key' | 'public' | 'webhook';
  /** Which configured body limit applies (default: bodyLimitBytes). */
  readonly bodyLimit?: 'single' | 'batch';
  /** A bare JSON array is also accepted, as the body `{[arrayBodyKey]: array}`. */
  readonly arrayBodyKey?: string;
}

const p = (path: string): string => `${API_PREFIX}${path}`;

/** A delivery's answer; `stale`: signed and read, but older than what is stored, so nothing changed. */
const WebhookResponseSchema = S.WebhookResponseSchema.extend({ status: z.enum(['stored', 'stale', 'duplicate', 'ignored']) });

/** The audit log with its verification, which says what is wrong and how many entries are from before keyed audit. */
const AuditResponseSchema = S.AuditResponseSchema.extend({
  verification: z.strictObject({
    ok: z.boolean(),
    checked: z.number().int(),
    brokenAt: z.number().int().optional(),
    reason: z.string().optional(),
    unkeyed: z.number().int().optional(),
  }).optional(),
});

export const API_ROUTES = {
  submitApplication: {
    method: 'post', path: p('/applications'), access: 'key', permission: 'application:write',
    summary: 'Submit one application: screened, stored as a new version when changed, result returned as the role may see it',
    description: 'Answers 201 when the application is new, 200 when it is a new version of a stored one (status "changed") or the same content again (status "unchanged": nothing is stored or screened again).',
    mayCreate: true,
    body: S.ApplicationSchema, response: S.SubmitResponseSchema, tags: ['applications'],
  },
  submitApplicationBatch: {
    method: 'post', path: p('/applications/batch'), access: 'key', permission: 'application:write', bodyLimit: 'batch', arrayBodyKey: 'applications',
    summary: 'Submit a batch of applications: one transaction per chunk',
    description: 'The body is {"applications": [...]} (optionally with "org", which must be the key\'s), or the bare array.',
    body: S.BatchBodySchema, response: S.BatchResponseSchema, tags: ['applications'],
  },
  getApplication: {
    method: 'get', path: p('/applications/:id'), access: 'key', permission: 'result:band',
    summary: 'An application with its latest result and cluster (record and evidence only for roles that may see them; evidence reads are audited)',
    params: S.ApplicationParamsSchema, query: S.ApplicationQuerySchema, response: S.ApplicationResponseSchema, tags: ['applications'],
  },
  listResults: {
    method: 'get', path: p('/results'), access: 'key', permission: 'result:band',
    summary: 'Latest results, filtered, one page at a time (nextCursor)',
    query: S.ResultsQuerySchema, response: S.ResultsResponseSchema, tags: ['results'],
  },
  getNetwork: {
    method: 'get', path: p('/networks/:id'), access: 'key', permission: 'network:read',
    summary: 'A cluster of linked applications: members and the identifiers that link them (audited)',
    params: S.NetworkParamsSchema, response: S.NetworkResponseSchema, tags: ['results'],
  },
  getDataStatus: {
    method: 'get', path: p('/data/status'), access: 'key', permission: 'data:read',
    summary: 'Reference datasets: date, records, staleness',
    response: S.DataStatusResponseSchema, tags: ['operations'],
  },
  getHealth: {
    method: 'get', path: p('/health'), access: 'public',
    summary: 'Liveness (no API key)',
    response: S.HealthResponseSchema, tags: ['operations'],
  },
  getMetrics: {
    method: 'get', path: p('/metrics'), access: 'key', permission: 'metrics:read', responseContentType: 'text/plain',
    summary: "Prometheus metrics (admin): requests by route and status and latency histogram of the whole service, the key's organisation's applications stored and by band",
    response: S.MetricsResponseSchema, tags: ['operations'],
  },
  getOpenApi: {
    method: 'get', path: p('/openapi.json'), access: 'key', permission: 'data:read',
    summary: 'This document',
    response: S.OpenApiResponseSchema, tags: ['operations'],
  },
  receiveWebhook: {
    method: 'post', path: p('/webhooks/:vendor/:org'), access: 'webhook',
    summary: "An ATS delivery (Greenhouse, Lever, Ashby), authenticated by the vendor's signature instead of an API key",
    description: 'The raw body is verified as received (secrets: HIREWATCH_WEBHOOK_SECRETS_FILE); every delivery that cannot be authenticated answers the same 401. A repeated delivery id is acknowledged once (ids are kept in the database); an update older than the stored one (by the time the vendor last changed the application, from the signed body) answers 200 {"status": "stale"} and changes nothing.',
    params: S.WebhookParamsSchema, response: WebhookResponseSchema, tags: ['webhooks'],
  },
  postTelemetry: {
    method: 'post', path: p('/telemetry'), access: 'key', permission: 'telemetry:write', bodyLimit: 'batch',
    summary: 'A batch of telemetry events (records.md section 2): folded into per-device-day aggregates, employees assessed, alerts recorded',
    body: S.TelemetryBodySchema, response: S.TelemetryResponseSchema, tags: ['telemetry'],
  },
  listAlerts: {
    method: 'get', path: p('/alerts'), access: 'key', permission: 'alerts:read',
    summary: 'Post-hire alerts, one per subject and signal (count and last seen updated), newest first (audited)',
    query: S.AlertsQuerySchema, response: S.AlertsResponseSchema, tags: ['telemetry'],
  },
  listEmployees: {
    method: 'get', path: p('/employees'), access: 'key', permission: 'employees:read',
    summary: "The organisation's hired employees known from telemetry: application hired from (name, band), start date, devices, last telemetry day, alert count; sorted by alerts, last alert or id, paged (nextCursor) (audited)",
    query: E.EmployeesQuerySchema, response: E.EmployeesResponseSchema, tags: ['telemetry'],
  },
  getEmployee: {
    method: 'get', path: p('/employees/:id'), access: 'key', permission: 'employees:read',
    summary: "An employee: devices with their last stored per-day aggregates (summarised), alerts with their evidence, cases (audited)",
    params: E.EmployeeParamsSchema, query: E.EmployeeQuerySchema, response: E.EmployeeResponseSchema, tags: ['telemetry'],
  },
  readAuditLog: {
    method: 'get', path: p('/audit'), access: 'key', permission: 'audit:read',
    summary: "The organisation's keyed, hash-chained audit log (read-only), optionally verified",
    query: S.AuditQuerySchema, response: AuditResponseSchema, tags: ['audit'],
  },
  listCases: {
    method: 'get', path: p('/cases'), access: 'key', permission: 'case:read',
    summary: 'The case queue: filtered, sorted (priority, due, opened) and paged on the server (nextCursor); total counts every match',
    query: C.CasesQuerySchema, response: C.CasesResponseSchema, tags: ['cases'],
  },
  getCase: {
    method: 'get', path: p('/cases/:caseId'), access: 'key', permission: 'case:read',
    summary: "A case: members, each member's latest result with its evidence, the ring's graph, the verification plan, timeline, notes, attachments and decision (audited)",
    params: C.CaseParamsSchema, response: C.CaseResponseSchema, tags: ['cases'],
  },
  assignCase: {
    method: 'post', path: p('/cases/:caseId/assign'), access: 'key', permission: 'case:write',
    summary: 'Assign the case to a reviewer',
    params: C.CaseParamsSchema, body: C.AssignBodySchema, response: C.CaseResponseSchema, tags: ['cases'],
  },
  addCaseNote: {
    method: 'post', path: p('/cases/:caseId/notes'), access: 'key', permission: 'case:write',
    summary: 'Add a note to the case',
    params: C.CaseParamsSchema, body: C.NoteBodySchema, response: C.CaseResponseSchema, tags: ['cases'],
  },
  addCaseAttachment: {
    method: 'post', path: p('/cases/:caseId/attachments'), access: 'key', permission: 'case:write', bodyLimit: 'batch',
    summary: 'Attach a file (base64, at most 5 MiB): stored with its SHA-256, name, size, who and when',
    params: C.CaseParamsSchema, body: C.AttachmentBodySchema, response: C.AttachmentSchema, tags: ['cases'],
  },
  recordCaseStep: {
    method: 'post', path: p('/cases/:caseId/steps/:stepId'), access: 'key', permission: 'case:write',
    summary: 'Record a verification step: passed, failed or not possible, with a note and evidence',
    params: C.StepParamsSchema, body: C.StepBodySchema, response: C.CaseResponseSchema, tags: ['cases'],
  },
  decideCase: {
    method: 'post', path: p('/cases/:caseId/decision'), access: 'key', permission: 'case:write',
    summary: "Decide the case (reason required). With four eyes on, confirmed_fraud waits for a second key's confirmation (409 from the same key)",
    params: C.CaseParamsSchema, body: C.DecisionBodySchema, response: C.CaseResponseSchema, tags: ['cases'],
  },
  getAdverseActionNotice: {
    method: 'get', path: p('/cases/:caseId/adverse-action-notice'), access: 'key', permission: 'case:read',
    summary: 'The FCRA pre-adverse-action notice text, for a case decided confirmed_fraud that relied on a background check (409 otherwise)',
    params: C.CaseParamsSchema, response: C.NoticeResponseSchema, tags: ['cases'],
  },
  getVerification: {
    method: 'get', path: p('/applications/:id/verification'), access: 'key', permission: 'verification:read',
    summary: 'Whether an application is pending verification, and the questions to ask the candidate (never evidence)',
    params: C.VerificationParamsSchema, query: C.VerificationQuerySchema, response: C.VerificationResponseSchema, tags: ['cases'],
  },
  getDashboard: {
    method: 'get', path: p('/dashboard'), access: 'key', permission: 'case:read',
    summary: 'Screened, review, hold and confirmed per ISO week and per quarter (with the quarter-on-quarter change), top signals, open cases by age',
    response: C.DashboardResponseSchema, tags: ['cases'],
  },
  getPolicy: {
    method: 'get', path: p('/policy'), access: 'key', permission: 'policy:read',
    summary: "The organisation's case policy: SLA days per band, which bands open cases, four eyes, how long a clearance suppresses the same evidence",
    response: C.PolicySchema, tags: ['cases'],
  },
  putPolicy: {
    method: 'put', path: p('/policy'), access: 'key', permission: 'config:write',
    summary: "Set the organisation's case policy (admin)",
    body: C.PolicySchema, response: C.PolicySchema, tags: ['cases'],
  },
  eraseSubject: {
    method: 'post', path: p('/erasures'), access: 'key', permission: 'config:write',
    summary: "Erase one person's data on request (GDPR art. 17, CCPA), as `hirewatch erase` does (admin)",
    description: 'Every application with the id, or giving the mailbox, is removed with its versions, results, links and cluster memberships, and the linkage index forgets it; an application under legal hold or in an open case is kept and listed with the reason. A tombstone naming no personal data (a keyed digest of the subject, counts) is appended to the audit chain. found 0: nothing matched, nothing changed.',
    body: ErasureBodySchema, response: ErasureResponseSchema, tags: ['operations'],
  },
} as const satisfies Record<string, ApiRoute>;

export type RouteName = keyof typeof API_ROUTES;
export const ROUTE_NAMES = Object.keys(API_ROUTES) as RouteName[];

/** The table as a list, each entry with its name as operationId. */
export function routeList(): (ApiRoute & { operationId: RouteName })[] {
  return ROUTE_NAMES.map((name) => ({ ...API_ROUTES[name], operationId: name }));
}

let cached: Record<string, unknown> | undefined;
/** The OpenAPI document of the table (built once). */
export function openApiDocument(version: string): Record<string, unknown> {
  cached ??= buildOpenApiDocument(
    { title: 'hirewatch API', version, description: 'Screening of job applications for state-sponsored IT-worker fraud, with every flag explained.' },
    routeList(),
  );
  return cached;
}
