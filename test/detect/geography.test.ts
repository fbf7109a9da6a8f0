/**
 * The geography family on real reference rows: each signal fires on a
 * realistic application, stays silent on the honest variants of it, and
 * never fires on the demo file's ordinary applications. The shared test
 * context does not load the geographic data (yet), so this suite builds its
 * own with loadGeoReference().
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { geographyDetector } from '../../src/detect/geography.js';
import type { DetectContext, RawSignal } from '../../src/detect/types.js';
import { normaliseApplication, type EnrichedApplication } from '../../src/normalise/application.js';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import type { GeoReference } from '../../src/reference/geo/geo-reference.js';
import { loadGeoReference } from '../../src/reference/geo/load-geo-reference.js';
import { application } from '../helpers/applications.js';

let geo: GeoReference;
let ctx: DetectContext;
beforeAll(() => {
  geo = loadGeoReference();
  ctx = { reference: { disposableMailDomains: new Set(), geo } };
});

/** Real addresses used below (GeoLite2 City 2023-11-15; AS from @ip-location-db/asn). */
const IP = {
  austin: '66.68.92.231', // Charter, Austin TX
  chicago: '73.75.144.210', // Comcast, Chicago IL
  seattle: '67.183.140.2', // Comcast, Seattle WA
  overlandPark: '64.126.62.192', // Everfast Fiber, Overland Park KS (Kansas City metro)
  blueRidgeVa: '73.12.44.8', // Comcast, Blue Ridge VA (the shared helper's session IP)
  dallasWide: '4.39.67.45', // Dallas TX with a 1,000 km accuracy radius
  shenyang: '42.177.215.221', // China Unicom, Shenyang, Liaoning
  seoul: '121.170.143.133', // Seoul, KR
  saoPaulo: '179.95.86.229', // Telefonica Brasil, São Paulo
  sanJuan: '70.45.23.117', // Liberty, San Juan PR
  halifax: '156.57.125.215', // Bell Canada, Halifax NS
  m247: '2.56.151.10', // AS9009 M247 Europe SRL, New York
  advin: '45.8.22.10', // AS206216 Advin Services LLC, Los Angeles
  mullvad: '45.83.220.10', // AS39351 31173 Services AB (Mullvad)
  protonV6: '2001:470:aa::10', // AS62371 Proton AG
  awsMapped: '::ffff:3.5.140.2', // AS16509 Amazon, geolocated to Incheon KR
  zscalerChicago: '128.177.125.5', // AS22616 Zscaler, Chicago (corporate gateway)
  zscalerSanJose: '128.177.129.5', // AS22616 Zscaler, San Jose
};

type Patch = (a: Record<string, any>) => void;

/** The shared base application (Austin, TX 78704, phone 512) with a real Austin residential IP. */
function austin(patch?: Patch): EnrichedApplication {
  return normaliseApplication(
    application((a) => {
      a.session.ip = IP.austin;
      patch?.(a);
    }),
  );
}

function detect(record: EnrichedApplication): RawSignal[] {
  return geographyDetector.detect(record, ctx);
}

const ids = (signals: RawSignal[]) => [...new Set(signals.map((s) => s.id))].sort();

/** Add interview times / client IPs the way a normaliser that keeps them would. */
function withInterviews(record: EnrichedApplication, interviews: { at?: string; clientIp?: string }[]): EnrichedApplication {
  return { ...record, interviews: interviews.map((i) => ({ ...i, flags: [] })) };
}

interface Row {
  readonly name: string;
  readonly record: () => EnrichedApplication;
  readonly fires: string[];
  readonly evidence?: (string | RegExp)[];
}

function runTable(rows: Row[]): void {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const signals = detect(row.record());
    expect(ids(signals)).toEqual([...row.fires].sort());
    const text = signals.map((s) => s.evidence).join(' | ');
    for (const e of row.evidence ?? []) expect(text).toMatch(e);
  });
}

