import { isIP } from 'node:net';

/**
 * IP addresses as numbers that sort: IPv4 as an unsigned 32-bit integer, IPv6
 * as 32 lower-case hex digits (fixed width, so string order is numeric order).
 * Pure; every function here is total: any string in, an answer or undefined.
 */
export type ParsedIp = { readonly version: 4; readonly value: number; readonly text: string } | { readonly version: 6; readonly hex: string; readonly text: string };

/** Dotted quad to number; undefined unless exactly four decimal parts of 1-3 digits, each at most 255. */
function v4ToNumber(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return value * 256 + part;
}

export function numberToV4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Expand an IPv6 address (with "::" and an optional trailing dotted IPv4) to 32 hex digits. */
export function v6ToHex(text: string): string | undefined {
  let t = text.toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(t);
  if (tail) {
    const n = v4ToNumber(tail[1]!);
    if (n === undefined) return undefined;
    t = `${t.slice(0, tail.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/** Parse an IP address; an IPv4-mapped IPv6 address ("::ffff:1.2.3.4") is read as the IPv4 one. */
export function parseIp(input: unknown): ParsedIp | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.includes('[') || input.includes('%') || input !== input.trim() ? input.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '') : input;
  if (text.length === 0 || text.length > 64) return undefined;
  const fast = v4ToNumber(text);
  if (fast !== undefined) return { version: 4, value: fast, text };
  const kind = isIP(text);
  if (kind === 4) {
    const value = v4ToNumber(text);
    return value === undefined ? undefined : { version: 4, value, text };
  }
  if (kind === 6) {
    const hex = v6ToHex(text);
    if (!hex) return undefined;
    if (hex.startsWith('00000000000000000000ffff')) {
      const value = parseInt(hex.slice(24), 16) >>> 0;
      return { version: 4, value, text: numberToV4(value) };
    }
    return { version: 6, hex, text };
  }
  return undefined;
}

const cidr4 = (base: string, bits: number): [number, number] => {
  const start = v4ToNumber(base)!;
  const size = 2 ** (32 - bits);
  return [start, start + size - 1];
};

/** Ranges that are nobody's location: private, shared (CGNAT), loopback, link-local, documentation, multicast, reserved. */
const NON_PUBLIC_V4: readonly [number, number][] = [
  cidr4('0.0.0.0', 8), cidr4('10.0.0.0', 8), cidr4('100.64.0.0', 10), cidr4('127.0.0.0', 8),
  cidr4('169.254.0.0', 16), cidr4('172.16.0.0', 12), cidr4('192.0.0.0', 24), cidr4('192.0.2.0', 24),
  cidr4('192.168.0.0', 16), cidr4('198.18.0.0', 15), cidr4('198.51.100.0', 24), cidr4('203.0.113.0', 24),
  cidr4('224.0.0.0', 3),
];
/** IPv6 public unicast is 2000::/3, less documentation (2001:db8::/32). */
export function isPublicIp(ip: ParsedIp): boolean {
  if (ip.version === 4) return !NON_PUBLIC_V4.some(([s, e]) => ip.value >= s && ip.value <= e);
  const first = parseInt(ip.hex.slice(0, 1), 16);
  return (first === 2 || first === 3) && !ip.hex.startsWith('20010db8');
}

/** Sorted, non-overlapping IPv4 ranges with a value each; binary search. */
export class RangeTable4 {
  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly values: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length;
  }

  /** Index of the range holding `ip`, or -1. */
  find(ip: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= ip) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return hit >= 0 && ip <= this.ends[hit]! ? hit : -1;
  }

  value(i: number): number {
    return this.values[i]!;
  }

  range(i: number): string {
    return `${numberToV4(this.starts[i]!)}-${numberToV4(this.ends[i]!)}`;
  }
}

/** Sorted, non-overlapping IPv6 ranges (32-hex-digit bounds) with a value each; binary search. */
export class RangeTable6 {
  constructor(
    readonly starts: readonly string[],
    readonly ends: readonly string[],
    readonly values: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length;
  }

  find(hex: string): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= hex) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return hit >= 0 && hex <= this.ends[hit]! ? hit : -1;
  }

  value(i: number): number {
    return this.values[i]!;
  }

  range(i: number): string {
    return `${hexToV6(this.starts[i]!)}-${hexToV6(this.ends[i]!)}`;
  }
}

/** 32 hex digits to the shortest IPv6 text ("2001:db8::1"). */
export function hexToV6(hex: string): string {
  const groups = (hex.match(/.{4}/g) ?? []).map((g) => g.replace(/^0+(?=.)/, ''));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
