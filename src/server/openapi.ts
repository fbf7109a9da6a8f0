import { z } from 'zod';
import { ApplicationSchema } from '../parse/application-schema.js';
import { ScreeningErrorSchema, ScreeningResultSchema } from '../score/result-contract.js';
import { rolesWith, type Permission } from './auth/roles.js';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes
 * validate with (zod 4's `z.toJSONSchema`, no extra package). The server
 * passes its route table; every route appears, with its permission and the
 * roles that hold it. Schemas are written as their *input* form (what a
 * client may send): for a response that is the same shape or a looser one,
 * never a stricter one.
 */

/** The body of every error answer. `error` is a stable code; `message` never holds secrets or input echoes. */
export const ApiErrorSchema = z.strictObject({
  error: z.string().min(1).meta({ description: 'stable machine-readable code, e.g. forbidden, not_found, rate_limited' }),
  message: z.string().meta({ description: 'one sentence for a person' }),
  requestId: z.string().optional(),
});

/** What a role with `result:band` only (a recruiter) receives of a result. */
export const ScreeningResultBandSchema = ScreeningResultSchema.pick({ id: true, score: true, band: true });

/** Schemas every document names in components. Route schemas that are one of these are written as $ref. */
export const COMPONENT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Application: ApplicationSchema,
  ScreeningResult: ScreeningResultSchema,
  ScreeningResultBand: ScreeningResultBandSchema,
  ScreeningError: ScreeningErrorSchema,
  Error: ApiErrorSchema,
};

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Fastify style, e.g. `/api/v1/applications/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
  /** Undefined: a public route (health). */
  readonly permission?: Permission;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  /** Status of the success answer (default 200). */
  readonly successStatus?: number;
  /** The route answers 201 when it created what it was sent (and successStatus otherwise). */
  readonly mayCreate?: boolean;
  /** Content type of the success answer (default application/json; e.g. text/plain for metrics). */
  readonly responseContentType?: string;
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
}

type Json = Record<string, unknown>;

const ERROR_ANSWERS: Readonly<Record<string, string>> = {
  '400': 'The request does not match the schema',
  '401': 'No valid API key',
  '403': "The key's role lacks the permission",
  '404': 'Not found (also for ids of another organisation)',
  '413': 'Body larger than the configured limit',
  '429': 'Rate limit for this key exceeded',
};

/** `/a/:id/b` → `/a/{id}/b`, and the names of its path parameters. */
export function openApiPath(path: string): { path: string; names: string[] } {
  const names: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: converted, names };
}

function operationIdOf(route: RouteSpec): string {
  if (route.operationId) return route.operationId;
  const words = route.path.split('/').filter((s) => s !== '' && s !== 'api' && !/^v\d+$/.test(s));
  const parts = [route.method, ...words.map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w))];
  return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('').replace(/[^A-Za-z0-9]/g, '');
}

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function parametersOf(where: 'path' | 'query', schema: z.ZodObject | undefined, pathNames: readonly string[]): Json[] {
  const json = schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json) : {};
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  const names = where === 'path' ? [...new Set([...pathNames, ...Object.keys(props)])] : Object.keys(props);
  return names.map((name) => {
    const prop = props[name] ?? { type: 'string' };
    const { description, ...propSchema } = prop;
    return {
      name,
      in: where,
      required: where === 'path' ? true : required.has(name),
      schema: propSchema,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

/**
 * Build the document. Components: the named schemas above plus one per
 * route body/response that is not one of them (`<operationId>Body`,
 * `<operationId>Response`), all converted in one pass so shared schemas are
 * `$ref`s.
 */
export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly RouteSpec[]): Json {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  const register = (schema: z.ZodType, id: string): string => {
    const known = idOf.get(schema);
    if (known) return known;
    registry.add(schema, { id });
    idOf.set(schema, id);
    return id;
  };
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) register(schema, id);

  const paths: Record<string, Record<string, Json>> = {};
  const seenOps = new Set<string>();
  const pending: { route: RouteSpec; opId: string; bodyId?: string; responseId?: string }[] = [];
  for (const route of routes) {
    const opId = operationIdOf(route);
    if (seenOps.has(opId)) throw new Error(`two routes share the operationId ${opId}`);
    seenOps.add(opId);
    pending.push({
      route,
      opId,
      ...(route.body ? { bodyId: register(route.body, `${opId.charAt(0).toUpperCase()}${opId.slice(1)}Body`) } : {}),
      ...(route.response ? { responseId: register(route.response, `${opId.charAt(0).toUpperCase()}${opId.slice(1)}Response`) } : {}),
    });
  }

  const uri = (id: string) => `#/components/schemas/${id}`;
  const converted = z.toJSONSchema(registry, { uri, io: 'input', unrepresentable: 'any' }) as { schemas: Record<string, Json> };
  const schemas = Object.fromEntries(Object.entries(converted.schemas).map(([id, s]) => [id, strip(s)]));
  const ref = (id: string) => ({ $ref: uri(id) });

  for (const { route, opId, bodyId, responseId } of pending) {
    const { path, names } = openApiPath(route.path);
    const roles = route.permission ? rolesWith(route.permission) : [];
    const errorCodes = ['400', ...(route.permission ? ['401', '403'] : []), ...(names.length > 0 ? ['404'] : []), ...(bodyId ? ['413'] : []), '429'];
    const success = String(route.successStatus ?? 200);
    const contentType = route.responseContentType ?? 'application/json';
    const operation: Json = {
      operationId: opId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.tags ? { tags: [...route.tags] } : {}),
      parameters: [...parametersOf('path', route.params, names), ...parametersOf('query', route.query, [])],
      ...(bodyId ? { requestBody: { required: true, content: { 'application/json': { schema: ref(bodyId) } } } } : {}),
      responses: {
        ...(route.mayCreate ? { '201': {
          description: 'Created: the first version of what was sent',
          ...(responseId ? { content: { [contentType]: { schema: ref(responseId) } } } : {}),
        } } : {}),
        [success]: {
          description: route.mayCreate ? 'Success: a new version of something already stored, or the same content again (nothing changed)' : 'Success',
          ...(responseId ? { content: { [contentType]: { schema: ref(responseId) } } } : {}),
        },
        ...Object.fromEntries(errorCodes.map((code) => [code, { description: ERROR_ANSWERS[code], content: { 'application/json': { schema: ref('Error') } } }])),
      },
      security: route.permission ? [{ apiKey: [] }] : [],
      ...(route.permission ? { 'x-permission': route.permission, 'x-roles': roles } : {}),
    };
    (paths[path] ??= {})[route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    ...(info.servers ? { servers: info.servers.map((s) => ({ ...s })) } : {}),
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'hw_<prefix>_<secret>', description: 'An API key: Authorization: Bearer hw_...' },
      },
    },
  };
}
