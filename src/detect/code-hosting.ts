import { samePerson } from '../match/same-person.js';
import type { NormalCodeHost, NormalCommitIdentity } from '../normalise/application-extras.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { formatMonth, type MonthIndex } from '../normalise/date.js';
import type { RawSignal } from './types.js';

/**
 * Code-hosting accounts (GitHub and similar) from the profile data supplied
 * with the application (profiles.codeHosting: contributions per month,
 * commit identities, repositories). Nothing is fetched: what is not supplied
 * is not judged. Public reporting on DPRK IT workers (SEAL Frameworks, 2025)
 * describes accounts bought or revived after years of silence, histories
 * filled with other people's commits, and portfolios of copied repositories.
 *
 * Weights (log-odds, src/catalogue/signals.ts) and why:
 * - code_host_commit_identity_mismatch 1.0 (x2.7): most commits authored by
 *   people who are not the applicant (names compared as the linkage index
 *   does: nicknames, order, initials, romanisation; a handle or a hidden
 *   address is neither theirs nor someone else's); bots are ignored. Pair
 *   work and imported history explain some.
 * - code_host_dormant_burst 0.7 (x2), weak: people who worked in private
 *   repositories start publishing when they look for work.
 * - code_host_forks_copied 0.6 (x1.8), weak: bootcamps and tutorials have
 *   students fork many repositories in a week.
 */

/** Account age, silence and burst, in months; contributions in the burst. */
const OLD_MONTHS = 24;
const SILENT_MONTHS = 24;
const BURST_MONTHS = 3;
const BURST_MIN = 30;
const MISMATCH_MIN_COMMITS = 10;
const FORKS_MIN = 5;
const FORK_WINDOW_DAYS = 14;
const BOT = /\[bot\]|^(dependabot|renovate|github-actions|greenkeeper|snyk-bot)\b/i;

const hostName = (host: NormalCodeHost, i: number): string => host.url ?? `code-hosting account ${i + 1}`;

function dormantBurst(host: NormalCodeHost, label: string, submitted: MonthIndex): string | undefined {
  if (host.createdAt === undefined || submitted - host.createdAt < OLD_MONTHS + BURST_MONTHS) return undefined;
  const burstStart = submitted - BURST_MONTHS;
  let burst = 0;
  let lastBefore: MonthIndex | undefined;
  for (const c of host.contributions) {
    if (c.month > submitted) continue;
    if (c.month >= burstStart) burst += c.count;
    else lastBefore = c.month;
  }
  if (burst < BURST_MIN) return undefined;
  const silentSince = lastBefore ?? host.createdAt;
  if (burstStart - silentSince < SILENT_MONTHS) return undefined;
  const before = lastBefore === undefined ? 'no contribution at all' : `none since ${formatMonth(lastBefore)}`;
  return `${label}, created ${formatMonth(host.createdAt)}, shows ${before}, then ${burst} contributions from ${formatMonth(burstStart)} to ${formatMonth(submitted)}`;
}

type Whose = 'applicant' | 'other' | 'unknown';

function whose(identity: NormalCommitIdentity, record: EnrichedApplication): Whose {
  const raw = `${identity.name?.raw ?? ''} ${identity.email?.raw ?? ''}`;
  if (BOT.test(identity.name?.raw ?? '') || BOT.test(identity.email?.raw ?? '') || !raw.trim()) return 'unknown';
  const mailbox = identity.email?.mailbox;
  if (mailbox && record.applicant.emails.some((e) => e.mailbox === mailbox)) return 'applicant';
  const name = identity.name;
  // A handle ("dreyes") or a single word is no person's full name: neither the applicant's nor another's.
  if (!name || name.tokens.length < 2) return 'unknown';
  return samePerson(record.applicant.name, name).same ? 'applicant' : 'other';
}

function identityMismatch(host: NormalCodeHost, label: string, record: EnrichedApplication): string | undefined {
  let mine = 0;
  let others = 0;
  const listed: NormalCommitIdentity[] = [];
  for (const identity of host.commitIdentities) {
    const w = whose(identity, record);
    if (w === 'applicant') mine += identity.commits;
    else if (w === 'other') {
      others += identity.commits;
      listed.push(identity);
    }
  }
  if (others < MISMATCH_MIN_COMMITS || others <= mine) return undefined;
  const shown = listed
    .sort((a, b) => b.commits - a.commits)
    .slice(0, 3)
    .map((i) => `'${i.name!.raw}'${i.email ? ` <${i.email.raw}>` : ''} (${i.commits})`)
    .join(', ');
  return `${others} of ${others + mine} attributable commits on ${label} are by ${shown}${listed.length > 3 ? ` and ${listed.length - 3} more` : ''}, not by ${record.applicant.name.raw} or a mailbox of the application`;
}

function dayOf(text: string | undefined): number | undefined {
  const m = text ? /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1) : undefined;
}

function forksCopied(host: NormalCodeHost, label: string): string | undefined {
  const repos = host.repositories;
  const forks = repos.filter((r) => r.fork);
  if (forks.length < FORKS_MIN || forks.length * 3 < repos.length * 2) return undefined;
  const days = forks.map((r) => dayOf(r.createdAt)).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
  let best = 0;
  let bestStart = 0;
  for (let i = 0, j = 0; j < days.length; j++) {
    while (days[j]! - days[i]! > FORK_WINDOW_DAYS * 86_400_000) i++;
    if (j - i + 1 > best) [best, bestStart] = [j - i + 1, days[i]!];
  }
  if (best < FORKS_MIN || best * 2 < repos.length) return undefined;
  const from = new Date(bestStart).toISOString().slice(0, 10);
  return `${forks.length} of ${repos.length} repositories on ${label} are forks, ${best} of them created within ${FORK_WINDOW_DAYS} days from ${from}`;
}

export function codeHostingSignals(record: EnrichedApplication): RawSignal[] {
  const hosts = record.codeHosting;
  if (!hosts?.length) return [];
  const found: Record<'burst' | 'mismatch' | 'forks', string[]> = { burst: [], mismatch: [], forks: [] };
  hosts.forEach((host, i) => {
    const label = hostName(host, i);
    const burst = dormantBurst(host, label, record.submittedMonth);
    if (burst) found.burst.push(burst);
    const mismatch = identityMismatch(host, label, record);
    if (mismatch) found.mismatch.push(mismatch);
    const forks = forksCopied(host, label);
    if (forks) found.forks.push(forks);
  });
  const out: RawSignal[] = [];
  if (found.burst.length) out.push({ id: 'profile.code_host_dormant_burst', evidence: found.burst.join('; ') });
  if (found.mismatch.length) out.push({ id: 'profile.code_host_commit_identity_mismatch', evidence: found.mismatch.join('; ') });
  if (found.forks.length) out.push({ id: 'profile.code_host_forks_copied', evidence: found.forks.join('; ') });
  return out;
}
