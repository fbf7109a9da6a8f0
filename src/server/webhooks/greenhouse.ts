import { z } from 'zod';
import { addressFromText, compact, describeShapeError, distinct, finish, isoDate, sourceInstant, text, type MapOutcome } from './map-helpers.js';

/**
 * Greenhouse Recruiting web hooks, "Application created"
 * (`new_candidate_application`) and "Application updated"
 * (`application_updated`), which share one payload shape:
 * `{action, payload: {application: {..., candidate: {...}, jobs: [...]}}}`.
 * Only the parts we read are declared; everything else is let through.
 * `application.last_activity_at` (in both payloads) is when Greenhouse last
 * changed the application: it orders updates (MapOutcome.sourceUpdatedAt).
 */

const id = z.union([z.number(), z.string()]);
const valueTyped = z.looseObject({ value: z.string().nullish(), type: z.string().nullish() });
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

export const GreenhouseCandidateSchema = z.looseObject({
  id,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone_numbers: list(valueTyped),
  email_addresses: list(valueTyped),
  addresses: list(valueTyped),
  website_addresses: list(valueTyped),
  social_media_addresses: list(valueTyped),
  educations: list(
    z.looseObject({
      school_name: z.string().nullish(),
      degree: z.string().nullish(),
      discipline: z.string().nullish(),
      start_date: z.string().nullish(),
      end_date: z.string().nullish(),
    }),
  ),
  employments: list(
    z.looseObject({
      company_name: z.string().nullish(),
      title: z.string().nullish(),
      start_date: z.string().nullish(),
      end_date: z.string().nullish(),
    }),
  ),
});

export const GreenhouseApplicationSchema = z.looseObject({
  id,
  prospect: z.boolean().nullish(),
  applied_at: z.string().nullish(),
  last_activity_at: z.string().nullish(),
  candidate: GreenhouseCandidateSchema,
  jobs: list(z.looseObject({ id: id.nullish(), name: z.string().nullish(), requisition_id: z.string().nullish() })),
});

/** The actions whose payload is an application we screen. */
export const GREENHOUSE_APPLICATION_ACTIONS = ['new_candidate_application', 'application_updated'] as const;

export const GreenhouseEventSchema = z.looseObject({
  action: z.string(),
  payload: z.looseObject({ application: GreenhouseApplicationSchema }),
});

export type GreenhouseEvent = z.infer<typeof GreenhouseEventSchema>;

/** Whether a Greenhouse body (already JSON-parsed) is an application event we map. */
export function isGreenhouseApplicationAction(body: unknown): boolean {
  const action = (body as { action?: unknown } | null)?.action;
  return typeof action === 'string' && (GREENHOUSE_APPLICATION_ACTIONS as readonly string[]).includes(action);
}

/** The preferred entry of a typed list: the given type first, else the first with a value. */
function preferred(values: readonly { value?: string | null; type?: string | null }[] | null | undefined, type: string): string | undefined {
  const withValue = (values ?? []).filter((v) => text(v.value) !== undefined);
  return text((withValue.find((v) => v.type?.trim() === type) ?? withValue[0])?.value);
}

/** Map a Greenhouse application event onto the Application record (`gh-<application id>`). */
export function mapGreenhouseEvent(body: unknown): MapOutcome {
  const parsed = GreenhouseEventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeShapeError('greenhouse', parsed.error) };
  const app = parsed.data.payload.application;
  if (app.prospect === true) return { ok: false, error: 'greenhouse payload: a prospect, not an application' };
  const c = app.candidate;
  const notes: string[] = [];
  const job = (app.jobs ?? [])[0];
  const fullName = distinct([c.first_name, c.last_name]).join(' ');
  const education = (c.educations ?? []).map((e, i) =>
    compact({
      institution: text(e.school_name),
      degree: text(e.degree),
      field: text(e.discipline),
      start: isoDate(e.start_date, `education[${i}].start`, notes),
      end: isoDate(e.end_date, `education[${i}].end`, notes),
    }),
  );
  const employment = (c.employments ?? []).map((e, i) =>
    compact({
      employer: text(e.company_name),
      title: text(e.title),
      start: isoDate(e.start_date, `employment[${i}].start`, notes),
      end: isoDate(e.end_date, `employment[${i}].end`, notes),
    }),
  );
  const submittedAt = isoDate(app.applied_at, 'submittedAt', notes);
  const sourceUpdatedAt = sourceInstant(app.last_activity_at, 'last_activity_at', notes);
  const record = compact({
    id: `gh-${app.id}`,
    source: 'greenhouse',
    submittedAt,
    job: job ? compact({ id: job.id === null || job.id === undefined ? undefined : String(job.id), title: text(job.name) }) : undefined,
    applicant: compact({
      fullName,
      emails: distinct((c.email_addresses ?? []).map((e) => e.value)),
      phones: distinct((c.phone_numbers ?? []).map((p) => p.value)),
      address: addressFromText(preferred(c.addresses, 'home')),
      links: distinct([...(c.website_addresses ?? []), ...(c.social_media_addresses ?? [])].map((l) => l.value)),
    }),
    education,
    employment,
  });
  return finish(record, notes, sourceUpdatedAt);
}
