/**
 * interview.network_elsewhere on real reference rows (GeoLite2 City; listed
 * hosting ranges): an interview joined from another country than both the
 * application session and the claimed home. Another ISP in the same city, a
 * mobile carrier in the same country, an applicant honestly living abroad
 * who interviews from home, a VPN (geography's), and missing IPs all stay
 * quiet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { interviewDetector } from '../../src/detect/interview.js';
import type { DetectContext } from '../../src/detect/types.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import type { GeoReference } from '../../src/reference/geo/geo-reference.js';
import { loadGeoReference } from '../../src/reference/geo/load-geo-reference.js';
import { application } from '../helpers/applications.js';

let ctx: DetectContext;
beforeAll(() => {
  const geo: GeoReference = loadGeoReference();
  ctx = { reference: { disposableMailDomains: new Set(), geo } };
});

const IP = {
  austin: '66.68.92.231', // Charter, Austin TX (the base application's session)
  austin2: '172.56.21.89', // T-Mobile, placed in Houston TX: a mobile carrier in the same country
  chicago: '73.75.144.210', // Comcast, Chicago IL
  shenyang: '42.177.215.221', // China Unicom, Shenyang
  seoul: '121.170.143.133', // Seoul, KR
  seoulMobile: '211.234.100.20', // KR, no city
  advin: '45.8.22.10', // AS206216 Advin Services (hosting), Los Angeles
};

type Patch = (a: Record<string, any>) => void;
function detect(clientIp: string | undefined, patch?: Patch) {
  const app = application((a) => {
    a.interviews = [{ at: '2025-11-12T16:00:00Z', mode: 'video', cameraOn: true, ...(clientIp ? { clientIp } : {}) }];
    patch?.(a);
  });
  return interviewDetector.detect(normaliseApplication(app), ctx).filter((s) => s.id === 'interview.network_elsewhere');
}

describe('interview.network_elsewhere', () => {
  it('applied from home in Austin, interviewed from Shenyang', () => {
    const [signal, ...rest] = detect(IP.shenyang);
    expect(rest).toEqual([]);
    // The provenance in parentheses names the IP data release.
    expect(signal!.evidence).toMatch(/^interview 1 on 2025-11-12 was joined from IP 42\.177\.215\.221, located in Shenyang, China; the application was sent from IP 66\.68\.92\.231, located in Austin, TX, United States, and the claimed address is Austin, TX 78704 \(GeoLite2 City/);
  });

  it('benign: another ISP, another state, or a mobile carrier in the same country', () => {
    expect(detect(IP.chicago)).toEqual([]);
    expect(detect(IP.austin2)).toEqual([]);
    expect(detect(IP.austin)).toEqual([]);
  });

  it('benign: an applicant who lives in Seoul applies and interviews from Seoul on two networks', () => {
    const seoul: Patch = (a) => {
      a.applicant.address = { line1: '12 Sejong-daero', city: 'Seoul', country: 'KR' };
      a.applicant.phones = ['+82 10-2345-6789'];
      a.session = { ip: IP.seoul, timezone: 'Asia/Seoul' };
    };
    expect(detect(IP.seoulMobile, seoul)).toEqual([]);
  });

  it('quiet when the interview comes from the country the application itself came from (geography reports both against the home)', () => {
    expect(detect(IP.shenyang, (a) => (a.session.ip = IP.shenyang))).toEqual([]);
  });

  it('quiet for a VPN or hosting address: its place is a data centre\'s', () => {
    expect(detect(IP.advin)).toEqual([]);
  });

  it('silent without an interview IP, a session IP, a home, or the geography data', () => {
    expect(detect(undefined)).toEqual([]);
    expect(detect(IP.shenyang, (a) => delete a.session)).toEqual([]);
    expect(detect(IP.shenyang, (a) => delete a.applicant.address)).toEqual([]);
    const app = normaliseApplication(application((a) => (a.interviews = [{ clientIp: IP.shenyang }])));
    expect(interviewDetector.detect(app, { reference: { disposableMailDomains: new Set() } })).toEqual([]);
  });
});
