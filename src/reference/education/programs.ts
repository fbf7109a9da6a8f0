import { foldText } from '../../normalise/text.js';

/**
 * Free-text degrees and fields of study mapped onto the vocabulary of the
 * College Scorecard field-of-study file: credential levels (CREDLEV) and
 * 4-digit CIP codes (Classification of Instructional Programs, NCES).
 *
 * A field maps to a *family* of CIP codes, every code under which a school
 * could report that program: schools code "Computer Science" as 11.07, as
 * 11.01 (Computer and Information Sciences, General), some as 14.09 (Computer
 * Engineering, which holds Software Engineering) or 30.08 (Mathematics and
 * Computer Science). The program check fires only when the school reports
 * none of the family at the claimed level, so a broad family keeps it
 * conservative. Anything not in these tables maps to nothing, and the check
 * stays silent.
 */

/** Scorecard credential levels (CREDLEV). */
export const CREDENTIAL_LEVELS = {
  1: 'undergraduate certificate',
  2: "associate's",
  3: "bachelor's",
  4: 'post-baccalaureate certificate',
  5: "master's",
  6: 'doctoral',
  7: 'first professional',
  8: 'graduate certificate',
} as const;
export type CredentialLevel = keyof typeof CREDENTIAL_LEVELS;

export function levelName(level: number): string {
  return CREDENTIAL_LEVELS[level as CredentialLevel] ?? `level ${level}`;
}

/** "1107" or "11.07" or 1107 -> "11.07"; undefined when not a CIP code. */
export function cip4(code: string | number): string | undefined {
  const digits = String(code).trim().replace('.', '');
  if (!/^\d{1,4}$/.test(digits)) return undefined;
  const padded = digits.padStart(4, '0');
  return `${padded.slice(0, 2)}.${padded.slice(2)}`;
}

/** Degree abbreviations, written without dots or spaces ("B.Sc." -> "bsc"). */
const DEGREE_ABBREVIATIONS: Readonly<Record<string, CredentialLevel>> = {
  // associate's
  aa: 2, as: 2, aas: 2, aat: 2, aab: 2, asn: 2,
  // bachelor's
  bs: 3, bsc: 3, ba: 3, ab: 3, sb: 3, be: 3, beng: 3, btech: 3, bse: 3, bsee: 3, bsme: 3, bscs: 3, bcs: 3,
  bcomp: 3, bmath: 3, bas: 3, bba: 3, bfa: 3, bis: 3, bsit: 3, bsis: 3, bsba: 3, bscomp: 3, bsce: 3, bsche: 3,
  bachelor: 3, bachelors: 3, baccalaureate: 3,
  // master's
  ms: 5, msc: 5, ma: 5, meng: 5, mtech: 5, mcs: 5, mse: 5, sm: 5, mba: 5, mis: 5, msis: 5, msit: 5, mps: 5,
  mcit: 5, mscs: 5, msee: 5, msds: 5, mas: 5, mcomp: 5, mmath: 5, mphil: 5, mres: 5, master: 5, masters: 5,
  // doctoral (research)
  phd: 6, dphil: 6, edd: 6, dsc: 6, deng: 6, dba: 6, doctorate: 6, doctoral: 6,
};

/** Degree names in words, as a prefix of the normalised text. Longest first. */
const DEGREE_PHRASES: readonly [string, CredentialLevel][] = ([
  ['associate of applied science', 2], ['associate of science', 2], ['associate of arts', 2], ['associate degree', 2], ['associates degree', 2], ['associate', 2], ['associates', 2],
  ['bachelor of science', 3], ['bachelor of arts', 3], ['bachelor of engineering', 3], ['bachelor of technology', 3],
  ['bachelor of applied science', 3], ['bachelor of computer science', 3], ['bachelor of business administration', 3],
  ['bachelors degree', 3], ['bachelor degree', 3], ['bachelor of', 3],
  ['master of science', 5], ['master of arts', 5], ['master of engineering', 5], ['master of computer science', 5],
  ['master of business administration', 5], ['master of information technology', 5], ['masters degree', 5], ['master degree', 5], ['master of', 5],
  ['doctor of philosophy', 6], ['doctor of engineering', 6], ['doctor of science', 6], ['doctoral degree', 6],
] as [string, CredentialLevel][]).sort((a, b) => b[0].length - a[0].length);

