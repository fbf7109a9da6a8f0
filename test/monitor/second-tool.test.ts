/**
 * telemetry.second_remote_access_tool: a second unapproved remote-access tool
 * first seen within four weeks of the first raises the signal with both tools,
 * devices and first days; one tool, an approved second tool, or a second tool
 * months later stay quiet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assessTelemetry, type EmployeeAssessment } from '../../src/monitor/assess.js';
import type { MonitorReference } from '../../src/monitor/context.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { AUSTIN_WORKDAY, dayOf, employee, IP, lines, reference, type DayPlan } from './helpers.js';

let ref: MonitorReference;
beforeAll(() => {
  ref = reference();
});

const plan: DayPlan = { device: 'LAP-1', employee: 'E1', ip: IP.austinHome, hours: AUSTIN_WORKDAY, latencyMs: 28, rttMs: 36, processes: ['chrome.exe', 'Code.exe'] };

function assess(days: [number, string[]][], with_: MonitorReference = ref): EmployeeAssessment {
  const events = [employee('E1', 'app-1', ['LAP-1']), ...days.flatMap(([d, processes]) => dayOf(d, { ...plan, processes: [...plan.processes!, ...processes] }))];
  const { aggregate, errors } = ingestLines(lines(events));
  expect(errors).toEqual([]);
  return assessTelemetry(aggregate, new Map(), with_, DEFAULT_SCORING).employees[0]!;
}
const second = (e: EmployeeAssessment) => e.signals.filter((s) => s.id === 'telemetry.second_remote_access_tool');

describe('telemetry.second_remote_access_tool', () => {
  it('AnyDesk from 1 December, then RustDesk from the 9th: the second tool, with both first days', () => {
    const e = assess([[1, ['AnyDesk.exe']], [2, ['AnyDesk.exe']], [9, ['AnyDesk.exe', 'rustdesk.exe']], [10, ['rustdesk.exe']]]);
    expect(second(e).map((s) => s.evidence)).toEqual([
      'AnyDesk first ran on LAP-1 on 2025-12-01; RustDesk first ran on LAP-1 on 2025-12-09 (8 day(s) later): 2 remote-access tools within 28 days, none on the approved list',
    ]);
    const tools = e.signals.find((s) => s.id === 'telemetry.remote_access_tool')!.evidence;
    expect(tools).toContain('AnyDesk (AnyDesk.exe) ran on LAP-1 on 3 day(s): 2025-12-01, 2025-12-02, 2025-12-09');
    expect(tools).toContain('; RustDesk (rustdesk.exe) ran on LAP-1 on 2 day(s): 2025-12-09, 2025-12-10');
  });

  it('one tool, however many days, stays quiet', () => {
    expect(second(assess([[1, ['AnyDesk.exe']], [2, ['AnyDesk.exe']], [3, ['AnyDesk.exe']]]))).toEqual([]);
  });

  it('the support desk\'s approved tool beside one other is not a second tool', () => {
    const e = assess([[1, ['TeamViewer.exe']], [3, ['TeamViewer.exe', 'AnyDesk.exe']]], reference({ approvedTools: ['TeamViewer'] }));
    expect(second(e)).toEqual([]);
  });

  it('a second tool 40 days after the first is not "within weeks"', () => {
    expect(second(assess([[1, ['AnyDesk.exe']], [41, ['rustdesk.exe']]]))).toEqual([]);
  });

  it('a mouse jiggler is no remote-access tool', () => {
    expect(second(assess([[1, ['AnyDesk.exe', 'MouseJiggler.exe']]]))).toEqual([]);
  });
});
