/**
 * Deterministic generator of realistic applications for benchmarks: names of
 * many origins, valid US and foreign numbers, addresses, education, jobs,
 * references and profiles, with a few per cent carrying planted clues.
 */
const GIVEN = ['Daniel', 'Maria', 'Wei', 'Min-jun', 'Priya', 'Oluwaseun', 'Olga', 'Juan', 'Aiko', 'Kwame', 'Emily', 'Ahmad', 'Mei', 'Thabo', 'Lukasz', 'Seo-yeon', 'Carlos', 'Fatima', 'Jamal', 'Anh', 'Sofia', 'Ivan', 'Grace', 'Ravi', 'Hannah', 'Omar', 'Chloe', 'Tomasz', 'Yuki', 'Diego'];
const FAMILY = ['Reyes', 'Chen', 'Kim', 'Park', 'Nguyen', 'Adeyemi', 'Ivanova', 'Hernandez', 'Tanaka', 'Mensah', 'Walker', 'Karimi', 'Nkosi', 'Wisniewski', 'Patel', 'Garcia', 'Okafor', 'Silva', 'Kowalski', 'Smith', 'Johnson', 'Lee', 'Singh', 'Haddad', 'Novak', 'Murphy', 'Rossi', 'Schmidt', 'Tran', 'Cohen'];
const US_PLACES: [string, string, string, string][] = [
  ['Austin', 'TX', '78704', '512'], ['Seattle', 'WA', '98101', '206'], ['Chicago', 'IL', '60601', '312'], ['Denver', 'CO', '80202', '303'],
  ['Atlanta', 'GA', '30303', '404'], ['Boston', 'MA', '02108', '617'], ['Raleigh', 'NC', '27601', '919'], ['Portland', 'OR', '97205', '503'],
  ['Phoenix', 'AZ', '85004', '602'], ['New York', 'NY', '10001', '212'], ['San Francisco', 'CA', '94103', '415'], ['Miami', 'FL', '33130', '305'],
];
const ABROAD: [string, string, () => string][] = [
  ['London', 'GB', () => `+44 20 7946 ${d(4)}`], ['Berlin', 'DE', () => `+49 30 ${d(8)}`], ['Bengaluru', 'IN', () => `+91 98${d(3)} ${d(5)}`],
  ['Seoul', 'KR', () => `+82 10-${2 + Number(d(1)) % 7}${d(3)}-${d(4)}`], ['São Paulo', 'BR', () => `+55 11 9${d(4)}-${d(4)}`], ['Lagos', 'NG', () => `+234 803 ${d(3)} ${d(4)}`],
];
const STREETS = ['Barton Springs Rd', 'Elm St', 'Maple Avenue', 'Oak Street', 'Pine Dr', 'Lake Shore Blvd', 'Main St', 'Cedar Lane'];
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
/** A valid US exchange: 2-9 first digit, not an N11 code, not 555. */
function exchange(): string {
  for (;;) {
    const e = `${2 + Math.floor(rand() * 8)}${d(2)}`;
    if (!/^.11$/.test(e) && e !== '555') return e;
  }
}

export function generateApplication(i: number): Record<string, unknown> {
  const given = pick(GIVEN);
  const family = pick(FAMILY);
  const fullName = `${given} ${family}`;
  const abroad = rand() < 0.15;
  const [city, region, zip, area] = pick(US_PLACES);
  const foreign = pick(ABROAD);
  const phone = abroad ? foreign[2]() : rand() < 0.03 ? `+1 (${area}) ${exchange()}-${d(4)}` : `(${area}) ${exchange()}-${d(4)}`;
  const mailbox = `${given.toLowerCase()}.${family.toLowerCase()}${d(3)}@${rand() < 0.01 ? 'mailinator.com' : pick(DOMAINS)}`;
  const gradYear = 2000 + Math.floor(rand() * 22);
  const refPhone = rand() < 0.01 ? phone : `(${area}) ${exchange()}-${d(4)}`;
  return {
    id: `gen-${i}`,
    source: pick(['greenhouse', 'lever', 'ashby']),
    submittedAt: `2025-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:15:00Z`,
    job: { id: `req-${Math.floor(rand() * 300)}`, title: pick(['Software Engineer', 'Senior Data Engineer', 'ML Engineer', 'DevOps Engineer']), remote: true },
    applicant: {
      fullName,
      emails: [mailbox],
      phones: [phone],
      address: abroad
        ? { line1: `${1 + Math.floor(rand() * 200)} ${pick(STREETS)}`, city: foreign[0], country: foreign[1] }
        : { line1: `${1 + Math.floor(rand() * 9000)} ${pick(STREETS)}${rand() < 0.3 ? ` Apt ${1 + Math.floor(rand() * 40)}` : ''}`, city, region, postalCode: zip, country: 'US' },
      links: [`https://www.linkedin.com/in/${given.toLowerCase()}-${family.toLowerCase()}-${d(6)}`],
    },
    education: [{ institution: pick(SCHOOLS), degree: pick(['BS', 'MS', 'BEng']), field: pick(FIELDS), start: `${gradYear - 4}-09`, end: `${gradYear}-05` }],
    employment: [
      { employer: pick(EMPLOYERS), title: 'Software Engineer', start: `${gradYear}-07`, end: `${gradYear + 3}-03`, location: abroad ? foreign[0] : `${city}, ${region}` },
      { employer: pick(EMPLOYERS), title: 'Senior Software Engineer', start: `${gradYear + 3}-04`, end: null },
    ],
    references: [{ name: `${pick(GIVEN)} ${pick(FAMILY)}`, email: `ref${d(5)}@example.com`, phone: refPhone }],
    resumeText: `${fullName}. Software engineer with experience in distributed systems, data pipelines and cloud infrastructure. Built services in TypeScript, Go and Python at ${pick(EMPLOYERS)}.`,
    session: { ip: `73.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`, timezone: 'America/Chicago', utcOffsetMinutes: -360, deviceId: `fp_${d(8)}` },
    profiles: { linkedin: { displayName: rand() < 0.01 ? `${pick(GIVEN)} ${pick(FAMILY)}` : fullName, createdAt: `${gradYear - 2}-03`, activity: [`${gradYear}-06`, '2025-09'], connections: Math.floor(rand() * 900) } },
  };
}

/** `count` applications as JSON Lines, the same every run. */
export function generateJsonLines(count: number, seed = 1): string[] {
  state = seed;
  return Array.from({ length: count }, (_, i) => JSON.stringify(generateApplication(i)));
}
