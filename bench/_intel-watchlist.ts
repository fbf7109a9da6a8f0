/**
 * Part of `npm run bench -- intel`: what 1,000,000 shared indicators cost
 * screening (issue 17: at most 5 µs more per application). Two Screening
 * services screen the same generated applications, one with a shared
 * watchlist of 1,000,000 keyed indicators (plus the phones of every 100th
 * application, so some match), one without; they alternate application by
 * application after a warm-up, and each block of 250 applications gives one
 * difference per application. Also timed alone: the watchlist's look-up of
 * an application's identifiers (digesting each under the key, probing),
 * with 1,000,000 indicators and with 1.
 */
import { loadavg } from 'node:os';
import { KeyedDigest } from '../src/intel/keyed-digest.js';
import { keyedHash, keyId } from '../src/intel/sharing.js';
import { SharedWatchlist, type WatchlistEntry } from '../src/intel/watchlist.js';
import { identifiersOf, onboardingExtras } from '../src/linkage/identifiers.js';
import { normaliseApplication } from '../src/normalise/application.js';
import { ApplicationSchema, type Application } from '../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../src/score/config.js';
import { buildScreenContext, Screening } from '../src/service/index.js';
import { screeningProvenance } from '../src/store/index.js';
import { generateJsonLines } from './generate-applications.js';

const KEY = Buffer.alloc(32, 11);
const SHARED = 1_000_000;
const APPS = 6000;
const WARM = 1000;
const BLOCK = 250;

const entry = (value: string, kind = 'phone', matchClass = 'phone'): WatchlistEntry => ({
  sharerId: 'identity--00000000-0000-5000-8000-000000000001', sharerName: 'acme', collectionId: 'bench', sourceUrl: 'https://intel.example/taxii2/acme/',
  kind, matchClass, keyed: true, value, keyId: keyId(KEY), firstSeen: '2025-11-03', lastSeen: '2025-11-20', count: 2, decidedAt: '2026-12-02T10:00:00.000Z',
});

const stats = (xs: number[]): { median: number; p25: number; p75: number; min: number; max: number } => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => +s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), min: +s[0]!.toFixed(2), max: +s.at(-1)!.toFixed(2) };
};

/** 64 hex digits from a xorshift generator: a digest-like value, cheaper to make than random bytes. */
let seed = 0x9e3779b9;
function randomHex(): string {
  let hex = '';
  for (let i = 0; i < 8; i++) {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    hex += (seed >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}

export function benchWatchlist(): Record<string, unknown> {
  const apps: Application[] = generateJsonLines(APPS, 7).map((l) => ApplicationSchema.parse(JSON.parse(l)));
  const loadStart = performance.now();
  const big = new SharedWatchlist(KEY);
  const kinds = [['phone', 'phone'], ['email', 'email'], ['device', 'device'], ['address', 'address'], ['profile', 'profile']] as const;
  for (let i = 0; i < SHARED; i++) big.add(entry(randomHex(), ...kinds[i % kinds.length]!));
  let planted = 0;
  for (let i = 0; i < apps.length; i += 100) {
    const phone = normaliseApplication(apps[i]!).applicant.phones[0]?.e164;
    if (phone && big.add(entry(keyedHash(KEY, 'phone', phone)))) planted++;
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  console.log(`watchlist: ${big.size} keyed indicators held in ${loadSeconds.toFixed(1)} s (heap ${heapMb} MB)`);

  // The look-up alone, on the identifiers the linkage index files each application under; the small
  // watchlist holds one indicator of each class the big one holds, so both digest the same identifiers.
  const small = new SharedWatchlist(KEY);
  for (const k of kinds) small.add(entry(randomHex(), ...k));
  const prepared = apps.map((a) => { const n = normaliseApplication(a); return { n, ids: identifiersOf(n, onboardingExtras(a)) }; });
  const lookup = { big: [] as number[], small: [] as number[] };
  let hits = 0;
  for (let round = 0; round < 7; round++) {
    for (const [name, w] of [['big', big], ['small', small]] as const) {
      const t = performance.now();
      for (const p of prepared) hits += w.match(p.ids, p.n).length;
      if (round > 0) lookup[name].push(((performance.now() - t) * 1000) / prepared.length);
    }
  }
  console.log(`look-up per application: ${stats(lookup.big).median} µs with ${SHARED} indicators, ${stats(lookup.small).median} µs with ${small.size} (${hits / 7} hits a pass)`);
  // What the look-up is made of: one HMAC-SHA256 per identifier of a matched class.
  const digester = new KeyedDigest(KEY);
  const out = new Int32Array(8);
  const classes = new Set(['phone', 'email', 'device', 'address', 'profile', 'referencePhone', 'referenceEmail']);
  const digestsPerApp = prepared.reduce((n, p) => n + p.ids.filter((i) => classes.has(i.kind)).length, 0) / prepared.length;
  const digestRuns: number[] = [];
  for (let round = 0; round < 6; round++) {
    const t = performance.now();
    for (let i = 0; i < 50_000; i++) digester.digest('phone', prepared[i % prepared.length]!.ids[0]?.value ?? '+15125550199', out);
    if (round > 0) digestRuns.push(((performance.now() - t) * 1000) / 50_000);
  }
  console.log(`one keyed digest: ${stats(digestRuns).median} µs; ${digestsPerApp.toFixed(1)} per application; load average ${loadavg()[0]!.toFixed(1)} on ${2} cores shared`);

  // Whole screening, with and without, alternating application by application.
  const context = buildScreenContext(DEFAULT_SCORING, { watchlists: false });
  const provenance = screeningProvenance(DEFAULT_SCORING);
  const withList = new Screening(context, { provenance });
  const without = new Screening(context, { provenance });
  withList.shared.use('bench', big);
  const diffs: number[] = [];
  const per = { with: [] as number[], without: [] as number[] };
  let tWith = 0;
  let tWithout = 0;
  let flagged = 0;
  for (let i = 0; i < apps.length; i++) {
    const app = apps[i]!;
    const order = i % 2 === 0 ? [withList, without] : [without, withList];
    for (const s of order) {
      const t = performance.now();
      const r = s.screen('bench', app);
      const dt = performance.now() - t;
      if (s === withList) { tWith += dt; if (r.result.signals.some((x) => x.id === 'linkage.shared_indicator')) flagged++; } else tWithout += dt;
    }
    if (i + 1 === WARM) {
      tWith = 0;
      tWithout = 0;
    } else if (i >= WARM && (i - WARM + 1) % BLOCK === 0) {
      per.with.push((tWith * 1000) / BLOCK);
      per.without.push((tWithout * 1000) / BLOCK);
      diffs.push(((tWith - tWithout) * 1000) / BLOCK);
      tWith = 0;
      tWithout = 0;
    }
  }
  const d = stats(diffs);
  console.log(`screening per application: ${stats(per.with).median} µs with the watchlist, ${stats(per.without).median} µs without; difference median ${d.median} µs (blocks of ${BLOCK}: p25 ${d.p25}, p75 ${d.p75}, min ${d.min}, max ${d.max}); ${flagged} applications matched (${planted} planted)`);
  return {
    sharedIndicators: big.size, loadSeconds: +loadSeconds.toFixed(1), heapMb,
    lookupMicros: { with1M: stats(lookup.big), withOnePerClass: stats(lookup.small) }, digestMicros: stats(digestRuns), digestsPerApp: +digestsPerApp.toFixed(1),
    loadAverage: +loadavg()[0]!.toFixed(1),
    screeningMicros: { with: stats(per.with), without: stats(per.without), difference: d }, matched: flagged, goalMicros: 5,
  };
}
