import type { RawSignal } from '../detect/types.js';
import { matchDisplay, type DisplayEntry } from '../reference/telemetry-catalogue.js';
import type { AuthenticatorSeen, DisplayCount } from './aggregate-identity.js';
import { own, type DeviceDay, type EmployeeInfo } from './aggregate.js';
import { listSome, type MonitorReference } from './context.js';

/**
 * What the device presents and whose account answers for it: IP-KVM gadgets
 * by the display identity (EDID) they give the laptop, virtual display
 * adapters, VPN clients publicly tied to these schemes by process name, and
 * one authenticator enrolled on several employees' accounts. Pure; the
 * catalogues are data files with sources (data/telemetry/). Each is silent
 * when its data is absent (no display, process or mfa events, no catalogue).
 *
 * Weights: an IP-KVM's display 2.5 (x12, as its USB identity: the laptop's
 * screen is captured by a KVM-over-IP gadget, the laptop-farm tool the DOJ's
 * searches found); a virtual display 0.4 (x1.5, weak: game streaming, tablets
 * as second screens and headless test rigs install them; a laptop driven
 * remotely with its lid shut needs one); a VPN client publicly tied to the
 * schemes 1.0 (x2.7: expatriates and travellers use the same product);
 * one authenticator on several employees' accounts 2.0 (x7.4: someone
 * answers the second factor for several hires; 0.6 of it for exactly two).
 */

/** An authenticator on more employees' accounts than this is a shared service (a help desk's token), not a person. */
export const SHARED_AUTHENTICATOR_MAX = 10;

const describeDisplay = (d: DisplayCount): string => {
  const parts = [
    d.monitorName !== undefined ? `monitor name '${d.monitorName}'` : '',
    d.manufacturerId !== undefined ? `manufacturer ${d.manufacturerId}${d.productCode !== undefined ? ` product ${d.productCode}` : ''}` : '',
    d.adapter !== undefined ? `adapter '${d.adapter}'` : '',
  ];
  return parts.filter(Boolean).join(', ');
};

export function displaySignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const seen = new Map<DisplayEntry, { what: string; days: Set<string>; devices: Set<string> }>();
  for (const d of days) {
    for (const display of Object.values(d.displays ?? {})) {
      const entry = matchDisplay(ref.catalogue, display);
      if (!entry) continue;
      const s = seen.get(entry) ?? { what: describeDisplay(display), days: new Set(), devices: new Set() };
      s.days.add(d.day);
      s.devices.add(d.deviceId);
      seen.set(entry, s);
    }
  }
  const file = ref.catalogue.file.displays ?? 'displays';
  return [...seen].map(([entry, s]) => {
    const where = `${s.what} on ${[...s.devices].sort().join(', ')} on ${listSome([...s.days].sort())}`;
    return entry.kind === 'ip_kvm'
      ? { id: 'telemetry.ip_kvm_display' as const, evidence: `display with ${where}: the display identity of ${entry.name}, a keyboard-video-mouse over IP gadget capturing the screen (${file}: ${entry.source})` }
      : { id: 'telemetry.virtual_display' as const, evidence: `display with ${where}: ${entry.name}, a virtual display with no screen behind it (${file}: ${entry.source})` };
  });
}

export function vpnClientSignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const seen = new Map<string, { spelled: string; source: string; days: Set<string>; devices: Set<string> }>();
  for (const d of days) {
    for (const key of Object.keys(d.processes)) {
      const tool = ref.catalogue.tools.get(key);
      if (!tool || tool.kind !== 'vpn_client' || ref.approvedTools.has(tool.tool.toLowerCase()) || ref.approvedTools.has(tool.process)) continue;
      const s = seen.get(tool.tool) ?? { spelled: own(d.processNames, key) ?? key, source: tool.source, days: new Set(), devices: new Set() };
      s.days.add(d.day);
      s.devices.add(d.deviceId);
      seen.set(tool.tool, s);
    }
  }
  return [...seen].map(([tool, s]) => ({
    id: 'telemetry.scheme_vpn_client' as const,
    evidence: `${tool} (${s.spelled}) ran on ${[...s.devices].sort().join(', ')} on ${s.days.size} day(s): ${listSome([...s.days].sort())}; a VPN client public reporting ties to DPRK IT-worker schemes (${ref.catalogue.file.tools}: ${s.source})`,
  }));
}

/** Authenticator id -> employee -> what was seen. Built once per run over every employee assessed. */
export type AuthenticatorIndex = Map<string, Map<string, AuthenticatorSeen>>;

export function buildAuthenticatorIndex(employees: Iterable<EmployeeInfo>): AuthenticatorIndex {
  const index: AuthenticatorIndex = new Map();
  for (const e of employees) {
    for (const [id, seen] of Object.entries(e.authenticators ?? {})) {
      const byEmployee = index.get(id) ?? new Map<string, AuthenticatorSeen>();
      byEmployee.set(e.employeeId, seen);
      index.set(id, byEmployee);
    }
  }
  return index;
}

/**
 * telemetry.shared_mfa_authenticator: an authenticator of this employee's
 * account is also enrolled on another employee's account. Employee records
 * that name the same application are one person (a rehire under a new id)
 * and do not count; nor does an authenticator on more than
 * SHARED_AUTHENTICATOR_MAX accounts (a shared service, not a person).
 */
export function sharedAuthenticatorSignals(employee: EmployeeInfo, index: AuthenticatorIndex, employees: Readonly<Record<string, EmployeeInfo>>): RawSignal[] {
  const found: { id: string; method?: string; others: string[]; count: number }[] = [];
  for (const [id, mine] of Object.entries(employee.authenticators ?? {})) {
    const byEmployee = index.get(id);
    if (!byEmployee || byEmployee.size > SHARED_AUTHENTICATOR_MAX) continue;
    const others = [...byEmployee].filter(([e]) => {
      if (e === employee.employeeId) return false;
      const app = own(employees, e)?.applicationId;
      return !(app !== undefined && app === employee.applicationId);
    });
    if (others.length === 0) continue;
    found.push({
      id,
      ...(mine.method !== undefined ? { method: mine.method } : {}),
      others: others.map(([e, seen]) => `${e} (from ${seen.first})`).sort(),
      count: others.length + 1,
    });
  }
  if (found.length === 0) return [];
  found.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  const first = found[0]!;
  const more = found.length > 1 ? `; ${found.length - 1} more authenticator(s) shared` : '';
  const mine = employee.authenticators![first.id]!;
  return [{
    id: 'telemetry.shared_mfa_authenticator',
    strength: first.count >= 3 ? 1 : 0.6,
    evidence: `authenticator ${first.id}${first.method ? ` (${first.method})` : ''} is enrolled on the account of ${employee.employeeId} (from ${mine.first}) and on the account(s) of ${listSome(first.others, 5)}: one second factor answering for ${first.count} employees${more}`,
  }];
}
