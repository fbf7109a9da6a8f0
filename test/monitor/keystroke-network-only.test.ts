/**
 * Keystroke telemetry is about the network, never the person (issue 19):
 * typing rhythm and speed can reflect disability, so only the echo latency
 * (medianLatencyMs, with its sample count) is read. Rhythm fields a sender
 * adds to keystroke events (dwell, flight, inter-key intervals, words per
 * minute) change nothing in the assessment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessTelemetry } from '../../src/monitor/assess.js';
import { KeystrokeEventSchema } from '../../src/monitor/events.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { AUSTIN_WORKDAY, dayOf, employee, FAR_EAST_WORKDAY, IP, lines, reference } from './helpers.js';

const ref = reference();
const assess = (events: Record<string, unknown>[]) => {
  const { aggregate, errors } = ingestLines(lines(events));
  expect(errors).toEqual([]);
  return assessTelemetry(aggregate, new Map(), ref, DEFAULT_SCORING).employees;
};

describe('keystroke signals read echo latency only', () => {
  it('the keystroke event contract names no typing-rhythm field', () => {
    expect(Object.keys(KeystrokeEventSchema.shape).sort()).toEqual(['at', 'deviceId', 'medianLatencyMs', 'samples', 'type']);
  });

  it('adding dwell, flight, inter-key and speed figures to keystroke events changes no assessment', () => {
    const base = [
      employee('E1', 'app-1', ['LAP-1']),
      ...[1, 2, 3].flatMap((d) => dayOf(d, { device: 'LAP-1', employee: 'E1', ip: IP.austinHome, hours: AUSTIN_WORKDAY, latencyMs: 28, rttMs: 36 })),
      employee('E2', 'app-2', ['LAP-2']),
      ...[1, 2, 3].flatMap((d) => dayOf(d, { device: 'LAP-2', employee: 'E2', ip: IP.austinHome, hours: FAR_EAST_WORKDAY, latencyMs: 190, rttMs: 180 })),
    ];
    const plain = assess(base);
    const rhythm = fc.record({ dwellMs: fc.double({ min: 0, max: 2000, noNaN: true }), flightMs: fc.double({ min: 0, max: 2000, noNaN: true }), interKeyIntervalsMs: fc.array(fc.nat({ max: 3000 }), { maxLength: 20 }), wordsPerMinute: fc.nat({ max: 200 }) });
    fc.assert(
      fc.property(rhythm, (extra) => {
        const withRhythm = base.map((e) => (e.type === 'keystroke' ? { ...e, ...extra } : e));
        expect(assess(withRhythm)).toEqual(plain);
      }),
      { numRuns: 15 },
    );
  });
});
