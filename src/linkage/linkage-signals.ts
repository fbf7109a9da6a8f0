import type { SignalId } from '../catalogue/signals.js';
import type { RawSignal } from '../detect/types.js';
import { KIND_LABEL, type IdentifierKind } from './identifiers.js';
import type { ClusterMember, LinkedApplication, LinkResult } from './types.js';

/**
 * Linkage evidence from what the index found (pure). Only links to a
 * DIFFERENT identity count: one person applying to several jobs, with the
 * same phone, mailbox and laptop every time, raises nothing.
 *
 * Weights (catalogue, log-odds) and why:
 * - phone 2.1, mailbox 2.3, payroll 2.5, profile 2.0, photo 2.0: personal
 *   identifiers; two people rarely share one (FBI 2025: cross-reference
 *   contact information, reuse across applicants).
 * - device 1.8: a fingerprint can be a shared family computer or a library
 *   (a computer shared with someone who claims this home is the home: not raised).
 * - a home's IP, computer and shipped laptops with identities that claim the
 *   same home: counted once, in the home address signal (HOUSEHOLD_KINDS).
 * - resume 1.8: the same resume with the names swapped (Amazon 2025,
 *   anomalies across applications); templates make honest near-copies rarer
 *   than shared phones but not unknown.
 * - shipping address 1.6: laptops for several hires at one address is the
 *   laptop-farm pattern (FBI 2024); home address 1.0: families share homes.
 * - IP 0.6, reference 0.6: offices, campuses, VPN exits and colleagues.
 * - reference_is_other_applicant 1.6: a reference's phone or mailbox is
 *   another identity's own (or this applicant's own was given as a reference
 *   by another identity): referees who are the ring (FBI 2025: verify
 *   references). A real colleague who also applied explains some, so below
 *   the personal identifiers.
 * - one identity with 3+ phones or mailboxes in its cluster 1.2: a person
 *   keeps one or two; an identity worked by several operators (a stolen or
 *   rented identity, Amazon 2025) collects one per operator.
 * - cluster of 3+ identities 1.0 (scaled up to 5), cluster holding an
 *   application a reviewer held 2.0, burst 1.0.
 * The family cap (score config, linkage: 4) keeps the sum bounded.
 */
export interface LinkageSignalOptions {
  /** Ids of applications a reviewer held or confirmed. */
  readonly held?: ReadonlySet<string>;
  readonly burstWindowHours?: number;
  readonly burstMin?: number;
  /**
   * This application's session IP is a listed hosting, commercial VPN or
   * proxy exit (Detected.sessionIpHosting): sharing it is no link between
   * people, so no shared-IP signal and no burst from it.
   */
  readonly sessionIpHosting?: boolean;
}

const SHARED: Partial<Record<IdentifierKind, SignalId>> = {
  phone: 'linkage.shared_phone_other_identity',
  email: 'linkage.shared_email_other_identity',
  device: 'linkage.shared_device_other_identity',
  profile: 'linkage.shared_profile_other_identity',
  address: 'linkage.shared_address_other_identity',
  shippingAddress: 'linkage.shared_shipping_address_other_identity',
  payroll: 'linkage.shared_payroll_other_identity',
  ip: 'linkage.shared_ip_other_identity',
  referencePhone: 'linkage.shared_reference_other_identity',
  referenceEmail: 'linkage.shared_reference_other_identity',
};
const LISTED = 3;

/** "gh-1 (Kevin Park), gh-2 (Alan Smith) and 3 more". */
export function listApplications(apps: readonly { id: string; name: string }[], more = false): string {
  const shown = apps.slice(0, LISTED).map((a) => `${a.id} (${a.name})`).join(', ');
  const rest = apps.length - LISTED;
  if (rest > 0) return `${shown} and ${rest}${more ? '+' : ''} more`;
  return more ? `${shown} and more` : shown;
}

/** How an identifier reads in evidence: addresses with commas, hashes shortened. */
export function displayValue(kind: IdentifierKind, value: string): string {
  if (kind === 'address' || kind === 'shippingAddress') return value.split(/[|,]/).filter(Boolean).join(', ');
  if (kind === 'payroll') return value.length > 20 ? `${value.slice(0, 16)}…` : value;
  return value;
}

function hoursApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 3_600_000;
}

