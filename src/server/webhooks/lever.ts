import { z } from 'zod';
import { compact, describeShapeError, distinct, finish, isoDate, sourceInstant, text, type MapOutcome } from './map-helpers.js';

/**
 * Lever. Its webhooks (`applicationCreated` is the one for a new application)
 * carry identifiers only: `{id, event, triggeredAt, token, signature, data:
 * {applicationId, contactId, opportunityId}}`, no applicant data. The record
 * is therefore made from the opportunity the event names, as the Lever Data
 * API returns it (`GET /opportunities/:id`, `{data: {...}}`), fetched by the
 * server. Only the parts we read are declared.
 */

export const LEVER_APPLICATION_EVENTS = ['applicationCreated'] as const;

export const LeverWebhookSchema = z.looseObject({
  id: z.string().nullish(),
  event: z.string(),
  triggeredAt: z.union([z.number(), z.string()]),
  token: z.string(),
  signature: z.string(),
  data: z
    .looseObject({
      applicationId: z.string().nullish(),
      contactId: z.string().nullish(),
      opportunityId: z.string().nullish(),
      candidateId: z.string().nullish(),
    })
    .nullish(),
});

export type LeverWebhook = z.infer<typeof LeverWebhookSchema>;

const leverApplication = z.looseObject({
  id: z.string().nullish(),
  createdAt: z.number().nullish(),
  type: z.string().nullish(),
  posting: z.union([z.string(), z.looseObject({ id: z.string().nullish(), text: z.string().nullish() })]).nullish(),
});

export const LeverOpportunitySchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  headline: z.string().nullish(),
  location: z.string().nullish(),
  emails: z.array(z.string()).nullish(),
  phones: z.array(z.looseObject({ type: z.string().nullish(), value: z.string().nullish() })).nullish(),
  links: z.array(z.string()).nullish(),
  createdAt: z.number().nullish(),
  /** When Lever last changed the opportunity (epoch ms): orders updates (MapOutcome.sourceUpdatedAt). */
  updatedAt: z.number().nullish(),
  /** Application ids, or application objects when fetched with `expand=applications`. */
  applications: z.array(z.union([z.string(), leverApplication])).nullish(),
});

export type LeverOpportunity = z.infer<typeof LeverOpportunitySchema>;

/** What the server must fetch to build the record of a Lever application event. */
export interface LeverApplicationReference {
  readonly opportunityId: string;
  readonly applicationId?: string;
}

/** The opportunity (and application) a verified `applicationCreated` event names; undefined for other events. */
export function leverApplicationReference(event: LeverWebhook): LeverApplicationReference | undefined {
  if (!(LEVER_APPLICATION_EVENTS as readonly string[]).includes(event.event)) return undefined;
  const opportunityId = text(event.data?.opportunityId) ?? text(event.data?.candidateId);
  if (opportunityId === undefined) return undefined;
  const applicationId = text(event.data?.applicationId);
  return applicationId === undefined ? { opportunityId } : { opportunityId, applicationId };
}

/** Lever's location is one free-text string; only the plain "City, ST" form is split. */
function locationAddress(location: string | null | undefined): { city: string; region: string } | undefined {
  const m = /^([^,]+),\s*([A-Z]{2})$/.exec(text(location) ?? '');
  return m ? { city: m[1]!.trim(), region: m[2]! } : undefined;
}

/**
 * Map a Lever opportunity (the API response `{data: {...}}` or the bare
 * object) onto the Application record. The id is `lever-<opportunity id>`:
 * an opportunity is one candidacy, and the id is the same whether the record
 * came from a webhook or a later re-import. `submittedAt` is the named
 * application's `createdAt` when expanded, else the opportunity's.
 */
export function mapLeverOpportunity(body: unknown, ref: { readonly applicationId?: string } = {}): MapOutcome {
  const inner = typeof body === 'object' && body !== null && 'data' in body ? (body as { data: unknown }).data : body;
  const parsed = LeverOpportunitySchema.safeParse(inner);
  if (!parsed.success) return { ok: false, error: describeShapeError('lever', parsed.error) };
  const opp = parsed.data;
  const notes: string[] = [];
  const sourceUpdatedAt = sourceInstant(opp.updatedAt, 'updatedAt', notes);
  const expanded = (opp.applications ?? []).filter((a): a is z.infer<typeof leverApplication> => typeof a === 'object');
  const application = expanded.find((a) => ref.applicationId !== undefined && a.id === ref.applicationId) ?? expanded[0];
  const posting = application?.posting;
  const job =
    typeof posting === 'string' ? { id: posting } : posting ? compact({ id: text(posting.id), title: text(posting.text) }) : undefined;
  const record = compact({
    id: `lever-${opp.id}`,
    source: 'lever',
    submittedAt: isoDate(application?.createdAt ?? opp.createdAt, 'submittedAt', notes),
    job,
    applicant: compact({
      fullName: text(opp.name) ?? '',
      emails: distinct(opp.emails ?? []),
      phones: distinct((opp.phones ?? []).map((p) => p.value)),
      address: locationAddress(opp.location),
      // Any other free-text location is kept beside the record's fields, not guessed into parts.
      location: locationAddress(opp.location) ? undefined : text(opp.location),
      links: distinct(opp.links ?? []),
    }),
  });
  return finish(record, notes, sourceUpdatedAt);
}