describe('geography.ip_hosting_or_vpn', () => {
  runTable([
    {
      name: 'M247 data-centre IP',
      record: () => austin((a) => (a.session.ip = IP.m247)),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['IP 2.56.151.10 of the application session is in AS9009 M247 Europe SRL (M247), a hosting/cloud provider', 'data/geo/hosting-asns.csv', /range 2\.56\.\d+\.\d+-/],
    },
    {
      name: 'Advin Servers VPS (the spec example address)',
      record: () => austin((a) => (a.session.ip = IP.advin)),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['AS206216 Advin Services LLC'],
    },
    {
      name: "Mullvad's network (31173)",
      record: () => austin((a) => (a.session.ip = IP.mullvad)),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['AS39351 31173 Services AB (Mullvad VPN (31173)), a commercial VPN service'],
    },
    {
      name: 'Proton VPN over IPv6',
      record: () => austin((a) => (a.session.ip = IP.protonV6)),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['AS62371 Proton AG'],
    },
    {
      name: 'AWS address written as IPv4-mapped IPv6: the data centre is in Korea, yet no country clue (a data centre is not where anyone lives)',
      record: () => austin((a) => (a.session.ip = IP.awsMapped)),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['AS16509 Amazon.com, Inc.'],
    },
    {
      name: 'interview from a VPS while the application came from home (when the record carries interviews)',
      record: () => withInterviews(austin(), [{ at: '2025-11-12T16:00:00Z', clientIp: IP.advin }]),
      fires: ['geography.ip_hosting_or_vpn'],
      evidence: ['IP 45.8.22.10 of interview 1'],
    },
    {
      name: 'a corporate security gateway (Zscaler) is not a hosting signal',
      record: () => austin((a) => {
        a.applicant.address = { line1: '1 W Superior St', city: 'Chicago', region: 'IL', postalCode: '60654', country: 'US' };
        a.applicant.phones = ['(312) 555-0101'];
        a.session.ip = IP.zscalerChicago;
      }),
      fires: [],
    },
  ]);
});

describe('geography.ip_country_mismatch', () => {
  runTable([
    {
      name: 'Austin address, home connection in Shenyang',
      record: () => austin((a) => (a.session.ip = IP.shenyang)),
      fires: ['geography.ip_country_mismatch'],
      evidence: ['IP 42.177.215.221 of the application session is located in Shenyang, China (GeoLite2 City 2023-11-15', 'but the claimed address is Austin, TX 78704'],
    },
    {
      name: 'the same clue the other way round: a Seoul address with a U.S. home connection',
      record: () => austin((a) => {
        a.applicant.address = { line1: '12 Teheran-ro', city: 'Seoul', region: 'Seoul', postalCode: '06222', country: 'KR' };
        a.applicant.phones = ['+82 10-2345-6789'];
        a.session = { ip: IP.chicago, timezone: 'Asia/Seoul', utcOffsetMinutes: 540 };
      }),
      fires: ['geography.ip_country_mismatch'],
      evidence: ['is located in Chicago, IL, United States', 'Seoul, Seoul (South Korea)'],
    },
    {
      name: 'a Puerto Rico address (country US, state PR) with a San Juan IP agrees',
      record: () => austin((a) => {
        a.applicant.address = { line1: '250 Calle San Francisco', city: 'San Juan', region: 'PR', postalCode: '00901', country: 'US' };
        a.applicant.phones = ['(787) 555-0143'];
        a.session = { ip: IP.sanJuan, timezone: 'America/Puerto_Rico' };
      }),
      fires: [],
    },
  ]);
});

