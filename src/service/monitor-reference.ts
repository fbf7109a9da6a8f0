import { parseCidr, type MonitorReference } from '../monitor/context.js';
import type { GeoReference } from '../reference/geo/geo-reference.js';
import { loadGeoReference } from '../reference/geo/load-geo-reference.js';
import { loadTelemetryCatalogue } from '../reference/telemetry-catalogue.js';
import { loadUsExtent } from '../reference/us-extent.js';

export interface MonitorReferenceOptions {
  /** Remote-access tools the organisation approves (names, case-insensitive, ".exe" ignored). */
  readonly approvedTools?: readonly string[];
  /** The organisation's own egress networks (CIDRs): never counted as VPN, abroad or a farm. */
  readonly corporateNetworks?: readonly string[];
  /** Geographic data already loaded (the server shares the screening context's). */
  readonly geo?: GeoReference;
  readonly warn?: (message: string) => void;
}

/** The reference data post-hire monitoring reads, loaded once at the edge. */
export function buildMonitorReference(options: MonitorReferenceOptions = {}): MonitorReference {
  let geo = options.geo;
  if (!geo) {
    try {
      geo = loadGeoReference();
    } catch (err) {
      options.warn?.(`hirewatch: geographic reference data not loaded (${err instanceof Error ? err.message : String(err)}); location signals are off`);
    }
  }
  return {
    ...(geo ? { geo, extent: loadUsExtent() } : {}),
    catalogue: loadTelemetryCatalogue(),
    approvedTools: new Set((options.approvedTools ?? []).map((t) => t.toLowerCase().replace(/\.exe$/, ''))),
    corporateNetworks: (options.corporateNetworks ?? []).map(parseCidr),
  };
}
