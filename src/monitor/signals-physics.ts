import type { RawSignal } from '../detect/types.js';
import { formatUtcOffset, offsetMinutesAt } from '../reference/geo/time-zones.js';
import { latencyPercentile, type DeviceDay } from './aggregate.js';
import type { ClaimedWorkPlace } from './claimed.js';
import { groupDigits, listSome } from './context.js';

/**
 * Physics and the clock: keystroke latency, network round trips and the hours
 * a device is active, against the claimed work place. Pure.
 *
 * The bound: light in fibre covers about 200 km per ms. A path from the
 * claimed place to anywhere in its country is at most `farthest` km long as
 * the crow flies; real routes run up to twice that (ROUTE_FACTOR), and the
 * last mile, Wi-Fi, a corporate VPN and the input stack add up to ACCESS_MS.
 * A day whose median keystroke latency, or smallest round trip, exceeds
 * ACCESS_MS + ROUTE_FACTOR x the fibre round trip to the farthest point is
 * one no path inside the country explains. Note that an RTT bounds distance
 * from above, not below (queues only add delay): the evidence therefore says
 * how much fibre the delay is worth, not where the controller is.
 *
 * Weights: keystroke latency 1.5 (x4.5; Amazon's case: domestic workers show
 * 20-50 ms, the worker driven from abroad 110 ms), RTT 1.2 (x3.3: a poor
 * network or a far VPN peer explains some), working hours 1.2 (x3.3: night
 * shifts exist, which is why several days are needed).
 */
export const FIBRE_KM_PER_MS = 200;
export const ROUTE_FACTOR = 2;
export const ACCESS_MS = 40;
/** A day's keystroke median counts only with this many samples. */
export const KEYSTROKE_MIN_SAMPLES = 200;
/** A day's smallest RTT counts only with this many measurements (the minimum filters queueing). */
export const RTT_MIN_COUNT = 3;
/** Working hours: a day counts with this many events; the centre must be concentrated (mean resultant length). */
export const HOURS_MIN_EVENTS = 20;
export const HOURS_MIN_CONCENTRATION = 0.5;
/** Local centres of activity between these hours are ordinary working days (early birds to late shifts). */
export const CENTRE_FROM_HOUR = 8;
export const CENTRE_TO_HOUR = 19;
/** Sustained: this many days with the centre elsewhere, and at least half of the days that count. */
export const HOURS_MIN_DAYS = 3;

export interface Bound {
  readonly allowedMs: number;
  readonly fibreRoundTripMs: number;
}

export function boundFor(farthestKm: number): Bound {
  const fibreRoundTripMs = (2 * farthestKm) / FIBRE_KM_PER_MS;
  return { fibreRoundTripMs, allowedMs: ACCESS_MS + ROUTE_FACTOR * fibreRoundTripMs };
}

const ms1 = (x: number): string => (Math.round(x * 10) / 10).toString();

function boundText(place: ClaimedWorkPlace, bound: Bound): string {
  const f = place.farthest!;
  return `the farthest point of ${f.scope} from the claimed ${place.label} (ZIP ${f.zip}, ${f.city}, ${f.state}) is ${groupDigits(f.km)} km away, a ${ms1(bound.fibreRoundTripMs)} ms round trip in fibre, at most ${Math.round(bound.allowedMs)} ms with routing and access overheads`;
}

export function keystrokeSignals(days: readonly DeviceDay[], place: ClaimedWorkPlace | undefined): RawSignal[] {
  if (!place?.farthest) return [];
  const bound = boundFor(place.farthest.km);
  const over: { d: DeviceDay; median: number }[] = [];
  for (const d of days) {
    if (d.keystroke.samples < KEYSTROKE_MIN_SAMPLES) continue;
    const median = latencyPercentile(d.keystroke, 0.5);
    if (median !== undefined && median > bound.allowedMs) over.push({ d, median });
  }
  if (over.length === 0) return [];
  over.sort((a, b) => b.median - a.median);
  const worst = over[0]!;
  const when = listSome(over.map((o) => `${o.d.day} on ${o.d.deviceId} (${o.median} ms over ${groupDigits(o.d.keystroke.samples)} keystrokes)`));
  return [{
    id: 'telemetry.keystroke_latency_remote',
    strength: over.length >= 2 ? 1 : 0.7,
    evidence: `median keystroke latency above ${Math.round(bound.allowedMs)} ms on ${over.length} day(s): ${when}; typing at the machine takes a few ms, and ${boundText(place, bound)}: input ${worst.median} ms late is typed far beyond the claimed country or relayed`,
  }];
}

