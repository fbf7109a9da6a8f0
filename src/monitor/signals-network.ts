import type { RawSignal } from '../detect/types.js';
import { countryName } from '../reference/geo/regions.js';
import type { DeviceDay } from './aggregate.js';
import type { ClaimedWorkPlace } from './claimed.js';
import { isCorporate, isPublicAddress, listSome, type MonitorReference } from './context.js';

/**
 * Where the device logs in from: hosting/VPN networks, other countries, and
 * residential addresses shared by several employees (a laptop farm). The
 * organisation's own egress networks (configured) are never evidence.
 *
 * Weights: a shared residential IP 2.0 (x7.4: several hires' laptops behind
 * one home connection is the farm the DOJ describes; households with two
 * employees of one company exist, hence "two or more" scaled down to 0.6 for
 * exactly two), a login abroad 1.5 (x4.5: travel explains some), a hosting or
 * commercial VPN network 0.8 (x2.2: privacy VPNs are common).
 */
/** An IP used by more employees than this is an office or a VPN egress, not a home. */
export const FARM_MAX_EMPLOYEES = 25;

const where = (ip: string, ref: MonitorReference): string => {
  const loc = ref.geo?.ipLocation(ip);
  if (!loc) return '';
  const region = loc.region && (loc.country === 'US' || loc.country === 'CA') ? loc.region : undefined;
  return ` (${[loc.city, region, countryName(loc.country)].filter(Boolean).join(', ')})`;
};

export function loginSignals(days: readonly DeviceDay[], place: ClaimedWorkPlace | undefined, ref: MonitorReference): RawSignal[] {
  const geo = ref.geo;
  if (!geo) return [];
  const hosting = new Map<string, { days: Set<string>; text: string }>();
  const abroad = new Map<string, { days: Set<string>; text: string }>();
  for (const d of days) {
    for (const ip of Object.keys(d.logins)) {
      if (isCorporate(ref, ip)) continue;
      const net = geo.ipNetwork(ip);
      if (net?.hosting) {
        const h = hosting.get(ip) ?? { days: new Set(), text: `IP ${ip} in AS${net.asn} ${net.org}${net.hosting.provider !== net.org ? ` (${net.hosting.provider})` : ''}, a ${net.hosting.kind === 'vpn' ? 'commercial VPN' : net.hosting.kind === 'proxy' ? 'proxy network' : 'hosting/cloud network'}` };
        h.days.add(d.day);
        hosting.set(ip, h);
        continue;
      }
      if (!place) continue;
      const loc = geo.ipLocation(ip);
      if (!loc || loc.country === place.country || (place.country === 'US' && place.region === loc.country)) continue;
      const a = abroad.get(ip) ?? { days: new Set(), text: `IP ${ip}${where(ip, ref)}` };
      a.days.add(d.day);
      abroad.set(ip, a);
    }
  }
  const out: RawSignal[] = [];
  const describe = (m: Map<string, { days: Set<string>; text: string }>) => listSome([...m.values()].map((v) => `${v.text} on ${listSome([...v.days].sort(), 3)}`), 3);
  if (hosting.size) out.push({ id: 'telemetry.login_hosting_or_vpn', evidence: `logins from ${describe(hosting)} (${geo.provenance.hosting}; ranges from ${geo.provenance.asn})` });
  if (abroad.size && place) out.push({ id: 'telemetry.login_abroad', evidence: `logins from ${describe(abroad)}, but the claimed work place is ${place.label} (${place.basis}; ${geo.provenance.ipLocation})` });
  return out;
}

/** Login IP -> day -> employee -> devices: who shares a home connection. Built once per run. */
export type IpIndex = Map<string, Map<string, Map<string, Set<string>>>>;

export function buildIpIndex(entries: Iterable<{ employeeId: string; day: DeviceDay }>, ref: MonitorReference): IpIndex {
  const index: IpIndex = new Map();
  for (const { employeeId, day } of entries) {
    for (const ip of Object.keys(day.logins)) {
      if (!isPublicAddress(ip) || isCorporate(ref, ip) || ref.geo?.ipNetwork(ip)?.hosting) continue;
      const byDay = index.get(ip) ?? new Map<string, Map<string, Set<string>>>();
      const byEmployee = byDay.get(day.day) ?? new Map<string, Set<string>>();
      byEmployee.set(employeeId, (byEmployee.get(employeeId) ?? new Set()).add(day.deviceId));
      byDay.set(day.day, byEmployee);
      index.set(ip, byDay);
    }
  }
  return index;
}

export function farmSignals(employeeId: string, days: readonly DeviceDay[], index: IpIndex, ref: MonitorReference): RawSignal[] {
  const found: { ip: string; day: string; others: string[]; count: number }[] = [];
  for (const d of days) {
    for (const ip of Object.keys(d.logins)) {
      const byDay = index.get(ip);
      const byEmployee = byDay?.get(d.day);
      if (!byDay || !byEmployee || byEmployee.size < 2) continue;
      const everyone = new Set<string>();
      for (const m of byDay.values()) for (const e of m.keys()) everyone.add(e);
      if (everyone.size > FARM_MAX_EMPLOYEES) continue;
      const others = [...byEmployee].filter(([e]) => e !== employeeId).map(([e, devs]) => `${[...devs].sort().join('/')} (${e})`).sort();
      if (others.length) found.push({ ip, day: d.day, others, count: byEmployee.size });
    }
  }
  if (found.length === 0) return [];
  const most = Math.max(...found.map((f) => f.count));
  const first = found.sort((a, b) => b.count - a.count || (a.day < b.day ? -1 : 1))[0]!;
  const more = found.length > 1 ? `; ${found.length - 1} more day(s) or address(es) shared` : '';
  return [{
    id: 'telemetry.shared_residential_ip',
    strength: most >= 3 ? 1 : 0.6,
    evidence: `IP ${first.ip}${where(first.ip, ref)}, not a listed hosting network, was on ${first.day} the login address of ${employeeId}'s device and of ${listSome(first.others, 5)}${more}`,
  }];
}
