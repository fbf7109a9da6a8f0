import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { APPLICATION_LIMITS } from '../parse/application-schema.js';
import type { ScreenContext } from '../score/screen.js';
import type { FindingSink } from '../service/index.js';
import type { HirewatchStore, ScreeningProvenance } from '../store/index.js';
import { OrgIdSchema } from '../store/store-contract.js';
import { can, type Principal } from './auth/roles.js';
import type { ServerConfig } from './config.js';
import { ApiError, badRequest, forbidden, notFound, parseOrThrow, unauthorized } from './http/api-error.js';
import { keyAuthenticator } from './http/authenticate.js';
import { registerConsole } from './session/console-static.js';
import { registerSessionRoutes } from './session/session-routes.js';
import { SessionStore, type SessionLimits } from './session/session-store.js';
import { installErrorHandlers, overlongParameterMessage } from './http/error-handler.js';
import { TurnBudget } from './http/turn-budget.js';
import { RequestMetrics } from './http/metrics.js';
import { getHealth } from './handlers/operations.js';
import type { HandlerContext, ServerDeps } from './routes/handler-types.js';
import { lazyServices } from './routes/lazy-services.js';
import { API_ROUTES, ROUTE_NAMES, type ApiRoute } from './routes/route-table.js';
import { DeliveryDedupe } from './webhooks/delivery-dedupe.js';
import type { LeverFetcher } from './webhooks/lever-fetch.js';
import type { HeaderBag } from './webhooks/signature.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface BuildServerOptions {
  readonly store: HirewatchStore;
  readonly config: ServerConfig;
  /** Reference data for screening (buildScreenContext), loaded once. */
  readonly screenContext: ScreenContext;
  /** What produced the results (default: from the context's scoring and data/manifest.json). */
  readonly provenance?: ScreeningProvenance;
  /** Post-hire monitoring: approved remote-access tools and the organisation's egress networks. */
  readonly monitor?: { readonly approvedTools?: readonly string[]; readonly corporateNetworks?: readonly string[] };
  /** The 'fetch' step of Lever deliveries (none: Lever deliveries answer 502). */
  readonly leverFetcher?: LeverFetcher;
  /** File each listed organisation's most recent stored applications into its linkage index before the first screening (src/server/routes/lazy-services.ts). */
  readonly linkageWarmup?: { readonly orgs: readonly string[]; readonly perOrg: number };
  /** How long a verified API key is cached (default: config.keyCacheMs, else 0 = looked up on every request, so a revocation counts at once). */
  readonly keyCacheMs?: number;
  /** Check every response against its route's schema (default true). */
  readonly validateResponses?: boolean;
  /** Fastify's logger (default off), to standard output or a given stream. Keys and signatures are redacted. */
  readonly logger?: boolean | { readonly stream: NodeJS.WritableStream };
  readonly version?: string;
  readonly now?: () => Date;
  /** Console sessions (default: a new in-memory store with the default lifetimes). */
  readonly sessions?: SessionStore | Partial<SessionLimits>;
  /** Sign-in attempts allowed per client address in each rate-limit window (default 20). */
  readonly signInMax?: number;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (client address for rate limits, https for Secure cookies). */
  readonly trustProxy?: boolean;
  /** The built console (default: dist/console of the package); false: no console, the API only. */
  readonly consoleDir?: string | false;
  /**
   * Shared intelligence (docs/SHARING.md): with the consortium key, TAXII 2.1
   * is served under /taxii2/ and keyed indicators are matched; the listed
   * organisations' shared watchlists are loaded before serving, and each
   * organisation's is read again when another process changed it, looked at
   * every `refreshMs` at most (default 30 s; 0: never).
   */
  readonly intel?: { readonly key?: Buffer; readonly orgs?: readonly string[]; readonly refreshMs?: number };
  /** Where new holds, case decisions and post-hire alerts go out as OCSF findings (docs/ALERTS.md; none: nowhere). */
  readonly findings?: FindingSink;
  /** Told when loading the services once listening failed (default: Fastify's log); the next request that needs them tries again. */
  readonly onServicesError?: (err: unknown) => void;
}

/** Methods that change nothing: a session cookie alone is enough for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The header the console sends with every write (a cross-site form cannot set one). */
export const CONSOLE_HEADER = 'x-hirewatch-console';

/**
 * CSRF defence for a write authenticated by the session cookie, beside
 * SameSite=Strict (the browser does not send the cookie on a cross-site
 * request): the request must carry a JSON body type or the console header,
 * neither of which a cross-site HTML form can send without a CORS preflight
 * this server never answers, and an Origin header, when sent, must be this
 * server's own. Key-authenticated requests are not concerned: a browser never
 * adds a key header by itself.
 */
