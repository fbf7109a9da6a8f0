import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findJsonProblem, MAX_BODY_DEPTH } from '../../parse/json-limits.js';
import { collectionId, TaxiiCollections, type CollectionName } from '../../service/taxii.js';
import type { Screening } from '../../service/screening.js';
import type { HirewatchStore } from '../../store/index.js';
import { can, type Permission, type Principal } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import type { KeyAuthenticator } from '../http/authenticate.js';
import type { HeaderBag } from '../webhooks/signature.js';
import { pageOf, TaxiiQuerySchema } from './taxii-pages.js';

/**
 * TAXII 2.1 (OASIS) under /taxii2/, beside the JSON API: discovery, one API
 * root per organisation (/taxii2/{org}/), its collections (collections of
 * service/taxii.ts), objects (GET with added_after, limit, next and
 * match[...]; POST to the inbox), an object and its versions, the manifest,
 * and status. Every request and answer is `application/taxii+json;version=2.1`:
 * an Accept that excludes it is 406, a body of another type 415; errors are
 * TAXII error messages. Callers are API keys of the roles `intel` (read) and
 * `intel-writer` (read, add); a key sees its own organisation's root only
 * (another's is 404, as an unknown one). Not in the route table: TAXII has
 * its own media type, paths and error resource, so it is not part of the
 * OpenAPI document; test/server/taxii.test.ts covers its roles.
 */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** The largest body POST accepts, and the most objects in it. */
export const TAXII_MAX_CONTENT_LENGTH = 4 * 1024 * 1024;
export const TAXII_MAX_OBJECTS = 10_000;

