import { formatMonth } from '../normalise/date.js';
import type { NormalEducation } from '../normalise/application.js';
import { isAcademicDomain, isUnder, registrableDomain } from '../reference/education/domains.js';
import type { EducationReference } from '../reference/education/education-reference.js';
import type { UsInstitution } from '../reference/education/institution-lists.js';
import { CERTAIN_TIERS, type InstitutionMatch } from '../reference/education/institution-match.js';
import { institutionKey, usInstitutionMarker } from '../reference/education/institution-name.js';
import { levelName, readDegree, readField, type CredentialLevel, type FieldFamily } from '../reference/education/programs.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The education family: claims about schools checked against the schools'
 * public records (College Scorecard for U.S. institutions and their programs,
 * the world university list for names and domains) and against the calendar.
 *
 * Conservative by construction: a name no list knows is "unknown" unless it
 * clearly names a U.S. institution (the lists cover every U.S. Title IV
 * institution, not every school in the world); a program is checked only at
 * institutions the field-of-study data covers; a field or degree the tables
 * cannot read, or an institution known only by a short form or a near
 * spelling, silences the checks that need it. Without education reference
 * data the detector is silent.
 */

/** Thresholds of the duration check, in months, per credential level. */
export const DURATION_LIMITS: Readonly<Partial<Record<CredentialLevel, { min: number; max?: number }>>> = {
  // An associate's in under half a year.
  2: { min: 6 },
  // Two academic years (Aug to May twice over, 20 months) is the least even a transfer student with an
  // associate's spends; over ten years is beyond part-time study with a break (a military service included).
  3: { min: 20, max: 120 },
  // Accelerated one-year master's run 8-9 months; European integrated master's span 5-6 years.
  5: { min: 6, max: 96 },
  // A doctorate in under two years, or over twelve.
  6: { min: 24, max: 144 },
};

/**
 * End months in which no U.S. semester, quarter or trimester calendar ends a
 * term (terms end in Dec/Jan, Mar/Apr, May/Jun and Jul/Aug/Sep). Some
 * universities still confer off-cycle degrees in these months, so the signal
 * is weak and applies to bachelor's degrees only (graduate schools often
 * confer every month).
 */
export const OFF_CALENDAR_MONTHS: ReadonlySet<number> = new Set([2, 10, 11]);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Overlap of two degrees at different schools that counts: a year, and not two legs of one joint program ending together. */
export const OVERLAP_MIN_MONTHS = 12;
export const JOINT_PROGRAM_END_GAP = 6;

