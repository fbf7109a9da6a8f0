import type { GeoReference } from '../reference/geo/geo-reference.js';
import { isPublicIp, parseIp } from '../reference/geo/ip.js';
import type { TelemetryCatalogue } from '../reference/telemetry-catalogue.js';
import type { UsExtent } from '../reference/us-extent.js';

/** Read-only reference data and configuration the telemetry detectors consult (built at the edge). */
export interface MonitorReference {
  /** IP location, hosting/VPN networks, ZIP codes and zones; absent -> location signals are silent. */
  readonly geo?: GeoReference;
  /** Farthest points of the U.S.; absent -> the physical bounds are silent. */
  readonly extent?: UsExtent;
  readonly catalogue: TelemetryCatalogue;
  /** Approved remote-access tools: tool names or process names, lower case. */
  readonly approvedTools: ReadonlySet<string>;
  /** The organisation's own egress networks (VPN concentrators, offices): never "hosting", "abroad" or a farm. */
  readonly corporateNetworks: readonly Cidr[];
}

export interface Cidr {
  readonly text: string;
  readonly contains: (ip: string) => boolean;
}

/** "203.0.113.0/24", "2001:db8::/32" or a single address. Throws on anything else (configuration is checked at the edge). */
export function parseCidr(text: string): Cidr {
  const [addr, bitsText] = text.trim().split('/');
  const base = parseIp(addr);
  if (!base) throw new Error(`not an IP network: '${text}'`);
  const width = base.version === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) throw new Error(`not an IP network: '${text}'`);
  if (base.version === 4) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    const net = (base.value & mask) >>> 0;
    return { text, contains: (ip) => { const p = parseIp(ip); return p?.version === 4 && ((p.value & mask) >>> 0) === net; } };
  }
  const prefixBits = (hex: string): string => BigInt(`0x${hex}`).toString(2).padStart(128, '0').slice(0, bits);
  const net = prefixBits(base.hex);
  return { text, contains: (ip) => { const p = parseIp(ip); return p?.version === 6 && prefixBits(p.hex) === net; } };
}

export function isCorporate(ref: MonitorReference, ip: string): boolean {
  return ref.corporateNetworks.some((c) => c.contains(ip));
}

export function isPublicAddress(ip: string): boolean {
  const p = parseIp(ip);
  return p !== undefined && isPublicIp(p);
}

/** 1234.5 -> "1,235". */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** At most `n` items, then "and N more". */
export function listSome(items: readonly string[], n = 4): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} and ${items.length - n} more`;
}