export function checkCookieWrite(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let same = false;
    try {
      // Both through URL, so a default port (":80" on http) compares equal to none.
      same = new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
    } catch {
      same = false;
    }
    if (!same) throw new ApiError(403, 'forbidden', 'a signed-in write must come from the console\'s own origin');
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && request.headers[CONSOLE_HEADER] === undefined) {
    throw new ApiError(403, 'forbidden', `a signed-in write needs Content-Type: application/json or the ${CONSOLE_HEADER} header`);
  }
}

/**
 * `org` at the top of a JSON body names the organisation the caller means, in
 * a single submission as in a batch or a telemetry batch: it must be the
 * key's own (another answers 404, as an unknown id does) and it is not
 * content (a submitted record does not keep it), so it is checked here and
 * handed on to no handler.
 */
function takeBodyOrg(body: unknown, principal: Principal | undefined): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, 'org')) return body;
  const { org, ...content } = body as Record<string, unknown>;
  if (org === undefined) return content;
  const parsed = OrgIdSchema.safeParse(org, { reportInput: false });
  if (!parsed.success) throw badRequest(`body.org: ${parsed.error.issues[0]?.message ?? 'not an organisation id'}`);
  if (parsed.data !== principal?.orgId) throw notFound('organisation');
  return content;
}

/**
 * A request as it is logged: the path without its query string (a client that
 * puts a key in the URL, `?api_key=hw_...`, must not leak it into a log).
 */
function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  const at = request.url.indexOf('?');
  return { method: request.method, url: at === -1 ? request.url : `${request.url.slice(0, at)}?[redacted]`, remoteAddress: request.ip };
}

/** A query parameter that carries a key: named like one, or holding an hw_ key. */
const KEY_PARAM = /^(api[-_]?key|access[-_]?token|token|key)$/i;
function keyInQuery(query: unknown): boolean {
  if (!query || typeof query !== 'object') return false;
  return Object.entries(query).some(([name, value]) => KEY_PARAM.test(name) || [value].flat().some((v) => typeof v === 'string' && /^\s*hw_/.test(v)));
}

/** Header values that must never reach a log line. */
export const REDACTED_HEADERS = ['authorization', 'x-api-key', 'signature', 'ashby-signature', 'cookie'] as const;

