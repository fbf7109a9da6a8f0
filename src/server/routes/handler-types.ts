import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HirewatchStore } from '../../store/index.js';
import { can, type Permission, type Principal } from '../auth/roles.js';
import type { ServerConfig } from '../config.js';
import type { RequestMetrics } from '../http/metrics.js';
import type { Actor, Monitoring, Screening } from '../../service/index.js';
import type { DeliveryDedupe } from '../webhooks/delivery-dedupe.js';
import type { LeverFetcher } from '../webhooks/lever-fetch.js';
import type { ApiRoute, RouteName, API_ROUTES } from './route-table.js';

/** What every handler may use: built once by buildServer. */
export interface ServerDeps {
  /** The store; handlers get it bound to the caller's organisation. */
  readonly store: HirewatchStore;
  readonly config: ServerConfig;
  readonly screening: Screening;
  readonly telemetry: Monitoring;
  readonly metrics: RequestMetrics;
  readonly dedupe: DeliveryDedupe;
  readonly leverFetcher?: LeverFetcher;
  readonly version: string;
  readonly startedAt: number;
  readonly now: () => Date;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerContext<R extends ApiRoute> {
  /** The verified caller (routes with access 'key'). */
  readonly principal: Principal | undefined;
  /** Bound to the caller's organisation (the URL's for webhooks, the default one for public routes). */
  readonly store: HirewatchStore;
  readonly params: Out<R['params']>;
  readonly query: Out<R['query']>;
  readonly body: Out<R['body']>;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: ServerDeps;
}

/** A handler returns the response body; it is checked against the route's response schema. */
export type Handler<R extends ApiRoute> = (ctx: HandlerContext<R>) => Promise<unknown>;

export type RouteHandlers = { readonly [K in RouteName]: Handler<(typeof API_ROUTES)[K]> };

/** Whether the caller holds a permission (public and webhook routes: never). */
export function holds(ctx: { principal: Principal | undefined }, permission: Permission): boolean {
  return ctx.principal !== undefined && can(ctx.principal.role, permission);
}

/** The caller as the audit log names them, for a change the service layer records in its own transaction. */
export function actorOf(ctx: { principal: Principal | undefined }, action: string, detail: Record<string, unknown> = {}, actor?: string): Actor {
  return {
    actor: actor ?? (ctx.principal ? `key:${ctx.principal.keyPrefix}` : 'anonymous'),
    action,
    detail: ctx.principal ? { role: ctx.principal.role, ...detail } : detail,
  };
}

/** Append a read to the organisation's hash-chained audit log, as the caller (changes are audited by the service layer, in their own transaction). */
export async function audit(
  ctx: { principal: Principal | undefined; store: HirewatchStore },
  action: string,
  target: string | undefined,
  detail: Record<string, unknown> = {},
  actor?: string,
): Promise<void> {
  await ctx.store.admin.audit.append({
    actor: actor ?? (ctx.principal ? `key:${ctx.principal.keyPrefix}` : 'anonymous'),
    action,
    ...(target ? { target } : {}),
    detail: ctx.principal ? { role: ctx.principal.role, ...detail } : detail,
  });
}
