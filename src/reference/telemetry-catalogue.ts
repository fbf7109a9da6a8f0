import { join } from 'node:path';
import { readSimpleCsv } from './csv-rows.js';
import { dataDir } from './data-dir.js';

/**
 * The telemetry catalogues (data/telemetry/): remote-access and mouse-jiggler
 * software by process name, IP-KVM hardware by USB ids. Data with sources,
 * not code; loaded once at the edge and passed to the detectors.
 */
export type ToolKind = 'remote_access' | 'mouse_jiggler';

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

export interface TelemetryCatalogue {
  readonly file: { readonly tools: string; readonly usb: string };
  /** Process key ("anydesk") -> entry. */
  readonly tools: ReadonlyMap<string, ToolEntry>;
  readonly usb: readonly UsbEntry[];
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

export function createTelemetryCatalogue(tools: readonly ToolEntry[], usb: readonly UsbEntry[], file = { tools: 'tools', usb: 'usb' }): TelemetryCatalogue {
  return { file, tools: new Map(tools.map((t) => [t.process, t])), usb };
}

export function loadTelemetryCatalogue(dir: string = join(dataDir(), 'telemetry')): TelemetryCatalogue {
  const toolsFile = join(dir, 'remote-access-tools.csv');
  const usbFile = join(dir, 'usb-devices.csv');
  const tools = readSimpleCsv(toolsFile).map((r, i): ToolEntry => {
    if (!r.tool || !r.process || (r.kind !== 'remote_access' && r.kind !== 'mouse_jiggler') || !r.source) {
      throw new Error(`${toolsFile}: row ${i + 2} needs tool, kind (remote_access|mouse_jiggler), process and source`);
    }
    return { tool: r.tool, kind: r.kind, process: processKey(r.process), source: r.source };
  });
  const usb = readSimpleCsv(usbFile).map((r, i): UsbEntry => {
    if (!/^[0-9a-f]{4}$/i.test(r.vendorId ?? '') || !/^[0-9a-f]{4}$/i.test(r.productId ?? '') || r.kind !== 'ip_kvm' || !r.name || !r.source) {
      throw new Error(`${usbFile}: row ${i + 2} needs vendorId, productId (4 hex digits), kind (ip_kvm), name and source`);
    }
    return { vendorId: r.vendorId!.toLowerCase(), productId: r.productId!.toLowerCase(), product: r.product ?? '', kind: 'ip_kvm', name: r.name, source: r.source };
  });
  return createTelemetryCatalogue(tools, usb, { tools: 'data/telemetry/remote-access-tools.csv', usb: 'data/telemetry/usb-devices.csv' });
}
