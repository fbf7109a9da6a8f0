import { codeHostingSignals } from './code-hosting.js';
import { formatMonth } from '../normalise/date.js';
import { foldText } from '../normalise/text.js';
import { regionCode } from '../reference/geo/regions.js';
import { countryCode } from '../match/country-codes.js';
import type { EnrichedApplication } from '../normalise/application.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The profile family: the linked LinkedIn profile as an enrichment provider
 * reports it (docs/RECORDS.md: createdAt, activity months, connections, location,
 * nameChangedAt). What gives a bought or hijacked account away is its history,
 * not its owner.
 */
const DORMANT_MONTHS = 24;
const REVIVED_WITHIN = 3;
const NAME_CHANGE_WINDOW = 6;
const SENIOR_CAREER_MONTHS = 60;

function careerStart(record: EnrichedApplication): number | undefined {
  const starts = record.employment.filter((j) => !/\bintern/i.test(j.title ?? '')).map((j) => j.start).filter((m): m is number => m !== undefined);
  return starts.length ? Math.min(...starts) : undefined;
}

/**
 * A long silence is common among honest users; an account that was silent,
 * renamed after the silence began, and revived just before the application
 * is what a bought or hijacked account looks like.
 */
function revivedAndRenamed(activity: readonly number[], renamedAt: number | undefined, submitted: number): RawSignal[] {
  if (renamedAt === undefined) return [];
  const months = activity.filter((m) => m <= submitted);
  for (let i = months.length - 1; i >= 1; i--) {
    const gap = months[i]! - months[i - 1]!;
    if (gap >= DORMANT_MONTHS && submitted - months[i]! <= REVIVED_WITHIN && renamedAt > months[i - 1]!) {
      return [
        {
          id: 'profile.dormant_revived_renamed',
          evidence: `LinkedIn activity stops ${formatMonth(months[i - 1]!)}, the profile is renamed ${formatMonth(renamedAt)}, and activity resumes ${formatMonth(months[i]!)} after ${gap} silent months, ${submitted - months[i]!} month(s) before this application`,
        },
      ];
    }
  }
  return [];
}

/** "Austin, Texas" / "Greater Seattle Area" / "São Paulo, Brazil" -> comparable parts. */
function locationParts(text: string): string[] {
  return foldText(text).split(/[,/]|\bmetropolitan area\b|\barea\b|\bgreater\b/).map((p) => p.trim()).filter(Boolean);
}

function locationMismatch(record: EnrichedApplication, location: string): RawSignal[] {
  const address = record.applicant.address;
  const country = record.applicant.addressCountry;
  if (!address || (!address.city && !address.region && !country)) return [];
  const parts = locationParts(location);
  const city = address.city;
  // The same city in any form ("Austin", "Greater Austin Area") agrees.
  if (city && parts.some((p) => p === city || p.includes(city) || city.includes(p))) return [];
  const claimed = [address.city, address.region, country].filter(Boolean).join(', ');
  const mismatch = (why: string): RawSignal[] => [{ id: 'profile.location_mismatch', evidence: `LinkedIn location '${location}' ${why}, not the claimed ${claimed}` }];
  if (country === 'US') {
    const state = regionCode('US', address.region);
    const named = parts.map((p) => regionCode('US', p)).filter((s): s is string => s !== undefined);
    if (state && named.length > 0) return named.includes(state) ? [] : mismatch(`is in ${named[0]}`);
  }
  const countries = parts.map(countryCode).filter((c): c is string => c !== null);
  if (country && countries.length > 0 && !countries.includes(country)) return mismatch(`is in ${countries[0]}`);
  // Nothing comparable (a city we cannot place, a region name): no evidence either way.
  return [];
}

export const profileDetector: Detector = {
  name: 'profile',
  family: 'profile',
  detect(record) {
    const profile = record.linkedin;
    if (!profile) return codeHostingSignals(record);
    const submitted = record.submittedMonth;
    const out = revivedAndRenamed(profile.activity, profile.nameChangedAt, submitted);
    if (profile.location) out.push(...locationMismatch(record, profile.location));
    // One rename, counted once: when it is part of the revived-and-renamed pattern, that signal already carries it.
    const renameCounted = out.some((s) => s.id === 'profile.dormant_revived_renamed');
    if (!renameCounted && profile.nameChangedAt !== undefined && submitted - profile.nameChangedAt >= 0 && submitted - profile.nameChangedAt <= NAME_CHANGE_WINDOW) {
      out.push({ id: 'profile.name_changed_recently', evidence: `the LinkedIn profile's name was changed ${formatMonth(profile.nameChangedAt)}, ${submitted - profile.nameChangedAt} month(s) before this application` });
    }
    const start = careerStart(record);
    const career = start !== undefined ? submitted - start : undefined;
    if (career !== undefined && career >= SENIOR_CAREER_MONTHS) {
      if (profile.createdAt !== undefined && submitted - profile.createdAt < 12 && submitted - profile.createdAt >= 0) {
        out.push({ id: 'profile.younger_than_career', evidence: `the LinkedIn profile was created ${formatMonth(profile.createdAt)} but presents a career from ${formatMonth(start!)} (${(career / 12).toFixed(0)} years)` });
      }
      if (profile.connections !== undefined && profile.connections < 50) {
        out.push({ id: 'profile.few_connections_for_seniority', evidence: `${profile.connections} LinkedIn connections for a career from ${formatMonth(start!)} (${(career / 12).toFixed(0)} years)` });
      }
    }
    out.push(...codeHostingSignals(record));
    return out;
  },
};