describe('geography.ip_region_mismatch', () => {
  runTable([
    {
      name: 'Austin address, home connection in Chicago (1,500 km)',
      record: () => austin((a) => (a.session.ip = IP.chicago)),
      fires: ['geography.ip_region_mismatch'],
      evidence: [/located in Chicago, IL, United States \(GeoLite2 City .*, accuracy 20 km\), 1,[0-9]{3} km from the claimed address Austin, TX 78704$/],
    },
    {
      name: 'an Austin address with a Blue Ridge, VA connection: another state, far away',
      record: () => normaliseApplication(application((a) => (a.session.ip = '73.12.44.8'))),
      fires: ['geography.ip_region_mismatch'],
      evidence: ['Blue Ridge, VA'],
    },
    {
      name: 'Kansas City, MO address with an Overland Park, KS connection: another state, same metro',
      record: () => austin((a) => {
        a.applicant.address = { line1: '4500 Main St', city: 'Kansas City', region: 'MO', postalCode: '64111', country: 'US' };
        a.applicant.phones = ['(816) 555-0126'];
        a.session.ip = IP.overlandPark;
      }),
      fires: [],
    },
    {
      name: 'an IP located only to within 1,000 km says nothing about the state',
      record: () => austin((a) => (a.session.ip = IP.dallasWide)),
      fires: [],
    },
    {
      name: 'Chicago employee on a corporate gateway in San Jose: no hosting signal, only the weak region clue',
      record: () => austin((a) => {
        a.applicant.address = { line1: '1 W Superior St', city: 'Chicago', region: 'IL', postalCode: '60654', country: 'US' };
        a.applicant.phones = ['(312) 555-0101'];
        a.session.ip = IP.zscalerSanJose;
      }),
      fires: ['geography.ip_region_mismatch'],
    },
  ]);
});