/**
 * What a shared home explains: the router's IP, the family computer and laptops shipped home
 * come with the home. When every other identity on one of these links also claims this
 * applicant's home address, the link is the home seen again, not a second clue: given two
 * people who live together, sharing the home's IP is near-certain (LR about 1), a computer
 * (about one household in four in the labelled mix's judgement) and a laptop shipped home are
 * expected, and the public cases' rings do not claim one home (their identities are stolen
 * ones at the victims' addresses; their farms are shipping addresses). So the home address
 * signal (weak: families share homes) names them and they are not raised on their own.
 */
const HOUSEHOLD_KINDS: ReadonlySet<IdentifierKind> = new Set(['device', 'ip', 'shippingAddress']);
const appKey = (a: { source: string; id: string }): string => `${a.source}\u0000${a.id}`;

export function linkageSignals(result: LinkResult, options: LinkageSignalOptions = {}): RawSignal[] {
  const out: RawSignal[] = [];
  const fired = new Set<SignalId>();
  // A hosting or VPN exit is a door strangers share, not an identifier of anyone: no link through it counts.
  const identifiers = options.sessionIpHosting ? result.identifiers.filter((l) => l.kind !== 'ip') : result.identifiers;
  const homeLink = identifiers.find((l) => l.kind === 'address' && l.earlier.some((e) => !e.sameIdentity));
  const home = new Set((homeLink?.earlier ?? []).filter((e) => !e.sameIdentity).map(appKey));
  const withHome: string[] = [];
  for (const link of identifiers) {
    // The kind first: judging every name on a busy link (an IP network lists up to maxPerIdentifier) is the costly part.
    if (!HOUSEHOLD_KINDS.has(link.kind)) continue;
    const others = link.earlier.filter((e) => !e.sameIdentity);
    if (others.length === 0 || !others.every((e) => home.has(appKey(e)))) continue;
    withHome.push(`${KIND_LABEL[link.kind]} ${displayValue(link.kind, link.value)}`);
  }
  for (const link of identifiers) {
    const id = SHARED[link.kind];
    if (!id || fired.has(id)) continue;
    const others = link.earlier.filter((e) => !e.sameIdentity);
    if (others.length === 0) continue;
    if (HOUSEHOLD_KINDS.has(link.kind) && others.every((e) => home.has(appKey(e)))) continue;
    fired.add(id);
    const shared = link === homeLink && withHome.length > 0 ? ` (who live there also share ${withHome.join(', ')}: one household, counted once)` : '';
    const evidence = `${KIND_LABEL[link.kind]} ${displayValue(link.kind, link.value)} also on ${listApplications(others, link.truncated)}${shared}`;
    // A hub (more sharers than the index reads: office network, shared template) says less about this one applicant.
    out.push(link.truncated ? { id, evidence, strength: 0.5 } : { id, evidence });
  }
  const roles = roleEvidence(result);
  if (roles) out.push(roles);
  const photoOthers = result.photos.filter((p) => !p.sameIdentity);
  if (photoOthers.length > 0) {
    const closest = Math.min(...photoOthers.map((p) => p.distance));
    out.push({ id: 'linkage.similar_photo_other_identity', evidence: `photo hash within ${closest} bits of 64 of the photo on ${listApplications(photoOthers)}` });
  }
  const resume = resumeEvidence(result);
  if (resume) out.push(resume);
  const cluster = result.cluster;
  if (cluster && cluster.identities >= 3) {
    out.push({
      id: 'linkage.cluster_many_identities',
      evidence: `cluster ${cluster.id} links ${cluster.size} applications under ${cluster.identities}${cluster.identities >= 16 ? '+' : ''} different identities`,
      strength: Math.min(1, (cluster.identities - 2) / 3),
    });
  }
  const held = options.held;
  if (cluster && held && held.size > 0) {
    const hits = cluster.members.filter((m) => m.id !== result.id && held.has(m.id));
    if (hits.length > 0) out.push({ id: 'linkage.cluster_contains_held', evidence: `cluster ${cluster.id} contains ${listApplications(hits)}, held or confirmed by a reviewer` });
  }
  const identity = result.identity;
  if (identity) {
    const counts = [identity.phones >= 2 ? `${identity.phones} different phones` : '', identity.mailboxes >= 2 ? `${identity.mailboxes} different mailboxes` : ''].filter(Boolean).join(' and ');
    out.push({ id: 'linkage.identity_many_contacts', evidence: `${result.name} appears on ${identity.applications.length} linked applications with ${counts}: ${listApplications(identity.applications.filter((a) => a.id !== result.id))} and this one` });
  }
  const burst = burstOf(result, identifiers, options.burstWindowHours ?? 24, options.burstMin ?? 5);
  if (burst) out.push({ id: 'linkage.burst', evidence: burst });
  return out;
}

