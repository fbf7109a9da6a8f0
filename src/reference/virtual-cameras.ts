import { join } from 'node:path';
import { readSimpleCsv } from './csv-rows.js';
import { dataDir } from './data-dir.js';

/**
 * Virtual camera products (data/interview/virtual-cameras.csv): software that
 * presents a picture it makes, or changes, as a webcam. Loaded once at the
 * edge; matching is pure.
 */
export interface VirtualCameraEntry {
  readonly id: string;
  /** Lower case, spaces, hyphens and underscores as single spaces (deviceKey). */
  readonly pattern: string;
  readonly product: string;
  readonly source: string;
}

export interface VirtualCameraCatalogue {
  readonly entries: readonly VirtualCameraEntry[];
  /** The entry whose pattern the device name contains, if any. */
  match(device: string): VirtualCameraEntry | undefined;
}

/** Device names are compared this long at most: a name from outside is data, and the longest pattern is short. */
const DEVICE_KEY_MAX = 256;

/** "OBS-Virtual_Camera " -> "obs virtual camera": lower case, runs of spaces, hyphens and underscores as one space. */
export function deviceKey(name: string): string {
  const key = name.slice(0, DEVICE_KEY_MAX).toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  // Lower case can lengthen a string ('İ' is two code units lower-cased): cut again.
  return key.length > DEVICE_KEY_MAX ? key.slice(0, DEVICE_KEY_MAX).trimEnd() : key;
}

export function createVirtualCameraCatalogue(entries: readonly VirtualCameraEntry[]): VirtualCameraCatalogue {
  const keyed = entries.map((e) => ({ ...e, pattern: deviceKey(e.pattern) }));
  return {
    entries: keyed,
    match(device) {
      const key = deviceKey(device);
      return key ? keyed.find((e) => key.includes(e.pattern)) : undefined;
    },
  };
}

export function virtualCameraEntries(rows: readonly Record<string, string>[], file = 'virtual-cameras.csv'): VirtualCameraEntry[] {
  return rows.map((r, i) => {
    const { id, pattern, product, source } = r;
    if (!id || !pattern || !deviceKey(pattern) || !product || !source) throw new Error(`${file}: row ${i + 2} needs id, pattern, product and source`);
    return { id, pattern, product, source };
  });
}

export function loadVirtualCameras(dir: string = join(dataDir(), 'interview')): VirtualCameraCatalogue {
  return createVirtualCameraCatalogue(virtualCameraEntries(readSimpleCsv(join(dir, 'virtual-cameras.csv')), 'data/interview/virtual-cameras.csv'));
}
