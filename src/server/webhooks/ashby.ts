import { z } from 'zod';
import { compact, describeShapeError, distinct, finish, isoDate, sourceInstant, text, type MapOutcome } from './map-helpers.js';

/**
 * Ashby webhooks: every payload is `{webhookActionId, action, data}`;
 * `applicationSubmit` carries `data.application` with its `candidate` and
 * `job`. The webhook's candidate holds the primary email and phone; the
 * longer lists, social links and location of Ashby's Candidate object are
 * read too when present. Only the parts we read are declared.
 * `application.updatedAt` is when Ashby last changed the application: it
 * orders updates (MapOutcome.sourceUpdatedAt).
 */

export const ASHBY_APPLICATION_ACTIONS = ['applicationSubmit'] as const;

const contact = z.looseObject({ value: z.string().nullish(), type: z.string().nullish(), isPrimary: z.boolean().nullish() });

export const AshbyCandidateSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  primaryEmailAddress: contact.nullish(),
  emailAddresses: z.array(contact).nullish(),
  primaryPhoneNumber: contact.nullish(),
  phoneNumbers: z.array(contact).nullish(),
  socialLinks: z.array(z.looseObject({ url: z.string().nullish(), type: z.string().nullish() })).nullish(),
  linkedInUrl: z.string().nullish(),
  githubUrl: z.string().nullish(),
  website: z.string().nullish(),
  location: z
    .looseObject({
      locationSummary: z.string().nullish(),
      locationComponents: z.array(z.looseObject({ type: z.string().nullish(), name: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

export const AshbyApplicationSchema = z.looseObject({
  id: z.string().min(1),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  candidate: AshbyCandidateSchema,
  job: z.looseObject({ id: z.string().nullish(), title: z.string().nullish() }).nullish(),
});

export const AshbyEventSchema = z.looseObject({
  webhookActionId: z.string().nullish(),
  action: z.string(),
  data: z.looseObject({ application: AshbyApplicationSchema }),
});

export type AshbyEvent = z.infer<typeof AshbyEventSchema>;

/** Whether an Ashby body (already JSON-parsed) is an application event we map. */
export function isAshbyApplicationAction(body: unknown): boolean {
  const action = (body as { action?: unknown } | null)?.action;
  return typeof action === 'string' && (ASHBY_APPLICATION_ACTIONS as readonly string[]).includes(action);
}

type Location = z.infer<typeof AshbyCandidateSchema>['location'];

/** City, region and country from Ashby's typed location components; nothing is read from the summary text. */
function addressOf(location: Location) {
  const part = (type: string) => text(location?.locationComponents?.find((c) => c.type === type)?.name);
  return compact({ city: part('City'), region: part('Region'), country: part('Country') });
}

/** Map an Ashby `applicationSubmit` payload onto the Application record (`ashby-<application id>`). */
export function mapAshbyEvent(body: unknown): MapOutcome {
  const parsed = AshbyEventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeShapeError('ashby', parsed.error) };
  const app = parsed.data.data.application;
  const c = app.candidate;
  const notes: string[] = [];
  const sourceUpdatedAt = sourceInstant(app.updatedAt, 'updatedAt', notes);
  const record = compact({
    id: `ashby-${app.id}`,
    source: 'ashby',
    submittedAt: isoDate(app.createdAt, 'submittedAt', notes),
    job: app.job ? compact({ id: text(app.job.id), title: text(app.job.title) }) : undefined,
    applicant: compact({
      fullName: text(c.name) ?? '',
      emails: distinct([c.primaryEmailAddress?.value, ...(c.emailAddresses ?? []).map((e) => e.value)]),
      phones: distinct([c.primaryPhoneNumber?.value, ...(c.phoneNumbers ?? []).map((p) => p.value)]),
      address: addressOf(c.location),
      links: distinct([c.linkedInUrl, c.githubUrl, c.website, ...(c.socialLinks ?? []).map((l) => l.url)]),
    }),
  });
  return finish(record, notes, sourceUpdatedAt);
}
