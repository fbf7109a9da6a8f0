/**
 * Deterministic telemetry for the monitor benchmark and the NATS test: the
 * employee events first, then keystroke, round-trip, process, login and USB
 * events spread over the devices and days.
 */
import { prng } from '../test/helpers/prng.js';

const DEVICES = 400;
const DAYS = 10;

/** `n` telemetry lines: 400 employees with one laptop each over ten days of December 2025, the same every run. */
export function generateTelemetry(n: number): string[] {
  const r = prng(42);
  const lines: string[] = [];
  for (let e = 0; e < DEVICES; e++) {
    lines.push(JSON.stringify({ type: 'employee', employeeId: `E${e}`, applicationId: `app-${e}`, workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: [`LAP-${e}`] }));
  }
  const procs = ['chrome.exe', 'Code.exe', 'Slack.exe', 'Zoom.exe', 'AnyDesk.exe', 'explorer.exe'];
  const start = Date.UTC(2025, 11, 1);
  for (let i = lines.length; i < n; i++) {
    const device = `LAP-${Math.floor(r() * DEVICES)}`;
    const at = new Date(start + Math.floor(r() * DAYS * 86_400_000)).toISOString().replace('.000Z', 'Z');
    const k = r();
    if (k < 0.6) lines.push(`{"type":"keystroke","at":"${at}","deviceId":"${device}","medianLatencyMs":${Math.round(15 + r() * 40)},"samples":${50 + Math.floor(r() * 400)}}`);
    else if (k < 0.8) lines.push(`{"type":"network_rtt","at":"${at}","deviceId":"${device}","rttMs":${Math.round(20 + r() * 60)},"peer":"vpn-us-central"}`);
    else if (k < 0.93) lines.push(`{"type":"process","at":"${at}","deviceId":"${device}","name":"${procs[Math.floor(r() * procs.length)]}"}`);
    else if (k < 0.98) lines.push(`{"type":"login","at":"${at}","employeeId":"E${device.slice(4)}","deviceId":"${device}","ip":"66.68.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}"}`);
    else lines.push(`{"type":"usb","at":"${at}","deviceId":"${device}","vendorId":"046d","productId":"c52b","product":"USB Receiver"}`);
  }
  return lines;
}

