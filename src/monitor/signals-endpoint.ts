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
 */
function approved(ref: MonitorReference, tool: ToolEntry): boolean {
  return ref.approvedTools.has(tool.tool.toLowerCase()) || ref.approvedTools.has(tool.process);
}

export function toolSignals(days: readonly DeviceDay[], ref: MonitorReference): RawSignal[] {
  const seen = new Map<string, { tool: ToolEntry; spelled: string; days: Set<string>; devices: Set<string> }>();
  for (const d of days) {
    for (const key of Object.keys(d.processes)) {
      const tool = ref.catalogue.tools.get(key);
      if (!tool || approved(ref, tool)) continue;
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
