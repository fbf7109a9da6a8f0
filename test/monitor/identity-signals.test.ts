/**
 * Issue 19's post-hire signals on realistic event streams: an IP-KVM by the
 * display (EDID) it presents, a virtual display adapter, a VPN client public
 * reporting ties to the schemes, and one authenticator on several employees'
 * accounts. Each fires on the stream built for it with evidence a reviewer
 * can check; its benign counterpart (a real monitor, an ordinary corporate
 * VPN, one person's two authenticators) stays quiet; and each is silent when
 * its data is absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAggregate, fold, merge } from '../../src/monitor/aggregate.js';
import { assessTelemetry, type EmployeeAssessment } from '../../src/monitor/assess.js';
import type { MonitorReference } from '../../src/monitor/context.js';
import { validateEvent, type TelemetryEvent } from '../../src/monitor/events.js';
import { ingestLines } from '../../src/monitor/ingest.js';
import { createTelemetryCatalogue } from '../../src/reference/telemetry-catalogue.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { AUSTIN_WORKDAY, dayOf, employee, IP, lines, reference, type DayPlan } from './helpers.js';

let ref: MonitorReference;
beforeAll(() => {
  ref = reference();
});

const plan: DayPlan = { device: 'LAP-1', employee: 'E1', ip: IP.austinHome, hours: AUSTIN_WORKDAY, latencyMs: 28, rttMs: 36, processes: ['chrome.exe', 'Code.exe', 'Slack.exe'] };
const at = (day: number) => `2025-12-0${day}T15:07:00Z`;
const display = (day: number, fields: Record<string, string>, device = 'LAP-1') => ({ type: 'display', at: at(day), deviceId: device, ...fields });
const mfa = (day: number, employeeId: string, authenticatorId: string, method = 'push') => ({ type: 'mfa', at: at(day), employeeId, authenticatorId, method });

function run(extra: Record<string, unknown>[], options: { processes?: string[]; with?: MonitorReference; employees?: Record<string, unknown>[] } = {}): Map<string, EmployeeAssessment> {
  const days = [1, 2, 3].flatMap((d) => dayOf(d, { ...plan, processes: options.processes ?? plan.processes! }));
  const { aggregate, errors } = ingestLines(lines([employee('E1', 'app-1', ['LAP-1']), ...(options.employees ?? []), ...days, ...extra]));
  expect(errors).toEqual([]);
  return new Map(assessTelemetry(aggregate, new Map(), options.with ?? ref, DEFAULT_SCORING).employees.map((e) => [e.employeeId, e]));
}
const signal = (e: EmployeeAssessment | undefined, id: string) => e?.signals.find((s) => s.id === id);
const NEW_IDS = ['telemetry.ip_kvm_display', 'telemetry.virtual_display', 'telemetry.scheme_vpn_client', 'telemetry.shared_mfa_authenticator'];
const newIds = (e: EmployeeAssessment | undefined) => (e?.signals ?? []).map((s) => s.id).filter((id) => NEW_IDS.includes(id));

// TinyPilot's default EDID (tiny-pilot/tinypilot debian-pkg/usr/share/tinypilot/edid_pi4.hex): TSB 9876 "TinyPilot".
const TINYPILOT = { monitorName: 'TinyPilot', manufacturerId: 'TSB', productCode: '9876', adapter: 'Intel(R) UHD Graphics 620' };
// A real monitor: Dell D2721H (DEL 2013, linuxhw/EDID Digital/Dell/DEL2013), on the laptop's own graphics.
const DELL = { monitorName: 'DELL D2721H', manufacturerId: 'DEL', productCode: '2013', adapter: 'Intel(R) UHD Graphics 620' };

describe('telemetry.ip_kvm_display', () => {
  it('TinyPilot\'s default EDID on the laptop: the IP-KVM, with the identity and the catalogue row', () => {
    const s = signal(run([display(1, TINYPILOT), display(2, TINYPILOT)]).get('E1'), 'telemetry.ip_kvm_display');
    expect(s?.evidence).toMatch(/^display with monitor name 'TinyPilot', manufacturer TSB product 9876, adapter 'Intel\(R\) UHD Graphics 620' on LAP-1 on 2025-12-01, 2025-12-02: the display identity of TinyPilot \(default EDID\), a keyboard-video-mouse over IP gadget capturing the screen \(data\/telemetry\/displays\.csv: tiny-pilot\/tinypilot /);
  });

  it('PiKVM V3 by its monitor name alone, and JetKVM by manufacturer and product code alone', () => {
    expect(signal(run([display(1, { monitorName: 'PiKVM V3' })]).get('E1'), 'telemetry.ip_kvm_display')?.evidence).toContain('the display identity of PiKVM V3 (default EDID)');
    expect(signal(run([display(1, { manufacturerId: 'tsb', productCode: '8801' })]).get('E1'), 'telemetry.ip_kvm_display')?.evidence).toContain('manufacturer TSB product 8801');
  });

  it('a real Dell monitor, and a Toshiba panel of another product, stay quiet', () => {
    expect(newIds(run([display(1, DELL), display(1, { monitorName: 'TOSHIBA-TV', manufacturerId: 'TSB', productCode: '0101' })]).get('E1'))).toEqual([]);
  });
});

describe('telemetry.virtual_display', () => {
  it('the Parsec virtual display adapter: weak, with the driver named', () => {
    const e = run([display(2, { adapter: 'Parsec Virtual Display Adapter', monitorName: 'ParsecVDA', manufacturerId: 'PSC', productCode: 'CDD0' })]).get('E1');
    expect(newIds(e)).toEqual(['telemetry.virtual_display']);
    expect(signal(e, 'telemetry.virtual_display')?.evidence).toContain("adapter 'Parsec Virtual Display Adapter' on LAP-1 on 2025-12-02: Parsec virtual display driver, a virtual display with no screen behind it");
    expect(e?.band).toBe('clear');
  });

  it('the laptop\'s built-in panel on its own graphics stays quiet', () => {
    expect(newIds(run([display(1, { monitorName: '', manufacturerId: 'BOE', productCode: '0974', adapter: 'Intel(R) Iris(R) Xe Graphics' })]).get('E1'))).toEqual([]);
  });
});

describe('telemetry.scheme_vpn_client', () => {
  it('Astrill VPN by its process name, with the source', () => {
    const s = signal(run([], { processes: ['chrome.exe', 'C:\\Program Files (x86)\\Astrill\\astrill.exe'] }).get('E1'), 'telemetry.scheme_vpn_client');
    expect(s?.evidence).toMatch(/^Astrill VPN \(C:\\Program Files \(x86\)\\Astrill\\astrill\.exe\) ran on LAP-1 on 3 day\(s\): 2025-12-01, 2025-12-02, 2025-12-03; a VPN client public reporting ties to DPRK IT-worker schemes \(data\/telemetry\/remote-access-tools\.csv: /);
  });

  it('is no remote-access tool, and an ordinary corporate VPN (GlobalProtect, Cisco Secure Client) stays quiet', () => {
    expect(run([], { processes: ['astrill.exe'] }).get('E1')?.signals.map((s) => s.id)).toEqual(['telemetry.scheme_vpn_client']);
    expect(newIds(run([], { processes: ['PanGPA.exe', 'PanGPS.exe', 'vpnui.exe', 'vpnagent.exe'] }).get('E1'))).toEqual([]);
  });

  it('an organisation that approves it hears nothing', () => {
    expect(newIds(run([], { processes: ['astrill.exe'], with: reference({ approvedTools: ['Astrill VPN'] }) }).get('E1'))).toEqual([]);
  });
});

describe('telemetry.shared_mfa_authenticator', () => {
  const second = [employee('E2', 'app-2', ['LAP-2']), employee('E3', 'app-3', ['LAP-3'])];

  it('one Okta Verify device on two employees\' accounts: both, at 0.6 of the weight', () => {
    const report = run([mfa(1, 'E1', 'okv-dev-7f3a'), mfa(2, 'E2', 'okv-dev-7f3a'), mfa(2, 'E2', 'okv-dev-11b0')], { employees: second });
    expect(signal(report.get('E1'), 'telemetry.shared_mfa_authenticator')?.evidence).toBe(
      'authenticator okv-dev-7f3a (push) is enrolled on the account of E1 (from 2025-12-01) and on the account(s) of E2 (from 2025-12-02): one second factor answering for 2 employees',
    );
    expect(signal(report.get('E2'), 'telemetry.shared_mfa_authenticator')?.weight).toBe(1.2);
    expect(newIds(report.get('E3'))).toEqual([]);
  });

  it('on three accounts: the full weight', () => {
    const report = run([mfa(1, 'E1', 'okv-dev-7f3a'), mfa(1, 'E2', 'okv-dev-7f3a'), mfa(3, 'E3', 'okv-dev-7f3a')], { employees: second });
    expect(signal(report.get('E3'), 'telemetry.shared_mfa_authenticator')?.weight).toBe(2);
  });

  it('one person\'s phone and laptop on their own account, a rehire under a new id, and a help desk token stay quiet', () => {
    expect(newIds(run([mfa(1, 'E1', 'okv-phone'), mfa(1, 'E1', 'webauthn-laptop', 'fido2')]).get('E1'))).toEqual([]);
    const rehire = run([mfa(1, 'E1', 'okv-phone'), mfa(3, 'E9', 'okv-phone')], { employees: [employee('E9', 'app-1', ['LAP-9'])] });
    expect(newIds(rehire.get('E1'))).toEqual([]);
    const many = Array.from({ length: 11 }, (_, i) => `H${i}`);
    const desk = run(many.map((e) => mfa(1, e, 'helpdesk-yubikey', 'hardware_token')), { employees: many.map((e) => employee(e, `app-${e}`, [])) });
    expect([...desk.values()].flatMap(newIds)).toEqual([]);
  });
});

describe('absent data is silent', () => {
  it('no display, process or mfa events: none of the four; a catalogue without displays ignores a TinyPilot EDID', () => {
    expect(newIds(run([]).get('E1'))).toEqual([]);
    const bare = { ...ref, catalogue: createTelemetryCatalogue([...ref.catalogue.tools.values()], ref.catalogue.usb) };
    expect(newIds(run([display(1, TINYPILOT)], { with: bare }).get('E1'))).toEqual([]);
  });
});

describe('display and mfa events', () => {
  it('are validated with limits (the fast path agrees with the schemas)', () => {
    const ok = (v: unknown) => validateEvent(v, 1);
    expect(ok(display(1, TINYPILOT)).ok).toBe(true);
    expect(ok(mfa(1, 'E1', 'okv-1')).ok).toBe(true);
    expect(ok(display(1, { manufacturerId: 'DE1' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^manufacturerId: expected a three-letter PNP/) });
    expect(ok(display(1, { productCode: '98765' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^productCode: expected four hex digits/) });
    expect(ok(display(1, { monitorName: 'x'.repeat(65) }))).toMatchObject({ ok: false, error: expect.stringMatching(/^monitorName: /) });
    expect(ok({ type: 'mfa', at: at(1), employeeId: 'E1' })).toMatchObject({ ok: false, error: expect.stringMatching(/^authenticatorId: /) });
    expect(ok({ ...mfa(1, 'E1', 'a'), authenticatorId: 'a'.repeat(129) })).toMatchObject({ ok: false, error: expect.stringMatching(/^authenticatorId: .*128/) });
  });

  it('fold and merge: two halves merged equal the whole, through JSON too', () => {
    const events = [display(1, TINYPILOT), display(1, TINYPILOT), display(2, DELL), mfa(1, 'E1', 'okv-1'), mfa(3, 'E1', 'okv-1', 'totp'), mfa(2, 'E2', 'okv-2')] as TelemetryEvent[];
    const whole = events.reduce(fold, createAggregate());
    const a = events.slice(0, 3).reduce(fold, createAggregate());
    const b = events.slice(3).reduce(fold, createAggregate());
    const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    expect(json(merge(json(a) as typeof a, json(b) as typeof b))).toEqual(json(whole));
    expect(json(whole)).toMatchObject({ employees: { E1: { authenticators: { 'okv-1': { method: 'push', first: '2025-12-01', last: '2025-12-03' } } } } });
    expect(Object.values(whole.devices['LAP-1']!['2025-12-01']!.displays!)).toEqual([{ ...TINYPILOT, count: 2 }]);
  });
});