export interface TaxiiDeps {
  readonly store: HirewatchStore;
  readonly auth: KeyAuthenticator;
  readonly collections: TaxiiCollections;
  /** The consortium key: indicators served and added are keyed under it, and the watchlist matches under it. */
  readonly key: Buffer;
  readonly screening: Screening;
  readonly bound: (org: string) => HirewatchStore;
  readonly perKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const taxiiError = (status: number, title: string, description?: string): ApiError => Object.assign(new ApiError(status, 'taxii', title), { description });

/** Whether an Accept header admits TAXII 2.1 (absent, wildcards, the type without a version, or version 2.1). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (params.some((p) => p.replace(/\s/g, '') === 'q=0')) return false;
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version.replace(/\s/g, '') === 'version=2.1';
  });
}

const EnvelopeSchema = z.object({ objects: z.array(z.unknown()).min(1).max(TAXII_MAX_OBJECTS) });
const RootParams = z.object({ root: z.string().max(64) });
const CollectionParams = RootParams.extend({ id: z.string().max(64) });
const ObjectParams = CollectionParams.extend({ objectId: z.string().max(300) });
const StatusParams = RootParams.extend({ statusId: z.string().max(64) });

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {}, { reportInput: false });
  if (!parsed.success) throw taxiiError(400, `invalid ${where}`, parsed.error.issues.slice(0, 3).map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function registerTaxii(app: FastifyInstance, deps: TaxiiDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: TAXII_MAX_CONTENT_LENGTH }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((err, request, reply) => {
      const e = err as Error & { description?: string; code?: string; statusCode?: number };
      const status = e instanceof ApiError ? e.statusCode : e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413 : e.statusCode === 429 ? 429 : undefined;
      if (status === undefined) {
        request.log.error({ err: { name: e.name, message: e.message } }, 'taxii request failed');
        return reply.code(500).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify({ title: 'internal error', http_status: '500' })));
      }
      const title = e instanceof ApiError ? e.message : status === 413 ? 'request body larger than max_content_length' : 'rate limit exceeded';
      return reply.code(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify({ title, ...(e.description ? { description: e.description } : {}), http_status: String(status) })));
    });

    /** The caller: an API key (never a console session) holding `permission`, in the path's organisation. */
    const caller = async (request: FastifyRequest, permission: Permission, root?: string): Promise<Principal> => {
      const principal = await deps.auth.authenticate(request.headers as HeaderBag);
      if (!principal) throw taxiiError(401, 'a valid API key is required (Authorization: Bearer hw_...)');
      request.principal = principal;
      if (!can(principal.role, 'intel:read') && !can(principal.role, 'intel:write')) throw taxiiError(403, `this key's role lacks the permission ${permission}`);
      if (root !== undefined && root !== principal.orgId) throw taxiiError(404, 'no such API root');
      if (!can(principal.role, permission)) throw taxiiError(403, `this key's role lacks the permission ${permission}`);
      return principal;
    };
    const negotiate = async (request: FastifyRequest): Promise<void> => {
      if (!acceptsTaxii(request.headers.accept)) throw taxiiError(406, `this server answers ${TAXII_MEDIA_TYPE} only`);
    };
    const collectionOf = (org: string, id: string): CollectionName => {
      for (const name of ['indicators', 'inbox'] as const) if (collectionId(org, name) === id) return name;
      throw taxiiError(404, 'no such collection');
    };
    const describe = (org: string, name: CollectionName, principal: Principal) => ({
      id: collectionId(org, name),
      title: name === 'indicators' ? `${org}: indicators of confirmed fraud (keyed)` : `${org}: inbox for members' keyed indicators`,
      description: name === 'indicators'
        ? 'Identifiers of applications in cases this organisation decided confirmed fraud, as HMAC-SHA256 under the consortium key (x-hirewatch extension), with kind, first and last seen, count and the decisions behind them.'
        : 'Members add indicator objects carrying keyed hashes under the consortium key; they join this organisation\'s shared watchlist under the adding key\'s name. Write only.',
      can_read: name === 'indicators' && can(principal.role, 'intel:read'),
      can_write: name === 'inbox' && can(principal.role, 'intel:write'),
      media_types: [STIX_MEDIA_TYPE],
    });
    const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(body)));
    const routes = (method: 'GET' | 'POST', path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void => {
      for (const url of [path, path.replace(/\/$/, '')]) {
        if (url === '') continue;
        scope.route({ method, url, onRequest: [negotiate], bodyLimit: TAXII_MAX_CONTENT_LENGTH, handler: async (request, reply) => {
          await handler(request, reply);
          return reply;
        } });
      }
    };
    const rootUrl = (request: FastifyRequest, org: string): string => `${request.protocol}://${request.host}/taxii2/${encodeURIComponent(org)}/`;

    routes('GET', '/taxii2/', async (request, reply) => {
      const principal = await caller(request, 'intel:read');
      await deps.perKey(request, reply);
      send(reply, {
        title: 'hirewatch TAXII 2.1', description: 'Indicators of confirmed state-sponsored IT-worker fraud, shared between consortium members as keyed hashes (docs/SHARING.md).',
        default: rootUrl(request, principal.orgId), api_roots: [rootUrl(request, principal.orgId)],
      });
    });
    routes('GET', '/taxii2/:root/', async (request, reply) => {
      const { root } = parse(RootParams, request.params, 'params');
      await caller(request, 'intel:read', root);
      await deps.perKey(request, reply);
      send(reply, { title: `hirewatch: ${root}`, versions: [TAXII_MEDIA_TYPE], max_content_length: TAXII_MAX_CONTENT_LENGTH });
    });
    routes('GET', '/taxii2/:root/collections/', async (request, reply) => {
      const { root } = parse(RootParams, request.params, 'params');
      const principal = await caller(request, 'intel:read', root);
      await deps.perKey(request, reply);
      send(reply, { collections: (['indicators', 'inbox'] as const).map((n) => describe(root, n, principal)) });
    });
    routes('GET', '/taxii2/:root/collections/:id/', async (request, reply) => {
      const { root, id } = parse(CollectionParams, request.params, 'params');
      const principal = await caller(request, 'intel:read', root);
      await deps.perKey(request, reply);
      send(reply, describe(root, collectionOf(root, id), principal));
    });

    const readable = async (request: FastifyRequest, reply: FastifyReply, what: 'objects' | 'manifest' | 'object') => {
      const { root, id } = parse(CollectionParams, request.params, 'params');
      const principal = await caller(request, 'intel:read', root);
      await deps.perKey(request, reply);
      if (collectionOf(root, id) !== 'indicators') throw taxiiError(403, 'this collection cannot be read (can_read is false)');
      const query = parse(TaxiiQuerySchema, request.query, 'query');
      const store = deps.bound(principal.orgId);
      const all = await deps.collections.objects(store);
      const objectId = what === 'object' ? (request.params as { objectId?: string }).objectId : undefined;
      const page = pageOf(all, query, objectId);
      if (what === 'object' && page.items.length === 0 && page.matched === 0) throw taxiiError(404, 'no such object');
      await store.admin.audit.append({ actor: `key:${principal.keyPrefix}`, action: `intel.taxii.${what}`, detail: { role: principal.role, collection: 'indicators', sent: page.items.length } });
      if (page.items.length > 0) {
        void reply.header('x-taxii-date-added-first', page.items[0]!.dateAdded).header('x-taxii-date-added-last', page.items.at(-1)!.dateAdded);
      }
      return { page, query };
    };
    routes('GET', '/taxii2/:root/collections/:id/objects/', async (request, reply) => {
      const { page } = await readable(request, reply, 'objects');
      send(reply, { more: page.more, ...(page.next ? { next: page.next } : {}), ...(page.items.length ? { objects: page.items.map((i) => i.object) } : {}) });
    });
    routes('GET', '/taxii2/:root/collections/:id/objects/:objectId/', async (request, reply) => {
      parse(ObjectParams, request.params, 'params');
      const { page } = await readable(request, reply, 'object');
      send(reply, { more: page.more, ...(page.next ? { next: page.next } : {}), ...(page.items.length ? { objects: page.items.map((i) => i.object) } : {}) });
    });
    routes('GET', '/taxii2/:root/collections/:id/objects/:objectId/versions/', async (request, reply) => {
      parse(ObjectParams, request.params, 'params');
      const { page } = await readable(request, reply, 'object');
      send(reply, { more: page.more, ...(page.items.length ? { versions: page.items.map((i) => i.version) } : {}) });
    });
    routes('GET', '/taxii2/:root/collections/:id/manifest/', async (request, reply) => {
      const { page } = await readable(request, reply, 'manifest');
      const objects = page.items.map((i) => ({ id: i.object.id, date_added: i.dateAdded, version: i.version, media_type: STIX_MEDIA_TYPE }));
      send(reply, { more: page.more, ...(page.next ? { next: page.next } : {}), ...(objects.length ? { objects } : {}) });
    });
    routes('POST', '/taxii2/:root/collections/:id/objects/', async (request, reply) => {
      const { root, id } = parse(CollectionParams, request.params, 'params');
      const principal = await caller(request, 'intel:write', root);
      await deps.perKey(request, reply);
      if (collectionOf(root, id) !== 'inbox') throw taxiiError(403, 'this collection cannot be written (can_write is false)');
      const type = (request.headers['content-type'] ?? '').replace(/\s/g, '').toLowerCase();
      if (type !== 'application/taxii+json;version=2.1' && type !== 'application/taxii+json') throw taxiiError(415, `send the envelope as ${TAXII_MEDIA_TYPE}`);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
      } catch {
        throw taxiiError(400, 'the body is not JSON');
      }
      const problem = findJsonProblem(body, { maxDepth: MAX_BODY_DEPTH });
      if (problem) throw taxiiError(400, 'the body cannot be read', `${['body', ...problem.path.map(String)].join('.')}: ${problem.message}`);
      const envelope = parse(EnvelopeSchema, body, 'body');
      const store = deps.bound(principal.orgId);
      const label = (await store.admin.apiKeys.list()).find((k) => k.keyId === principal.keyPrefix)?.label;
      const { status, rows, version } = await deps.collections.add(store, envelope.objects, { keyId: principal.keyPrefix, label }, { actor: `key:${principal.keyPrefix}`, action: 'intel.taxii.add', detail: { role: principal.role } });
      if (version !== undefined) deps.screening.shared.extend(principal.orgId, rows, version);
      send(reply, status, 202);
    });
    routes('GET', '/taxii2/:root/status/:statusId/', async (request, reply) => {
      const { root, statusId } = parse(StatusParams, request.params, 'params');
      const principal = await caller(request, 'intel:write', root);
      await deps.perKey(request, reply);
      const status = await deps.collections.status(deps.bound(principal.orgId), statusId);
      if (!status) throw taxiiError(404, 'no such status');
      send(reply, status);
    });
  });
}
