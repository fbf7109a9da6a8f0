/**
 * Public sources that motivate signals. A signal names one of these by key so
 * that the same citation is written once.
 */
export interface PublicSource {
  readonly title: string;
  readonly publisher: string;
  readonly date: string;
  readonly url?: string;
}

export const SOURCES = {
  amazon2025: {
    title: 'How Amazon stopped 1,800+ suspected DPRK IT-worker applicants ("+1" in front of a US number; 200 high-risk institutions; anomalies across applications; geographic inconsistencies)',
    publisher: 'Stephen Schmidt, Amazon Chief Security Officer (public LinkedIn post)',
    date: '2025-12',
  },
  fbi2025: {
    title: 'FBI PSA I-012325-PSA: North Korean IT Workers Conducting Data Extortion (hiring recommendations: cross-reference contact information, verify references)',
    publisher: 'Federal Bureau of Investigation, IC3',
    date: '2025-01-23',
    url: 'https://www.ic3.gov/PSA/2025/PSA250123',
  },
  fbi2024: {
    title: 'FBI PSA I-051624-PSA: North Korea Leverages U.S.-Based Individuals to Defraud U.S. Businesses and Generate Revenue',
    publisher: 'Federal Bureau of Investigation, IC3',
    date: '2024-05-16',
    url: 'https://www.ic3.gov/PSA/2024/PSA240516',
  },
  advisory2022: {
    title: "Guidance on the Democratic People's Republic of Korea Information Technology Workers (red flags: VoIP and non-local numbers, inconsistent identity details, profiles that do not match)",
    publisher: 'U.S. Department of State, Department of the Treasury and Federal Bureau of Investigation',
    date: '2022-05-16',
    url: 'https://ofac.treasury.gov/media/923126/download?inline',
  },
  ofacSdn: {
    title: 'Specially Designated Nationals and Blocked Persons List (SDN), with the North Korea sanctions programs (DPRK, DPRK2, DPRK3, DPRK4, DPRK-NKSPEA)',
    publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
    date: '2025-12',
    url: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists',
  },
  ofacFaqMatches: {
    title: 'Assessing OFAC Name Matches, FAQs 5 and 23 (a hit on one of several names is not a valid match; compare the entry\'s address, nationality, date of birth and other identifiers with what you hold; without several similarities it is not a valid match; a customer outside the SDN\'s area may be a "false hit")',
    publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
    date: '2002-09-10',
    url: 'https://ofac.treasury.gov/faqs/5',
  },
  doj2023: {
    title: 'Justice Department announces court-authorized action to disrupt illicit revenue generation efforts of DPRK information technology workers (seizure of 17 website domains)',
    publisher: 'U.S. Department of Justice, Office of Public Affairs',
    date: '2023-10-18',
    url: 'https://www.justice.gov/opa/pr/justice-department-announces-court-authorized-action-disrupt-illicit-revenue-generation',
  },
  collegeScorecard: {
    title: 'College Scorecard data: every Title IV institution (UNITID, name, city, state, website) and, per field of study, the programs (CIP) each offers at each credential level',
    publisher: 'U.S. Department of Education',
    date: '2021-22 release',
    url: 'https://collegescorecard.ed.gov/data/',
  },
  fbiRok2023: {
    title: "Additional Guidance on the Democratic People's Republic of Korea Information Technology Workers (U.S.-ROK update: VPNs hide the workers' location; inconsistencies in time and location)",
    publisher: 'Federal Bureau of Investigation and U.S. Department of State, with the Republic of Korea',
    date: '2023-10-18',
    url: 'https://www.ic3.gov/PSA/2023/PSA231018',
  },
  mandiant2024: {
    title: 'Staying a Step Ahead: Mitigating the DPRK IT Worker Threat (remote-administration tools such as AnyDesk, TeamViewer, RustDesk and Chrome Remote Desktop on corporate laptops, IP-based KVM hardware, mouse jigglers, VPN logins)',
    publisher: 'Mandiant (Google Cloud)',
    date: '2024-09-23',
    url: 'https://cloud.google.com/blog/topics/threat-intelligence/mitigating-dprk-it-worker-threat',
  },
  microsoft2025: {
    title: "Jasper Sleet: North Korean remote IT workers' evolving tactics to infiltrate organizations (AI-altered photos, voice-changing software, VPNs and remote monitoring and management tools)",
    publisher: 'Microsoft Threat Intelligence',
    date: '2025-06-30',
    url: 'https://www.microsoft.com/en-us/security/blog/2025/06/30/jasper-sleet-north-korean-remote-it-workers-evolving-tactics-to-infiltrate-organizations/',
  },
  doj2025: {
    title: "Justice Department announces coordinated, nationwide actions to combat North Korean remote IT workers' illicit revenue generation schemes (29 laptop farms searched; laptops reached through keyboard-video-mouse (KVM) switches and remote-access software)",
    publisher: 'U.S. Department of Justice, Office of Public Affairs',
    date: '2025-06-30',
    url: 'https://www.justice.gov/opa/pr/justice-department-announces-coordinated-nationwide-actions-combat-north-korean-remote',
  },
  amazonKeystroke2025: {
    title: 'Amazon caught a North Korean IT worker by keystroke lag: input from a laptop said to be in the U.S. took more than 110 ms to reach Seattle, where domestic workers show tens of milliseconds (interview with Stephen Schmidt, Amazon Chief Security Officer)',
    publisher: 'Bloomberg News',
    date: '2025-12',
  },
  fbi2022Deepfake: {
    title: 'FBI PSA I-062822-PSA: Deepfakes and Stolen PII Utilized to Apply for Remote Work Positions (complaints of deepfake video in online interviews for remote IT, programming and database jobs)',
    publisher: 'Federal Bureau of Investigation, IC3',
    date: '2022-06-28',
    url: 'https://www.ic3.gov/PSA/2022/PSA220628',
  },
  seal2025: {
    title: 'DPRK IT Workers: summary and case studies (GitHub accounts recently created with years of faked commit history, repositories copied from legitimate projects, a dormant account revived after years without activity)',
    publisher: 'Security Alliance (SEAL) Frameworks, insider threats',
    date: '2025',
    url: 'https://frameworks.securityalliance.dev/insider-threats/summary.html',
  },
  uspsCmra1999: {
    title: 'Delivery of Mail to a Commercial Mail Receiving Agency (39 CFR Part 111, final rule: mail to a CMRA customer carries the "PMB" private-mailbox designation)',
    publisher: 'U.S. Postal Service, Federal Register vol. 64 no. 57',
    date: '1999-03-25',
    url: 'https://www.govinfo.gov/content/pkg/FR-1999-03-25/html/99-7352.htm',
  },
  levelblue2025: {
    title: 'Behavioral XDR and threat intel nab North Korean fake IT worker within 10 days of hire (LevelBlue SpiderLabs: an Entra ID login from an unmanaged device through an Astrill VPN address, "typically used by North Korea-linked IT workers")',
    publisher: 'CSO Online, on a LevelBlue SpiderLabs report',
    date: '2025',
  },
} as const satisfies Record<string, PublicSource>;

export type SourceKey = keyof typeof SOURCES;
