import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './data-dir.js';
import { distanceKm } from './geo/places.js';

/**
 * How far a place in the U.S. is from the farthest point of the country, for
 * the physical bounds of the telemetry family (a network path cannot be
 * shorter than the distance it covers). Points are the ZIP code centres of
 * data/geo/us-zips.csv: the contiguous U.S. (48 states and D.C.) for a place
 * there, all fifty states for Alaska and Hawaii. Territories and military
 * codes are not covered (the caller is then silent).
 */
export interface FarthestPoint {
  readonly km: number;
  readonly zip: string;
  readonly city: string;
  readonly state: string;
  /** "the contiguous U.S." or "the fifty states". */
  readonly scope: string;
}

export interface UsExtent {
  /** The farthest ZIP centre of the scope that holds `state`, from (lat, lon); undefined outside the 50 states and D.C. */
  farthest(lat: number, lon: number, state: string): FarthestPoint | undefined;
  readonly source: string;
}

const NOT_CONTIGUOUS = new Set(['AK', 'HI', 'AA', 'AE', 'AP', 'AS', 'FM', 'GU', 'MH', 'MP', 'PR', 'PW', 'VI']);

interface Point {
  readonly zip: string;
  readonly city: string;
  readonly state: string;
  readonly lat: number;
  readonly lon: number;
}

export function createUsExtent(points: readonly Point[], source = 'data/geo/us-zips.csv'): UsExtent {
  const contiguous = points.filter((p) => !NOT_CONTIGUOUS.has(p.state));
  const fifty = points.filter((p) => !NOT_CONTIGUOUS.has(p.state) || p.state === 'AK' || p.state === 'HI');
  const memo = new Map<string, FarthestPoint>();
  return {
    source,
    farthest(lat, lon, state) {
      const s = state.toUpperCase();
      const inContiguous = !NOT_CONTIGUOUS.has(s);
      if (!inContiguous && s !== 'AK' && s !== 'HI') return undefined;
      const key = `${lat.toFixed(3)},${lon.toFixed(3)},${inContiguous ? 'c' : 'f'}`;
      const known = memo.get(key);
      if (known) return known;
      let best: Point | undefined;
      let bestKm = -1;
      for (const p of inContiguous ? contiguous : fifty) {
        const km = distanceKm(lat, lon, p.lat, p.lon);
        if (km > bestKm) {
          bestKm = km;
          best = p;
        }
      }
      if (!best) return undefined;
      const out = { km: bestKm, zip: best.zip, city: best.city, state: best.state, scope: inContiguous ? 'the contiguous U.S.' : 'the fifty states' };
      if (memo.size < 10_000) memo.set(key, out);
      return out;
    },
  };
}

export function loadUsExtent(dir: string = join(dataDir(), 'geo')): UsExtent {
  const points: Point[] = [];
  for (const line of readFileSync(join(dir, 'us-zips.csv'), 'utf8').split('\n').slice(1)) {
    const [zip, city, state, lat, lon] = line.split(',');
    if (!zip || !city || !state || !lat || !lon) continue;
    points.push({ zip, city, state, lat: Number(lat), lon: Number(lon) });
  }
  return createUsExtent(points);
}
