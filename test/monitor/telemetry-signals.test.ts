/**
 * The telemetry family on realistic event streams: each signal fires on the
 * stream built for it with evidence a reviewer can check, and a benign
 * domestic remote worker on a corporate VPN stays clear.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assessTelemetry, type EmployeeAssessment } from '../../src/monitor/assess.js';
import type { MonitorReference } from '../../src/monitor/context.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { boundFor } from '../../src/monitor/signals-physics.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { AUSTIN_WORKDAY, dayOf, employee, FAR_EAST_WORKDAY, IP, lines, reference, type DayPlan } from './helpers.js';

let ref: MonitorReference;
beforeAll(() => {
  ref = reference();
});

const DAYS = [1, 2, 3, 4, 5];
const benign: DayPlan = { device: 'LAP-1', employee: 'E1', ip: IP.zscalerChicago, hours: AUSTIN_WORKDAY, latencyMs: 28, rttMs: 36, processes: ['chrome.exe', 'Code.exe', 'Zoom.exe', 'Slack.exe'], usb: ['046d', 'c52b', 'USB Receiver'] };

function run(events: Record<string, unknown>[], with_: MonitorReference = ref): Map<string, EmployeeAssessment> {
  const { aggregate, errors } = ingestLines(lines(events));
  expect(errors).toEqual([]);
  return new Map(assessTelemetry(aggregate, new Map(), with_, DEFAULT_SCORING).employees.map((e) => [e.employeeId, e]));
}

const stream = (plan: Partial<DayPlan>, days = DAYS) => [employee('E1', 'app-1', ['LAP-1']), ...days.flatMap((d) => dayOf(d, { ...benign, ...plan }))];
const ids = (e: EmployeeAssessment | undefined) => (e?.signals ?? []).map((s) => s.id).sort();
const text = (e: EmployeeAssessment | undefined) => (e?.signals ?? []).map((s) => s.evidence).join(' | ');

describe('a benign domestic remote worker', () => {
  it('on a corporate VPN (Zscaler egress), Austin hours, 28 ms keystrokes, 36 ms RTT: clear with no signal', () => {
    const e = run(stream({})).get('E1');
    expect(ids(e)).toEqual([]);
    expect(e?.band).toBe('clear');
  });

  it('with an approved remote-support tool and a home IP in Austin: still clear', () => {
    const e = run(stream({ ip: IP.austinHome, processes: ['chrome.exe', 'TeamViewer.exe'] }), reference({ approvedTools: ['TeamViewer'] })).get('E1');
    expect(ids(e)).toEqual([]);
  });

  it('two colleagues behind the configured corporate egress are not a farm', () => {
    const events = [employee('E1', 'app-1', ['LAP-1']), employee('E2', 'app-2', ['LAP-2']), ...DAYS.flatMap((d) => [...dayOf(d, benign), ...dayOf(d, { ...benign, device: 'LAP-2', employee: 'E2' })])];
    const out = run(events, reference({ corporateNetworks: ['128.177.125.0/24'] }));
    expect(ids(out.get('E1'))).toEqual([]);
    expect(ids(out.get('E2'))).toEqual([]);
  });
});

describe('one stream per signal', () => {
  it('telemetry.keystroke_latency_remote: 112 ms medians for a worker claimed in Austin', () => {
    const e = run(stream({ latencyMs: 112 })).get('E1');
    expect(ids(e)).toEqual(['telemetry.keystroke_latency_remote']);
    expect(text(e)).toMatch(/median keystroke latency above \d+ ms on 5 day\(s\)/);
    expect(text(e)).toMatch(/farthest point of the contiguous U\.S\. from the claimed Austin, TX \(ZIP \d{5}/);
  });

  it('telemetry.rtt_beyond_claimed_country: 181 ms smallest RTT, evidence with the fibre arithmetic', () => {
    const e = run(stream({ rttMs: 181, peer: 'vpn-us-east' })).get('E1');
    expect(ids(e)).toEqual(['telemetry.rtt_beyond_claimed_country']);
    expect(text(e)).toContain('181 ms RTT: the smallest of 8 round trips to vpn-us-east');
    expect(text(e)).toContain('light in fibre covers 18,100 km in the 90.5 ms of one way');
  });

  it('the physical bound is honest arithmetic: 200 km per ms in fibre, round trip to the farthest point', () => {
    const b = boundFor(2500);
    expect(b.fibreRoundTripMs).toBe(25);
    expect(b.allowedMs).toBe(90);
  });

  it('telemetry.remote_access_tool: AnyDesk not on the approved list', () => {
    const e = run(stream({ processes: ['chrome.exe', 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe'] }), reference({ approvedTools: ['TeamViewer'] })).get('E1');
    expect(ids(e)).toEqual(['telemetry.remote_access_tool']);
    expect(text(e)).toMatch(/AnyDesk \(.*AnyDesk\.exe\) ran on LAP-1 on 5 day\(s\).*not on the approved list \(approved: teamviewer\)/);
  });

  it('telemetry.ip_kvm_device: PiKVM by its USB identity', () => {
    const e = run(stream({ usb: ['1d6b', '0104', 'PiKVM Composite Device'] })).get('E1');
    expect(ids(e)).toEqual(['telemetry.ip_kvm_device']);
    expect(text(e)).toContain("USB device 1d6b:0104 'PiKVM Composite Device'");
    expect(text(e)).toContain('the identity of PiKVM');
  });

  it('telemetry.mouse_jiggler: MouseJiggler.exe', () => {
    expect(ids(run(stream({ processes: ['MouseJiggler.exe'] })).get('E1'))).toEqual(['telemetry.mouse_jiggler']);
  });

  it('telemetry.login_hosting_or_vpn: logins through a VPS', () => {
    const e = run(stream({ ip: IP.advin })).get('E1');
    expect(ids(e)).toEqual(['telemetry.login_hosting_or_vpn']);
    expect(text(e)).toContain('AS206216');
  });

  it('telemetry.login_abroad: logins from a residential IP in China for a worker claimed in Austin', () => {
    const e = run(stream({ ip: IP.shenyang })).get('E1');
    expect(ids(e)).toEqual(['telemetry.login_abroad']);
    expect(text(e)).toMatch(/IP 42\.177\.215\.221 \(.*China\).*claimed work place is Austin, TX/);
  });

  it('telemetry.working_hours_other_zone: a UTC+08:00 working day, sustained over five days', () => {
    const e = run(stream({ hours: FAR_EAST_WORKDAY })).get('E1');
    expect(ids(e)).toEqual(['telemetry.working_hours_other_zone']);
    expect(text(e)).toMatch(/on 5 of 5 active days .* America\/Chicago \(UTC-06:00\)/);
    expect(text(e)).toMatch(/UTC\+0[89]:[03]0/);
  });

  it('working hours: two odd days are not sustained', () => {
    const events = [employee('E1', 'app-1', ['LAP-1']), ...[1, 2].flatMap((d) => dayOf(d, { ...benign, hours: FAR_EAST_WORKDAY })), ...[3, 4, 5].flatMap((d) => dayOf(d, benign))];
    expect(ids(run(events).get('E1'))).toEqual([]);
  });

  it('telemetry.shared_residential_ip: three employees behind one home connection', () => {
    const farm = (id: string, device: string): DayPlan => ({ ...benign, employee: id, device, ip: IP.blueRidgeVa });
    const events = [
      employee('E1', 'app-1', ['LAP-1']), employee('E2', 'app-2', ['LAP-2']), employee('E3', 'app-3', ['LAP-3']),
      ...DAYS.flatMap((d) => [...dayOf(d, farm('E1', 'LAP-1')), ...dayOf(d, farm('E2', 'LAP-2')), ...dayOf(d, farm('E3', 'LAP-3'))]),
    ];
    const out = run(events);
    for (const id of ['E1', 'E2', 'E3']) expect(ids(out.get(id))).toEqual(['telemetry.shared_residential_ip']);
    expect(text(out.get('E1'))).toContain('IP 73.12.44.8');
    expect(text(out.get('E1'))).toContain('LAP-2 (E2), LAP-3 (E3)');
    expect(out.get('E1')!.signals[0]!.weight).toBe(2);
  });

  it('a laptop farm driven from abroad raises several clues and is flagged', () => {
    const e = run(stream({ latencyMs: 112, rttMs: 185, hours: FAR_EAST_WORKDAY, processes: ['AnyDesk.exe'], usb: ['1d6b', '0104', 'Multifunction Composite Gadget'] })).get('E1');
    expect(ids(e)).toEqual(['telemetry.ip_kvm_device', 'telemetry.keystroke_latency_remote', 'telemetry.remote_access_tool', 'telemetry.rtt_beyond_claimed_country', 'telemetry.working_hours_other_zone'].sort());
    expect(e!.score).toBeGreaterThanOrEqual(60);
    expect(e!.band).not.toBe('clear');
  });
});

describe('claimed place from the application', () => {
  it('without a work location the application address is used; without either the location checks are silent', () => {
    const events = [{ type: 'employee', employeeId: 'E1', applicationId: 'app-1', deviceIds: ['LAP-1'] }, ...DAYS.flatMap((d) => dayOf(d, { ...benign, latencyMs: 112 }))];
    const { aggregate } = ingestLines(lines(events));
    const none = assessTelemetry(aggregate, new Map(), ref, DEFAULT_SCORING).employees[0]!;
    expect(ids(none)).toEqual([]);
    expect(none.notes?.join(' ')).toContain('no claimed work location');
  });
});
