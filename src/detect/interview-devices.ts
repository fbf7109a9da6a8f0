import type { EnrichedApplication } from '../normalise/application.js';
import type { VirtualCameraCatalogue } from '../reference/virtual-cameras.js';
import type { RawSignal } from './types.js';

/**
 * interview.virtual_camera: the interview platform reported, as the
 * candidate's camera, a device that is a virtual camera product from the
 * catalogue (data/interview/virtual-cameras.csv): software that presents a
 * picture it makes or changes as a webcam, the way a real-time face swap
 * reaches a call. Weak in the catalogue: streamers and people using a phone
 * as a webcam run the same products.
 *
 * Reads `interviews[].cameraDevices` only; silent when no interview reports
 * a device or no catalogue is loaded. A device name is matched, never the
 * person.
 */
export function virtualCameraSignals(record: EnrichedApplication, catalogue: VirtualCameraCatalogue | undefined): RawSignal[] {
  if (!catalogue || record.interviews.length === 0) return [];
  const seen: string[] = [];
  record.interviews.forEach((iv, i) => {
    for (const device of iv.cameraDevices ?? []) {
      const entry = catalogue.match(device);
      if (!entry) continue;
      const when = iv.at ? ` on ${iv.at.slice(0, 10)}` : '';
      const shown = device.length > 80 ? `${device.slice(0, 77)}...` : device;
      seen.push(`interview ${i + 1}${when}: the platform reported camera '${shown}', the virtual camera ${entry.product} (${entry.source})`);
    }
  });
  return seen.length > 0 ? [{ id: 'interview.virtual_camera', evidence: seen.join('; ') }] : [];
}
