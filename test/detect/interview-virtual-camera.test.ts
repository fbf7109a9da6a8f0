/**
 * interview.virtual_camera: a camera device the interview platform reported
 * that is a catalogued virtual camera (data/interview/virtual-cameras.csv)
 * raises the signal, naming the device, the product and its source; a
 * built-in or USB webcam raises nothing; no devices or no catalogue, nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/catalogue/signals.js';
import { interviewDetector } from '../../src/detect/interview.js';
import { virtualCameraSignals } from '../../src/detect/interview-devices.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { createVirtualCameraCatalogue, deviceKey, loadVirtualCameras } from '../../src/reference/virtual-cameras.js';
import { application, baseApplication, context } from '../helpers/applications.js';

function withInterviews(interviews: Record<string, unknown>[]): EnrichedApplication {
  return normaliseApplication(application((a) => void (a.interviews = interviews)));
}
const call = { at: '2025-11-12T16:00:00Z', mode: 'video', cameraOn: true, flags: [] };
const detect = (interviews: Record<string, unknown>[]) => interviewDetector.detect(withInterviews(interviews), context.detect);

describe('interview.virtual_camera', () => {
  it('OBS Virtual Camera reported by the platform raises the weak signal with device, product and source', () => {
    const s = detect([{ ...call, cameraDevices: ['OBS Virtual Camera'] }]);
    expect(s).toEqual([
      {
        id: 'interview.virtual_camera',
        evidence: "interview 1 on 2025-11-12: the platform reported camera 'OBS Virtual Camera', the virtual camera OBS Virtual Camera (OBS Studio 26.1 and later) (OBS Project knowledge base: Virtual Camera Guide https://obsproject.com/kb/virtual-camera-guide)",
      },
    ]);
    expect(SIGNALS['interview.virtual_camera'].weak).toBeDefined();
  });

  it('spelling of the device name does not matter; several interviews give one signal', () => {
    const s = detect([
      { ...call, cameraDevices: ['Integrated Camera', 'ManyCam Virtual Webcam'] },
      { ...call, at: '2025-11-19T15:00:00Z', cameraDevices: ['droidcam_source_3'] },
    ]);
    expect(s.map((x) => x.id)).toEqual(['interview.virtual_camera']);
    expect(s[0]!.evidence).toContain("interview 1 on 2025-11-12: the platform reported camera 'ManyCam Virtual Webcam', the virtual camera ManyCam Virtual Webcam");
    expect(s[0]!.evidence).toContain("; interview 2 on 2025-11-19: the platform reported camera 'droidcam_source_3', the virtual camera DroidCam");
  });

  it('a built-in or USB webcam stays quiet, as do no devices and no catalogue', () => {
    expect(detect([{ ...call, cameraDevices: ['FaceTime HD Camera', 'Logitech BRIO', 'Integrated Webcam', 'Microsoft Camera Front'] }])).toEqual([]);
    expect(detect([call])).toEqual([]);
    expect(detect([])).toEqual([]);
    expect(virtualCameraSignals(withInterviews([{ ...call, cameraDevices: ['OBS Virtual Camera'] }]), undefined)).toEqual([]);
  });

  it('the record contract takes at most 20 devices per interview', () => {
    const record = (n: number) => ({ ...baseApplication(), interviews: [{ ...call, cameraDevices: Array.from({ length: n }, (_, i) => `Camera ${i}`) }] });
    expect(ApplicationSchema.safeParse(record(20)).success).toBe(true);
    expect(ApplicationSchema.safeParse(record(21)).success).toBe(false);
  });

  it('the shipped catalogue loads, every row with a source', () => {
    const catalogue = loadVirtualCameras();
    expect(catalogue.entries.map((e) => e.id)).toEqual(['obs-virtual-camera', 'obs-camera', 'manycam', 'droidcam', 'xsplit-vcam', 'snap-camera', 'splitcam', 'camtwist', 'iriun']);
    expect(catalogue.entries.every((e) => /https?:\/\//.test(e.source))).toBe(true);
    expect(catalogue.match('OBS-Camera')?.id).toBe('obs-camera');
    expect(catalogue.match('')).toBeUndefined();
  });
});

describe('deviceKey', () => {
  it('is idempotent, case-blind and reads spaces, hyphens and underscores alike', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const key = deviceKey(name);
        expect(deviceKey(key)).toBe(key);
        expect(key.length).toBeLessThanOrEqual(256);
        expect(key).not.toMatch(/[_-]|\s\s|^\s|\s$/);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 _-]{0,40}$/), (name) => {
        expect(deviceKey(name.toUpperCase())).toBe(deviceKey(name.toLowerCase().replace(/ /g, '_')));
      }),
    );
  });

  it('a catalogue matches whatever contains a pattern, read the same way', () => {
    const catalogue = createVirtualCameraCatalogue([{ id: 'x', pattern: 'Acme Virtual-Cam', product: 'Acme', source: 'https://example.org' }]);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{0,10}$/), fc.stringMatching(/^[a-z0-9]{0,10}$/), (before, after) => {
        expect(catalogue.match(`${before} ACME_virtual cam ${after}`)?.id).toBe('x');
      }),
    );
  });
});
