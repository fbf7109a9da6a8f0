/**
 * Dates at month precision. A month is a single integer (year * 12 + month - 1)
 * so that durations, overlaps and gaps are subtraction. An open end
 * (missing, "present", "current") is the month the application was submitted:
 * the record's own "now", never the clock.
 */
export type MonthIndex = number;

const MONTH = /^\s*(\d{4})-(\d{1,2})(?:-\d{1,2}(?:[T ].*)?)?\s*$/;
const YEAR = /^\s*(\d{4})\s*$/;
const OPEN_END = /^\s*(present|current|now|ongoing|today)?\s*$/i;

export function monthIndex(year: number, month: number): MonthIndex {
  return year * 12 + (month - 1);
}

/** "2015-05", "2015-05-14", "2015-05-14T10:00:00Z" or "2015" -> month index; anything else -> undefined. */
export function parseMonth(text: string | null | undefined): MonthIndex | undefined {
  if (typeof text !== 'string') return undefined;
  const m = MONTH.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthIndex(Number(m[1]), month) : undefined;
  }
  const y = YEAR.exec(text);
  return y ? monthIndex(Number(y[1]), 1) : undefined;
}

/** The end of a period: an open end is `present`. */
export function parseEndMonth(text: string | null | undefined, present: MonthIndex): MonthIndex | undefined {
  if (text === null || text === undefined || OPEN_END.test(text)) return present;
  return parseMonth(text);
}

/** Month index -> "YYYY-MM". */
export function formatMonth(index: MonthIndex): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
