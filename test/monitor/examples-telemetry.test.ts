/**
 * The demo telemetry (examples/telemetry.jsonl) raises the post-hire signals
 * issue 19 added on the employee built for them, and not on the others:
 * E1002 (LAP-102) runs AnyDesk from 1 December and RustDesk from the 4th,
 * drives TinyPilot's default EDID and runs Astrill VPN; E1003 (LAP-103) drives
 * the Parsec virtual display and shares E1002's Okta Verify authenticator.
 * E1001 is the benign counterpart: a real Dell monitor, GlobalProtect (a
 * corporate VPN) and two authenticators of their own.
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

  const evidence = (employeeId: string, id: string) => report.employees.find((x) => x.employeeId === employeeId)?.signals.find((s) => s.id === id)?.evidence;

  it('telemetry.ip_kvm_display: E1002 alone, by TinyPilot\'s default EDID', () => {
    expect(withSignal('telemetry.ip_kvm_display')).toEqual(['E1002']);
    expect(evidence('E1002', 'telemetry.ip_kvm_display')).toMatch(/^display with monitor name 'TinyPilot', manufacturer TSB product 9876, adapter 'Intel\(R\) UHD Graphics 620' on LAP-102 on 2025-12-01, 2025-12-02, 2025-12-03, 2025-12-04 and 1 more: the display identity of TinyPilot \(default EDID\)/);
  });

  it('telemetry.virtual_display: E1003 alone, by the Parsec adapter', () => {
    expect(withSignal('telemetry.virtual_display')).toEqual(['E1003']);
    expect(evidence('E1003', 'telemetry.virtual_display')).toContain("adapter 'Parsec Virtual Display Adapter' on LAP-103 on 2025-12-02, 2025-12-03, 2025-12-04, 2025-12-05: Parsec virtual display driver");
  });

  it('telemetry.scheme_vpn_client: E1002 alone (Astrill); E1001\'s GlobalProtect stays quiet', () => {
    expect(withSignal('telemetry.scheme_vpn_client')).toEqual(['E1002']);
    expect(evidence('E1002', 'telemetry.scheme_vpn_client')).toMatch(/^Astrill VPN \(C:\\Program Files \(x86\)\\Astrill\\astrill\.exe\) ran on LAP-102 on 5 day\(s\)/);
  });

  it('telemetry.shared_mfa_authenticator: E1002 and E1003 share okv-4c1e9a; E1001\'s own two authenticators stay quiet', () => {
    expect(withSignal('telemetry.shared_mfa_authenticator')).toEqual(['E1002', 'E1003']);
    expect(evidence('E1003', 'telemetry.shared_mfa_authenticator')).toBe(
      'authenticator okv-4c1e9a (push) is enrolled on the account of E1003 (from 2025-12-02) and on the account(s) of E1002 (from 2025-12-01): one second factor answering for 2 employees',
    );
  });

  it('bands: E1002 hold, E1003 review (a shared second factor and a shared home connection), E1001 clear with no signal', () => {
    expect(report.employees.map((e) => `${e.employeeId} ${e.band}`)).toEqual(['E1001 clear', 'E1002 hold', 'E1003 review']);
    expect(report.employees[0]!.signals).toEqual([]);
  });
});
