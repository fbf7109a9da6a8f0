/**
 * Deterministic generator of realistic applications for benchmarks: names of
 * many origins, valid US and foreign numbers, addresses, education, jobs,
 * references and profiles, with a few per cent carrying planted clues.
 *
 * Personal identifiers (phone, mailbox, address, device, IP, profile,
 * reference contacts) are derived from the record number, so two generated
 * people never share one by accident: random digits would collide by the
 * thousand in a million records (the birthday bound) and drown the planted
 * rings of the linkage benchmark in clusters nobody planted. Honest sharing
 * is planted on purpose instead: SHARED_HOME_RATE of applicants in the US
 * live with the previous one there (another person, same address), as families do.
 */
import { prng } from '../test/helpers/prng.js';

const GIVEN = ['Daniel', 'Maria', 'Wei', 'Min-jun', 'Priya', 'Oluwaseun', 'Olga', 'Juan', 'Aiko', 'Kwame', 'Emily', 'Ahmad', 'Mei', 'Thabo', 'Lukasz', 'Seo-yeon', 'Carlos', 'Fatima', 'Jamal', 'Anh', 'Sofia', 'Ivan', 'Grace', 'Ravi', 'Hannah', 'Omar', 'Chloe', 'Tomasz', 'Yuki', 'Diego'];
const FAMILY = ['Reyes', 'Chen', 'Kim', 'Park', 'Nguyen', 'Adeyemi', 'Ivanova', 'Hernandez', 'Tanaka', 'Mensah', 'Walker', 'Karimi', 'Nkosi', 'Wisniewski', 'Patel', 'Garcia', 'Okafor', 'Silva', 'Kowalski', 'Smith', 'Johnson', 'Lee', 'Singh', 'Haddad', 'Novak', 'Murphy', 'Rossi', 'Schmidt', 'Tran', 'Cohen'];
const US_PLACES: [string, string, string, string][] = [
  ['Austin', 'TX', '78704', '512'], ['Seattle', 'WA', '98101', '206'], ['Chicago', 'IL', '60601', '312'], ['Denver', 'CO', '80202', '303'],
  ['Atlanta', 'GA', '30303', '404'], ['Boston', 'MA', '02108', '617'], ['Raleigh', 'NC', '27601', '919'], ['Portland', 'OR', '97205', '503'],
  ['Phoenix', 'AZ', '85004', '602'], ['New York', 'NY', '10001', '212'], ['San Francisco', 'CA', '94103', '415'], ['Miami', 'FL', '33130', '305'],
];
/** Foreign places; each phone is built from the record's 7-digit serial, so it is the record's own. */
const ABROAD: [string, string, (serial: string) => string][] = [
  ['London', 'GB', (s) => `+44 7700 ${s.slice(1)}`], ['Berlin', 'DE', (s) => `+49 30 ${d(1)}${s}`], ['Bengaluru', 'IN', (s) => `+91 98${d(1)}${s.slice(0, 2)} ${s.slice(2)}`],
  ['Seoul', 'KR', (s) => `+82 10-${2 + Number(s[0]) % 7}${s.slice(1, 4)}-${s.slice(3)}`], ['São Paulo', 'BR', (s) => `+55 11 9${d(1)}${s.slice(0, 3)}-${s.slice(3)}`], ['Lagos', 'NG', (s) => `+234 803 ${s.slice(0, 3)} ${s.slice(3)}`],
];
/** The IANA zone of each place in US_PLACES and ABROAD, in the same order: the browser clock agrees with the address. */
const US_ZONES = ['America/Chicago', 'America/Los_Angeles', 'America/Chicago', 'America/Denver', 'America/New_York', 'America/New_York', 'America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'America/New_York', 'America/Los_Angeles', 'America/New_York'];
const ABROAD_ZONES: Record<string, string> = { London: 'Europe/London', Berlin: 'Europe/Berlin', Bengaluru: 'Asia/Kolkata', Seoul: 'Asia/Seoul', 'São Paulo': 'America/Sao_Paulo', Lagos: 'Africa/Lagos' };
/**
 * Four /16 networks per foreign country that the GeoLite2 data in geoip-lite places in that
 * country, outside hosting ranges (every /24 checked with src/reference/geo): an applicant
 * abroad connects from home. U.S. applicants keep 73.0.0.0/8 (Comcast), which the data
 * places in many states, so the IP-region check fires for many of them (weight 0.4: alone
 * it moves no band).
 */
const ABROAD_NETWORKS: Record<string, readonly string[]> = {
  GB: ['81.76', '81.77', '81.78', '81.79'], DE: ['84.56', '84.57', '84.58', '84.11'], IN: ['49.14', '49.15', '49.32', '49.33'],
  KR: ['211.32', '211.33', '211.34', '211.35'], BR: ['187.1', '187.2', '187.3', '187.4'], NG: ['105.112', '105.113', '105.114', '105.115'],
};
/** Addresses handed out so far per foreign country (one each, never reused; reset with the generator). */
let abroadHosts: Record<string, number> = {};

/**
 * The next unused home address in the country, spread over its 1,024 /24 networks as
 * households are (about 25 applicants a network at a million records, as in 73.0.0.0/8).
 */
function abroadIp(country: string): string {
  const k = abroadHosts[country] ?? 0;
  abroadHosts[country] = k + 1;
  const block = k % 1024;
  const networks = ABROAD_NETWORKS[country]!;
  return `${networks[block >> 8]}.${block & 255}.${1 + (Math.floor(k / 1024) % 254)}`;
}

const RESUME_WORDS = (
  'built designed led migrated scaled maintained shipped owned improved reduced automated services pipelines platform api apis ' +
  'latency throughput reliability observability kubernetes terraform postgres kafka redis react typescript python go java rust ' +
  'team customers billing payments search ranking analytics warehouse streaming batch mobile web backend frontend infrastructure ' +
  'security compliance testing deployment incidents oncall mentoring hiring roadmap architecture migration cost performance data'
).split(' ');

/** A resume of its own for record i (drawn from a generator seeded by i, apart from the record's other draws). */
function resumeOf(i: number, fullName: string, employer: string): string {
  const draw = prng(Math.imul(i + 1, 0x9e3779b1));
  const words = Array.from({ length: 50 }, () => RESUME_WORDS[Math.floor(draw() * RESUME_WORDS.length)]!);
  return `${fullName}. Software engineer at ${employer}: ${words.join(' ')}.`;
}

const STREETS = ['Barton Springs Rd', 'Elm St', 'Maple Avenue', 'Oak Street', 'Pine Dr', 'Lake Shore Blvd', 'Main St', 'Cedar Lane', 'Willow Way', 'Birch Rd', 'Sunset Blvd', 'River Rd', 'Hillcrest Dr', 'Park Ave', 'Lincoln St', 'Madison Ave'];
/** Share of applicants who give the previous applicant's home address (a family, flatmates). */
export const SHARED_HOME_RATE = 0.002;
const SCHOOLS = ['University of Texas at Austin', 'University of Washington', 'Georgia Institute of Technology', 'Indian Institute of Technology Bombay', 'Seoul National University', 'University of Lagos', 'Technical University of Munich', 'University of São Paulo'];
const EMPLOYERS = ['Indeed', 'Dell Technologies', 'Expedia', 'Infosys', 'Samsung SDS', 'Flutterwave', 'SAP', 'Nubank', 'Acme Analytics', 'Globex'];
const FIELDS = ['Computer Science', 'Electrical Engineering', 'Mathematics', 'Information Systems'];
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];