/** The HTTP service: the routes of the route table on a Fastify instance (not listening; call listen or inject). */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  const now = options.now ?? (() => new Date());
  const base: Omit<ServerDeps, 'screening' | 'telemetry'> = {
    store,
    config,
    metrics: new RequestMetrics(),
    dedupe: new DeliveryDedupe(),
    ...(options.leverFetcher ? { leverFetcher: options.leverFetcher } : {}),
    version: options.version ?? '0.1.0',
    startedAt: Date.now(),
    now,
  };
  // The handlers and the services they call: loaded at the first request that needs them, or once listening.
  const services = lazyServices(options, base);
  const app = Fastify({
    logger: options.logger
      ? {
        level: 'info',
        redact: { paths: REDACTED_HEADERS.map((h) => `req.headers["${h}"]`), censor: '[redacted]' },
        serializers: { req: loggedRequest },
        ...(typeof options.logger === 'object' ? { stream: options.logger.stream } : {}),
      }
      : false,
    bodyLimit: config.bodyLimitBytes,
    // Every id fits a path: an id may be APPLICATION_LIMITS.id characters long, and a longer path parameter is a 400.
    routerOptions: { maxParamLength: APPLICATION_LIMITS.id },
    frameworkErrors: (err, request, reply) => {
      const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? overlongParameterMessage(APPLICATION_LIMITS.id)
        : 'the URL could not be read';
      void (reply as FastifyReply).code(400).send({ error: 'invalid_request', message, requestId: request.id });
    },
    requestIdHeader: false,
    return503OnClosing: true,
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  app.decorateRequest('principal', undefined);
  installErrorHandlers(app);
  // Closing stops the outbox sweeps before whoever built the server drains its sinks and closes the store.
  app.addHook('onClose', async () => services.stop());

  const sessions = options.sessions instanceof SessionStore ? options.sessions : new SessionStore(options.sessions ?? {});
  const auth = keyAuthenticator(store, options.keyCacheMs ?? config.keyCacheMs ?? 0, Date.now, sessions);
  // Rate limits, both before the body is read: per client address first, before the key is
  // checked (failed authentications count, and so do unknown routes), then per key once verified.
  // A turn of the event loop begins a bounded number of requests, so new connections are accepted under load (src/server/http/turn-budget.ts).
  const turns = new TurnBudget();
  app.addHook('onRequest', async () => {
    await turns.take();
  });
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, keyOf: (request: FastifyRequest) => string) => {
    const check = app.createRateLimit({ max, timeWindow: config.rateLimit.windowMs, keyGenerator: keyOf });
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const outcome = await check(request);
      if (outcome.isAllowed) return;
      void reply.header('x-ratelimit-limit', outcome.max).header('x-ratelimit-remaining', outcome.remaining).header('x-ratelimit-reset', outcome.ttlInSeconds);
      if (!outcome.isExceeded) return;
      void reply.header('retry-after', outcome.ttlInSeconds);
      throw new ApiError(429, 'rate_limited', `rate limit exceeded, retry in ${outcome.ttlInSeconds} s`);
    };
  };
  const perAddress = limiter(config.rateLimit.addressMax, (request) => `ip:${request.ip}`);
  const perKey = limiter(config.rateLimit.max, (request) => `key:${request.principal!.keyPrefix}`);
  app.addHook('onRequest', perAddress);
  // A key belongs in a header: one in the URL is refused before anything else reads it.
  app.addHook('onRequest', async (request) => {
    if (keyInQuery(request.query)) throw badRequest('an API key goes in the Authorization (Bearer) or X-API-Key header, never in the URL');
  });

  app.addHook('onResponse', async (request, reply) => {
    base.metrics.observe(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  const storeFor = new Map<string, HirewatchStore>();
  const bound = (org: string): HirewatchStore => {
    let s = storeFor.get(org);
    if (!s) {
      s = store.withOrg(org);
      if (storeFor.size < 10_000) storeFor.set(org, s);
    }
    return s;
  };

  const register = (instance: FastifyInstance, name: (typeof ROUTE_NAMES)[number]): void => {
    const route: ApiRoute = API_ROUTES[name];
    const checkKey = async (request: FastifyRequest): Promise<void> => {
      const identified = await auth.identify(request.headers as HeaderBag);
      if (!identified) throw unauthorized();
      if (identified.via === 'session') checkCookieWrite(request);
      const principal = identified.principal;
      if (route.permission && !can(principal.role, route.permission)) throw forbidden(route.permission);
      request.principal = principal;
    };
    instance.route({
      method: route.method.toUpperCase() as 'GET' | 'POST',
      url: route.path,
      bodyLimit: route.bodyLimit === 'batch' ? config.batchBodyLimitBytes : config.bodyLimitBytes,
      ...(route.access === 'key' ? { onRequest: [checkKey, perKey] } : {}),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const params = parseOrThrow(route.params, request.params, 'params') as Record<string, string> | undefined;
        const query = parseOrThrow(route.query, request.query, 'query');
        const sent = route.arrayBodyKey && Array.isArray(request.body) ? { [route.arrayBodyKey]: request.body } : request.body;
        const principal = request.principal;
        const body = route.access === 'webhook' ? undefined : takeBodyOrg(parseOrThrow(route.body, sent, 'body'), principal);
        const org = principal?.orgId ?? (route.access === 'webhook' ? params?.org : undefined);
        // Health reads the store and the start time only (base): it answers without waiting for the services.
        const { deps, handlers } = name === 'getHealth' ? { deps: base as ServerDeps, handlers: { getHealth } } : await services();
        const handler = (handlers as Record<string, unknown>)[name] as (ctx: HandlerContext<ApiRoute>) => Promise<unknown>;
        const result = await handler({ principal, store: org ? bound(org) : store, params, query, body, request, reply, deps } as HandlerContext<ApiRoute>);
        if (options.validateResponses !== false && route.response) {
          const checked = route.response.safeParse(result, { reportInput: false });
          if (!checked.success) throw new Error(`response of ${name} does not match its schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`);
        }
        // A handler may answer 201 for something it created (routes with mayCreate); otherwise the route's status.
        if (!(route.mayCreate && reply.statusCode === 201)) reply.code(route.successStatus ?? 200);
        return result;
      },
    });
  };

  registerSessionRoutes(app, {
    store,
    sessions,
    auth,
    signInLimit: limiter(options.signInMax ?? 20, (request) => `signin:${request.ip}`),
    secure: (request) => request.protocol === 'https',
    csrfCheck: checkCookieWrite,
  });
  if (options.consoleDir !== false) await registerConsole(app, options.consoleDir);

  const intelKey = options.intel?.key;
  if (intelKey) {
    // TAXII (and the intelligence modules it needs) only with the consortium key.
    const [{ TaxiiCollections }, { registerTaxii }] = await Promise.all([import('../service/taxii.js'), import('./taxii/taxii-routes.js')]);
    await registerTaxii(app, { store, auth, collections: new TaxiiCollections(intelKey, now), key: intelKey, screening: (await services()).deps.screening, bound, perKey });
  }

  for (const name of ROUTE_NAMES) {
    if (API_ROUTES[name].access === 'webhook') {
      // Webhooks: the body stays bytes (signatures are over the bytes as sent), in this route's scope only.
      await app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
        register(scope, name);
      });
    } else {
      register(app, name);
    }
  }
  // Once listening, load the services in the background, so the first screening does not pay for them.
  app.server.once('listening', () => {
    void services().catch((err: unknown) => {
      if (options.onServicesError) options.onServicesError(err);
      else app.log.error({ err }, 'the API services could not be loaded; the next request tries again');
    });
  });
  return app;
}
