/**
 * The demo telemetry (examples/telemetry.jsonl) raises the post-hire signals
 * issue 19 added on the employee built for them, and not on the others:
 * E1002 (LAP-102) runs AnyDesk from 1 December and RustDesk from the 4th.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessTelemetry } from '../../src/monitor/assess.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { reference } from './helpers.js';

describe('examples/telemetry.jsonl', () => {
  const { aggregate } = ingestLines(readFileSync('examples/telemetry.jsonl', 'utf8').split('\n').filter(Boolean));
  const report = assessTelemetry(aggregate, new Map(), reference(), DEFAULT_SCORING);
  const withSignal = (id: string) => report.employees.filter((e) => e.signals.some((s) => s.id === id)).map((e) => e.employeeId);

  it('telemetry.second_remote_access_tool: E1002 alone, AnyDesk then RustDesk three days later', () => {
    expect(withSignal('telemetry.second_remote_access_tool')).toEqual(['E1002']);
    const e = report.employees.find((x) => x.employeeId === 'E1002')!;
    expect(e.signals.find((s) => s.id === 'telemetry.second_remote_access_tool')?.evidence).toBe(
      'AnyDesk first ran on LAP-102 on 2025-12-01; RustDesk first ran on LAP-102 on 2025-12-04 (3 day(s) later): 2 remote-access tools within 28 days, none on the approved list',
    );
  });
});