describe('geography.timezone_mismatch (offsets at the submission instant, DST included)', () => {
  runTable([
    {
      name: 'Austin address, browser in Asia/Shanghai',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'Asia/Shanghai', utcOffsetMinutes: 480 })),
      fires: ['geography.timezone_mismatch'],
      evidence: ['browser time zone Asia/Shanghai (UTC+08:00 then) at submission on 2025-11-03', 'Austin, TX 78704 keeps America/Chicago UTC-06:00', 'ZIP 78704 in zipcodes 8.0.0 + tz-lookup'],
    },
    {
      name: 'only a clock offset, no zone name: UTC+09:00 against Chicago',
      record: () => austin((a) => (a.session = { ip: IP.austin, utcOffsetMinutes: 540 })),
      fires: ['geography.timezone_mismatch'],
      evidence: ['browser clock offset UTC+09:00'],
    },
    {
      name: 'Los Angeles address, browser in America/Phoenix, in July: same offset (-7), nothing',
      record: () => austin((a) => {
        a.submittedAt = '2025-07-15T18:00:00Z';
        a.applicant.address = { line1: '3600 Wilshire Blvd', city: 'Los Angeles', region: 'CA', postalCode: '90010', country: 'US' };
        a.applicant.phones = ['213-555-0178'];
        a.session = { ip: '108.178.129.123', timezone: 'America/Phoenix' };
      }),
      fires: [],
    },
    {
      name: 'the same in January: Los Angeles is on -8, Phoenix stays on -7',
      record: () => austin((a) => {
        a.submittedAt = '2025-01-15T18:00:00Z';
        a.applicant.address = { line1: '3600 Wilshire Blvd', city: 'Los Angeles', region: 'CA', postalCode: '90010', country: 'US' };
        a.applicant.phones = ['213-555-0178'];
        a.session = { ip: '108.178.129.123', timezone: 'America/Phoenix' };
      }),
      fires: ['geography.timezone_mismatch_nearby'],
      evidence: ['America/Phoenix (UTC-07:00 then)', 'America/Los_Angeles UTC-08:00: 1 h apart, a neighbouring zone'],
    },
    {
      name: 'a fixed offset of -300 is right for Chicago in July',
      record: () => austin((a) => {
        a.submittedAt = '2025-07-01T15:00:00Z';
        a.session = { ip: IP.austin, utcOffsetMinutes: -300 };
      }),
      fires: [],
    },
    {
      name: 'and an hour off for Chicago in November: a neighbouring zone',
      record: () => austin((a) => (a.session = { ip: IP.austin, utcOffsetMinutes: -300 })),
      fires: ['geography.timezone_mismatch_nearby'],
      evidence: ['browser clock offset UTC-05:00'],
    },
    {
      name: 'Austin address, browser still on Los Angeles time: 2 h, a neighbouring zone (weak)',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'America/Los_Angeles' })),
      fires: ['geography.timezone_mismatch_nearby'],
      evidence: ['America/Chicago UTC-06:00: 2 h apart, a neighbouring zone'],
    },
    {
      name: 'Austin address, browser in Europe/London: 6 h, beyond one continent',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'Europe/London' })),
      fires: ['geography.timezone_mismatch'],
      evidence: ['America/Chicago UTC-06:00: 6 h apart, beyond the zones of one continent'],
    },
    {
      name: 'Austin address, browser in Asia/Kolkata: offsets of half an hour are told in tenths',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'Asia/Kolkata' })),
      fires: ['geography.timezone_mismatch'],
      evidence: ['browser time zone Asia/Kolkata (UTC+05:30 then)', '11.5 h apart'],
    },
    {
      name: 'a browser reporting UTC (privacy modes do) places nobody',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'Etc/UTC', utcOffsetMinutes: 0 })),
      fires: [],
    },
    {
      name: 'an unknown zone name and no offset is unknown',
      record: () => austin((a) => (a.session = { ip: IP.austin, timezone: 'Mars/Olympus_Mons' })),
      fires: [],
    },
    {
      name: 'the legacy alias Asia/Calcutta for a Bengaluru address',
      record: () => austin((a) => {
        a.applicant.address = { line1: '5th Cross, Koramangala', city: 'Bengaluru', region: 'Karnataka', postalCode: '560095', country: 'IN' };
        a.applicant.phones = ['+91 98765 43210'];
        a.session = { ip: '157.45.254.14', timezone: 'Asia/Calcutta' };
      }),
      fires: [],
    },
    {
      name: 'El Paso (Mountain time in Texas) with America/Denver',
      record: () => austin((a) => {
        a.applicant.address = { line1: '500 N Mesa St', city: 'El Paso', region: 'TX', postalCode: '79912', country: 'US' };
        a.applicant.phones = ['915-555-0143'];
        a.session = { ip: '69.23.141.44', timezone: 'America/Denver' };
      }),
      fires: [],
    },
  ]);
});

describe('geography.area_code_region_mismatch (weak)', () => {
  runTable([
    {
      name: 'Austin address with a Seattle (206) number',
      record: () => austin((a) => (a.applicant.phones = ['(206) 555-0143'])),
      fires: ['geography.area_code_region_mismatch'],
      evidence: ["phone '(206) 555-0143' has area code 206, which serves WA (US; data/geo/nanp-area-codes.csv, from libphonenumber geocoding: \"Washington State\"), but the claimed address Austin, TX 78704 is in TX"],
    },
    {
      name: 'Toronto address with a Vancouver (604) number',
      record: () => austin((a) => {
        a.applicant.address = { line1: '100 St George St', city: 'Toronto', region: 'ON', postalCode: 'M5S 1G5', country: 'CA' };
        a.applicant.phones = ['604-555-0123'];
        a.session = { ip: '99.209.7.192', timezone: 'America/Toronto' };
      }),
      fires: ['geography.area_code_region_mismatch'],
      evidence: ['area code 604, which serves BC'],
    },
    {
      name: 'Charlottetown, PE with 902, which Nova Scotia and PEI share',
      record: () => austin((a) => {
        a.applicant.address = { line1: '1 Grafton St', city: 'Charlottetown', region: 'PE', postalCode: 'C1A 1K4', country: 'CA' };
        a.applicant.phones = ['902-555-0143'];
        a.session = { ip: IP.halifax, timezone: 'America/Halifax' };
      }),
      fires: [],
    },
    {
      name: 'a Seoul address with a U.S. number is not this clue',
      record: () => austin((a) => {
        a.applicant.address = { line1: '12 Teheran-ro', city: 'Seoul', region: 'Seoul', postalCode: '06222', country: 'KR' };
        a.applicant.phones = ['+1 512 555 0143'];
        a.session = { ip: IP.seoul, timezone: 'Asia/Seoul' };
      }),
      fires: [],
    },
    {
      name: 'a toll-free number has no place',
      record: () => austin((a) => (a.applicant.phones = ['(888) 555-0123'])),
      fires: [],
    },
  ]);
});