interface Claim {
  readonly entry: NormalEducation;
  readonly match?: InstitutionMatch;
  readonly level?: CredentialLevel;
  readonly degreeText?: string;
  readonly field?: FieldFamily;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** 6662 -> "6,662". */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const row = (u: UsInstitution) => `UNITID ${u.unitid}, ${u.name}`;
const span = (e: NormalEducation) => `${formatMonth(e.start!)} to ${e.current ? 'present' : formatMonth(e.end!)}`;

/** One U.S. institution, named by a certain match, with no same-named school abroad. */
function soleUsInstitution(match: InstitutionMatch | undefined): UsInstitution | undefined {
  if (!match || !CERTAIN_TIERS.has(match.tier) || match.us.length !== 1) return undefined;
  return match.world.every((w) => w.country === 'US') ? match.us[0] : undefined;
}

/** U.S. institutions of a certain match with no same-named school abroad (several when the name is ambiguous). */
function usOnly(match: InstitutionMatch | undefined): readonly UsInstitution[] {
  if (!match || !CERTAIN_TIERS.has(match.tier) || match.world.some((w) => w.country !== 'US')) return [];
  return match.us;
}

function notFound(claim: Claim, ref: EducationReference): RawSignal[] {
  const name = claim.entry.institution;
  if (!name || claim.match) return [];
  const why = usInstitutionMarker(name);
  if (!why) return [];
  const p = ref.provenance;
  return [{
    id: 'education.us_institution_not_found',
    evidence: `'${name}' ${why}, but no spelling close to it is among the ${count(p.usInstitutionsListed)} U.S. Title IV institutions of ${p.scorecard} or the ${count(p.worldUniversities)} universities of the ${p.world}; a school closed before that release would be missing too: verify with the registrar`,
  }];
}

function programNotOffered(claim: Claim, ref: EducationReference): RawSignal[] {
  const u = soleUsInstitution(claim.match);
  const { level, field } = claim;
  if (!u || !level || !field || level < 2 || level > 6 || level === 4) return [];
  const offers = ref.programsOf(u.unitid);
  if (!offers) return [];
  const inFamily = field.cips.filter((cip) => offers.has(cip));
  if (inFamily.some((cip) => offers.get(cip)!.has(level))) return [];
  const listed = inFamily.map((cip) => `${cip} ${ref.cipTitle(cip) ?? ''} at ${[...offers.get(cip)!].sort().map(levelName).join(', ')} level`.replace(/\s+at/, ' at'));
  const also = listed.length ? `; it lists ${listed.join('; ')}` : '; it lists no program of that field at any level';
  return [{
    id: 'education.program_not_offered',
    evidence: `Scorecard field of study (${row(u)}) lists no ${field.label} ${levelName(level)} (CIP ${field.cips.join(', ')}) for the claimed ${claim.degreeText ?? levelName(level)}${claim.entry.field ? ` in ${claim.entry.field}` : ''}${also}`,
  }];
}

function offCalendarEnd(claim: Claim): RawSignal[] {
  const { entry, level } = claim;
  if (level !== 3 || entry.current || entry.end === undefined) return [];
  const month = (entry.end % 12) + 1;
  if (!OFF_CALENDAR_MONTHS.has(month)) return [];
  const us = usOnly(claim.match);
  if (!us.length) return [];
  const where = us.length === 1 ? `${us[0]!.name} (Scorecard UNITID ${us[0]!.unitid})` : `${claim.entry.institution} (Scorecard: ${us.map((u) => u.unitid).join(', ')})`;
  return [{
    id: 'education.off_calendar_end',
    evidence: `bachelor's from ${where} ends ${formatMonth(entry.end)}: ${MONTH_NAMES[month - 1]} ends no term of U.S. semester, quarter or trimester calendars (check the registrar's conferral dates: some schools confer off-cycle)`,
  }];
}

function implausibleDuration(claim: Claim, all: readonly Claim[]): RawSignal[] {
  const { entry, level } = claim;
  if (!level || entry.current || entry.start === undefined || entry.end === undefined) return [];
  const limits = DURATION_LIMITS[level];
  const months = entry.end - entry.start;
  if (!limits || months < 0) return [];
  const what = `${levelName(level)}${claim.degreeText ? ` (${claim.degreeText})` : ''}${entry.institution ? ` at ${entry.institution}` : ''}`;
  if (months < limits.min) {
    // Earlier study (an associate's, another school) explains a short bachelor's: transfer credit.
    const earlier = all.some((o) => o !== claim && o.entry.end !== undefined && o.entry.end <= entry.start! + 6);
    if (earlier && level === 3) return [];
    return [{ id: 'education.implausible_duration', evidence: `${what} takes ${plural(months, 'month')} (${span(entry)}); ${level === 3 ? 'even with transfer credit ' : ''}a ${levelName(level)} takes at least ${limits.min} months` }];
  }
  if (limits.max !== undefined && months > limits.max) {
    return [{ id: 'education.implausible_duration', evidence: `${what} takes ${plural(months, 'month')} (${span(entry)}), over ${Math.round(limits.max / 12)} years` }];
  }
  return [];
}

function sameSchool(a: Claim, b: Claim): boolean {
  const ka = institutionKey(a.entry.institution ?? '');
  const kb = institutionKey(b.entry.institution ?? '');
  if (!ka || !kb || ka === kb) return true;
  if (a.match && b.match && a.match.matched === b.match.matched) return true;
  const ua = new Set(a.match?.us.map((u) => u.unitid) ?? []);
  return (b.match?.us ?? []).some((u) => ua.has(u.unitid));
}

function overlappingDegrees(claims: readonly Claim[]): RawSignal[] {
  const full = claims.filter((c) => c.level !== undefined && c.level >= 3 && c.level !== 4 && c.entry.start !== undefined && c.entry.end !== undefined && c.entry.end >= c.entry.start);
  const out: RawSignal[] = [];
  for (let i = 0; i < full.length; i++) {
    for (let j = i + 1; j < full.length; j++) {
      const a = full[i]!;
      const b = full[j]!;
      if (sameSchool(a, b)) continue;
      const overlap = Math.min(a.entry.end!, b.entry.end!) - Math.max(a.entry.start!, b.entry.start!);
      if (overlap < OVERLAP_MIN_MONTHS || Math.abs(a.entry.end! - b.entry.end!) <= JOINT_PROGRAM_END_GAP) continue;
      const say = (c: Claim) => `${levelName(c.level!)} at ${c.entry.institution} (${span(c.entry)})`;
      out.push({ id: 'education.overlapping_degrees', evidence: `${say(a)} and ${say(b)} overlap for ${plural(overlap, 'month')}` });
    }
  }
  return out;
}

/** A domain built on the school's: "utexas.us", "utexas-edu.com", "mail-utexas.net" for utexas.edu. */
function imitates(mailDomain: string, own: string): boolean {
  const label = own.split('.')[0] ?? '';
  const first = mailDomain.split('.')[0] ?? '';
  return label.length >= 4 && first.split('-').includes(label);
}

function mailboxDomainMismatch(claim: Claim, all: readonly Claim[], ref: EducationReference): RawSignal[] {
  const email = claim.entry.email;
  const domain = email?.domain;
  const us = usOnly(claim.match);
  if (!email || !domain || !us.length) return [];
  const own = ref.usDomainsOf(claim.match!);
  if (!own.length) return [];
  const mailDomain = registrableDomain(domain);
  const isOwn = (d: string) => isUnder(domain, d) || mailDomain === d;
  if (own.some(isOwn)) return [];
  // The mailbox of another school the applicant lists is a mix-up, not a pose.
  if (all.some((o) => o !== claim && o.match && ref.usDomainsOf(o.match).some(isOwn))) return [];
  if (all.some((o) => o !== claim && o.match?.world.some((w) => w.domains.some((d) => isOwn(registrableDomain(d)))))) return [];
  // Only a mailbox that poses as a school's is evidence; a personal or work address is just an address.
  const imitated = own.find((d) => imitates(mailDomain, d));
  const owner = ref.ownerOfDomain(mailDomain);
  let why: string | undefined;
  if (imitated) why = `${mailDomain} imitates ${imitated}`;
  else if (owner) why = `${mailDomain} belongs to ${owner}`;
  else if (isAcademicDomain(mailDomain)) why = `${mailDomain} is a school domain, not this one's`;
  if (!why) return [];
  const who = us.length === 1 ? `${us[0]!.name} (Scorecard UNITID ${us[0]!.unitid})` : `${claim.entry.institution}`;
  // The institution's own domains first, then its sister campuses'.
  const first = new Set(us.map((u) => u.domain).filter((d): d is string => Boolean(d)));
  const shown = [...first, ...own.filter((d) => !first.has(d))];
  return [{
    id: 'education.mailbox_domain_mismatch',
    evidence: `education mailbox '${email.raw}' given for ${who} is not on its domains (${shown.slice(0, 4).join(', ')}${shown.length > 4 ? ', ...' : ''}): ${why}`,
  }];
}

export const educationDetector: Detector = {
  name: 'education',
  family: 'education',
  detect(record, context) {
    const ref = context.reference.education;
    if (!ref || record.education.length === 0) return [];
    const claims: Claim[] = record.education.map((entry) => {
      const degree = readDegree(entry.degree);
      return {
        entry,
        match: entry.institution ? ref.findInstitution(entry.institution) : undefined,
        level: degree?.level,
        degreeText: entry.degree,
        field: readField(entry.field ?? degree?.field),
      };
    });
    const out: RawSignal[] = [];
    for (const claim of claims) {
      out.push(
        ...notFound(claim, ref),
        ...programNotOffered(claim, ref),
        ...offCalendarEnd(claim),
        ...implausibleDuration(claim, claims),
        ...mailboxDomainMismatch(claim, claims, ref),
      );
    }
    out.push(...overlappingDegrees(claims));
    return out;
  },
};

