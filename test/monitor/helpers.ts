import { loadGeoReference } from '../../src/reference/geo/load-geo-reference.js';
import type { GeoReference } from '../../src/reference/geo/geo-reference.js';
import { loadTelemetryCatalogue } from '../../src/reference/telemetry-catalogue.js';
import { loadUsExtent } from '../../src/reference/us-extent.js';
import { parseCidr, type MonitorReference } from '../../src/monitor/context.js';

let geo: GeoReference | undefined;
/** The real reference data (GeoLite2, hosting ranges, ZIP centres, the catalogues), loaded once per file. */
export function reference(options: { approvedTools?: string[]; corporateNetworks?: string[] } = {}): MonitorReference {
  geo ??= loadGeoReference();
  return {
    geo,
    extent: loadUsExtent(),
    catalogue: loadTelemetryCatalogue(),
    approvedTools: new Set((options.approvedTools ?? []).map((t) => t.toLowerCase())),
    corporateNetworks: (options.corporateNetworks ?? []).map(parseCidr),
  };
}

export const IP = {
  austinHome: '66.68.92.231', // Charter, Austin TX
  blueRidgeVa: '73.12.44.8', // Comcast, Blue Ridge VA
  zscalerChicago: '128.177.125.5', // AS22616 Zscaler (corporate gateway, not a listed hosting network)
  advin: '45.8.22.10', // AS206216 Advin Services (VPS)
  mullvad: '45.83.220.10', // Mullvad VPN
  shenyang: '42.177.215.221', // China Unicom, Shenyang
};

type Line = Record<string, unknown>;
const at = (day: number, hour: number, minute = 0): string => new Date(Date.UTC(2025, 11, day, hour, minute)).toISOString().replace('.000Z', 'Z');

export interface DayPlan {
  readonly device: string;
  readonly employee: string;
  readonly ip?: string;
  /** UTC hours with activity. */
  readonly hours: readonly number[];
  readonly latencyMs?: number;
  readonly rttMs?: number;
  readonly peer?: string;
  readonly processes?: readonly string[];
  readonly usb?: readonly [string, string, string];
}

/** A realistic day of events for one device: login, processes, USB, two keystroke batches and an RTT probe per active hour. */
export function dayOf(day: number, p: DayPlan): Line[] {
  const out: Line[] = [];
  const h0 = p.hours[0] ?? 15;
  if (p.ip) out.push({ type: 'login', at: at(day, h0, 1), employeeId: p.employee, deviceId: p.device, ip: p.ip });
  for (const name of p.processes ?? []) out.push({ type: 'process', at: at(day, h0, 3), deviceId: p.device, name });
  if (p.usb) out.push({ type: 'usb', at: at(day, h0, 4), deviceId: p.device, vendorId: p.usb[0], productId: p.usb[1], product: p.usb[2] });
  p.hours.forEach((h, i) => {
    out.push({ type: 'keystroke', at: at(day, h, 10), deviceId: p.device, medianLatencyMs: (p.latencyMs ?? 25) + (i % 3), samples: 150 });
    out.push({ type: 'keystroke', at: at(day, h, 40), deviceId: p.device, medianLatencyMs: (p.latencyMs ?? 25) - (i % 2), samples: 150 });
    out.push({ type: 'network_rtt', at: at(day, h, 50), deviceId: p.device, rttMs: (p.rttMs ?? 38) + (i % 4), peer: p.peer ?? 'vpn-us-central' });
  });
  return out;
}

export function employee(id: string, applicationId: string, devices: string[], place = { city: 'Austin', region: 'TX', country: 'US' }): Line {
  return { type: 'employee', employeeId: id, applicationId, startDate: '2025-12-01', workLocation: place, deviceIds: devices };
}

/** 09:00-17:00 in Austin in December (UTC-06:00) is 15:00-22:00 UTC. */
export const AUSTIN_WORKDAY = [15, 16, 17, 18, 19, 20, 21, 22];
/** 09:00-17:00 at UTC+08:00 is 01:00-08:00 UTC. */
export const FAR_EAST_WORKDAY = [1, 2, 3, 4, 5, 6, 7, 8];

export const lines = (events: Line[]): string[] => events.map((e) => JSON.stringify(e));
