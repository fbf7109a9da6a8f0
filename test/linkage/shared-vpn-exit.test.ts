/**
 * Strangers behind one commercial VPN exit are not linked by it: six
 * unrelated people applying within a day through Mullvad's network each show
 * the VPN (geography.ip_hosting_or_vpn), and none gains a shared-IP signal or
 * a burst from that address. The same six through one residential address
 * (a laptop farm's router) do. Screened as every entry point screens, with
 * the real reference data, so the VPN is recognised by its network.
 */
import { describe, expect, it } from 'vitest';
import { LinkedScreener } from '../../src/linkage/linked-screening.js';
import { ApplicationSchema, type Application } from '../../src/parse/application-schema.js';
import { fullContext } from '../helpers/applications.js';

const PEOPLE = [
  ['Daniel Reyes', '(512) 555-0143', 'daniel.reyes@gmail.com'],
  ['Grace Okafor', '(404) 555-0120', 'grace.okafor@gmail.com'],
  ['Maria Chen', '(415) 555-0188', 'maria.chen.dev@outlook.com'],
  ['Olga Ivanova', '(206) 555-0164', 'olga.ivanova@proton.me'],
  ['Ahmed Hassan', '(312) 555-0109', 'ahmed.hassan.codes@gmail.com'],
  ['Kevin Park', '(617) 555-0177', 'kevin.park.eng@yahoo.com'],
] as const;

function applicationsFrom(ip: string): Application[] {
  return PEOPLE.map(([fullName, phone, email], i) => ApplicationSchema.parse({
    id: `vpn-${i}`,
    source: 'greenhouse',
    submittedAt: `2025-11-03T1${i}:00:00Z`,
    applicant: { fullName, phones: [phone], emails: [email] },
    session: { ip },
  }));
}

function lastSignals(ip: string): string[] {
  const screener = new LinkedScreener(fullContext());
  let last: string[] = [];
  for (const app of applicationsFrom(ip)) last = screener.screen(app).result.signals.map((s) => s.id);
  return last;
}

describe('a shared commercial VPN exit links nobody', () => {
  it('six strangers through one Mullvad exit: the VPN shows, no shared IP, no burst', () => {
    const signals = lastSignals('45.83.220.10');
    expect(signals).toContain('geography.ip_hosting_or_vpn');
    expect(signals).not.toContain('linkage.shared_ip_other_identity');
    expect(signals).not.toContain('linkage.burst');
  });

  it('the same six through one residential address are linked by it, and their burst shows', () => {
    const signals = lastSignals('73.12.44.8');
    expect(signals).not.toContain('geography.ip_hosting_or_vpn');
    expect(signals).toContain('linkage.shared_ip_other_identity');
    expect(signals).toContain('linkage.burst');
  });
});
