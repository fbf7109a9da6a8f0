import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { ScreeningResultSchema } from '../../src/score/result-contract.js';
import { buildOpenApiDocument, openApiPath, type RouteSpec } from '../../src/server/openapi.js';

const IdParams = z.object({ id: z.string().min(1).meta({ description: 'application id' }) });
const ROUTES: RouteSpec[] = [
  { method: 'post', path: '/api/v1/applications', summary: 'Submit one application', permission: 'application:write', body: ApplicationSchema, response: ScreeningResultSchema },
  {
    method: 'post',
    path: '/api/v1/applications/batch',
    summary: 'Submit a batch',
    permission: 'application:write',
    body: z.object({ applications: z.array(ApplicationSchema).max(1000) }),
    response: z.object({ results: z.array(ScreeningResultSchema) }),
  },
  { method: 'get', path: '/api/v1/applications/:id', summary: 'An application with its result', permission: 'result:band', params: IdParams, response: z.object({ application: ApplicationSchema, result: ScreeningResultSchema }) },
  {
    method: 'get',
    path: '/api/v1/results',
    summary: 'List and filter results',
    permission: 'result:band',
    query: z.object({ band: z.enum(['clear', 'review', 'hold']).optional(), limit: z.coerce.number().int().max(500).default(50), cursor: z.string().optional() }),
    response: z.object({ results: z.array(ScreeningResultSchema), next: z.string().nullable() }),
  },
  { method: 'get', path: '/api/v1/networks/:id', summary: 'A network', permission: 'network:read', response: z.object({ id: z.string(), members: z.array(z.string()) }) },
  { method: 'get', path: '/api/v1/audit/verify', summary: 'Verify the audit chain', permission: 'audit:read', response: z.object({ ok: z.boolean() }) },
  { method: 'get', path: '/api/v1/health', summary: 'Health', response: z.object({ status: z.literal('ok') }) },
  { method: 'get', path: '/api/v1/metrics', summary: 'Prometheus metrics', responseContentType: 'text/plain', response: z.string() },
];

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown> & { parameters: Array<Record<string, unknown>>; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
};

const doc = buildOpenApiDocument({ title: 'hirewatch', version: '0.1.0' }, ROUTES) as unknown as Doc;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with paths, components and the API-key scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Application', 'ScreeningResult', 'ScreeningError', 'Error']));
    expect(doc.components.securitySchemes).toHaveProperty('apiKey');
    expect(doc.components.schemas.Application).not.toHaveProperty('$schema');
  });

  it('has every route of the table, with its method', () => {
    for (const route of ROUTES) expect(doc.paths[openApiPath(route.path).path]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count).toBe(ROUTES.length);
  });

  it('resolves every $ref to a component', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('shares the Application and result schemas by $ref', () => {
    const submit = doc.paths['/api/v1/applications']!.post!;
    expect(submit.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Application' } } } });
    expect(refs(doc.components.schemas.PostApplicationsBatchBody)).toContain('#/components/schemas/Application');
  });

  it('declares path and query parameters', () => {
    const get = doc.paths['/api/v1/applications/{id}']!.get!;
    expect(get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 }, description: 'application id' }]);
    const network = doc.paths['/api/v1/networks/{id}']!.get!;
    expect(network.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    const list = doc.paths['/api/v1/results']!.get!;
    expect(list.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['band', 'query', false],
      ['limit', 'query', false],
      ['cursor', 'query', false],
    ]);
  });

  it('states the permission, the roles that hold it, and the error answers', () => {
    const get = doc.paths['/api/v1/applications/{id}']!.get!;
    expect(get['x-permission']).toBe('result:band');
    expect(get['x-roles']).toEqual(['recruiter', 'analyst', 'admin']);
    expect(get.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429']);
    expect(doc.paths['/api/v1/audit/verify']!.get!['x-roles']).toEqual(['auditor']);
    const health = doc.paths['/api/v1/health']!.get!;
    expect(health.security).toEqual([]);
    expect(health.responses).not.toHaveProperty('401');
    expect(doc.paths['/api/v1/metrics']!.get!.responses['200']).toMatchObject({ content: { 'text/plain': {} } });
  });

  it('is plain JSON (serialisable as served at /api/v1/openapi.json)', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('refuses two routes with the same operation id', () => {
    expect(() => buildOpenApiDocument({ title: 't', version: '1' }, [ROUTES[0]!, ROUTES[0]!])).toThrow(/operationId/);
  });
});