let state = 1;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function d(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10);
  return s;
}
/** Valid US exchanges (2-9 first digit, no N11, not 555), in a fixed order. */
const EXCHANGES = Array.from({ length: 800 }, (_, k) => String(200 + k)).filter((e) => !/^.11$/.test(e) && e !== '555');

/** Record i's own place and numbers: unique for i below 1.9 million, spread like random ones. */
function uniqueParts(i: number): { place: number; street: string; number: number; exchange: string; line: string; refExchange: string; refLine: string; serial: string } {
  const place = i % US_PLACES.length;
  const j = Math.floor(i / US_PLACES.length);
  const street = STREETS[j % STREETS.length]!;
  const number = 1 + (Math.floor(j / STREETS.length) * 7919) % 9973;
  const scrambled = (j * 7_654_321) % 7_000_000; // applicants' phones: exchanges 0-699 of the list, spread
  return {
    place, street, number,
    exchange: EXCHANGES[Math.floor(scrambled / 10000)]!, line: String(scrambled % 10000).padStart(4, '0'),
    refExchange: EXCHANGES[700 + (Math.floor(j / 10000) % 80)]!, refLine: String(j % 10000).padStart(4, '0'),
    serial: String(i).padStart(7, '0'),
  };
}

let previousHome: Record<string, unknown> | undefined;

