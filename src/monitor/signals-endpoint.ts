import type { RawSignal } from '../detect/types.js';
import { matchUsb, type ToolEntry } from '../reference/telemetry-catalogue.js';
import { own, type DeviceDay } from './aggregate.js';
import { listSome, type MonitorReference } from './context.js';

/**
 * What ran on and was plugged into the device: remote-access software not on
 * the approved list, mouse jigglers, IP-KVM hardware by USB ids. Pure; the
 * catalogues are data files with sources (data/telemetry/).
 *
 * Weights: IP-KVM 2.5 (x12, a strong signal that can hold on its own: a
 * KVM-over-IP gadget on a company laptop is the laptop-farm tool the DOJ's
 * searches found; IT staff use them on servers, rarely on an employee's laptop), remote-access tool 1.0 (x2.7: support
 * desks and home users run them too, which is why an approved list exists),
 * mouse jiggler 0.4 (x1.5: common among honest employees).
 * A second remote-access tool within four weeks 0.8 (x2.2): one tool is often
 * a support desk's; a second one soon after is a fallback in case one is blocked.
 */
function approved(ref: MonitorReference, tool: ToolEntry): boolean {
  return ref.approvedTools.has(tool.tool.toLowerCase()) || ref.approvedTools.has(tool.process);
}

export function toolSignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const seen = new Map<string, { tool: ToolEntry; spelled: string; days: Set<string>; devices: Set<string> }>();
  for (const d of days) {
    for (const key of Object.keys(d.processes)) {
      const tool = ref.catalogue.tools.get(key);
      if (!tool || tool.kind === 'vpn_client' || approved(ref, tool)) continue;
      const s = seen.get(tool.tool) ?? { tool, spelled: own(d.processNames, key) ?? key, days: new Set(), devices: new Set() };
      s.days.add(d.day);
      s.devices.add(d.deviceId);
      seen.set(tool.tool, s);
    }
  }
  const approvedText = ref.approvedTools.size ? [...ref.approvedTools].join(', ') : 'none';
  return [...seen.values()].map(({ tool, spelled, days: on, devices }) => {
    const dayList = [...on].sort();
    const what = `${tool.tool} (${spelled}) ran on ${[...devices].sort().join(', ')} on ${dayList.length} day(s): ${listSome(dayList)}`;
    return tool.kind === 'mouse_jiggler'
      ? { id: 'telemetry.mouse_jiggler' as const, evidence: `${what}; mouse-jiggler software keeps a session looking active (${ref.catalogue.file.tools}: ${tool.source})` }
      : { id: 'telemetry.remote_access_tool' as const, evidence: `${what}, not on the approved list (approved: ${approvedText}) (${ref.catalogue.file.tools}: ${tool.source})` };
  });
}

/** Days within which a second remote-access tool counts as a fallback for the first ("within weeks", issue 19). */
export const SECOND_TOOL_DAYS = 28;

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * telemetry.second_remote_access_tool: a second unapproved remote-access tool
 * first seen within SECOND_TOOL_DAYS of the first one's first day, on the
 * employee's devices. One tool is often a support desk's; a second one soon
 * after is a fallback kept in case the first is blocked. Silent with one tool
 * or none; approved tools do not count.
 */
export function secondToolSignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const first = new Map<string, { day: string; deviceId: string }>();
  for (const d of days) {
    for (const key of Object.keys(d.processes)) {
      const tool = ref.catalogue.tools.get(key);
      if (!tool || tool.kind !== 'remote_access' || approved(ref, tool)) continue;
      const seen = first.get(tool.tool);
      if (!seen || d.day < seen.day) first.set(tool.tool, { day: d.day, deviceId: d.deviceId });
    }
  }
  if (first.size < 2) return [];
  const order = [...first].sort((a, b) => (a[1].day < b[1].day ? -1 : a[1].day > b[1].day ? 1 : a[0] < b[0] ? -1 : 1));
  const [tool1, at1] = order[0]!;
  const soon = order.slice(1).filter(([, at]) => dayNumber(at.day) - dayNumber(at1.day) <= SECOND_TOOL_DAYS);
  if (soon.length === 0) return [];
  const later = soon.map(([tool, at]) => `${tool} first ran on ${at.deviceId} on ${at.day} (${dayNumber(at.day) - dayNumber(at1.day)} day(s) later)`);
  return [{
    id: 'telemetry.second_remote_access_tool',
    evidence: `${tool1} first ran on ${at1.deviceId} on ${at1.day}; ${later.join('; ')}: ${soon.length + 1} remote-access tools within ${SECOND_TOOL_DAYS} days, none on the approved list`,
  }];
}

export function usbSignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const seen = new Map<string, { name: string; product: string; source: string; days: Set<string>; devices: Set<string> }>();
  for (const d of days) {
    for (const [ids, info] of Object.entries(d.usb)) {
      const [vendorId, productId] = ids.split(':');
      const entry = matchUsb(ref.catalogue, vendorId ?? '', productId ?? '', info.product);
      if (!entry) continue;
      const key = `${ids}|${info.product}`;
      const s = seen.get(key) ?? { name: entry.name, product: info.product, source: entry.source, days: new Set(), devices: new Set() };
      s.days.add(d.day);
      s.devices.add(d.deviceId);
      seen.set(key, s);
    }
  }
  return [...seen].map(([key, s]) => ({
    id: 'telemetry.ip_kvm_device' as const,
    evidence: `USB device ${key.split('|')[0]}${s.product ? ` '${s.product}'` : ''} attached to ${[...s.devices].sort().join(', ')} on ${listSome([...s.days].sort())}: the identity of ${s.name}, a keyboard-video-mouse over IP gadget (${ref.catalogue.file.usb}: ${s.source})`,
  }));
}
