import type { ScreeningResult } from '../../score/result-contract.js';
import { ROLES, type Role } from '../../store/index.js';

/**
 * Roles and what each may do, as one table. A route names the permission it
 * needs; `can(role, permission)` is the only check. Organisation is checked
 * separately (`checkOrgAccess`): a permission never crosses organisations.
 */

// The roles are stored with each key, so the store defines them; this module says what each may do.
export { ROLES, type Role };

export const PERMISSIONS = [
  'result:band', // a screening result's id, score and band
  'result:evidence', // its signals, evidence and cluster (every read is audited)
  'application:write', // submit applications (single, batch, ATS webhooks)
  'application:read', // read a stored application record
  'network:read', // the cluster/network an application belongs to
  'case:read', // review queue, verification plans, decisions
  'case:write', // decide, annotate
  'verification:read', // whether an application waits for verification, and the questions to ask (never evidence)
  'policy:read', // the case policy (SLA, which bands open cases, four eyes)
  'alerts:read', // post-hire alerts
  'employees:read', // hired employees from telemetry: devices, alerts with evidence, cases (every read is audited)
  'telemetry:write', // post-hire telemetry ingest
  'data:read', // reference-data status
  'metrics:read', // operational metrics: requests and latencies of the whole service, every organisation's
  'config:write', // scoring and policy configuration
  'watchlist:write', // organisation watchlists
  'keys:manage', // create and revoke API keys
  'audit:read', // the audit log and its verification
  'intel:read', // TAXII 2.1: the organisation's collection of confirmed-fraud indicators, keyed (docs/SHARING.md)
  'intel:write', // TAXII 2.1: add keyed indicators to the organisation's inbox collection
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The matrix. Recruiters see bands only; analysts see evidence and work
 * cases; admins configure (and, holding `keys:manage`, could mint any role:
 * every key creation is audited) and read the operational metrics, which
 * count every organisation's requests; auditors read the audit log and
 * nothing else. Admin does not read evidence by default: reading evidence is an
 * analyst's act and is logged as one.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  recruiter: ['result:band', 'application:write', 'data:read', 'verification:read'],
  analyst: [
    'result:band',
    'result:evidence',
    'application:write',
    'application:read',
    'network:read',
    'case:read',
    'case:write',
    'verification:read',
    'policy:read',
    'alerts:read',
    'employees:read',
    'data:read',
  ],
  admin: ['result:band', 'application:write', 'telemetry:write', 'data:read', 'metrics:read', 'config:write', 'policy:read', 'watchlist:write', 'keys:manage'],
  // Auditors read every case (and its evidence, through the case) and every employee's, and write nothing.
  auditor: ['audit:read', 'data:read', 'case:read', 'verification:read', 'policy:read', 'employees:read'],
  // Consortium members' TAXII clients (docs/SHARING.md): keyed indicators and nothing else, not even a band.
  intel: ['intel:read'],
  'intel-writer': ['intel:read', 'intel:write'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles that hold a permission (for documentation and the OpenAPI description). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}

export type { ScreeningResult };
export type ResultBand = Pick<ScreeningResult, 'id' | 'score' | 'band'>;

/**
 * What a role may see of a screening result: everything with
 * `result:evidence`; only id, score and band with `result:band` (no signal,
 * evidence or cluster, which would tell a recruiter why); nothing otherwise.
 */
export function resultViewFor(role: Role, result: ScreeningResult): ScreeningResult | ResultBand | undefined {
  if (can(role, 'result:evidence')) return result;
  if (can(role, 'result:band')) return { id: result.id, score: result.score, band: result.band };
  return undefined;
}

/** Who is calling: from a verified API key. */
export interface Principal {
  readonly keyPrefix: string;
  readonly role: Role;
  readonly orgId: string;
}

export type OrgCheck = { readonly ok: true } | { readonly ok: false; readonly status: 404 };

/**
 * Every organisation a request touches (the path's resource, and every id
 * inside the body resolved to its organisation by the caller) must be the
 * caller's. An id that resolves to no organisation (`undefined`: not found)
 * is refused the same way, so a foreign id and a missing one answer alike
 * (404) and nobody learns which ids exist elsewhere.
 */
export function checkOrgAccess(principal: Principal, resourceOrgIds: Iterable<string | undefined>): OrgCheck {
  for (const orgId of resourceOrgIds) {
    if (orgId === undefined || orgId !== principal.orgId) return { ok: false, status: 404 };
  }
  return { ok: true };
}

/** Role and organisation together: 403 when the role lacks the permission, 404 when an organisation is not the caller's. */
export function authorize(
  principal: Principal,
  permission: Permission,
  resourceOrgIds: Iterable<string | undefined> = [],
): { readonly ok: true } | { readonly ok: false; readonly status: 403 | 404 } {
  if (!can(principal.role, permission)) return { ok: false, status: 403 };
  return checkOrgAccess(principal, resourceOrgIds);
}