export function rttSignals(days: readonly DeviceDay[], place: ClaimedWorkPlace | undefined): RawSignal[] {
  if (!place?.farthest) return [];
  const bound = boundFor(place.farthest.km);
  const over = days.filter((d) => d.rtt.count >= RTT_MIN_COUNT && d.rtt.minMs !== null && d.rtt.minMs > bound.allowedMs);
  if (over.length === 0) return [];
  over.sort((a, b) => b.rtt.minMs! - a.rtt.minMs!);
  const worst = over[0]!;
  const rtt = worst.rtt.minMs!;
  const peer = worst.rtt.minPeer ? ` to ${worst.rtt.minPeer}` : '';
  const others = over.length > 1 ? ` (also ${listSome(over.slice(1).map((d) => `${d.day} on ${d.deviceId}: ${d.rtt.minMs} ms`), 3)})` : '';
  return [{
    id: 'telemetry.rtt_beyond_claimed_country',
    strength: over.length >= 2 ? 1 : 0.7,
    evidence: `${rtt} ms RTT: the smallest of ${worst.rtt.count} round trips${peer} from ${worst.deviceId} on ${worst.day}${others}; light in fibre covers ${groupDigits((rtt / 2) * FIBRE_KM_PER_MS)} km in the ${ms1(rtt / 2)} ms of one way, while ${boundText(place, bound)}: the traffic travels far beyond the claimed country, or through a relay`,
  }];
}

/** Circular mean of a 24-hour histogram: centre hour (0-24) and concentration (0-1). */
export function activityCentre(hours: readonly number[]): { centre: number; concentration: number; total: number } {
  let x = 0;
  let y = 0;
  let total = 0;
  hours.forEach((n, h) => {
    const a = ((h + 0.5) / 24) * 2 * Math.PI;
    x += n * Math.cos(a);
    y += n * Math.sin(a);
    total += n;
  });
  if (total === 0) return { centre: 0, concentration: 0, total };
  const angle = Math.atan2(y, x);
  const centre = (((angle / (2 * Math.PI)) * 24) % 24 + 24) % 24;
  return { centre, concentration: Math.hypot(x, y) / total, total };
}

const hhmm = (h: number): string => {
  const m = Math.round((((h % 24) + 24) % 24) * 60) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export function workingHoursSignals(days: readonly DeviceDay[], place: ClaimedWorkPlace | undefined): RawSignal[] {
  if (!place || place.zones.length === 0) return [];
  // Several devices of one employee: one histogram per day.
  const byDay = new Map<string, number[]>();
  for (const d of days) {
    const h = byDay.get(d.day) ?? new Array<number>(24).fill(0);
    d.hours.forEach((n, i) => (h[i]! += n));
    byDay.set(d.day, h);
  }
  let counted = 0;
  const odd: { day: string; local: string; implied: number }[] = [];
  let zoneUsed = '';
  for (const [day, hours] of [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const c = activityCentre(hours);
    if (c.total < HOURS_MIN_EVENTS || c.concentration < HOURS_MIN_CONCENTRATION) continue;
    counted++;
    const noonMs = Date.parse(`${day}T12:00:00Z`);
    const locals = place.zones.map((z) => ({ z, o: offsetMinutesAt(z, noonMs) })).filter((x): x is { z: string; o: number } => x.o !== undefined);
    if (locals.length === 0) continue;
    const centres = locals.map(({ z, o }) => ({ z, o, h: (((c.centre + o / 60) % 24) + 24) % 24 }));
    // Odd only when the centre is outside working hours in every zone of the place.
    if (centres.some((x) => x.h >= CENTRE_FROM_HOUR && x.h <= CENTRE_TO_HOUR)) continue;
    const first = centres[0]!;
    zoneUsed = `${first.z} (${formatUtcOffset(first.o)})`;
    let implied = 13 - c.centre;
    if (implied > 14) implied -= 24;
    if (implied < -12) implied += 24;
    odd.push({ day, local: hhmm(first.h), implied });
  }
  if (odd.length < HOURS_MIN_DAYS || odd.length * 2 < counted) return [];
  const implied = odd.map((o) => Math.round(o.implied * 2) / 2).sort((a, b) => a - b);
  const lo = formatUtcOffset(implied[0]! * 60);
  const hi = formatUtcOffset(implied.at(-1)! * 60);
  return [{
    id: 'telemetry.working_hours_other_zone',
    evidence: `on ${odd.length} of ${counted} active days the centre of activity fell outside ${String(CENTRE_FROM_HOUR).padStart(2, '0')}:00-${CENTRE_TO_HOUR}:00 at the claimed ${place.label}, in ${zoneUsed}: ${listSome(odd.map((o) => `${o.day} at ${o.local}`), 5)}; a centre at 13:00 would need a clock of ${lo === hi ? lo : `${lo} to ${hi}`} (offsets from the tz database)`,
  }];
}
