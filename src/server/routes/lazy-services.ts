import type { ScreenContext } from '../../score/screen.js';
import type { FindingSink } from '../../service/index.js';
import { screeningProvenance, type HirewatchStore, type ScreeningProvenance } from '../../store/index.js';
import type { RouteHandlers, ServerDeps } from './handler-types.js';

/**
 * What the API routes need beyond HTTP: the handlers (src/server/handlers) and the services
 * they call (screening with its linkage index, post-hire monitoring, shared watchlists).
 * Importing them costs a fifth of `serve`'s start and none of it is needed to listen or to
 * answer /health (issue 18, instant start), so buildServer loads them once, at the first
 * request that needs them or in the background once listening, whichever comes first. The
 * linkage warm-up and the shared watchlists are part of that load: a screening request waits
 * for them, as it waited for the server to start before, so every application is still linked
 * to the warmed ones.
 */
/** How often a running server looks whether an organisation's stored shared watchlist changed. */
export const DEFAULT_INTEL_REFRESH_MS = 30_000;

export interface ServicesOptions {
  readonly store: HirewatchStore;
  readonly screenContext: ScreenContext;
  readonly provenance?: ScreeningProvenance;
  readonly monitor?: { readonly approvedTools?: readonly string[]; readonly corporateNetworks?: readonly string[] };
  readonly linkageWarmup?: { readonly orgs: readonly string[]; readonly perOrg: number };
  readonly intel?: { readonly key?: Buffer; readonly orgs?: readonly string[]; readonly refreshMs?: number };
  readonly findings?: FindingSink;
}

export interface LoadedServices {
  readonly deps: ServerDeps;
  readonly handlers: RouteHandlers;
  /** Stop the background work the load started (the outbox sweeps), waiting for a sweep under way. */
  readonly stop: () => Promise<void>;
}

/** Builds the handlers' dependencies from the ones that need no service (`base`). */
async function loadServices(options: ServicesOptions, base: Omit<ServerDeps, 'screening' | 'telemetry'>): Promise<LoadedServices> {
  const [{ buildMonitorReference, Monitoring, Screening, sweepLeftovers }, { ROUTE_HANDLERS }] = await Promise.all([
    import('../../service/index.js'),
    import('./route-handlers.js'),
  ]);
  const { store, screenContext } = options;
  const deps: ServerDeps = {
    ...base,
    screening: new Screening(screenContext, {
      provenance: options.provenance ?? screeningProvenance(screenContext.scoring),
      ...(options.intel?.key ? { intelKey: options.intel.key } : {}),
      // Another process's pull (`hirewatch intel pull`) is seen within this (default 30 s; 0: only at start).
      ...((options.intel?.refreshMs ?? DEFAULT_INTEL_REFRESH_MS) > 0 ? { sharedRefreshMs: options.intel?.refreshMs ?? DEFAULT_INTEL_REFRESH_MS } : {}),
    }),
    telemetry: new Monitoring(() => buildMonitorReference({
      ...options.monitor,
      ...(screenContext.detect.reference?.geo ? { geo: screenContext.detect.reference.geo } : {}),
    }), screenContext.scoring, base.now),
  };
  for (const org of options.linkageWarmup?.perOrg ? options.linkageWarmup.orgs : []) {
    await deps.screening.warm(store.withOrg(org), options.linkageWarmup!.perOrg);
  }
  deps.screening.useSink(options.findings);
  deps.telemetry.useSink(options.findings);
  for (const org of options.intel?.orgs ?? []) await deps.screening.shared.load(store.withOrg(org));
  // Findings a stopped server or worker stored but had not sent, now and every minute (the server's destinations serve every organisation).
  const stop = sweepLeftovers(store, options.findings, { everyOrganisation: true });
  return { deps, handlers: ROUTE_HANDLERS, stop };
}

/**
 * The services, loaded once: the first call starts the load and every call waits for it. A
 * load that fails is not kept: the caller sees the error (a 500, logged) and the next call
 * tries again.
 */
export function lazyServices(options: ServicesOptions, base: Omit<ServerDeps, 'screening' | 'telemetry'>): (() => Promise<LoadedServices>) & { readonly stop: () => Promise<void> } {
  let loading: Promise<LoadedServices> | undefined;
  const load = (): Promise<LoadedServices> => {
    loading ??= loadServices(options, base).catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
  // On close: stop what a load started; a load that failed or never began started nothing.
  const stop = async (): Promise<void> => {
    const loaded = await loading?.catch(() => undefined);
    await loaded?.stop();
  };
  return Object.assign(load, { stop });
}
