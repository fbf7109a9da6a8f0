import type { EnrichedApplication } from '../normalise/application.js';
import type { GeoReference } from '../reference/geo/geo-reference.js';
import { formatUtcOffset, isPlacelessZone, isTimeZone, localTimeAt, offsetMinutesAt, parseInstant, type Instant } from '../reference/geo/time-zones.js';
import { interviewsOf, labelOf, type ClaimedPlace, type ClaimedZones } from './claimed-place.js';
import type { RawSignal } from './types.js';

/**
 * The geography checks on time (see geography.ts for the weights): the
 * browser's clock against the claimed address's zones at the moment of
 * submission, and repeated activity at night, local time. Pure.
 */

/** Local hours counted as night: from midnight to before 5 a.m. */
export const NIGHT_FROM_HOUR = 0;
export const NIGHT_TO_HOUR = 5;
/** Night-time activity counts only when at least this many activity times fall at night. */
export const NIGHT_MIN_COUNT = 2;
/**
 * A clock at most this many minutes from the claimed address's offset is a
 * neighbouring zone: the span of one continent's zones (the contiguous
 * United States from Eastern to Pacific, Europe from London to Moscow).
 */
export const NEIGHBOURING_ZONE_MINUTES = 180;

// ---------------------------------------------------------------- browser time zone

interface BrowserClock {
  readonly offset: number;
  /** "browser time zone Asia/Shanghai" or "browser clock offset". */
  readonly described: string;
}

function browserClock(record: EnrichedApplication, instantMs: number): BrowserClock | undefined {
  const session = record.session;
  if (!session) return undefined;
  const zone = session.timezone?.trim();
  if (zone && isTimeZone(zone) && !isPlacelessZone(zone)) {
    const offset = offsetMinutesAt(zone, instantMs);
    if (offset !== undefined) return { offset, described: `browser time zone ${zone} (${formatUtcOffset(offset)} then)` };
  }
  if (zone && isPlacelessZone(zone)) return undefined;
  const minutes = session.utcOffsetMinutes;
  // Offset 0 alone is what privacy modes report: it places nobody.
  if (typeof minutes === 'number' && Number.isInteger(minutes) && minutes !== 0 && minutes >= -720 && minutes <= 840) {
    return { offset: minutes, described: `browser clock offset ${formatUtcOffset(minutes)}` };
  }
  return undefined;
}

export function timeZoneSignals(record: EnrichedApplication, instantMs: number, place: ClaimedPlace, zones: ClaimedZones, geo: GeoReference): RawSignal[] {
  const clock = browserClock(record, instantMs);
  if (!clock) return [];
  const offsets = new Map<number, string>();
  for (const z of zones.zones) {
    const o = offsetMinutesAt(z, instantMs);
    if (o !== undefined && !offsets.has(o)) offsets.set(o, z);
  }
  if (offsets.size === 0 || offsets.has(clock.offset)) return [];
  const expected = [...offsets].map(([o, z]) => `${z} ${formatUtcOffset(o)}`).join(' or ');
  const day = new Date(instantMs).toISOString().slice(0, 10);
  const apart = Math.min(...[...offsets.keys()].map((o) => Math.abs(o - clock.offset)));
  const hours = `${apart % 60 === 0 ? apart / 60 : (apart / 60).toFixed(1)} h`;
  const neighbouring = apart <= NEIGHBOURING_ZONE_MINUTES;
  return [
    {
      id: neighbouring ? 'geography.timezone_mismatch_nearby' : 'geography.timezone_mismatch',
      evidence: `${clock.described} at submission on ${day}, but the claimed address ${labelOf(place)} keeps ${expected}: ${hours} apart, ${neighbouring ? 'a neighbouring zone' : 'beyond the zones of one continent'} (${zones.basis}; offsets from the ${geo.provenance.timeZones})`,
    },
  ];
}

// ---------------------------------------------------------------- night activity

export function nightSignals(record: EnrichedApplication, submitted: Instant | undefined, place: ClaimedPlace, zones: ClaimedZones): RawSignal[] {
  const interviews = interviewsOf(record);
  // One activity time (the submission) can never be "repeated": nothing to do for most records.
  if (interviews.length === 0) return [];
  const times: { label: string; ms: number }[] = [];
  if (submitted?.exact) times.push({ label: 'application submitted', ms: submitted.ms });
  interviews.forEach((iv, i) => {
    const t = parseInstant(iv.at);
    if (t?.exact) times.push({ label: `interview ${i + 1}`, ms: t.ms });
  });
  if (times.length < NIGHT_MIN_COUNT) return [];
  const night: string[] = [];
  let zoneUsed: string | undefined;
  for (const t of times) {
    // Only when every zone of the claimed place gives the same wall-clock time is the local hour known.
    const offsets = new Set(zones.zones.map((z) => offsetMinutesAt(z, t.ms)));
    const zone = zones.zones[0];
    if (offsets.size !== 1 || offsets.has(undefined) || !zone) continue;
    const local = localTimeAt(zone, t.ms);
    const hour = local ? Number(local.slice(11, 13)) : NaN;
    if (hour >= NIGHT_FROM_HOUR && hour < NIGHT_TO_HOUR) {
      night.push(`${t.label} at ${local}`);
      zoneUsed = zone;
    }
  }
  if (night.length < NIGHT_MIN_COUNT) return [];
  return [
    {
      id: 'geography.night_activity',
      evidence: `${night.length} of ${times.length} activity times fall between ${String(NIGHT_FROM_HOUR).padStart(2, '0')}:00 and ${String(NIGHT_TO_HOUR).padStart(2, '0')}:00 at the claimed address ${labelOf(place)} (${zoneUsed} local time): ${night.join('; ')}`,
    },
  ];
}
