/**
 * Time-zone arithmetic on the real tz database (through Intl, never fixed
 * offsets), so daylight saving time is right at the instant asked about.
 * Pure apart from a memo of formatters; never throws.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  const known = formatters.get(zone);
  if (known) return known;
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return undefined;
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Only real zone names are memoised, so arbitrary input cannot grow the memo.
    formatters.set(zone, f);
    return f;
  } catch {
    return undefined;
  }
}

/** Is this an IANA time-zone name the tz database knows? */
export function isTimeZone(zone: string): boolean {
  return formatterFor(zone) !== undefined;
}

/** The canonical spelling the tz database gives a zone name ("asia/seoul" -> "Asia/Seoul"). */
export function canonicalTimeZone(zone: string): string | undefined {
  const f = formatterFor(zone);
  return f ? f.resolvedOptions().timeZone : undefined;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(zone: string, instantMs: number): WallClock | undefined {
  const f = formatterFor(zone);
  if (!f || !Number.isFinite(instantMs)) return undefined;
  try {
    const parts: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(instantMs))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const { year, month, day, hour, minute, second } = parts;
    if ([year, month, day, hour, minute, second].some((n) => n === undefined || !Number.isFinite(n))) return undefined;
    return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
  } catch {
    return undefined;
  }
}

/** The offset Intl gives for one instant: the slow path, a formatToParts call. */
function offsetFromIntl(zone: string, instantMs: number): number | undefined {
  const w = wallClock(zone, instantMs);
  if (!w) return undefined;
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(instantMs / 1000) * 1000;
  return Math.round((asUtc - whole) / 60000);
}

/**
 * A zone's offsets through one UTC year: the offset in force from each start
 * instant on. Built from Intl (sampled daily, each change located to
 * the minute by bisection), so it is the tz database's answer, computed once.
 */
interface YearOffsets {
  readonly starts: number[];
  readonly offsets: number[];
}

const MINUTE = 60_000;
const SAMPLE = 24 * 60 * MINUTE;
/** zone -> year -> table (null: Intl could not answer). Only real zone names get an entry. */
const yearTables = new Map<string, Map<number, YearOffsets | null>>();
let yearTableCount = 0;
const YEAR_TABLE_LIMIT = 4096;

function yearTable(zone: string, year: number): YearOffsets | undefined {
  let years = yearTables.get(zone);
  const known = years?.get(year);
  if (known !== undefined) return known ?? undefined;
  if (!formatterFor(zone)) return undefined;
  if (yearTableCount >= YEAR_TABLE_LIMIT) {
    yearTables.clear();
    yearTableCount = 0;
    years = undefined;
  }
  if (!years) {
    years = new Map();
    yearTables.set(zone, years);
  }
  const key = year;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  let prev = offsetFromIntl(zone, from);
  yearTableCount++;
  if (prev === undefined) {
    years.set(key, null);
    return undefined;
  }
  const starts = [from];
  const offsets = [prev];
  for (let t = from + SAMPLE; t <= to; t += SAMPLE) {
    const cur = offsetFromIntl(zone, Math.min(t, to));
    if (cur === undefined || cur === prev) continue;
    // The change happened in (t - SAMPLE, t]: bisect to the minute.
    let lo = t - SAMPLE;
    let hi = Math.min(t, to);
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (mid <= lo) break;
      if (offsetFromIntl(zone, mid) === prev) lo = mid;
      else hi = mid;
    }
    starts.push(hi);
    offsets.push(cur);
    prev = cur;
  }
  const table = { starts, offsets };
  years.set(key, table);
  return table;
}

/** Minutes east of UTC that `zone` keeps at `instantMs` (e.g. -300 for Chicago in July, -360 in January). */
export function offsetMinutesAt(zone: string, instantMs: number): number | undefined {
  if (typeof zone !== 'string' || !Number.isFinite(instantMs)) return undefined;
  const year = new Date(instantMs).getUTCFullYear();
  if (year < 1900 || year > 2200) return offsetFromIntl(zone, instantMs);
  const table = yearTable(zone, year);
  if (!table) return undefined;
  let i = table.starts.length - 1;
  while (i > 0 && table.starts[i]! > instantMs) i--;
  return table.offsets[i];
}

function localDate(zone: string, instantMs: number): Date | undefined {
  const offset = offsetMinutesAt(zone, instantMs);
  return offset === undefined ? undefined : new Date(Math.floor(instantMs / MINUTE) * MINUTE + offset * MINUTE);
}

/** Hour of the day (0-23) on the wall clocks of `zone` at `instantMs`. */
export function localHourAt(zone: string, instantMs: number): number | undefined {
  return localDate(zone, instantMs)?.getUTCHours();
}

/** Local wall-clock time as "2025-11-03 08:22" in `zone`. */
export function localTimeAt(zone: string, instantMs: number): string | undefined {
  const d = localDate(zone, instantMs);
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : undefined;
}

/** "UTC+09:00", "UTC-06:00", "UTC+05:30". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Zones that stand for "no place": browsers in privacy modes report them. */
const PLACELESS = /^(etc\/)?(utc|uct|gmt|gmt0|gmt[+-]0|greenwich|universal|zulu|unknown)$/i;

export function isPlacelessZone(zone: string): boolean {
  return PLACELESS.test(zone.trim());
}

export interface Instant {
  readonly ms: number;
  /** True when the text gave a time of day with a UTC offset or "Z"; false for a date or a floating time. */
  readonly exact: boolean;
}

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** Read an ISO 8601 date or date-time; a date without a zone is taken at noon UTC and marked inexact. */
export function parseInstant(text: string | undefined): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = d ? Number(d) : 15;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h === undefined || zone === undefined) {
    const ms = Date.UTC(year, month - 1, day, h === undefined ? 12 : Number(h), mi === undefined ? 0 : Number(mi));
    return Number.isFinite(ms) ? { ms, exact: false } : undefined;
  }
  let offset = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    offset = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60000;
  return Number.isFinite(ms) ? { ms, exact: true } : undefined;
}
