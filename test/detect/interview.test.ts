/**
 * The interview family: each interviewer flag and a camera left off raise
 * their signal with the interview's date, mode and notes; an ordinary
 * interview raises nothing. The enriched record carries mode, cameraOn,
 * flags and notes once the normaliser keeps them; here they are added the
 * way it will (as test/detect/geography.test.ts does for interview times).
 */
import { describe, expect, it } from 'vitest';
import { interviewDetector } from '../../src/detect/interview.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';
import { application, context } from '../helpers/applications.js';

function withInterviews(interviews: Record<string, unknown>[]): EnrichedApplication {
  return normaliseApplication(application((a) => void (a.interviews = interviews)));
}
const detect = (interviews: Record<string, unknown>[]) => interviewDetector.detect(withInterviews(interviews), context.detect);
const ids = (interviews: Record<string, unknown>[]) => detect(interviews).map((s) => s.id).sort();
const ordinary = { at: '2025-11-12T16:00:00Z', mode: 'video', cameraOn: true, flags: [] };

describe('interview', () => {
  it('an ordinary video interview raises nothing; no interviews, nothing', () => {
    expect(ids([ordinary])).toEqual([]);
    expect(ids([])).toEqual([]);
    expect(interviewDetector.detect(normaliseApplication(application()), context.detect)).toEqual([]);
  });

  it('interview.camera_off: camera off in a video interview, with the notes', () => {
    const s = detect([{ ...ordinary, cameraOn: false, notes: "Camera 'broken'." }]);
    expect(s.map((x) => x.id)).toEqual(['interview.camera_off']);
    expect(s[0]!.evidence).toBe(`interview 1 on 2025-11-12 (video): camera off; notes: "Camera 'broken'."`);
  });

  it('camera off in a phone screen is not evidence; camera_refused is', () => {
    expect(ids([{ ...ordinary, mode: 'phone', cameraOn: false }])).toEqual([]);
    expect(ids([{ ...ordinary, mode: 'phone', flags: ['camera_refused'] }])).toEqual(['interview.camera_off']);
  });

  it.each([
    ['audio_lag', 'interview.audio_lag'],
    ['reading_answers', 'interview.reading_answers'],
    ['face_mismatch', 'interview.face_mismatch'],
    ['deepfake_suspected', 'interview.deepfake_suspected'],
    ['voice_changer_suspected', 'interview.voice_changer_suspected'],
    ['location_knowledge_failed', 'interview.location_knowledge_failed'],
  ])('flag %s raises %s', (flag, id) => {
    const s = detect([ordinary, { ...ordinary, at: '2025-11-19T16:00:00Z', flags: [flag] }]);
    expect(s.map((x) => x.id)).toEqual([id]);
    expect(s[0]!.evidence).toMatch(/^interview 2 on 2025-11-19 \(video\): flagged '/);
  });

  it('the records.md example: camera off, audio lag and reading answers in one interview', () => {
    expect(ids([{ at: '2025-11-12T16:00:00Z', mode: 'video', cameraOn: false, clientIp: '45.8.22.10', flags: ['audio_lag', 'reading_answers'], notes: "Camera 'broken'; 2 s lag on every answer." }]))
      .toEqual(['interview.audio_lag', 'interview.camera_off', 'interview.reading_answers']);
  });

  it('a flag seen in two interviews is one signal citing both; unknown flags are ignored', () => {
    const s = detect([{ ...ordinary, flags: ['Audio lag'] }, { ...ordinary, flags: ['audio_lag', 'sneezed'] }]);
    expect(s).toHaveLength(1);
    expect(s[0]!.evidence).toContain('interview 1');
    expect(s[0]!.evidence).toContain('interview 2');
  });
});