export function generateApplication(i: number): Record<string, unknown> {
  const given = pick(GIVEN);
  const family = pick(FAMILY);
  const fullName = `${given} ${family}`;
  const abroad = rand() < 0.15;
  const own = uniqueParts(i);
  const [city, region, zip, area] = US_PLACES[own.place]!;
  const foreign = pick(ABROAD);
  const usPhone = `(${area}) ${own.exchange}-${own.line}`;
  const phone = abroad ? foreign[2](own.serial) : rand() < 0.03 ? `+1 ${usPhone}` : usPhone;
  const mailbox = `${given.toLowerCase()}.${family.toLowerCase()}${own.serial}@${rand() < 0.01 ? 'mailinator.com' : pick(DOMAINS)}`;
  const gradYear = 2000 + Math.floor(rand() * 22);
  const refPhone = rand() < 0.01 ? phone : `(${area}) ${own.refExchange}-${own.refLine}`;
  const home = abroad
    ? { line1: `${own.number} ${own.street}`, line2: `Unit ${own.place + 1}`, city: foreign[0], country: foreign[1] }
    : { line1: `${own.number} ${own.street}${rand() < 0.3 ? ` Apt ${1 + Math.floor(rand() * 40)}` : ''}`, city, region, postalCode: zip, country: 'US' };
  const address = !abroad && previousHome && rand() < SHARED_HOME_RATE ? previousHome : home;
  if (!abroad) previousHome = address;
  const us = 0x49000000 + ((i * 40503) % 0x1000000); // 73.0.0.0/8, one address per record
  const ip = abroad ? abroadIp(foreign[1]) : `${us >>> 24}.${(us >>> 16) & 255}.${(us >>> 8) & 255}.${us & 255}`;
  return {
    id: `gen-${i}`,
    source: pick(['greenhouse', 'lever', 'ashby']),
    submittedAt: `2025-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:15:00Z`,
    job: { id: `req-${Math.floor(rand() * 300)}`, title: pick(['Software Engineer', 'Senior Data Engineer', 'ML Engineer', 'DevOps Engineer']), remote: true },
    applicant: {
      fullName,
      emails: [mailbox],
      phones: [phone],
      address,
      links: [`https://www.linkedin.com/in/${given.toLowerCase()}-${family.toLowerCase()}-${own.serial}`],
    },
    education: [{ institution: pick(SCHOOLS), degree: pick(['BS', 'MS', 'BEng']), field: pick(FIELDS), start: `${gradYear - 4}-09`, end: `${gradYear}-05` }],
    employment: [
      { employer: pick(EMPLOYERS), title: 'Software Engineer', start: `${gradYear}-07`, end: `${gradYear + 3}-03`, location: abroad ? foreign[0] : `${city}, ${region}` },
      { employer: pick(EMPLOYERS), title: 'Senior Software Engineer', start: `${gradYear + 3}-04`, end: null },
    ],
    references: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}`, email: `ref${own.serial}@example.com`, phone: refPhone }],
    resumeText: resumeOf(i, fullName, pick(EMPLOYERS)),
    session: { ip, timezone: abroad ? ABROAD_ZONES[foreign[0]]! : US_ZONES[own.place]!, deviceId: `fp_${own.serial}` },
    profiles: { linkedin: { displayName: rand() < 0.01 ? `${pick(GIVEN)} ${pick(FAMILY)}` : fullName, createdAt: `${gradYear - 2}-03`, activity: [`${gradYear}-06`, '2025-09'], connections: Math.floor(rand() * 900) } },
  };
}

/** `count` applications as JSON Lines, the same every run. */
export function generateJsonLines(count: number, seed = 1): string[] {
  state = seed;
  previousHome = undefined;
  abroadHosts = {};
  return Array.from({ length: count }, (_, i) => JSON.stringify(generateApplication(i)));
}