describe('geography.zip_place_mismatch', () => {
  runTable([
    {
      name: 'Dallas, TX claimed with an Austin ZIP',
      record: () => austin((a) => (a.applicant.address.city = 'Dallas')),
      fires: ['geography.zip_place_mismatch'],
      evidence: [/ZIP 78704 is Austin, TX \(zipcodes 8\.0\.0\), not Dallas, TX as claimed: the nearest Dallas ZIP is \d{3} km away/],
    },
    {
      name: 'Seattle, WA claimed with an Austin ZIP',
      record: () => austin((a) => {
        a.applicant.address = { line1: '400 Broad St', city: 'Seattle', region: 'WA', postalCode: '78704', country: 'US' };
        a.applicant.phones = ['(206) 555-0143'];
        a.session = { ip: IP.seattle, timezone: 'America/Los_Angeles' };
      }),
      fires: ['geography.zip_place_mismatch'],
      evidence: ['ZIP 78704 is Austin, TX (zipcodes 8.0.0), not in WA as claimed (Seattle, WA 78704)'],
    },
    {
      name: 'Boston with 02130, which the data calls Jamaica Plain (a Boston neighbourhood)',
      record: () => austin((a) => {
        a.applicant.address = { line1: '12 Centre St', city: 'Boston', region: 'MA', postalCode: '02130', country: 'US' };
        a.applicant.phones = ['617-555-0152'];
        a.session = { ip: '24.218.57.39', timezone: 'America/New_York' };
      }),
      fires: [],
    },
    {
      name: 'New York, NY with a Brooklyn ZIP',
      record: () => austin((a) => {
        a.applicant.address = { line1: '1 Pierrepont St', city: 'New York', region: 'NY', postalCode: '11201', country: 'US' };
        a.applicant.phones = ['718-555-0100'];
        a.session = { timezone: 'America/New_York' };
      }),
      fires: [],
    },
    {
      name: 'Texarkana, AR with a Texarkana, TX ZIP: a border town',
      record: () => austin((a) => {
        a.applicant.address = { line1: '100 State Line Ave', city: 'Texarkana', region: 'AR', postalCode: '75501', country: 'US' };
        a.applicant.phones = ['870-555-0100'];
        a.session = { timezone: 'America/Chicago' };
      }),
      fires: [],
    },
    {
      name: 'St. Louis spelled "Saint Louis"',
      record: () => austin((a) => {
        a.applicant.address = { line1: '1 Market St', city: 'Saint Louis', region: 'MO', postalCode: '63101', country: 'US' };
        a.applicant.phones = ['314-555-0100'];
        a.session = { timezone: 'America/Chicago' };
      }),
      fires: [],
    },
    {
      name: 'a ZIP the data does not list is unknown',
      record: () => austin((a) => (a.applicant.address.postalCode = '00000')),
      fires: [],
    },
    {
      name: 'a city the data does not list in that state is unknown',
      record: () => austin((a) => (a.applicant.address.city = 'Barton Creek Hills')),
      fires: [],
    },
  ]);

  it('a different city in the same state counts less than a different state', () => {
    const city = detect(austin((a) => (a.applicant.address.city = 'Dallas')))[0]!;
    expect(city.strength).toBe(0.6);
    const state = detect(austin((a) => (a.applicant.address.region = 'WA')));
    expect(state.find((s) => s.id === 'geography.zip_place_mismatch')?.strength).toBeUndefined();
  });
});