/** "reference phone X is the own phone of ..." / "phone X is given as a reference's phone on ...", other identities only. */
function roleEvidence(result: LinkResult): RawSignal | undefined {
  const parts: string[] = [];
  let hub = true;
  for (const role of result.roles ?? []) {
    const others = role.earlier.filter((e) => !e.sameIdentity);
    if (others.length === 0) continue;
    if (!role.truncated) hub = false;
    const shown = displayValue(role.kind, role.value);
    const listed = listApplications(others, role.truncated);
    parts.push(role.kind === 'device'
      ? `device ${shown} answered the reference check of ${listed}`
      : role.kind === 'referenceDevice'
        ? `the reference check was answered from device ${shown}, the device of ${listed}`
        : role.kind === 'referencePhone' || role.kind === 'referenceEmail'
          ? `${KIND_LABEL[role.kind]} ${shown} is the own ${KIND_LABEL[role.otherKind]} of ${listed}`
          : `${KIND_LABEL[role.kind]} ${shown} is given as a ${KIND_LABEL[role.otherKind]} on ${listed}`);
  }
  if (parts.length === 0) return undefined;
  const evidence = parts.join('; ');
  // Every match a hub (an office switchboard named by many): half, as for shared identifiers.
  return hub ? { id: 'linkage.reference_is_other_applicant', evidence, strength: 0.5 } : { id: 'linkage.reference_is_other_applicant', evidence };
}

/**
 * The near-duplicate resumes under other identities, most alike first. A template shared by
 * more applications than the index reads (resumesTruncated) says less about this applicant:
 * half strength, and its names are compared only until three others are found.
 */
function resumeEvidence(result: LinkResult): RawSignal | undefined {
  const alike = [...result.resumes].sort((a, b) => b.similarity - a.similarity);
  const hub = result.resumesTruncated === true;
  const others: typeof alike = [];
  for (const r of alike) {
    if (hub && others.length === LISTED) break;
    if (!r.sameIdentity) others.push(r);
  }
  if (others.length === 0) return undefined;
  const pct = Math.round(others[0]!.similarity * 100);
  const evidence = `resume ${pct} % the same (names, dates and numbers aside) as the resume on ${listApplications(others, hub)}${hub ? ' (a template: more applications share it than the index reads)' : ''}`;
  return hub ? { id: 'linkage.resume_near_duplicate_other_identity', evidence, strength: 0.5 } : { id: 'linkage.resume_near_duplicate_other_identity', evidence };
}

/** The largest group of applications within the window, sharing one identifier or the cluster, with another identity among them. */
function burstOf(result: LinkResult, identifiers: LinkResult['identifiers'], windowHours: number, min: number): string | undefined {
  let best: { count: number; what: string } | undefined;
  const consider = (what: string, apps: readonly (LinkedApplication | ClusterMember)[]): void => {
    const near = apps.filter((a) => a.id !== result.id && hoursApart(a.submittedAt, result.submittedAt) <= windowHours);
    if (near.length + 1 < min) return;
    const otherIdentity = near.some((a) => !('sameIdentity' in a) || !a.sameIdentity);
    if (near.length + 1 >= min && otherIdentity && (!best || near.length + 1 > best.count)) best = { count: near.length + 1, what };
  };
  // An IP network (/24) is a neighbourhood of an ISP, not an identifier of anyone: no burst from it.
  for (const link of identifiers) if (link.kind !== 'ipPrefix') consider(`${KIND_LABEL[link.kind]} ${displayValue(link.kind, link.value)}`, link.earlier);
  if (result.cluster && result.cluster.identities >= 2) consider(`cluster ${result.cluster.id}`, result.cluster.members);
  return best ? `${best.count} applications within ${windowHours} h from ${best.what}, under more than one identity` : undefined;
}
