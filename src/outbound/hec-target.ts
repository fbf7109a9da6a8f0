import { hostname } from 'node:os';
import type { OcsfFinding } from '../service/findings.js';
import type { Redacted } from './secret.js';
import { destinationId, post, type Target } from './target.js';

/**
 * Splunk HTTP Event Collector: one POST to /services/collector/event per
 * finding, `Authorization: Splunk <token>`, the event in Splunk's JSON
 * envelope with its time in epoch seconds, source `hirewatch` and sourcetype
 * `ocsf:detection_finding` (index: the token's default unless given).
 * The URL given may be the collector's base (https://splunk:8088) or the
 * endpoint itself.
 */
export const HEC_SOURCETYPE = 'ocsf:detection_finding';

export function hecEndpoint(url: string): URL {
  const u = new URL(url);
  if (!/\/services\/collector(\/event)?\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/services/collector/event`;
  else if (/\/services\/collector\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/event`;
  return u;
}

/** The HEC envelope of one finding. */
export function hecEnvelope(event: OcsfFinding, index?: string): Record<string, unknown> {
  return { time: event.time / 1000, host: hostname(), source: 'hirewatch', sourcetype: HEC_SOURCETYPE, ...(index ? { index } : {}), event };
}

export function hecTarget(url: string, token: Redacted, index?: string): Target {
  const endpoint = hecEndpoint(url);
  return {
    kind: 'hec',
    label: `Splunk HEC ${endpoint.origin}`,
    id: destinationId('hec', endpoint.href),
    send: (event) => post(endpoint, JSON.stringify(hecEnvelope(event, index)), { authorization: `Splunk ${token.reveal()}` }),
  };
}
