import { join } from 'node:path';
import { readSimpleCsv } from './csv-rows.js';
import { dataDir } from './data-dir.js';

/**
 * The telemetry catalogues (data/telemetry/): remote-access, mouse-jiggler
 * and VPN-client software by process name, IP-KVM hardware by USB ids, IP-KVM
 * and virtual displays by the display they present. Data with sources, not
 * code; loaded once at the edge and passed to the detectors.
 */
export type ToolKind = 'remote_access' | 'mouse_jiggler' | 'vpn_client';
const TOOL_KINDS: readonly string[] = ['remote_access', 'mouse_jiggler', 'vpn_client'];

export interface ToolEntry {
  readonly tool: string;
  readonly kind: ToolKind;
  /** Process base name, lower case, without ".exe". */
  readonly process: string;
  readonly source: string;
}

export interface UsbEntry {
  /** Four lower-case hex digits. */
  readonly vendorId: string;
  readonly productId: string;
  /** Product string it reports; empty: any product string (the ids alone). */
  readonly product: string;
  readonly kind: 'ip_kvm';
  readonly name: string;
  readonly source: string;
}

/**
 * A display identity: the EDID monitor name (descriptor 0xFC), the EDID
 * manufacturer (PNP) id with product code ("TSB:9876", as Windows writes
 * MONITOR\TSB9876), or the display adapter's name.
 */
export interface DisplayEntry {
  readonly kind: 'ip_kvm' | 'virtual_display';
  readonly match: 'monitor_name' | 'edid_ids' | 'adapter';
  /** Lower case; edid_ids as "tsb:9876". */
  readonly value: string;
  readonly name: string;
  readonly source: string;
}

export interface TelemetryCatalogue {
  readonly file: { readonly tools: string; readonly usb: string; readonly displays?: string };
  /** Process key ("anydesk") -> entry. */
  readonly tools: ReadonlyMap<string, ToolEntry>;
  readonly usb: readonly UsbEntry[];
  readonly displays?: readonly DisplayEntry[];
}

/** What a display event reported, as folded (lower-case matching is done here). */
export interface DisplaySeen {
  readonly adapter?: string;
  readonly manufacturerId?: string;
  readonly productCode?: string;
  readonly monitorName?: string;
}

/** The catalogue entry a display matches: by monitor name, manufacturer and product, or adapter name. */
export function matchDisplay(catalogue: TelemetryCatalogue, seen: DisplaySeen): DisplayEntry | undefined {
  const name = seen.monitorName?.trim().toLowerCase();
  const ids = seen.manufacturerId && seen.productCode ? `${seen.manufacturerId}:${seen.productCode}`.toLowerCase() : undefined;
  const adapter = seen.adapter?.trim().toLowerCase();
  return (catalogue.displays ?? []).find((e) =>
    (e.match === 'monitor_name' && e.value === name) || (e.match === 'edid_ids' && e.value === ids) || (e.match === 'adapter' && e.value === adapter));
}

/** "C:\\Program Files\\AnyDesk\\AnyDesk.exe" -> "anydesk". */
export function processKey(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim().toLowerCase();
  return base.endsWith('.exe') ? base.slice(0, -4) : base.endsWith('.app') ? base.slice(0, -4) : base;
}

/** The catalogue entry for a USB device: an entry with its product string first, else one for the ids alone. */
export function matchUsb(catalogue: TelemetryCatalogue, vendorId: string, productId: string, product: string | undefined): UsbEntry | undefined {
  const v = vendorId.toLowerCase();
  const p = productId.toLowerCase();
  const text = (product ?? '').trim().toLowerCase();
  let byIds: UsbEntry | undefined;
  for (const e of catalogue.usb) {
    if (e.vendorId !== v || e.productId !== p) continue;
    if (e.product && e.product.toLowerCase() === text) return e;
    if (!e.product) byIds ??= e;
  }
  return byIds;
}

export function createTelemetryCatalogue(tools: readonly ToolEntry[], usb: readonly UsbEntry[], file: TelemetryCatalogue['file'] = { tools: 'tools', usb: 'usb', displays: 'displays' }, displays: readonly DisplayEntry[] = []): TelemetryCatalogue {
  return { file, tools: new Map(tools.map((t) => [t.process, t])), usb, displays };
}

function readDisplays(file: string): DisplayEntry[] {
  return readSimpleCsv(file).map((r, i): DisplayEntry => {
    const kind = r.kind;
    const match = r.match;
    const ids = match !== 'edid_ids' || /^[A-Z]{3}:[0-9A-F]{4}$/i.test(r.value ?? '');
    if ((kind !== 'ip_kvm' && kind !== 'virtual_display') || (match !== 'monitor_name' && match !== 'edid_ids' && match !== 'adapter') || !r.value || !ids || !r.name || !r.source) {
      throw new Error(`${file}: row ${i + 2} needs kind (ip_kvm|virtual_display), match (monitor_name|edid_ids|adapter), value (edid_ids: ABC:1234), name and source`);
    }
    return { kind, match, value: r.value.toLowerCase(), name: r.name, source: r.source };
  });
}

export function loadTelemetryCatalogue(dir: string = join(dataDir(), 'telemetry')): TelemetryCatalogue {
  const toolsFile = join(dir, 'remote-access-tools.csv');
  const usbFile = join(dir, 'usb-devices.csv');
  const tools = readSimpleCsv(toolsFile).map((r, i): ToolEntry => {
    if (!r.tool || !r.process || !TOOL_KINDS.includes(r.kind ?? '') || !r.source) {
      throw new Error(`${toolsFile}: row ${i + 2} needs tool, kind (${TOOL_KINDS.join('|')}), process and source`);
    }
    return { tool: r.tool, kind: r.kind as ToolKind, process: processKey(r.process), source: r.source };
  });
  const usb = readSimpleCsv(usbFile).map((r, i): UsbEntry => {
    if (!/^[0-9a-f]{4}$/i.test(r.vendorId ?? '') || !/^[0-9a-f]{4}$/i.test(r.productId ?? '') || r.kind !== 'ip_kvm' || !r.name || !r.source) {
      throw new Error(`${usbFile}: row ${i + 2} needs vendorId, productId (4 hex digits), kind (ip_kvm), name and source`);
    }
    return { vendorId: r.vendorId!.toLowerCase(), productId: r.productId!.toLowerCase(), product: r.product ?? '', kind: 'ip_kvm', name: r.name, source: r.source };
  });
  const displaysFile = join(dir, 'displays.csv');
  return createTelemetryCatalogue(tools, usb, { tools: 'data/telemetry/remote-access-tools.csv', usb: 'data/telemetry/usb-devices.csv', displays: 'data/telemetry/displays.csv' }, readDisplays(displaysFile));
}
