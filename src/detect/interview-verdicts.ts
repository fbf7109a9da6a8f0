import type { SignalId } from '../catalogue/signals.js';
import type { EnrichedApplication, VendorVerdict } from '../normalise/application.js';
import type { RawSignal } from './types.js';

/**
 * Deepfake and voice-clone detection vendors' verdicts on an interview
 * (`interviews[].vendorVerdicts`), recorded as evidence of the signals an
 * interviewer's flag raises: a `synthetic` verdict of a `deepfake` check is
 * interview.deepfake_suspected, of a `voice_clone` check
 * interview.voice_changer_suspected, with the vendor, its score and the time.
 * A `genuine` or `inconclusive` verdict, or a check of another kind, raises
 * nothing: the vendor's own verdict decides, not a threshold hirewatch would
 * set on scores that differ from vendor to vendor. Silent without verdicts.
 * With an interviewer's flag of the same kind, the scorer counts the two as
 * one signal, their evidence joined (src/score/combine.ts).
 */
const CHECK_SIGNALS: ReadonlyMap<string, SignalId> = new Map([
  ['deepfake', 'interview.deepfake_suspected'],
  ['voice_clone', 'interview.voice_changer_suspected'],
]);

function describe(v: VendorVerdict): string {
  const score = v.score !== undefined ? `, score ${v.score.toFixed(2)}` : '';
  const at = v.at ? `, at ${v.at}` : '';
  return `${v.vendor} ${v.check.replace(/_/g, '-')} check: ${v.verdict}${score}${at}`;
}

export function vendorVerdictSignals(record: EnrichedApplication): RawSignal[] {
  const found = new Map<SignalId, string[]>();
  record.interviews.forEach((iv, i) => {
    for (const v of iv.vendorVerdicts ?? []) {
      const id = CHECK_SIGNALS.get(v.check);
      if (!id || v.verdict !== 'synthetic') continue;
      const when = iv.at ? ` on ${iv.at.slice(0, 10)}` : '';
      found.set(id, [...(found.get(id) ?? []), `interview ${i + 1}${when}: vendor verdict ${describe(v)}`]);
    }
  });
  return [...found].map(([id, texts]) => ({ id, evidence: texts.join('; ') }));
}

