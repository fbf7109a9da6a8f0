import type { z } from 'zod';
import { findJsonProblem, MAX_BODY_DEPTH } from '../../parse/json-limits.js';

/**
 * Errors the API answers with: a status, a stable code and one sentence.
 * Messages name fields and rules, never the values sent (a secret pasted
 * into the wrong field must not come back or reach a log).
 */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'invalid_request', message);
export const unauthorized = (): ApiError => new ApiError(401, 'unauthorized', 'a valid API key is required (Authorization: Bearer hw_... or X-API-Key)');
export const forbidden = (permission: string): ApiError => new ApiError(403, 'forbidden', `this key's role lacks the permission ${permission}`);
export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);

/** "body.applicant.fullName: Invalid input; query.limit: Too big" */
export function describeZodIssues(where: 'body' | 'query' | 'params', issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
}

/**
 * Parse one part of a request with its schema, or throw 400 naming the field.
 * First, whatever the schema: the part nests at most MAX_BODY_DEPTH levels and
 * every string in it, field names included, can be stored (json-limits.ts).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S | undefined, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const problem = findJsonProblem(value, { maxDepth: MAX_BODY_DEPTH });
  if (problem) throw badRequest(`${[where, ...problem.path.map(String)].join('.')}: ${problem.message}`);
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}), { reportInput: false });
  if (!parsed.success) throw badRequest(describeZodIssues(where, parsed.error.issues));
  return parsed.data;
}
