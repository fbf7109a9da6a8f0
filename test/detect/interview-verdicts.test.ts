/**
 * Deepfake and voice-clone vendors' verdicts (interviews[].vendorVerdicts):
 * a `synthetic` verdict raises interview.deepfake_suspected or
 * interview.voice_changer_suspected with vendor, score and time as evidence,
 * joined with an interviewer's flag of the same kind into one signal; a
 * `genuine` or `inconclusive` verdict, or another kind of check, stays quiet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interviewDetector } from '../../src/detect/interview.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { application, baseApplication, context, screen } from '../helpers/applications.js';

const call = { at: '2025-11-12T16:00:00Z', mode: 'video', cameraOn: true, flags: [] as string[] };
const detect = (interviews: Record<string, unknown>[]) =>
  interviewDetector.detect(normaliseApplication(application((a) => void (a.interviews = interviews))), context.detect);

describe('vendor verdicts', () => {
  it('a synthetic deepfake verdict is interview.deepfake_suspected with vendor, score and time', () => {
    const s = detect([{ ...call, vendorVerdicts: [{ vendor: 'Reality Defender', check: 'deepfake', verdict: 'Synthetic', score: 0.97, at: '2025-11-12T16:21:40Z' }] }]);
    expect(s).toEqual([
      { id: 'interview.deepfake_suspected', evidence: 'interview 1 on 2025-11-12: vendor verdict Reality Defender deepfake check: synthetic, score 0.97, at 2025-11-12T16:21:40Z' },
    ]);
  });

  it('a synthetic voice-clone verdict is interview.voice_changer_suspected; with the interviewer\'s flag, counted once', () => {
    const interviews = [{ ...call, flags: ['voice_changer_suspected'], vendorVerdicts: [{ vendor: 'Pindrop', check: 'Voice clone', verdict: 'synthetic', score: 0.88 }] }];
    expect(detect(interviews).map((s) => s.id)).toEqual(['interview.voice_changer_suspected', 'interview.voice_changer_suspected']);
    const scored = screen((a) => void (a.interviews = interviews)).signals.filter((s) => s.id === 'interview.voice_changer_suspected');
    expect(scored.map((s) => s.evidence)).toEqual([
      "interview 1 on 2025-11-12 (video): flagged 'voice changer suspected'; interview 1 on 2025-11-12: vendor verdict Pindrop voice-clone check: synthetic, score 0.88",
    ]);
  });

  it('genuine and inconclusive verdicts, and other checks, stay quiet', () => {
    expect(detect([{ ...call, vendorVerdicts: [
      { vendor: 'Reality Defender', check: 'deepfake', verdict: 'genuine', score: 0.03, at: '2025-11-12T16:21:40Z' },
      { vendor: 'Pindrop', check: 'voice_clone', verdict: 'inconclusive', score: 0.51 },
      { vendor: 'Acme', check: 'liveness', verdict: 'synthetic' },
    ] }])).toEqual([]);
    expect(detect([{ ...call, vendorVerdicts: [] }])).toEqual([]);
  });

  it('case, spaces and hyphens of check and verdict do not matter', () => {
    const variant = (words: string[]) => fc.tuple(...words.map((w) => fc.constantFrom(w, w.toUpperCase(), `${w[0]!.toUpperCase()}${w.slice(1)}`)), fc.constantFrom(' ', '-', '_', '  ', ' - ')).map(([...parts]) => {
      const sep = parts.pop()!;
      return ` ${parts.join(sep)} `;
    });
    fc.assert(
      fc.property(variant(['voice', 'clone']), variant(['synthetic']), (check, verdict) => {
        const s = detect([{ ...call, vendorVerdicts: [{ vendor: 'Pindrop', check, verdict }] }]);
        expect(s.map((x) => x.id)).toEqual(['interview.voice_changer_suspected']);
      }),
      { numRuns: 50 },
    );
  });

  it('the record contract: vendor, check and verdict required, score 0 to 1, at most 20 verdicts', () => {
    const record = (verdicts: unknown[]) => ({ ...baseApplication(), interviews: [{ ...call, vendorVerdicts: verdicts }] });
    const ok = { vendor: 'Reality Defender', check: 'deepfake', verdict: 'synthetic', score: 1 };
    expect(ApplicationSchema.safeParse(record([ok])).success).toBe(true);
    expect(ApplicationSchema.safeParse(record(Array.from({ length: 20 }, () => ok))).success).toBe(true);
    expect(ApplicationSchema.safeParse(record(Array.from({ length: 21 }, () => ok))).success).toBe(false);
    expect(ApplicationSchema.safeParse(record([{ ...ok, score: 1.5 }])).success).toBe(false);
    expect(ApplicationSchema.safeParse(record([{ check: 'deepfake', verdict: 'synthetic' }])).success).toBe(false);
    expect(ApplicationSchema.safeParse(record([{ ...ok, vendor: 'x'.repeat(129) }])).success).toBe(false);
  });
});
