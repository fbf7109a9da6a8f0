import type { SignalId } from '../catalogue/signals.js';
import type { EnrichedApplication, NormalInterview } from '../normalise/application.js';
import { virtualCameraSignals } from './interview-devices.js';
import { interviewNetworkSignals } from './interview-network.js';
import { vendorVerdictSignals } from './interview-verdicts.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The interview family: what the interviewer (or a vendor tool) recorded. A
 * flag is the interviewer's observation, so the evidence quotes it with the
 * interview's date and mode and the notes when given.
 *
 * Weights (log-odds, src/catalogue/signals.ts) and why:
 * - face_mismatch 1.5, deepfake_suspected 1.5 (x4.5): a face that is not the
 *   document's, or a synthetic one, has few honest explanations; an
 *   interviewer can be wrong, so not "strong" alone.
 * - voice_changer_suspected 1.0 (x2.7): suspected by ear or by a tool.
 * - location_knowledge_failed 0.8 (x2.2): people who just moved fail too.
 * - camera_off 0.7 (x2): broken cameras and bandwidth are real excuses.
 * - virtual_camera 0.6 (x1.8, weak): the way a face swap reaches a call,
 *   and also streamers' overlays and phones used as webcams.
 * - reading_answers 0.5 (x1.65): nervous candidates read notes.
 * - audio_lag 0.3 (x1.35): bad connections are everywhere.
 * The family cap (3) keeps one bad call from counting many times.
 *
 * An interview IP far from the claimed address is not repeated here: the
 * geography family already checks interview client IPs (country, state,
 * hosting/VPN) with "interview N" in its evidence. An interview joined from
 * another country and network than both the application and the home is
 * interview-network.ts (interview.network_elsewhere).
 *
 * Reads `mode`, `cameraOn`, `flags` and `notes` of each interview (docs/RECORDS.md
 * section 1); silent when none is given. The camera devices a platform reports
 * are read by interview-devices.ts (interview.virtual_camera), vendors'
 * deepfake and voice-clone verdicts by interview-verdicts.ts.
 */

const FLAG_SIGNALS: Readonly<Record<string, SignalId>> = {
  audio_lag: 'interview.audio_lag',
  reading_answers: 'interview.reading_answers',
  face_mismatch: 'interview.face_mismatch',
  deepfake_suspected: 'interview.deepfake_suspected',
  voice_changer_suspected: 'interview.voice_changer_suspected',
  location_knowledge_failed: 'interview.location_knowledge_failed',
  camera_refused: 'interview.camera_off',
};

const FLAG_WORDS: Readonly<Record<string, string>> = {
  audio_lag: 'audio lag',
  reading_answers: 'answers read out',
  face_mismatch: 'face did not match',
  deepfake_suspected: 'deepfake suspected',
  voice_changer_suspected: 'voice changer suspected',
  location_knowledge_failed: 'failed questions about the claimed location',
  camera_refused: 'camera refused',
};

function flagKey(flag: string): string {
  return flag.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function describe(iv: NormalInterview, i: number): string {
  const mode = iv.mode ? ` (${iv.mode})` : '';
  return `interview ${i + 1}${iv.at ? ` on ${iv.at.slice(0, 10)}` : ''}${mode}`;
}

function notesOf(iv: NormalInterview): string {
  if (!iv.notes?.trim()) return '';
  const n = iv.notes.trim();
  return `; notes: "${n.length > 160 ? `${n.slice(0, 157)}...` : n}"`;
}

export function interviewSignals(record: EnrichedApplication): RawSignal[] {
  const interviews = record.interviews;
  const found = new Map<SignalId, string[]>();
  const add = (id: SignalId, text: string) => found.set(id, [...(found.get(id) ?? []), text]);
  interviews.forEach((iv, i) => {
    const flags = iv.flags.map(flagKey);
    const video = iv.mode !== undefined && /video/i.test(iv.mode);
    const refused = flags.includes('camera_refused');
    if (iv.cameraOn === false && (video || iv.mode === undefined || refused)) {
      add('interview.camera_off', `${describe(iv, i)}: camera off${refused ? ' (refused)' : ''}${notesOf(iv)}`);
    } else if (refused) {
      add('interview.camera_off', `${describe(iv, i)}: flagged '${FLAG_WORDS.camera_refused}'${notesOf(iv)}`);
    }
    for (const flag of new Set(flags)) {
      const id = Object.hasOwn(FLAG_SIGNALS, flag) ? FLAG_SIGNALS[flag] : undefined; // a flag from outside is data, never a property name
      if (!id || flag === 'camera_refused') continue;
      add(id, `${describe(iv, i)}: flagged '${FLAG_WORDS[flag]}'${notesOf(iv)}`);
    }
  });
  return [...found].map(([id, texts]) => ({ id, evidence: texts.join('; ') }));
}

export const interviewDetector: Detector = {
  name: 'interview',
  family: 'interview',
  detect(record, context) {
    if (record.interviews.length === 0) return [];
    return [
      ...interviewSignals(record), ...vendorVerdictSignals(record), ...virtualCameraSignals(record, context.reference.virtualCameras),
      ...interviewNetworkSignals(record, context.reference.geo),
    ];
  },
};