describe('geography.night_activity (only when repeated)', () => {
  // 08:30Z = 02:30 in Austin (CST); 09:00Z = 03:00.
  runTable([
    {
      name: 'submitted at 02:30 and interviewed at 03:00 Austin time',
      record: () => withInterviews(austin((a) => (a.submittedAt = '2025-11-04T08:30:00Z')), [{ at: '2025-11-12T09:00:00Z' }]),
      fires: ['geography.night_activity'],
      evidence: ['2 of 2 activity times fall between 00:00 and 05:00 at the claimed address Austin, TX 78704 (America/Chicago local time): application submitted at 2025-11-04 02:30; interview 1 at 2025-11-12 03:00'],
    },
    {
      name: 'a single late submission is nothing',
      record: () => austin((a) => (a.submittedAt = '2025-11-04T08:30:00Z')),
      fires: [],
    },
    {
      name: 'a late submission and an afternoon interview is nothing',
      record: () => withInterviews(austin((a) => (a.submittedAt = '2025-11-04T08:30:00Z')), [{ at: '2025-11-12T20:00:00Z' }]),
      fires: [],
    },
    {
      name: 'interview times in the raw record reach the detector through the normaliser',
      record: () => austin((a) => {
        a.submittedAt = '2025-11-04T08:30:00Z';
        a.interviews = [{ at: '2025-11-12T09:00:00Z', mode: 'video' }];
      }),
      fires: ['geography.night_activity'],
    },
    {
      name: 'times without a zone are not exact: silent',
      record: () => withInterviews(austin((a) => (a.submittedAt = '2025-11-04T08:30:00')), [{ at: '2025-11-12 09:00' }]),
      fires: [],
    },
  ]);
});