function words(text: string): string {
  return foldText(text).replace(/['\u2019]/g, '').replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface DegreeReading {
  readonly level: CredentialLevel;
  /** A field written inside the degree ("BS in Computer Science"), when there is one. */
  readonly field?: string;
}

/**
 * The credential level of a free-text degree, and the field when the degree
 * carries one: "BS", "B.Sc.", "Bachelor of Science in Computer Science",
 * "MEng", "Ph.D.", "Associate of Applied Science". Unknown -> undefined.
 */
export function readDegree(degree: string | undefined): DegreeReading | undefined {
  if (!degree) return undefined;
  const text = words(degree.replace(/\([^)]*\)/g, ' '));
  if (!text) return undefined;
  for (const [phrase, level] of DEGREE_PHRASES) {
    if (text === phrase || text.startsWith(`${phrase} `)) {
      const rest = text.slice(phrase.length).trim().replace(/^(in|of)\s+/, '');
      // "Bachelor of Science" leaves nothing; "Bachelor of Computer Science" is the field itself.
      return rest ? { level, field: rest } : { level };
    }
  }
  // Abbreviations: "B.S.", "BSc (Hons)", "MS, Computer Science", "BS in CS".
  const compact = foldText(degree).replace(/['\u2019]/g, '').replace(/\([^)]*\)/g, ' ').trim();
  const m = compact.match(/^([a-z](?:[a-z.]*[a-z])?\.?)(?:\s*(?:,|-|:|\bin\b|\bof\b)\s*|\s+|$)(.*)$/);
  if (!m) return undefined;
  const abbr = m[1]!.replace(/\./g, '');
  const level = DEGREE_ABBREVIATIONS[abbr];
  if (level === undefined) {
    // "Ph. D.", "M. Eng": letters split by dots and spaces.
    const squeezed = compact.replace(/[.\s]/g, '');
    const whole = DEGREE_ABBREVIATIONS[squeezed];
    return whole === undefined ? undefined : { level: whole };
  }
  const rest = words(m[2] ?? '').replace(/^(in|of)\s+/, '');
  return rest ? { level, field: rest } : { level };
}

export interface FieldFamily {
  /** How evidence names the field. */
  readonly label: string;
  /** 4-digit CIP codes under which a school may report it. */
  readonly cips: readonly string[];
}

const COMPUTING = ['11.01', '11.02', '11.04', '11.07', '11.99', '14.09', '30.08', '30.30'];
const FAMILIES: Readonly<Record<string, FieldFamily>> = {
  computerScience: { label: 'Computer Science', cips: COMPUTING },
  softwareEngineering: { label: 'Software Engineering', cips: [...COMPUTING, '11.08', '14.99'] },
  computerEngineering: { label: 'Computer Engineering', cips: ['14.09', '14.10', '14.47', '14.01', '14.99', '15.12', '11.01', '11.07'] },
  electricalEngineering: { label: 'Electrical Engineering', cips: ['14.10', '14.09', '14.47', '14.01', '14.99', '15.03'] },
  dataScience: { label: 'Data Science', cips: [...COMPUTING, '30.70', '30.71', '27.01', '27.03', '27.05', '27.99', '52.12', '52.13'] },
  informationTechnology: { label: 'Information Technology', cips: ['11.01', '11.03', '11.04', '11.05', '11.09', '11.10', '11.99', '52.12'] },
  informationSystems: { label: 'Information Systems', cips: ['11.01', '11.04', '11.05', '11.10', '11.99', '52.12', '52.13'] },
  cybersecurity: { label: 'Cybersecurity', cips: ['11.01', '11.09', '11.10', '11.99', '43.01', '43.03', '43.04'] },
  mathematics: { label: 'Mathematics', cips: ['27.01', '27.03', '27.05', '27.99', '30.08'] },
  statistics: { label: 'Statistics', cips: ['27.05', '27.01', '27.03', '27.99', '30.08'] },
  physics: { label: 'Physics', cips: ['40.08', '40.01', '40.99', '14.12'] },
  mechanicalEngineering: { label: 'Mechanical Engineering', cips: ['14.19', '14.01', '14.99', '15.08'] },
};

/** Field names as applicants write them (normalised: lower case, "&" as "and", no punctuation). */
const FIELD_NAMES: Readonly<Record<string, keyof typeof FAMILIES>> = {
  'computer science': 'computerScience', cs: 'computerScience', 'comp sci': 'computerScience', compsci: 'computerScience',
  'computer sciences': 'computerScience', 'computing science': 'computerScience', computing: 'computerScience',
  'computer science and engineering': 'computerScience', cse: 'computerScience', 'computer and information science': 'computerScience',
  'computer and information sciences': 'computerScience', 'computer information science': 'computerScience',
  'computer science and technology': 'computerScience', 'computer science and mathematics': 'computerScience',
  'software engineering': 'softwareEngineering', se: 'softwareEngineering', 'software development': 'softwareEngineering',
  'computer engineering': 'computerEngineering', 'computer systems engineering': 'computerEngineering',
  'electrical engineering': 'electricalEngineering', ee: 'electricalEngineering', 'electrical and electronics engineering': 'electricalEngineering',
  'electrical and electronic engineering': 'electricalEngineering', 'electrical and computer engineering': 'electricalEngineering',
  ece: 'electricalEngineering', 'electronics engineering': 'electricalEngineering',
  'data science': 'dataScience', 'data analytics': 'dataScience', 'data science and analytics': 'dataScience',
  'information technology': 'informationTechnology', it: 'informationTechnology',
  'information systems': 'informationSystems', 'computer information systems': 'informationSystems', cis: 'informationSystems',
  'management information systems': 'informationSystems', mis: 'informationSystems',
  cybersecurity: 'cybersecurity', 'cyber security': 'cybersecurity', 'information security': 'cybersecurity',
  mathematics: 'mathematics', math: 'mathematics', maths: 'mathematics', 'applied mathematics': 'mathematics',
  'applied math': 'mathematics', 'pure mathematics': 'mathematics',
  statistics: 'statistics', 'applied statistics': 'statistics',
  physics: 'physics', 'applied physics': 'physics', 'engineering physics': 'physics',
  'mechanical engineering': 'mechanicalEngineering', me: 'mechanicalEngineering',
};

/**
 * The CIP family of a free-text field ("Computer Science", "CS", "B.S. in
 * Software Engineering" after the degree is read off). Unknown -> undefined.
 */
export function readField(field: string | undefined): FieldFamily | undefined {
  if (!field) return undefined;
  const text = words(field.replace(/\([^)]*\)/g, ' '))
    .replace(/\s+(with\s+)?(honou?rs|major|degree|program|programme)$/, '')
    .replace(/^(major|majoring|concentration|specialization)\s+in\s+/, '')
    .trim();
  const family = FIELD_NAMES[text];
  return family ? FAMILIES[family] : undefined;
}
