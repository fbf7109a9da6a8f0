/**
 * Place names made comparable, and distances on the globe. Pure.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint', ste: 'sainte', ft: 'fort', mt: 'mount', pt: 'point', n: 'north', s: 'south', e: 'east', w: 'west',
};

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** Lower-case words and single spaces with no abbreviation: already a key (most names). */
const SIMPLE = /^[a-z]+(?: [a-z]+)*$/;
const ABBREVIATION_WORD = /(?:^| )(?:st|ste|ft|mt|pt|n|s|e|w)(?: |$)/;

/**
 * "St. Louis", "SAINT LOUIS" and "Saint-Louis" give "saint louis"; diacritics,
 * punctuation and case are dropped; common abbreviations are spelled out.
 */
export function placeKey(name: string): string {
  if (typeof name !== 'string') return '';
  const lower = name.toLowerCase();
  if (SIMPLE.test(lower) && !ABBREVIATION_WORD.test(lower)) return lower;
  const folded = PLAIN_ASCII.test(name) ? name.toLowerCase() : name.normalize('NFKD').replace(/\p{Mn}+/gu, '').toLowerCase();
  return folded
    .replace(/[.,'’()]/g, '')
    .replace(/[-/]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