describe('honest applicants raise nothing', () => {
  runTable([
    {
      name: 'Chicago resident on Comcast with a Chicago clock and a 312 number',
      record: () => austin((a) => {
        a.applicant.address = { line1: '2100 N Lincoln Park W', city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' };
        a.applicant.phones = ['(312) 555-0101'];
        a.session = { ip: IP.chicago, timezone: 'America/Chicago', utcOffsetMinutes: -360 };
      }),
      fires: [],
    },
    {
      name: 'São Paulo applicant on a Brazilian connection',
      record: () => austin((a) => {
        a.applicant.fullName = 'Mariana Costa';
        a.applicant.address = { line1: 'Rua Augusta 1500', city: 'São Paulo', region: 'SP', postalCode: '01304-001', country: 'BR' };
        a.applicant.phones = ['+55 11 91234-5678'];
        a.session = { ip: IP.saoPaulo, timezone: 'America/Sao_Paulo', utcOffsetMinutes: -180 };
      }),
      fires: [],
    },
    {
      name: 'Austin resident with the matching Austin connection',
      record: () => austin(),
      fires: [],
    },
    {
      name: 'nothing to compare: no address, no session, no phone',
      record: () => austin((a) => {
        delete a.applicant.address;
        delete a.session;
        a.applicant.phones = [];
      }),
      fires: [],
    },
    {
      name: 'an address without a country is not guessed at (except a U.S. ZIP and state)',
      record: () => austin((a) => {
        a.applicant.address = { city: 'Springfield' };
        a.session = { ip: IP.shenyang, timezone: 'Asia/Shanghai' };
      }),
      fires: [],
    },
  ]);

  it('living abroad with local connection, clock and number costs nothing, wherever home is', () => {
    const homes: [string, Record<string, string>, string, string, string][] = [
      ['US', { city: 'Austin', region: 'TX', postalCode: '78704' }, '(512) 555-0143', IP.austin, 'America/Chicago'],
      ['GB', { city: 'London', region: 'England', postalCode: 'E8 4RT' }, '+44 20 7946 0958', '81.161.55.53', 'Europe/London'],
      ['KR', { city: 'Seoul', region: 'Seoul', postalCode: '06222' }, '+82 10-2345-6789', IP.seoul, 'Asia/Seoul'],
      ['IN', { city: 'Bengaluru', region: 'Karnataka', postalCode: '560095' }, '+91 98765 43210', '157.45.254.14', 'Asia/Kolkata'],
      ['NG', { city: 'Lagos', region: 'Lagos', postalCode: '101212' }, '+234 803 123 4567', '41.220.71.126', 'Africa/Lagos'],
      ['BR', { city: 'São Paulo', region: 'SP', postalCode: '01304-001' }, '+55 11 91234-5678', IP.saoPaulo, 'America/Sao_Paulo'],
      ['DE', { city: 'Berlin', region: 'Berlin', postalCode: '10243' }, '+49 30 12345678', '37.83.52.196', 'Europe/Berlin'],
      ['CA', { city: 'Halifax', region: 'NS', postalCode: 'B3H 1A1' }, '902-555-0143', IP.halifax, 'America/Halifax'],
    ];
    for (const [country, address, phone, ip, timezone] of homes) {
      const signals = detect(
        austin((a) => {
          a.applicant.address = { line1: '1 Main St', ...address, country };
          a.applicant.phones = [phone];
          a.session = { ip, timezone };
        }),
      );
      expect([country, signals]).toEqual([country, []]);
    }
  });

  it('the name plays no part', () => {
    const names = ['Daniel Reyes', 'Kim Min-jun', 'Zhang Wei', 'Oluwaseun Adeyemi', 'Olga Ivanova', 'Jong Chol Ri', 'Łukasz Wiśniewski'];
    const outputs = names.map((n) => JSON.stringify(detect(austin((a) => {
      a.applicant.fullName = n;
      a.session.ip = IP.shenyang;
      a.session.timezone = 'Asia/Shanghai';
    }))));
    expect(new Set(outputs).size).toBe(1);
  });

  it('is silent without geographic reference data', () => {
    expect(geographyDetector.detect(austin((a) => (a.session.ip = IP.shenyang)), { reference: { disposableMailDomains: new Set() } })).toEqual([]);
  });
});

describe('examples/applications.jsonl', () => {
  const expected = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Record<string, { kind: string }>;
  const records = readFileSync('examples/applications.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ApplicationSchema.parse(JSON.parse(l)));
  const ordinary = records.filter((r) => expected[r.id]?.kind === 'ordinary');

  it('has ordinary applications to check', () => {
    expect(ordinary.length).toBeGreaterThan(30);
  });

  it.each(ordinary.map((r) => [r.id, r] as const))('%s (ordinary) raises no geography signal', (_id, app) => {
    expect(detect(normaliseApplication(app))).toEqual([]);
  });
});

describe('never throws', () => {
  it('on any session, address and phone strings', () => {
    const text = fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.constantFrom('America/Chicago', 'UTC', 'Asia/Seoul', '', 'TX', '78704', 'US', '+1 512 555 0143'));
    fc.assert(
      fc.property(text, text, text, text, text, fc.integer({ min: -2000, max: 2000 }), text, (ip, tz, city, region, postal, offset, phone) => {
        const record = austin((a) => {
          a.session = { ip, timezone: tz, utcOffsetMinutes: offset };
          a.applicant.address = { city, region, postalCode: postal, country: 'US' };
          a.applicant.phones = [phone];
        });
        geographyDetector.detect(withInterviews(record, [{ at: tz, clientIp: city }, { at: '2025-11-12T09:00:00Z', clientIp: ip }]), ctx);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
