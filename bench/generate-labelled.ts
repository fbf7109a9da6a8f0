/**
 * A labelled evaluation mix for `npm run bench -- detection`: a few thousand
 * applications in the records format (docs/RECORDS.md section 1), most from
 * honest people with the ordinary noise honest people show, a small share
 * from DPRK-pattern applicants, alone or in rings, built from public case
 * facts. Seeded and deterministic: the same seed gives the same mix.
 *
 * The generator knows each synthetic person's label (honest or fraud), the
 * origin group of the name it drew, and the pattern it planted; the records
 * carry none of that (the detectors never see it). Names come from lists per
 * origin group; fraudulent applicants use stolen or borrowed identities of
 * U.S. residents, so their names are drawn from the same distribution as the
 * honest U.S. residents' (a name says nothing about fraud here, as in the
 * cases). Every rate below is a judgement from the cited reporting, written
 * down before any measurement and not adjusted to the detector.
 *
 * Public case facts the fraud side is built from:
 * - DOJ 2024-05-16 (Chapman, Arizona laptop farm): more than 60 stolen U.S.
 *   identities, laptops shipped to a facilitator's home and reached remotely,
 *   wages paid to accounts the facilitator controlled.
 * - DOJ 2024-08-08 (Knoot, Nashville laptop farm): a stolen identity, laptops
 *   at the facilitator's residence, remote-desktop software.
 * - DOJ 2024-12-12 (14 DPRK nationals; Yanbian Silverstar and Volasys Silver
 *   Star): front companies in China and Russia as employers and references.
 * - DOJ 2025-01-23 (Taggcar Inc., Independent Lab LLC, Tony WKJ LLC,
 *   HopanaTech): shell companies with websites as past employers.
 * - DOJ 2025-06-30 (29 laptop farms in 16 states; more than 80 stolen
 *   identities): shared shipping addresses, KVM switches, shell companies.
 * - FBI PSA 2025-01-23: the same contact details across applicants, VoIP
 *   numbers, reused resumes, references that are the applicant.
 * - State/Treasury/FBI advisory 2022-05-16: several jobs held at once,
 *   inconsistent education and work history, profiles that do not match.
 * - FBI/ROK 2023-10-18 and Microsoft 2025-06-30 (Jasper Sleet): VPNs and
 *   VPSs, cameras off, AI-altered photos, voice changers, work at Asian hours.
 * - Amazon 2025-12 (Schmidt): "+1" typed before a U.S. number, mismatched
 *   education, anomalies across applications; rings of a few identities.
 *
 * Honest noise: a commercial VPN (exits shared by strangers), a phone kept
 * after a move (area code of another state), "+1" typed before a U.S. number,
 * IP databases placing a home in another state, common names, repeat
 * applications, families sharing a home (and its IP, sometimes a computer),
 * resumes from common templates, people abroad with local numbers, laptops
 * shipped to a relative, identity documents checked by upload, cameras that
 * fail, and people whose common name is identical to a listed person's on
 * the OFAC SDN list (a real name string from data/ofac/sdn.csv, a different
 * country, no date of birth or address in common).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { loadGeoReference } from '../src/reference/geo/load-geo-reference.js';
import type { GeoReference } from '../src/reference/geo/geo-reference.js';
import { countryCode } from '../src/match/country-codes.js';
import { prng } from '../test/helpers/prng.js';

export const ORIGINS = [
  'anglo', 'hispanic', 'chinese', 'korean', 'vietnamese', 'south_asian', 'arabic', 'persian',
  'west_african', 'slavic', 'japanese', 'continental_european',
] as const;
export type Origin = (typeof ORIGINS)[number];

/** Share of each name-origin group among applicants (a U.S. tech hiring pool, every group large enough to measure). */
const ORIGIN_SHARE: Record<Origin, number> = {
  anglo: 0.24, hispanic: 0.1, chinese: 0.1, korean: 0.06, vietnamese: 0.05, south_asian: 0.12, arabic: 0.07,
  persian: 0.04, west_african: 0.05, slavic: 0.07, japanese: 0.04, continental_european: 0.06,
};

interface NamePool {
  readonly given: readonly string[];
  readonly family: readonly string[];
  /** Share who write the family name first (as on the SDN list's primary names, or at home). */
  readonly familyFirst: number;
}

