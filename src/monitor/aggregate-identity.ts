/**
 * The parts of the aggregate that say which hardware and which accounts a
 * device or employee presents: the displays a device drives (by EDID and
 * adapter) and the authenticators enrolled on an employee's account. Kept
 * beside aggregate.ts, which folds and merges them with these helpers. Every
 * map is null-prototyped (no inherited keys); both fields are optional, so an
 * aggregate stored before they existed reads back unchanged.
 */

/** At most this many distinct displays per device and day, and authenticators per employee. */
export const IDENTITY_LIMIT = 100;

export interface DisplayCount {
  adapter?: string;
  manufacturerId?: string;
  productCode?: string;
  monitorName?: string;
  count: number;
}

export interface AuthenticatorSeen {
  method?: string;
  /** First and last UTC day it was seen on the account. */
  first: string;
  last: string;
}

const blank = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const has = (map: object, key: string): boolean => Object.hasOwn(map, key);

/** One display's key: what it reported, manufacturer and product in upper case. */
export function displayKey(d: Omit<DisplayCount, 'count'>): string {
  return JSON.stringify([d.adapter ?? '', (d.manufacturerId ?? '').toUpperCase(), (d.productCode ?? '').toUpperCase(), d.monitorName ?? '']);
}

/** Count one display into a device-day's map (made when absent); returns the map. */
export function addDisplay(into: Record<string, DisplayCount> | undefined, d: Omit<DisplayCount, 'count'>, by = 1): Record<string, DisplayCount> {
  const map = into ?? blank<DisplayCount>();
  const key = displayKey(d);
  if (has(map, key)) {
    map[key]!.count += by;
    return map;
  }
  if (Object.keys(map).length >= IDENTITY_LIMIT) return map;
  map[key] = {
    ...(d.adapter !== undefined ? { adapter: d.adapter } : {}),
    ...(d.manufacturerId !== undefined ? { manufacturerId: d.manufacturerId.toUpperCase() } : {}),
    ...(d.productCode !== undefined ? { productCode: d.productCode.toUpperCase() } : {}),
    ...(d.monitorName !== undefined ? { monitorName: d.monitorName } : {}),
    count: by,
  };
  return map;
}

/** A copy of a stored display map (JSON read back), or undefined when there is none. */
export function copyDisplays(from: Readonly<Record<string, DisplayCount>> | undefined): Record<string, DisplayCount> | undefined {
  if (!from) return undefined;
  let out: Record<string, DisplayCount> | undefined;
  for (const d of Object.values(from)) out = addDisplay(out, d, d.count);
  return out ?? blank<DisplayCount>();
}

/** Record an authenticator seen on `day` (its method kept from the first sighting that names one); returns the map. */
export function addAuthenticator(into: Record<string, AuthenticatorSeen> | undefined, id: string, seen: AuthenticatorSeen): Record<string, AuthenticatorSeen> {
  const map = into ?? blank<AuthenticatorSeen>();
  const cur = has(map, id) ? map[id] : undefined;
  if (cur) {
    if (seen.first < cur.first) cur.first = seen.first;
    if (seen.last > cur.last) cur.last = seen.last;
    if (cur.method === undefined && seen.method !== undefined) cur.method = seen.method;
    return map;
  }
  if (Object.keys(map).length >= IDENTITY_LIMIT) return map;
  map[id] = { ...(seen.method !== undefined ? { method: seen.method } : {}), first: seen.first, last: seen.last };
  return map;
}

/** `into` with every authenticator of `from` added (either may be absent). */
export function mergeAuthenticators(into: Record<string, AuthenticatorSeen> | undefined, from: Readonly<Record<string, AuthenticatorSeen>> | undefined): Record<string, AuthenticatorSeen> | undefined {
  let out = into;
  for (const [id, seen] of Object.entries(from ?? {})) out = addAuthenticator(out, id, seen);
  return out;
}
