/**
 * Calendar checks the date formats lean on: a regular expression gives the
 * shape (two digits for a day), this says whether the day exists (no
 * 2025-02-30, no 2023-02-29) and the time of day is one a clock shows.
 */
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days of a month (1-12) of a year; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 0;
  return month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]!;
}

/** Year, month (1-12) and, when given, day name a day of the Gregorian calendar. */
export function isCalendarDay(year: number, month: number, day?: number): boolean {
  const days = daysInMonth(year, month);
  return days > 0 && (day === undefined || (Number.isInteger(day) && day >= 1 && day <= days));
}

/** Hours 0-23, minutes and seconds 0-59 (each when given). */
export function isClockTime(hours: number, minutes: number, seconds?: number): boolean {
  return hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59 && (seconds === undefined || (seconds >= 0 && seconds <= 59));
}

/**
 * `YYYY-MM`, `YYYY-MM-DD`, or a date with a time `HH:MM`, `HH:MM:SS` or
 * `HH:MM:SS.fff` after `T` or a space, optionally with `Z` or an offset
 * `+HH:MM` / `+HHMM` (the application format of RECORDS.md).
 */
export const ISO_DATE_SHAPE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?)?$/;

/** True when `text` has ISO_DATE_SHAPE and names a real day and clock time (offset at most 23:59). */
export function isIsoCalendarDate(text: string): boolean {
  const m = ISO_DATE_SHAPE.exec(text);
  if (!m) return false;
  // Called for every date of every record: no closure per call.
  if (!isCalendarDay(Number(m[1]), Number(m[2]), group(m, 3))) return false;
  if (m[4] !== undefined && !isClockTime(Number(m[4]), Number(m[5]), group(m, 6))) return false;
  return m[7] === undefined || isClockTime(Number(m[7]), Number(m[8]));
}

/** A numeric group of a match, or undefined when it did not take part. */
function group(m: RegExpExecArray, i: number): number | undefined {
  return m[i] === undefined ? undefined : Number(m[i]);
}