const NAMES: Record<Origin, NamePool> = {
  anglo: {
    given: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Sarah', 'Emily', 'Daniel', 'Matthew', 'Jessica', 'Ashley', 'Andrew', 'Ryan', 'Megan', 'Thomas', 'Laura', 'Kevin', 'Rachel', 'Brian', 'Amanda', 'Justin', 'Heather'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Murphy', 'Cole', "O'Brien", 'Sullivan'],
    familyFirst: 0,
  },
  hispanic: {
    given: ['José', 'Juan', 'Carlos', 'Luis', 'Miguel', 'Jorge', 'María', 'Ana', 'Sofía', 'Lucía', 'Diego', 'Alejandro', 'Gabriela', 'Fernando', 'Ricardo', 'Daniela', 'Andrés', 'Camila', 'Javier', 'Valentina', 'Rafael', 'Isabel'],
    family: ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos', 'Ruiz', 'Álvarez', 'Mendoza', 'Castillo', 'Jiménez', 'Vásquez', 'Moreno'],
    familyFirst: 0,
  },
  chinese: {
    given: ['Wei', 'Jing', 'Min', 'Yan', 'Lei', 'Jun', 'Hui', 'Xin', 'Hao', 'Ming', 'Fang', 'Jie', 'Tao', 'Qiang', 'Ying', 'Xiaoming', 'Jian', 'Hong', 'Ping', 'Yong', 'Gang', 'Lu', 'Yi', 'Emily', 'Eric', 'Kevin'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo', 'Zheng', 'Liang'],
    familyFirst: 0.3,
  },
  korean: {
    given: ['Min-jun', 'Seo-yeon', 'Ji-hoon', 'Ji-woo', 'Hyun-woo', 'Soo-jin', 'Jin-hyuk', 'Eun-ji', 'Sung-min', 'Young-ho', 'Jae-won', 'Hye-jin', 'Dong-hyun', 'Yu-na', 'Kyung-soo', 'Jin-ho', 'Myung-hee', 'Chol', 'Song-il', 'Kyu', 'Yong-su', 'Sang-ho'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song', 'Ri', 'Pak', 'Choe'],
    familyFirst: 0.3,
  },
  vietnamese: {
    given: ['An', 'Anh', 'Binh', 'Duc', 'Hai', 'Hung', 'Lan', 'Linh', 'Minh', 'Nam', 'Phuong', 'Quang', 'Thanh', 'Thu', 'Trang', 'Tuan', 'Hoa', 'Khanh', 'Long', 'Mai'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'],
    familyFirst: 0.2,
  },
  south_asian: {
    given: ['Priya', 'Rahul', 'Amit', 'Anjali', 'Ravi', 'Sanjay', 'Deepak', 'Pooja', 'Arjun', 'Neha', 'Vikram', 'Sunita', 'Rajesh', 'Kavya', 'Aditya', 'Sneha', 'Suresh', 'Lakshmi', 'Imran', 'Nasir', 'Ayesha', 'Farhan'],
    family: ['Patel', 'Sharma', 'Singh', 'Kumar', 'Gupta', 'Shah', 'Reddy', 'Rao', 'Iyer', 'Nair', 'Joshi', 'Mehta', 'Jain', 'Verma', 'Das', 'Venkataraman', 'Krishnan', 'Chatterjee', 'Banerjee', 'Khan', 'Qureshi', 'Ahmed'],
    familyFirst: 0,
  },
  arabic: {
    given: ['Mohammed', 'Ahmed', 'Ali', 'Omar', 'Yusuf', 'Hassan', 'Ibrahim', 'Khalid', 'Fatima', 'Aisha', 'Layla', 'Mariam', 'Nour', 'Karim', 'Tariq', 'Samir', 'Rania', 'Hana', 'Abdullah', 'Mustafa', 'Hamza', 'Jamil', 'Basil'],
    family: ['Al-Farsi', 'Haddad', 'Hassan', 'Ali', 'Ahmed', 'Ibrahim', 'Mahmoud', 'Mustafa', 'Saleh', 'Nasser', 'Khalil', 'Aziz', 'Rahman', 'Hamdan', 'Mansour', 'Abdullah', 'Salem', 'Youssef', 'Al-Masri', 'Othman', 'Mohammed'],
    familyFirst: 0,
  },
  persian: {
    given: ['Ahmad', 'Reza', 'Mehdi', 'Sara', 'Maryam', 'Ali', 'Hossein', 'Zahra', 'Amir', 'Nima', 'Leila', 'Dariush', 'Parisa', 'Kaveh', 'Shirin', 'Babak'],
    family: ['Karimi', 'Hosseini', 'Ahmadi', 'Rezaei', 'Mohammadi', 'Moradi', 'Rahimi', 'Jafari', 'Sadeghi', 'Tehrani', 'Ghorbani', 'Kazemi', 'Hashemi', 'Nazari'],
    familyFirst: 0,
  },
  west_african: {
    given: ['Oluwaseun', 'Chinedu', 'Adebayo', 'Ngozi', 'Kwame', 'Ama', 'Kofi', 'Abena', 'Emeka', 'Chiamaka', 'Tunde', 'Folake', 'Yaw', 'Efua', 'Ifeanyi', 'Amina', 'Ibrahim', 'Musa'],
    family: ['Adeyemi', 'Okafor', 'Okeke', 'Eze', 'Nwankwo', 'Adebayo', 'Mensah', 'Owusu', 'Boateng', 'Asante', 'Bello', 'Okonkwo', 'Appiah', 'Danso', 'Abubakar', 'Balogun'],
    familyFirst: 0,
  },
  slavic: {
    given: ['Olga', 'Ivan', 'Dmitri', 'Sergei', 'Anna', 'Natalia', 'Aleksandr', 'Tatiana', 'Pavel', 'Irina', 'Mikhail', 'Elena', 'Andrei', 'Yulia', 'Łukasz', 'Katarzyna', 'Tomasz', 'Marek', 'Oksana', 'Bohdan', 'Viktor'],
    family: ['Ivanov', 'Ivanova', 'Petrov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Volkov', 'Novak', 'Kowalski', 'Nowak', 'Wiśniewski', 'Shevchenko', 'Kovalenko', 'Bondarenko', 'Horvat', 'Petrović', 'Jovanović'],
    familyFirst: 0,
  },
  japanese: {
    given: ['Aiko', 'Yuki', 'Haruto', 'Sakura', 'Hiroshi', 'Kenji', 'Yui', 'Takumi', 'Akira', 'Naoko', 'Satoshi', 'Emi', 'Daiki', 'Mei'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada'],
    familyFirst: 0.1,
  },
  continental_european: {
    given: ['Lukas', 'Anna', 'Marco', 'Giulia', 'Pierre', 'Camille', 'Jonas', 'Lena', 'Lars', 'Ingrid', 'Hans', 'Sophie', 'Matteo', 'Chiara', 'Nils', 'Elise'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Rossi', 'Russo', 'Bianchi', 'Dubois', 'Martin', 'Bernard', 'Larsen', 'Jensen', 'Andersson', 'Becker', 'Conti'],
    familyFirst: 0,
  },
};

/** Where people abroad live, by origin group (with a share of the whole pool anywhere); each has a local number format. */
const ABROAD_BY_ORIGIN: Record<Origin, readonly string[]> = {
  anglo: ['GB', 'CA'], hispanic: ['MX', 'BR'], chinese: ['SG', 'CA'], korean: ['KR'], vietnamese: ['VN'],
  south_asian: ['IN'], arabic: ['AE', 'GB'], persian: ['DE', 'CA'], west_african: ['NG', 'GB'], slavic: ['PL', 'DE'],
  japanese: ['JP'], continental_european: ['DE', 'FR'],
};

interface AbroadPlace {
  readonly city: string;
  readonly zone: string;
  /** A valid local mobile number from a 6-digit serial. */
  readonly phone: (serial: string) => string;
  /** Candidate /16 networks of national consumer ISPs; only those the IP data places in the country, outside hosting ranges, are used. */
  readonly networks: readonly string[];
}

const ABROAD: Record<string, AbroadPlace> = {
  GB: { city: 'London', zone: 'Europe/London', phone: (s) => `+44 7${['400', '412', '812', '833', '968'][Number(s[5]) % 5]} ${s}`, networks: ['81.76', '81.77', '81.78', '81.79', '86.128', '86.129'] },
  CA: { city: 'Toronto', zone: 'America/Toronto', phone: (s) => `+1 416 ${3 + (Number(s[0]) % 6)}${s.slice(1, 3)} ${s.slice(2, 6)}`, networks: ['99.224', '99.225', '99.226', '174.112', '174.113'] },
  MX: { city: 'Ciudad de México', zone: 'America/Mexico_City', phone: (s) => `+52 55 ${s.slice(0, 4)} ${s.slice(2, 6)}`, networks: ['187.188', '187.189', '189.216', '189.217', '201.141'] },
  BR: { city: 'São Paulo', zone: 'America/Sao_Paulo', phone: (s) => `+55 11 9${s.slice(0, 4)}-${s.slice(2, 6)}`, networks: ['187.1', '187.2', '187.3', '187.4', '179.95'] },
  SG: { city: 'Singapore', zone: 'Asia/Singapore', phone: (s) => `+65 9${1 + (Number(s[0]) % 7)}${s.slice(1, 3)} ${s.slice(3)}${s[0]}`, networks: ['116.86', '116.87', '118.200', '118.201', '119.74'] },
  KR: { city: 'Seoul', zone: 'Asia/Seoul', phone: (s) => `+82 10-${2 + (Number(s[0]) % 7)}${s.slice(1, 4)}-${s.slice(2, 6)}`, networks: ['211.32', '211.33', '211.34', '211.35', '121.170'] },
  VN: { city: 'Hà Nội', zone: 'Asia/Ho_Chi_Minh', phone: (s) => `+84 91 ${s.slice(0, 3)} ${s.slice(3)}${s[0]}`, networks: ['113.160', '113.161', '14.160', '14.161', '14.162'] },
  IN: { city: 'Bengaluru', zone: 'Asia/Kolkata', phone: (s) => `+91 98${s.slice(0, 3)} ${s.slice(1)}`, networks: ['49.14', '49.15', '49.32', '49.33', '157.45'] },
  AE: { city: 'Dubai', zone: 'Asia/Dubai', phone: (s) => `+971 50 ${s.slice(0, 3)} ${s.slice(3)}${s[0]}`, networks: ['94.200', '94.201', '86.96', '86.97', '5.30'] },
  NG: { city: 'Lagos', zone: 'Africa/Lagos', phone: (s) => `+234 803 ${s.slice(0, 3)} ${s.slice(2, 6)}`, networks: ['105.112', '105.113', '105.114', '105.115', '41.190'] },
  PL: { city: 'Warszawa', zone: 'Europe/Warsaw', phone: (s) => `+48 60${s.slice(0, 1)} ${s.slice(1, 4)} ${s.slice(3, 6)}`, networks: ['83.24', '83.25', '83.26', '83.27', '89.64'] },
  DE: { city: 'Berlin', zone: 'Europe/Berlin', phone: (s) => `+49 151 ${s}${s.slice(0, 2)}`, networks: ['84.56', '84.57', '84.58', '84.11', '91.64'] },
  JP: { city: 'Tokyo', zone: 'Asia/Tokyo', phone: (s) => `+81 90-${1 + (Number(s[0]) % 9)}${s.slice(1, 4)}-${s.slice(2, 6)}`, networks: ['126.0', '126.1', '126.2', '126.3', '60.64'] },
  FR: { city: 'Paris', zone: 'Europe/Paris', phone: (s) => `+33 6 ${1 + (Number(s[0]) % 8)}${s[1]} ${s.slice(2, 4)} ${s.slice(4)} ${s.slice(0, 2)}`, networks: ['90.0', '90.1', '90.2', '90.3', '86.192'] },
};

const COUNTRY_NAMES: Record<string, string> = {
  GB: 'United Kingdom', CA: 'Canada', MX: 'Mexico', BR: 'Brazil', SG: 'Singapore', KR: 'South Korea', VN: 'Vietnam', IN: 'India',
  AE: 'United Arab Emirates', NG: 'Nigeria', PL: 'Poland', DE: 'Germany', JP: 'Japan', FR: 'France',
};

/** U.S. places: city, state, ZIP, area code, IANA zone. */
const US_PLACES: readonly [string, string, string, string, string][] = [
  ['Austin', 'TX', '78704', '512', 'America/Chicago'], ['Houston', 'TX', '77002', '713', 'America/Chicago'], ['Dallas', 'TX', '75201', '214', 'America/Chicago'],
  ['Seattle', 'WA', '98101', '206', 'America/Los_Angeles'], ['Chicago', 'IL', '60601', '312', 'America/Chicago'], ['Denver', 'CO', '80202', '303', 'America/Denver'],
  ['Atlanta', 'GA', '30303', '404', 'America/New_York'], ['Boston', 'MA', '02108', '617', 'America/New_York'], ['Raleigh', 'NC', '27601', '919', 'America/New_York'],
  ['Portland', 'OR', '97205', '503', 'America/Los_Angeles'], ['Phoenix', 'AZ', '85004', '602', 'America/Phoenix'], ['New York', 'NY', '10001', '212', 'America/New_York'],
  ['San Francisco', 'CA', '94103', '415', 'America/Los_Angeles'], ['San Jose', 'CA', '95113', '408', 'America/Los_Angeles'], ['Los Angeles', 'CA', '90012', '213', 'America/Los_Angeles'],
  ['Miami', 'FL', '33130', '305', 'America/New_York'], ['Minneapolis', 'MN', '55401', '612', 'America/Chicago'], ['Columbus', 'OH', '43215', '614', 'America/New_York'],
  ['Pittsburgh', 'PA', '15222', '412', 'America/New_York'], ['Salt Lake City', 'UT', '84101', '801', 'America/Denver'], ['Nashville', 'TN', '37203', '615', 'America/Chicago'],
  ['Arlington', 'VA', '22201', '703', 'America/New_York'], ['Detroit', 'MI', '48226', '313', 'America/Detroit'], ['Newark', 'NJ', '07102', '973', 'America/New_York'],
];

/** Consumer ISP /16 networks scanned for home addresses; each /24 is kept for the state the IP data places it in, outside hosting ranges. */
const US_SCAN = ['73', '24', '98', '76', '71', '68', '69', '70', '72', '75', '99', '107', '108', '174'];

const STREETS = ['Barton Springs Rd', 'Elm St', 'Maple Ave', 'Oak St', 'Pine Dr', 'Lake Shore Blvd', 'Main St', 'Cedar Ln', 'Willow Way', 'Birch Rd', 'Sunset Blvd', 'River Rd', 'Hillcrest Dr', 'Park Ave', 'Lincoln St', 'Madison Ave', 'Washington St', 'Jefferson Ave', 'Highland Ave', 'Chestnut St'];
const US_SCHOOLS = ['University of Texas at Austin', 'University of Washington', 'Georgia Institute of Technology', 'University of Michigan', 'Ohio State University', 'Purdue University', 'University of Florida', 'Rutgers University', 'University of Illinois Urbana-Champaign', 'University of California, Berkeley', 'San Jose State University', 'University of Maryland, College Park', 'North Carolina State University', 'University of Colorado Boulder', 'Portland State University', 'Boston University', 'University of Minnesota', 'Texas A&M University', 'Arizona State University'];
const ABROAD_SCHOOLS: Record<string, readonly string[]> = {
  GB: ['University of Manchester', 'Imperial College London'], CA: ['University of Toronto', 'University of Waterloo'], MX: ['Universidad Nacional Autónoma de México'],
  BR: ['Universidade de São Paulo'], SG: ['National University of Singapore'], KR: ['Seoul National University', 'Korea Advanced Institute of Science and Technology'],
  VN: ['Vietnam National University, Hanoi'], IN: ['Indian Institute of Technology Bombay', 'Anna University'], AE: ['American University of Sharjah'],
  NG: ['University of Lagos'], PL: ['Warsaw University of Technology'], DE: ['Technical University of Munich'], JP: ['University of Tokyo'], FR: ['Sorbonne Université'],
};
const EMPLOYERS = ['Indeed', 'Dell Technologies', 'Expedia', 'Infosys', 'Globant', 'Flutterwave', 'SAP', 'Nubank', 'Shopify', 'Atlassian', 'Capital One', 'Intuit', 'Salesforce', 'Cerner', 'Epic Systems', 'Wayfair', 'Chewy', 'Zillow', 'Twilio', 'Datadog', 'HubSpot', 'Accenture', 'Deloitte', 'Target', 'Walmart Global Tech'];
const FIELDS = ['Computer Science', 'Electrical Engineering', 'Mathematics', 'Information Systems', 'Computer Engineering', 'Statistics'];
const MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com', 'hotmail.com'];
const JOBS = ['Software Engineer', 'Senior Software Engineer', 'Data Engineer', 'ML Engineer', 'DevOps Engineer', 'Frontend Engineer', 'Site Reliability Engineer', 'Mobile Developer'];
const USER_AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15', 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0'];
/** Consumer VPN providers by AS number (data/geo/hosting-asns.csv): their exits are shared by many strangers. */
const CONSUMER_VPN_ASNS = [9009, 60068, 62371, 209103, 39351, 216025, 397540];
/** VPN and VPS networks of the kind the FBI/ROK guidance and Jasper Sleet reporting describe (commercial VPN exits and rented servers). */
const FRAUD_VPN_ASNS = [9009, 60068, 212238, 14061, 16276, 24940, 20473, 63949];

const TECH_WORDS = (
  'design build ship scale migrate refactor automate monitor secure optimise mentor lead review test deploy debug profile ' +
  'service platform pipeline cluster database queue cache gateway dashboard model feature experiment api sdk library ' +
  'kubernetes terraform postgres kafka redis spark airflow react node python golang rust java typescript graphql grpc ' +
  'latency throughput reliability availability cost incident rollout migration schema index search billing payments ' +
  'checkout onboarding fraud analytics reporting forecasting recommendation ranking ingestion streaming batch realtime ' +
  'team customers partners stakeholders product security compliance audit observability tracing logging alerting mobile ' +
  'ios android swift kotlin docker aws gcp azure lambda serverless etl warehouse snowflake dbt tableau looker jenkins'
).split(' ');
/** Boilerplate of widely shared resume templates (headings and stock phrases). */
const TEMPLATES = [
  'Professional Summary Results-driven software engineer with a proven track record of delivering scalable solutions Core Competencies Technical Skills Professional Experience Education Certifications',
  'Summary Detail-oriented engineer passionate about clean code and continuous learning Skills Experience Key Achievements Education Projects References available upon request',
  'Profile Motivated and collaborative developer with strong problem-solving skills and excellent communication Work History Technical Proficiencies Education Awards Volunteer',
  'About Me Experienced engineer who thrives in fast-paced agile environments Areas of Expertise Employment History Selected Projects Education Languages Interests',
  'Career Objective Seeking a challenging role where I can leverage my skills to drive impact Skills Summary Professional Background Academic Qualifications Certifications',
];
/** Front companies and facilitators named in the DOJ and Treasury actions, as applicants put them on a resume (all on data/watchlists). */
const FRONT_EMPLOYERS = ['Independent Lab LLC', 'Tony WKJ LLC', 'HopanaTech', 'Yanbian Silverstar Network Technology', 'Volasys Silver Star', 'Taggcar Inc.', 'Shenyang Geumpungri Network Technology', 'Chinyong Information Technology Cooperation Company'];
const FRONT_SITES = ['https://www.inditechlab.com', 'https://hopanatech.com/team', 'https://www.wkjllc.com'];
/** U.S.-sounding schools no list holds (the "mismatched education" of Amazon's reporting). */
const UNLISTED_US_SCHOOLS = ['Northern Nevada Institute of Technology', 'Western Montana Technical University', 'Southern Ohio Polytechnic University', 'East Texas Institute of Computing'];
/** Laptop farms are homes of facilitators in many states (DOJ 2025-06-30: 16 states). */
const FARM_PLACES = [10, 2, 20, 21, 16, 18, 23, 1];

export type Label = 'honest' | 'fraud';

export interface LabelledApplication {
  readonly record: Record<string, unknown>;
  readonly label: Label;
  /** The synthetic person (several applications may share one). */
  readonly person: string;
  /** The origin group of the name drawn (never in the record). */
  readonly origin: Origin;
  /** What was planted: honest noise or fraud traits, for reading the results. */
  readonly traits: readonly string[];
  readonly ring?: string;
}

export interface GenerateOptions {
  /** Applications in the mix (default 6,000). */
  readonly count?: number;
  readonly seed?: number;
  /** Share of applications that are fraudulent (default 0.04). */
  readonly fraudShare?: number;
  /** The data directory (default ./data). */
  readonly dataDir?: string;
}

interface SdnName {
  readonly display: string;
  readonly countries: readonly string[];
}

/** SDN individuals written "SURNAME, Given" (one or two given names) whose surname is in the group's list: real listed name strings. */
function sdnNamesakes(dataDir: string): Record<Origin, SdnName[]> {
  const rows = parse(readFileSync(join(dataDir, 'ofac', 'sdn.csv'), 'utf8'), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  const out = Object.fromEntries(ORIGINS.map((o) => [o, [] as SdnName[]])) as Record<Origin, SdnName[]>;
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const row of rows) {
    if ((row[2] ?? '').trim().toLowerCase() !== 'individual') continue;
    const m = /^([A-Za-z'-]+), ([A-Za-z'-]+(?: [A-Za-z'-]+)?)$/.exec((row[1] ?? '').trim());
    if (!m) continue;
    const details = row[11] ?? '';
    const places = [row[3] ?? '', ...[...details.matchAll(/(?:nationality|Citizen|POB) ([^;.]+)/giu)].map((x) => x[1]!.split(',').pop() ?? '')];
    const countries = [...new Set(places.map((p) => countryCode(p.trim())).filter((c): c is string => c !== null))];
    const surname = fold(m[1]!);
    for (const origin of ORIGINS) {
      if (NAMES[origin].family.some((f) => fold(f) === surname)) {
        const given = m[2]!.split(' ').map((g) => g.charAt(0).toUpperCase() + g.slice(1).toLowerCase()).join(' ');
        const family = m[1]!.charAt(0) + m[1]!.slice(1).toLowerCase();
        out[origin].push({ display: NAMES[origin].familyFirst > 0 ? `${family} ${given}` : `${given} ${family}`, countries });
      }
    }
  }
  return out;
}

interface IpPools {
  /** Home /24 networks by U.S. state. */
  readonly byState: ReadonlyMap<string, string[]>;
  /** Home /24 networks by foreign country. */
  readonly abroad: ReadonlyMap<string, string[]>;
  /** Consumer VPN exit addresses (shared by strangers). */
  readonly consumerVpn: readonly string[];
  /** VPN and VPS addresses of the kind DPRK workers rent. */
  readonly fraudVpn: readonly string[];
  /** Home networks in China and Russia (where the workers sit, per DOJ 2024-12-12). */
  readonly overseas: readonly string[];
}

function ipPools(geo: GeoReference, dataDir: string): IpPools {
  const byState = new Map<string, string[]>();
  for (const a of US_SCAN) {
    for (let b = 0; b < 256; b += 3) {
      for (let c = 0; c < 256; c += 37) {
        const ip = `${a}.${b}.${c}.10`;
        if (geo.ipNetwork(ip)?.hosting) continue;
        const loc = geo.ipLocation(ip);
        if (loc?.country !== 'US' || !loc.region || (loc.radiusKm ?? 0) > 200) continue;
        const list = byState.get(loc.region) ?? byState.set(loc.region, []).get(loc.region)!;
        list.push(`${a}.${b}.${c}`);
      }
    }
  }
  const abroad = new Map<string, string[]>();
  const scanCountry = (country: string, networks: readonly string[]): string[] => {
    const found: string[] = [];
    for (const n of networks) {
      for (let c = 0; c < 256; c += 5) {
        const ip = `${n}.${c}.10`;
        if (geo.ipNetwork(ip)?.hosting) continue;
        if (geo.ipLocation(ip)?.country === country) found.push(`${n}.${c}`);
      }
    }
    return found;
  };
  for (const [country, place] of Object.entries(ABROAD)) abroad.set(country, scanCountry(country, place.networks));
  const overseas = [...scanCountry('CN', ['123.112', '123.113', '175.160', '175.161', '221.192']), ...scanCountry('RU', ['95.24', '95.25', '176.14', '176.15'])];
  const ranges = (readFileSync(join(dataDir, 'geo', 'hosting-ranges-ipv4.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',').map(Number)) as [number, number, number][]).filter((r) => r.length === 3);
  const exits = (asns: readonly number[], perAsn: number): string[] => {
    const out: string[] = [];
    for (const asn of asns) {
      const own = ranges.filter((r) => r[2] === asn && r[1] - r[0] > 256);
      for (let k = 0; k < perAsn && own.length > 0; k++) {
        const [start, end] = own[(k * 7) % own.length]!;
        const n = start + 1 + ((k * 2654435761) >>> 0) % Math.max(1, end - start - 2);
        out.push([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
      }
    }
    return out.filter((ip) => geo.ipNetwork(ip)?.hosting);
  };
  return { byState, abroad, consumerVpn: exits(CONSUMER_VPN_ASNS, 6), fraudVpn: exits(FRAUD_VPN_ASNS, 12), overseas };
}

const DAY_MS = 86_400_000;
const START = Date.parse('2025-09-01T00:00:00Z');
const SPAN_DAYS = 90;
const UTC_OFFSET: Record<string, number> = {
  'America/Chicago': -5, 'America/Los_Angeles': -7, 'America/Denver': -6, 'America/New_York': -4, 'America/Phoenix': -7, 'America/Detroit': -4,
  'Europe/London': 1, 'America/Toronto': -4, 'America/Mexico_City': -6, 'America/Sao_Paulo': -3, 'Asia/Singapore': 8, 'Asia/Seoul': 9,
  'Asia/Ho_Chi_Minh': 7, 'Asia/Kolkata': 5.5, 'Asia/Dubai': 4, 'Africa/Lagos': 1, 'Europe/Warsaw': 2, 'Europe/Berlin': 2, 'Asia/Tokyo': 9,
  'Europe/Paris': 2, 'Asia/Shanghai': 8, 'Asia/Vladivostok': 10,
};

/**
 * The labelled mix, in order of arrival (submittedAt). Deterministic for a
 * seed: one PRNG drives every draw, and identifiers come from counters, so
 * two synthetic people share one only where sharing was planted.
 */
export function generateLabelled(options: GenerateOptions = {}): LabelledApplication[] {
  const count = options.count ?? 6000;
  const fraudShare = options.fraudShare ?? 0.04;
  const dataDir = options.dataDir ?? 'data';
  const rand = prng(options.seed ?? 20251201);
  const chance = (p: number) => rand() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const geo = loadGeoReference({ dataDir });
  const pools = ipPools(geo, dataDir);
  const namesakes = sdnNamesakes(dataDir);

  let serial = 0;
  const next = () => ++serial;
  const digits = (n: number, width: number) => String(n).padStart(width, '0');
  const hex16 = () => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
  const hostCount = new Map<string, number>();
  /** The next unused host in one of the networks (one household an address). */
  const hostIn = (networks: readonly string[]): string => {
    const net = pick(networks);
    const used = (hostCount.get(net) ?? 0) + 1;
    hostCount.set(net, used);
    return `${net}.${1 + ((used * 97) % 253)}`;
  };
  const usHomeIp = (state: string): string => hostIn(pools.byState.get(state) ?? pools.byState.get('TX')!);
  const anyUsIp = (): string => hostIn([...pools.byState.values()][Math.floor(rand() * pools.byState.size)]!);
  const exchanges = Array.from({ length: 790 }, (_, k) => 210 + k).filter((e) => e % 100 !== 11 && e !== 555 && e !== 950 && e !== 958 && e !== 959 && e !== 976);
  /**
   * A number the numbering plan assigns (honest people give working numbers) and nobody was
   * given before: the next serial that libphonenumber finds valid and that is new. The serials
   * map onto the numbers periodically, so without the check two strangers (an applicant and
   * someone else's referee) were given one number by accident, about once per 150 applications
   * at 100,000, and the referee read as another applicant: a coincidence real numbering does
   * not make. Numbers shared on purpose (a ring's phone, a family's) are copied, not drawn.
   */
  const issued = new Set<string>();
  const valid = (make: (n: number) => string, country: string): string => {
    for (;;) {
      const number = make(next());
      const parsed = parsePhoneNumberFromString(number, country as never);
      if (parsed?.isValid() && parsed.country === country && !issued.has(parsed.number)) {
        issued.add(parsed.number);
        return number;
      }
    }
  };
  const usNumber = (area: string): string => valid((n) => `(${area}) ${exchanges[(n * 37) % exchanges.length]}-${digits((n * 7919) % 10000, 4)}`, 'US');
  const localNumber = (country: string, n0: number): string => valid((n) => ABROAD[country]!.phone(digits(((n0 + n) * 7919) % 1_000_000, 6)), country);
  const origin = (): Origin => {
    let r = rand();
    for (const o of ORIGINS) if ((r -= ORIGIN_SHARE[o]) < 0) return o;
    return 'anglo';
  };
  const nameOf = (o: Origin): { full: string; given: string; family: string } => {
    const pool = NAMES[o];
    const given = pick(pool.given);
    const family = pick(pool.family);
    return { full: rand() < pool.familyFirst ? `${family} ${given}` : `${given} ${family}`, given, family };
  };
  const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  const words = (n: number) => Array.from({ length: n }, () => pick(TECH_WORDS)).join(' ');
  const month = (y: number, m: number) => `${y}-${digits(m, 2)}`;
  /** A time on day `day` at local hour `hour` in `zone`. */
  const at = (day: number, hour: number, zone: string): string => {
    const ms = START + day * DAY_MS + (hour - (UTC_OFFSET[zone] ?? 0)) * 3_600_000 + between(0, 59) * 60_000;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const daytime = () => (chance(0.04) ? between(0, 4) : between(8, 22));

  interface Person {
    name: string; origin: Origin; country: string; place?: number; address: Record<string, unknown>; phone: string; email: string;
    linkedin?: string; device: string; ip: string; zone: string; photo?: string; resume: string; traits: string[];
  }

  const out: LabelledApplication[] = [];
  const fraudTarget = Math.round(count * fraudShare);
  const honestTarget = count - fraudTarget;

  // ------------------------------------------------------------------ honest people
  let previousUs: Person | undefined;
  let honestApps = 0;
  let personNo = 0;
  while (honestApps < honestTarget) {
    const o = origin();
    const traits: string[] = [];
    const abroad = chance(0.12);
    const country = abroad ? pick(ABROAD_BY_ORIGIN[o]) : 'US';
    let { full } = nameOf(o);
    // Any listed person's namesake, wherever they live: most namesakes of a listed person live in the listed person's
    // own country (a common Chinese, Indian or Korean name is carried by thousands to hundreds of thousands of people
    // there), so leaving those out hid the case where a country in common looks like corroboration.
    const candidates = namesakes[o];
    if (candidates.length > 0 && chance(0.01)) {
      full = pick(candidates).display;
      traits.push('sdn_namesake');
    }
    const id = next();
    const placeNo = between(0, US_PLACES.length - 1);
    const [city, region, zip, area, zone] = US_PLACES[placeNo]!;
    let address: Record<string, unknown>;
    let phone: string;
    let ip: string;
    let timezone: string;
    let device = `fp_${digits(id, 7)}`;
    if (abroad) {
      const place = ABROAD[country]!;
      address = { line1: `${between(1, 300)} ${pick(STREETS)}`, city: place.city, country };
      phone = localNumber(country, id);
      ip = hostIn(pools.abroad.get(country)!);
      timezone = place.zone;
    } else {
      const family = previousUs && chance(0.02);
      if (family) {
        // A family or flatmates: the same home, its router's IP, sometimes one computer.
        address = previousUs!.address;
        ip = previousUs!.ip;
        if (chance(0.25)) {
          device = previousUs!.device;
          traits.push('shared_family_computer');
        }
        traits.push('shares_home');
      } else {
        address = { line1: `${between(1, 9800)} ${pick(STREETS)}${chance(0.3) ? ` Apt ${between(1, 40)}` : ''}`, city, region, postalCode: zip, country: 'US' };
        ip = usHomeIp(region);
      }
      const home = US_PLACES.find((p) => p[0] === address.city) ?? US_PLACES[placeNo]!;
      const keptNumber = chance(0.15);
      const numberArea = keptNumber ? pick(US_PLACES.filter((p) => p[1] !== home[1]))[3] : home[3];
      if (keptNumber) traits.push('phone_kept_after_move');
      phone = usNumber(numberArea);
      if (chance(0.04)) {
        phone = `+1 ${phone}`;
        traits.push('plus1_typed');
      }
      if (!family && chance(0.05)) {
        ip = anyUsIp();
        traits.push('ip_elsewhere_in_us');
      }
      timezone = home[4];
    }
    if (chance(0.07)) {
      ip = pick(pools.consumerVpn);
      traits.push('consumer_vpn');
    }
    if (chance(0.01)) {
      timezone = pick(['America/New_York', 'Europe/London', 'Asia/Tokyo', 'America/Los_Angeles']);
      traits.push('travelling_clock');
    }
    const nameSlug = slug(full);
    const person: Person = {
      name: full, origin: o, country, address, phone, ip, zone: timezone, device,
      email: `${nameSlug}${id % 1000}@${chance(0.003) ? 'mailinator.com' : pick(MAIL)}`,
      ...(chance(0.8) ? { linkedin: `https://www.linkedin.com/in/${nameSlug}-${digits(id, 6)}` } : {}),
      ...(chance(0.6) ? { photo: hex16() } : {}),
      resume: chance(0.2) ? `${pick(TEMPLATES)} ${words(45)}` : words(70),
      traits,
    };
    if (country === 'US') previousUs = person;
    const apps = chance(0.12) ? (chance(0.25) ? 3 : 2) : 1;
    const firstDay = between(0, SPAN_DAYS - 10);
    for (let k = 0; k < apps && honestApps < honestTarget; k++) {
      const appTraits = [...traits, ...(apps > 1 ? ['repeat_applicant'] : [])];
      const record = honestRecord(person, firstDay + k * between(1, 4), appTraits);
      out.push({ record, label: 'honest', person: `p-${personNo}`, origin: o, traits: appTraits });
      honestApps++;
    }
    personNo++;
  }

  function education(country: string, gradYear: number, traits: string[]): Record<string, unknown>[] {
    const school = country === 'US' || chance(0.5) ? pick(US_SCHOOLS) : pick(ABROAD_SCHOOLS[country] ?? US_SCHOOLS);
    const endMonth = chance(0.85) ? 5 : 12;
    const bachelor = { institution: school, degree: pick(['BS', 'BSc', 'BEng', 'BA']), field: pick(FIELDS), start: month(gradYear - 4, 8), end: month(gradYear, endMonth) };
    if (chance(0.3)) {
      traits.push('masters');
      return [bachelor, { institution: pick(US_SCHOOLS), degree: 'MS', field: pick(FIELDS), start: month(gradYear + 1, 8), end: month(gradYear + 3, 5) }];
    }
    return [bachelor];
  }

  function career(gradYear: number, location: string, traits: string[]): Record<string, unknown>[] {
    const jobs: Record<string, unknown>[] = [];
    let y = gradYear;
    let m = 7;
    const n = between(1, 4);
    for (let j = 0; j < n; j++) {
      const last = j === n - 1;
      const years = between(1, 4);
      const endY = Math.min(2025, y + years);
      jobs.push({ employer: pick(EMPLOYERS), title: pick(JOBS), start: month(y, m), end: last || endY >= 2025 ? null : month(endY, m), location });
      if (endY >= 2025) break;
      y = endY;
      m = Math.min(12, m + between(0, 2));
    }
    if (chance(0.03) && jobs.length >= 2) {
      // A side job or a notice period written as full-time: two jobs overlap.
      const first = jobs[0]!;
      first.end = month(Number(String(jobs[1]!.start).slice(0, 4)) + 1, 1);
      traits.push('overlapping_jobs_honest');
    }
    return jobs;
  }

  function honestRecord(p: Person, day: number, traits: string[]): Record<string, unknown> {
    const gradYear = between(2004, 2023);
    const location = p.country === 'US' ? `${p.address.city}, ${p.address.region}` : `${p.address.city}, ${COUNTRY_NAMES[p.country]}`;
    const t = [...traits];
    const seniorYears = 2025 - gradYear;
    const linkedin = p.linkedin
      ? {
          url: p.linkedin,
          displayName: p.name,
          createdAt: chance(0.03) ? '2025-05' : month(gradYear - between(0, 2), between(1, 12)),
          activity: [month(gradYear, 6), month(Math.min(2025, gradYear + 3), 2), '2025-08'],
          connections: Math.round(Math.exp(Math.log(320) + 1.1 * normal())),
          location: chance(0.05) ? `${pick(US_PLACES)[0]}, ${pick(US_PLACES)[1]}` : location,
          ...(chance(0.01) ? { nameChangedAt: '2025-06' } : {}),
        }
      : undefined;
    if (linkedin && seniorYears >= 5 && linkedin.connections < 50) t.push('few_connections');
    const record: Record<string, unknown> = {
      id: `${pick(['gh', 'lv', 'ab'])}-${next()}`,
      source: pick(['greenhouse', 'lever', 'ashby']),
      submittedAt: at(day, daytime(), p.zone),
      job: { id: `req-${between(1, 300)}`, title: pick(JOBS), remote: true },
      applicant: {
        fullName: p.name, emails: [p.email], phones: [p.phone], address: p.address,
        links: p.linkedin ? [p.linkedin] : [], ...(p.photo ? { photoHash: p.photo } : {}),
      },
      education: education(p.country, gradYear, t),
      employment: career(gradYear, location, t),
      references: Array.from({ length: between(1, 2) }, () => {
        const r = nameOf(origin());
        const n = next();
        return { name: r.full, email: `${slug(r.full)}.${n}@${pick(MAIL)}`, phone: p.country === 'US' ? usNumber(pick(US_PLACES)[3]) : localNumber(p.country, n), organization: pick(EMPLOYERS), relationship: pick(['former manager', 'colleague', 'team lead']) };
      }),
      resumeText: `${p.name}. ${p.resume}`,
      session: { ip: p.ip, userAgent: pick(USER_AGENTS), timezone: p.zone, deviceId: p.device },
      ...(linkedin ? { profiles: { linkedin } } : {}),
    };
    if (chance(0.3)) {
      const flags: string[] = [];
      const cameraOn = !chance(0.04);
      if (chance(0.06)) flags.push('audio_lag');
      record.interviews = [{ at: at(day + between(5, 15), between(9, 17), p.zone), mode: 'video', cameraOn, clientIp: p.ip, flags }];
      if (!cameraOn) t.push('camera_failed');
      if (flags.length) t.push('audio_lag');
    }
    if (chance(0.1)) {
      const relative = chance(0.1);
      const verifiedRemotely = chance(0.6);
      record.onboarding = {
        shippingAddress: relative ? { line1: `${between(1, 9800)} ${pick(STREETS)}`, city: pick(US_PLACES)[0], country: 'US' } : p.address,
        payrollAccountHash: `sha256:${hex16()}${hex16()}`,
        identityDocument: { verified: true, method: verifiedRemotely ? pick(['upload', 'video']) : 'in_person' },
      };
      if (relative) t.push('laptop_to_relative');
      if (verifiedRemotely) t.push('id_checked_remotely');
    }
    traits.splice(0, traits.length, ...t);
    return record;
  }

  function normal(): number {
    return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  }

  // ------------------------------------------------------------------ fraud
  let fraudApps = 0;
  let ringNo = 0;
  while (fraudApps < fraudTarget) {
    const inRing = chance(0.7);
    const size = inRing ? between(3, 8) : 1;
    const ring = inRing ? `ring-${ringNo++}` : undefined;
    // What the ring shares (FBI 2025: the same contacts across applicants; DOJ: one facilitator's address and accounts).
    const shares = new Set<string>();
    if (inRing) {
      const kinds = ['phone', 'email', 'device', 'resume', 'shipping', 'payroll', 'reference', 'photo', 'farm_ip'];
      const weights = [0.35, 0.2, 0.35, 0.45, 0.3, 0.2, 0.25, 0.1, 0.3];
      kinds.forEach((k, i) => chance(weights[i]!) && shares.add(k));
      if (shares.size === 0) shares.add(pick(['phone', 'device', 'resume']));
    }
    const farm = US_PLACES[pick(FARM_PLACES)]!;
    const farmIp = usHomeIp(farm[1]);
    const sharedPhone = usNumber(pick(US_PLACES)[3]);
    const sharedEmail = `${slug(pick(['dev', 'talent', 'work', 'career']))}.${next()}@${pick(MAIL)}`;
    const sharedDevice = `fp_r${next()}`;
    const sharedResume = words(70);
    const sharedShipping = { line1: `${between(100, 9800)} ${pick(STREETS)}`, city: farm[0], region: farm[1], postalCode: farm[2], country: 'US' };
    const sharedPayroll = `sha256:${hex16()}${hex16()}`;
    const sharedRef = { name: nameOf(origin()).full, email: `ref.${next()}@${pick(MAIL)}`, phone: usNumber(pick(US_PLACES)[3]) };
    const sharedPhoto = hex16();
    const vpn = pick(pools.fraudVpn);
    const asianZone = pick(['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Vladivostok']);
    const firstDay = between(0, SPAN_DAYS - 25);
    // How the ring connects: VPN/VPS (FBI/ROK 2023), a laptop farm's home line (DOJ 2024-2025), or straight from abroad.
    const connect = shares.has('farm_ip') ? 'farm' : pick(['vpn', 'vpn', 'vpn', 'farm', 'abroad', 'us_home']);
    for (let j = 0; j < size && fraudApps < fraudTarget; j++) {
      const o = origin();
      const traits: string[] = [...[...shares].map((s) => `ring_shares_${s}`)];
      const { full } = nameOf(o);
      const placeNo = between(0, US_PLACES.length - 1);
      const [city, region, zip, area, zone] = US_PLACES[placeNo]!;
      const id = next();
      // A stolen or borrowed identity: the victim's real-looking home address.
      const sloppyZip = chance(0.05);
      const address = { line1: `${between(1, 9800)} ${pick(STREETS)}`, city, region, postalCode: sloppyZip ? pick(US_PLACES.filter((p) => p[1] !== region))[2] : zip, country: 'US' };
      if (sloppyZip) traits.push('zip_of_another_state');
      // VoIP numbers are picked anywhere (FBI 2025), so the area code often serves another state.
      let phone = shares.has('phone') ? sharedPhone : usNumber(chance(0.5) ? pick(US_PLACES)[3] : area);
      if (chance(0.35)) {
        phone = `+1 ${phone}`;
        traits.push('plus1_typed');
      }
      const perConnect = connect === 'vpn' || (connect !== 'farm' && chance(0.2)) ? 'vpn' : connect;
      const ip = perConnect === 'vpn' ? vpn : perConnect === 'farm' ? farmIp : perConnect === 'abroad' ? hostIn(pools.overseas) : usHomeIp(region);
      traits.push(`connects_${perConnect}`);
      const clock = chance(0.25) ? asianZone : zone;
      if (clock !== zone) traits.push('asian_clock');
      const nightShift = chance(0.5);
      if (nightShift) traits.push('us_night_submission');
      const day = firstDay + between(0, 20);
      const nameSlug = slug(full);
      const gradYear = between(2006, 2019);
      const location = `${city}, ${region}`;
      const education = ((): Record<string, unknown>[] => {
        const r = rand();
        if (r < 0.12) {
          traits.push('unlisted_us_school');
          return [{ institution: pick(UNLISTED_US_SCHOOLS), degree: 'BS', field: 'Computer Science', start: month(gradYear - 4, 8), end: month(gradYear, 5) }];
        }
        if (r < 0.27) {
          traits.push('off_calendar_degree');
          return [{ institution: pick(US_SCHOOLS), degree: 'BS', field: pick(FIELDS), start: month(gradYear - 4, 8), end: month(gradYear, pick([2, 10, 11])) }];
        }
        if (r < 0.35) {
          traits.push('implausible_degree');
          return [{ institution: pick(US_SCHOOLS), degree: 'BS', field: pick(FIELDS), start: month(gradYear - 1, 8), end: month(gradYear, 5) }];
        }
        if (r < 0.45) {
          traits.push('foreign_school');
          return [{ institution: pick(['Dalian University of Technology', 'Shenyang University of Technology', 'Harbin Institute of Technology']), degree: 'BS', field: 'Computer Science', start: month(gradYear - 4, 9), end: month(gradYear, 7) }];
        }
        return [{ institution: pick(US_SCHOOLS), degree: pick(['BS', 'BSc']), field: pick(FIELDS), start: month(gradYear - 4, 8), end: month(gradYear, 5) }];
      })();
      const employment = career(gradYear, location, traits);
      if (chance(0.25) && employment.length >= 2) {
        // Several jobs at once (advisory 2022): the current job started before the last one ended, both full time.
        employment[employment.length - 2]!.end = null;
        traits.push('concurrent_jobs');
      }
      if (chance(0.1)) {
        employment.unshift({ employer: pick(FRONT_EMPLOYERS), title: 'Software Developer', start: month(gradYear, 7), end: month(gradYear + 2, 6), location: pick(['Shenyang, China', 'Dandong, China', 'Vladivostok, Russia', 'Remote']) });
        traits.push('front_company_employer');
      }
      const claimsYears = chance(0.15) ? `${2025 - gradYear + between(4, 8)}+ years of experience. ` : '';
      if (claimsYears) traits.push('inflated_experience');
      const links: string[] = [];
      const linkedinUrl = chance(0.75) ? `https://www.linkedin.com/in/${nameSlug}-${digits(id, 6)}` : undefined;
      if (linkedinUrl) links.push(linkedinUrl);
      if (chance(0.03)) {
        links.push(pick(FRONT_SITES));
        traits.push('front_company_site');
      }
      const references = [] as Record<string, unknown>[];
      if (shares.has('reference')) references.push({ ...sharedRef, organization: pick(EMPLOYERS), relationship: 'former manager' });
      else if (chance(0.15)) {
        references.push({ name: nameOf(origin()).full, phone, organization: pick(EMPLOYERS), relationship: 'colleague' });
        traits.push('reference_is_applicant');
      } else references.push({ name: nameOf(origin()).full, email: `ref.${next()}@${pick(MAIL)}`, phone: usNumber(pick(US_PLACES)[3]), organization: pick(EMPLOYERS), relationship: 'former manager' });
      const linkedin = linkedinUrl
        ? (() => {
            const young = chance(0.4);
            const few = chance(0.4);
            const bought = !young && chance(0.12);
            if (young) traits.push('young_profile');
            if (few) traits.push('few_connections');
            if (bought) traits.push('bought_profile');
            const otherName = chance(0.1);
            if (otherName) traits.push('profile_other_name');
            return {
              url: linkedinUrl,
              displayName: otherName ? nameOf(origin()).full : full,
              createdAt: young ? '2025-03' : month(gradYear - 1, 3),
              activity: bought ? [month(gradYear, 6), '2021-01', '2025-09'] : [month(gradYear, 6), '2025-08'],
              connections: few ? between(3, 45) : between(60, 600),
              location: chance(0.1) ? pick(['Shenyang, China', 'Remote', 'Dubai, UAE']) : location,
              ...(bought ? { nameChangedAt: '2023-04' } : {}),
            };
          })()
        : undefined;
      const record: Record<string, unknown> = {
        id: `${pick(['gh', 'lv', 'ab'])}-${next()}`,
        source: pick(['greenhouse', 'lever', 'ashby']),
        submittedAt: at(day, nightShift ? between(0, 4) : daytime(), zone),
        job: { id: `req-${between(1, 300)}`, title: pick(JOBS), remote: true },
        applicant: {
          fullName: full,
          emails: [shares.has('email') ? sharedEmail : `${nameSlug}.${id % 1000}@${chance(0.03) ? 'guerrillamail.com' : pick(MAIL)}`],
          phones: [phone],
          address,
          links,
          ...(shares.has('photo') ? { photoHash: sharedPhoto } : chance(0.6) ? { photoHash: hex16() } : {}),
        },
        education,
        employment,
        references,
        resumeText: `${full}. ${claimsYears}${shares.has('resume') ? sharedResume : words(70)}`,
        session: { ip, userAgent: pick(USER_AGENTS), timezone: clock, deviceId: shares.has('device') ? sharedDevice : `fp_${digits(id, 7)}` },
        ...(linkedin ? { profiles: { linkedin } } : {}),
      };
      if (chance(0.5)) {
        const flags: string[] = [];
        const cameraOn = !chance(0.4);
        if (chance(0.3)) flags.push('reading_answers');
        if (chance(0.3)) flags.push('audio_lag');
        if (chance(0.08)) flags.push('face_mismatch');
        if (chance(0.05)) flags.push('deepfake_suspected');
        if (chance(0.05)) flags.push('voice_changer_suspected');
        if (chance(0.1)) flags.push('location_knowledge_failed');
        record.interviews = [{ at: at(day + between(4, 12), nightShift ? between(19, 23) : between(9, 17), zone), mode: 'video', cameraOn, clientIp: ip, flags }];
        traits.push(`interview${cameraOn ? '' : '_camera_off'}${flags.length ? `_${flags.join('_')}` : ''}`);
      }
      if (chance(0.25)) {
        const mailDrop = chance(0.15);
        record.onboarding = {
          shippingAddress: mailDrop
            ? { line1: '4283 Express Lane', line2: `Suite ${between(100, 999)}-${between(100, 999)}`, city: 'Sarasota', region: 'FL', postalCode: '34238', country: 'US' }
            : shares.has('shipping') || chance(0.7) ? sharedShipping : address,
          payrollAccountHash: shares.has('payroll') ? sharedPayroll : `sha256:${hex16()}${hex16()}`,
          identityDocument: chance(0.9) ? { verified: true, method: pick(['upload', 'video']) } : { verified: false },
        };
        traits.push(mailDrop ? 'ships_to_mail_drop' : 'onboarding');
      }
      out.push({ record, label: 'fraud', person: `f-${personNo++}`, origin: o, traits, ...(ring ? { ring } : {}) });
      fraudApps++;
    }
  }
  return out.sort((a, b) => (a.record.submittedAt as string).localeCompare(b.record.submittedAt as string));
}
