import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';

/** A bare application: one name, nothing shared unless a test adds it. */
export function app(id: string, fullName: string, fields: Record<string, any> = {}, at = '2025-11-03T10:00:00Z'): EnrichedApplication {
  const { applicant, ...rest } = fields;
  return normaliseApplication(ApplicationSchema.parse({ id, submittedAt: at, applicant: { fullName, ...(applicant ?? {}) }, ...rest }));
}

export const RESUME = `Senior backend engineer with eight years building payment platforms and distributed ledgers.
Designed an event-sourced settlement service handling peak traffic, migrated monoliths to Kubernetes, led a team
of five engineers, introduced contract testing and observability with OpenTelemetry and Grafana dashboards.
Skills: TypeScript, Go, PostgreSQL, Kafka, Terraform, AWS, gRPC. Mentored interns and ran the on-call rotation.`;
